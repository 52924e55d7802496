// /api/v1/notifications: the caller's own notifications about incidents (issue 16, must 7), and
// their live stream as Server-Sent Events (HTML Living Standard §9.2), which, like /events,
// checks the caller's access again on an interval and ends on sign-out or revocation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthService } from '../../services/auth.service.ts';
import type { NotificationService } from '../../services/notification.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { StreamQuery, subscriptionStream, trackStreams } from '../events/stream.ts';
import { MarkReadBody, NotificationPage, NotificationQuery } from './schema.ts';

/** Notification routes; mount under /api/v1. */
export function notificationRoutes(notifications: NotificationService, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['notifications'];
    // Every page of the UI holds a stream (the header's bell).
    const open = trackStreams(app);
    app.get(
      '/notifications',
      {
        schema: {
          summary: 'Your notifications, newest first, with the unread count',
          tags,
          querystring: NotificationQuery,
          response: { 200: NotificationPage },
        },
      },
      async (req) => notifications.list(principalOf(req), req.query),
    );
    app.post(
      '/notifications/read',
      { schema: { summary: 'Mark notifications read: `{ ids }` or `{ all: true }`', tags, body: MarkReadBody } },
      async (req, reply) => {
        await notifications.markRead(writerOf(req), req.body);
        return reply.status(204).send();
      },
    );
    app.get(
      '/notifications/stream',
      { schema: { summary: 'Your new notifications, live, as Server-Sent Events (`notification`)', tags, querystring: StreamQuery } },
      async (req, reply) => {
        subscriptionStream({
          req,
          reply,
          auth,
          open,
          principal: principalOf(req),
          waitSeconds: req.query.wait,
          event: 'notification',
          subscribe: (p, forward) => notifications.subscribe(p, forward),
        });
      },
    );
  };
}
