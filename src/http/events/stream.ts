// What every Server-Sent Events route of the API shares (HTML Living Standard §9.2): the
// response head and `ready` event, a heartbeat, the caller's access asked again on an interval
// (access-watch.ts), an end after `wait` seconds (the browser's EventSource reconnects), and the
// end of every stream still open when the server closes — before it waits for its connections,
// and without one listener per stream left on the server until then.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/identity/principal.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { authenticate } from '../auth/plugin.ts';
import { watchAccess } from './access-watch.ts';

const HEARTBEAT_MS = 25_000;
/** How often a stream's credentials are checked again: a revoked token, an ended session or a
 *  disabled account stops it within this time (plus the authentication cache's 5 s). */
const RECHECK_MS = 15_000;

/** The streams a plugin has open; ended by the server's preClose hook. */
export type OpenStreams = Set<() => void>;

/** Registers the hook that ends `app`'s open streams when it closes; returns their set. */
export function trackStreams(app: FastifyInstance): OpenStreams {
  const open: OpenStreams = new Set();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  return open;
}

/** Takes the response over and sends the stream's head and its `ready` event. */
export function startStream(reply: FastifyReply): (event: string, data: unknown) => void {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // §9.2.6: `retry` sets the reconnection delay.
  raw.write('retry: 3000\nevent: ready\ndata: {}\n\n');
  return (event, data) => void raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export interface StreamLife {
  req: FastifyRequest;
  reply: FastifyReply;
  auth: AuthService;
  principal: Principal;
  open: OpenStreams;
  waitSeconds: number;
  /** The caller's access changed (roles, clearance, membership): rebind what the stream sends,
   *  or `end` it. */
  changed: (p: Principal, end: () => void) => void;
  /** The stream ends: stop sending. */
  stop: () => void;
}

/** Keeps a started stream alive until the client leaves, its access ends, `wait` passes or the
 *  server closes. */
export function keepStream(s: StreamLife): void {
  const raw = s.reply.raw;
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const watch = watchAccess(
    s.principal,
    () => authenticate(s.auth, s.req),
    { changed: (p) => s.changed(p, end), gone: () => end() },
    RECHECK_MS,
  );
  const end = (): void => {
    s.open.delete(end);
    clearInterval(heartbeat);
    clearTimeout(limit);
    watch.stop();
    s.stop();
    if (!raw.writableEnded) raw.end();
  };
  const limit = setTimeout(end, s.waitSeconds * 1000);
  s.req.raw.once('close', end);
  s.open.add(end);
}

/** The query of a subscription stream: a stream ends after `wait` seconds and the browser's
 *  EventSource reconnects, as /events does. */
export const StreamQuery = Type.Object(
  {
    wait: Type.Integer({ minimum: 0, maximum: 3600, default: 900, description: 'Seconds to stream before closing (0: only `ready`)' }),
  },
  { additionalProperties: false },
);

/** A subscription a stream forwards: subscribe throws when the principal may not read it. */
export type Subscribe = (p: Principal, forward: (data: unknown) => void) => () => void;

/**
 * Streams what a service publishes to one reader as `event`s (notifications, alerts): refused
 * before the stream starts (an ordinary problem+json answer) when the caller may not subscribe,
 * rebound when the caller's access changes, ended when it no longer may.
 */
export function subscriptionStream(
  s: Omit<StreamLife, 'changed' | 'stop' | 'principal'> & { event: string; subscribe: Subscribe; principal: Principal },
): void {
  let send: (event: string, data: unknown) => void = () => undefined;
  const forward = (data: unknown): void => send(s.event, data);
  let unsubscribe = s.subscribe(s.principal, forward);
  send = startStream(s.reply);
  if (s.waitSeconds === 0) {
    unsubscribe();
    s.reply.raw.end();
    return;
  }
  keepStream({
    ...s,
    changed: (p, end) => {
      unsubscribe();
      try {
        unsubscribe = s.subscribe(p, forward);
      } catch {
        end(); // the caller's roles no longer let them read what the stream sends
      }
    },
    stop: () => unsubscribe(),
  });
}
