// /api/v1/events: Server-Sent Events (HTML Living Standard §9.2) of objects added, counted per
// reader by the access policy (services/events.service.ts).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EventsService } from '../../services/events.service.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { authenticate, principalOf } from '../auth/plugin.ts';
import { watchAccess } from './access-watch.ts';

const EventsQuery = Type.Object(
  {
    // A stream ends after `wait` seconds and the browser's EventSource reconnects. Meanwhile
    // the caller's access is asked again every RECHECK_MS (access-watch.ts).
    wait: Type.Integer({
      minimum: 0,
      maximum: 3600,
      default: 900,
      description: 'Seconds to stream before closing (0: only the `ready` event)',
    }),
  },
  { additionalProperties: false },
);

const HEARTBEAT_MS = 25_000;
/** How often a stream's credentials are checked again: a revoked token, an ended session or a
 *  disabled account stops it within this time (plus the authentication cache's 5 s). */
const RECHECK_MS = 15_000;

/** The event-stream route; mount under /api/v1. */
export function eventRoutes(events: EventsService, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onClose', () => events.close());
    // Streams still open are ended when the server closes, before it waits for its connections;
    // a listener per stream on the server itself would pile up until then.
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
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
        const raw = reply.raw;
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // §9.2.6: `retry` sets the reconnection delay.
        raw.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
        if (req.query.wait === 0) return raw.end();
        const send = (e: { type: string }): void => void raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        const unsubscribe = await events.subscribe(principal, send);
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        const watch = watchAccess(
          principal,
          () => authenticate(auth, req),
          { changed: (p) => events.rebind(send, p), gone: () => end() },
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
