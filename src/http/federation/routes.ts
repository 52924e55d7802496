// What peer nodes call (issue 5, items 3 and 5), authenticated by their node signature instead
// of a user's credentials: the notification that nudges this node to pull, what has become of
// this node's sharing groups a peer holds, this node's audit head for the peer to witness and
// what it witnessed of the peer's (audit-witness.ts), and the peer's egress collection, a TAXII 2.1 Get
// Objects resource (§5.4) with `limit`, `next` and `more` (§3.5). The answers that carry data
// are signed by this node's key (request-signature.ts signResponse).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../errors.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { PeerAuthenticator } from '../../services/federation/peer-auth.ts';
import { installAuth } from '../auth/plugin.ts';
import type { FederationServices } from '../../services/federation/index.ts';
import { HEAD_HEADER, MORE_HEADER, NEXT_HEADER } from '../../services/federation/sync.service.ts';
import type { PeerRecord } from '../../domain/federation/types.ts';
import { taxiiTimestamp } from '../../domain/taxii/params.ts';
import { mayReadEgressCollection } from '../../domain/access/peer-egress.ts';
import { NONCE_HEADER, RESPONSE_SIGNATURE_HEADER, signResponse } from '../../domain/federation/request-signature.ts';
import { sendTaxii, sendTaxiiError } from '../taxii/present.ts';
import { GroupsBody, NotifyBody } from './schema.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The peer node that signed the request (federation routes only). */
    peer?: PeerRecord;
    /** The body as received, for the signature's digest. */
    rawBody?: string;
  }
}

/**
 * Parses JSON bodies keeping their text, and authenticates every request: a node-signed one as a
 * peer (services/federation/peer-auth.ts), any other as a user, whom the routes then refuse.
 */
function peerScope(app: Parameters<FastifyPluginAsyncTypebox>[0], fed: FederationServices, auth: AuthService): void {
  installAuth(app, auth, { skip: (req) => PeerAuthenticator.signed(req.headers) });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    req.rawBody = text;
    try {
      done(null, text === '' ? {} : JSON.parse(text));
    } catch (e) {
      done(new InvalidInputError(`the body is not JSON: ${(e as Error).message}`));
    }
  });
  app.addHook('preHandler', async (req) => {
    if (PeerAuthenticator.signed(req.headers))
      req.peer = await fed.peerAuth.authenticate(req.headers, req.method, req.url, req.rawBody ?? '');
  });
}

/** The peer that signed the request; a user gets `refusal` (they are not a peer node). */
function peerOf(req: FastifyRequest, refusal: () => Error): PeerRecord {
  if (!req.peer) throw refusal();
  return req.peer;
}

/** Sends `body` signed for the peer request it answers (its nonce): the peer checks it against
 *  this node's pinned key. */
async function sendAttested(
  fed: FederationServices,
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  send: (text: string) => FastifyReply,
): Promise<FastifyReply> {
  const nonce = req.headers[NONCE_HEADER];
  if (typeof nonce === 'string') reply.header(RESPONSE_SIGNATURE_HEADER, signResponse((await fed.node.identity()).signer.key, nonce, body));
  return send(body);
}

/** Sends `value` as JSON, signed as sendAttested does. */
function sendAttestedJson(fed: FederationServices, req: FastifyRequest, reply: FastifyReply, value: unknown): Promise<FastifyReply> {
  return sendAttested(fed, req, reply, JSON.stringify(value), (text) =>
    reply.status(200).header('content-type', 'application/json; charset=utf-8').send(text),
  );
}

/** POST /api/v1/federation/notify, /groups, /audit-head and /witnessed: register with prefix
 *  /api/v1/federation. */
export function notifyRoutes(fed: FederationServices, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    peerScope(app, fed, auth);
    app.post(
      '/notify',
      { schema: { summary: 'A peer announces new objects (signed by its node key)', tags: ['federation'], body: NotifyBody } },
      async (req, reply) => {
        const behind = await fed.sync.notified(
          peerOf(req, () => new ForbiddenError('only peer nodes notify, signing with their node key')),
          req.body.head,
        );
        return reply.status(202).send({ pulling: behind });
      },
    );
    app.post(
      '/audit-head',
      { schema: { summary: "This node's audit head, signed by its key, for a peer to keep as witness", tags: ['federation'] } },
      async (req, reply) => {
        peerOf(req, () => new ForbiddenError("only peer nodes ask for this node's audit head, signing with their node key"));
        const statement = await fed.witness.statement();
        return sendAttestedJson(fed, req, reply, { statement });
      },
    );
    app.post(
      '/witnessed',
      { schema: { summary: "What this node keeps of the calling peer's audit head statements", tags: ['federation'] } },
      async (req, reply) => {
        const peer = peerOf(
          req,
          () => new ForbiddenError('only peer nodes ask what this node witnessed of them, signing with their node key'),
        );
        const statement = await fed.witness.heldFor(peer);
        return sendAttestedJson(fed, req, reply, { statement });
      },
    );
    app.post(
      '/groups',
      {
        schema: {
          summary: "What has become of this node's sharing groups the calling peer holds (signed by its node key)",
          tags: ['federation'],
          body: GroupsBody,
        },
      },
      async (req, reply) => {
        const peer = peerOf(req, () => new ForbiddenError('only peer nodes ask for sharing group statements, signing with their node key'));
        const groups = await fed.egress.groupStatements(peer, req.body.ids);
        return sendAttestedJson(fed, req, reply, { groups });
      },
    );
  };
}

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

function limitOf(q: Record<string, unknown>): number {
  const raw = q['limit'];
  if (raw === undefined) return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError('limit must be a positive integer', { parameter: 'limit' });
  return Math.min(n, 1000);
}

function nextOf(q: Record<string, unknown>): number {
  const raw = q['next'];
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw))
    throw new InvalidInputError('next must be a value this server gave', { parameter: 'next' });
  return Number(raw);
}

/** GET /taxii2/federation/collections/{keyId}/objects/: register with prefix /taxii2/federation. */
export function egressRoutes(fed: FederationServices, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.setErrorHandler(sendTaxiiError);
    peerScope(app, fed, auth);
    app.get(
      '/collections/:id/objects/',
      { schema: { summary: "A peer's egress collection (TAXII 2.1 Get Objects, node-signed)", tags: ['federation'], params: Params } },
      async (req, reply) => {
        // Each peer reads only its own egress collection; to anyone else it does not exist.
        const peer = req.peer;
        if (!mayReadEgressCollection(peer, req.params.id)) throw new NotFoundError(`collection ${req.params.id}`);
        const q = (req.query ?? {}) as Record<string, unknown>;
        const page = await fed.egress.page(peer, nextOf(q), limitOf(q));
        reply.header(HEAD_HEADER, String(page.head)).header(MORE_HEADER, String(page.more)).header(NEXT_HEADER, String(page.next));
        // §3.2: the date added of the first and last object, when there is one.
        if (page.first !== null && page.last !== null)
          reply.header('x-taxii-date-added-first', taxiiTimestamp(page.first)).header('x-taxii-date-added-last', taxiiTimestamp(page.last));
        const paging = `"more":${page.more},"next":"${page.next}"`;
        // The page attested as a whole: the peer checks one signature for every object this node originated.
        return sendAttested(fed, req, reply, `{${paging},"objects":[${page.objects.join(',')}]}`, (text) =>
          sendTaxii(reply, 200, undefined, text),
        );
      },
    );
  };
}
