// /api/v1/events: Server-Sent Events (HTML Living Standard §9.2) of objects added, counted per
// reader by the access policy (services/events.service.ts).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EventsService } from '../../services/events.service.ts';
import { principalOf } from '../auth/plugin.ts';

const EventsQuery = Type.Object(
  {
    // A stream ends after `wait` seconds and the browser's EventSource reconnects, which
    // authenticates again: a revoked session or a changed clearance takes effect within that time.
    wait: Type.Integer({ minimum: 0, maximum: 3600, default: 900, description: 'Seconds to stream before closing (0: only the `ready` event)' }),
  },
  { additionalProperties: false },
);

const HEARTBEAT_MS = 25_000;

/** The event-stream route; mount under /api/v1. */
export function eventRoutes(events: EventsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onClose', () => events.close());
    app.get('/events', { schema: { summary: 'Live updates as Server-Sent Events: `objects-added` with counts by type of what the caller may read', tags: ['dashboard'], querystring: EventsQuery } }, async (req, reply) => {
      const principal = principalOf(req);
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      // §9.2.6: `retry` sets the reconnection delay.
      raw.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      if (req.query.wait === 0) return raw.end();
      const unsubscribe = await events.subscribe(principal, (e) => raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = (): void => {
        clearInterval(heartbeat);
        clearTimeout(limit);
        unsubscribe();
        if (!raw.writableEnded) raw.end();
      };
      const limit = setTimeout(end, req.query.wait * 1000);
      req.raw.once('close', end);
      app.server.once('close', end);
    });
  };
}
