// /api/v1/notifications: the caller's own notifications about incidents (issue 16, must 7), and
// their live stream as Server-Sent Events (HTML Living Standard §9.2), which, like /events,
// checks the caller's access again on an interval and ends on sign-out or revocation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthService } from '../../services/auth.service.ts';
import type { NotificationService } from '../../services/notification.service.ts';
import { authenticate, principalOf, writerOf } from '../auth/plugin.ts';
import { watchAccess } from '../events/access-watch.ts';
import { MarkReadBody, NotificationPage, NotificationQuery, StreamQuery } from './schema.ts';

const HEARTBEAT_MS = 25_000;
/** How often a stream's credentials are checked again (as /events does). */
const RECHECK_MS = 15_000;

/** Notification routes; mount under /api/v1. */
export function notificationRoutes(notifications: NotificationService, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['notifications'];
    // Every page of the UI holds a stream (the header's bell): they are ended when the server
    // closes, before it waits for its connections, and none leaves a listener behind on the server.
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
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
        const principal = principalOf(req);
        const raw = reply.raw;
        // Refused before the stream starts: an ordinary problem+json answer.
        const send = (n: unknown): void => void raw.write(`event: notification\ndata: ${JSON.stringify(n)}\n\n`);
        let unsubscribe = notifications.subscribe(principal, send);
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // §9.2.6: `retry` sets the reconnection delay.
        raw.write('retry: 3000\nevent: ready\ndata: {}\n\n');
        if (req.query.wait === 0) {
          unsubscribe();
          return raw.end();
        }
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        const watch = watchAccess(
          principal,
          () => authenticate(auth, req),
          {
            changed: (p) => {
              unsubscribe();
              try {
                unsubscribe = notifications.subscribe(p, send);
              } catch {
                end(); // the caller's roles no longer let them read notifications
              }
            },
            gone: () => end(),
          },
          RECHECK_MS,
        );
        const end = (): void => {
          open.delete(end);
          clearInterval(heartbeat);
          clearTimeout(limit);
          watch.stop();
          unsubscribe();
          if (!raw.writableEnded) raw.end();
        };
        const limit = setTimeout(end, req.query.wait * 1000);
        req.raw.once('close', end);
        open.add(end);
      },
    );
  };
}
