// /api/v1/events: Server-Sent Events (HTML Living Standard §9.2) of objects added, counted per
// reader by the access policy (services/events.service.ts).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EventsService } from '../../services/events.service.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { keepStream, startStream, trackStreams } from './stream.ts';

const EventsQuery = Type.Object(
  {
    // A stream ends after `wait` seconds and the browser's EventSource reconnects. Meanwhile
    // the caller's access is asked again every RECHECK_MS (stream.ts).
    wait: Type.Integer({
      minimum: 0,
      maximum: 3600,
      default: 900,
      description: 'Seconds to stream before closing (0: only the `ready` event)',
    }),
  },
  { additionalProperties: false },
);

/** The event-stream route; mount under /api/v1. */
export function eventRoutes(events: EventsService, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onClose', () => events.close());
    const open = trackStreams(app);
    app.get(
      '/events',
      {
        schema: {
          summary: 'Live updates as Server-Sent Events: `objects-added` with counts by type of what the caller may read',
          tags: ['dashboard'],
          querystring: EventsQuery,
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const send = startStream(reply);
        if (req.query.wait === 0) return reply.raw.end();
        const forward = (e: { type: string }): void => send(e.type, e);
        const unsubscribe = await events.subscribe(principal, forward);
        keepStream({
          req,
          reply,
          auth,
          principal,
          open,
          waitSeconds: req.query.wait,
          changed: (p) => events.rebind(forward, p),
          stop: unsubscribe,
        });
      },
    );
  };
}
