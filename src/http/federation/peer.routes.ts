// /api/v1/peers and /api/v1/node (issue 5, items 1, 2, 5 and 6): peer administration with lag
// and errors, the node's identity, and retraction. Peers are node administrators' business.
import { actorName } from '../../domain/identity/principal.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FederationServices } from '../../services/federation/index.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { PeerBody, PeerParams, RetractBody } from './schema.ts';

/** Peer administration and the node's identity. */
export function peerRoutes(fed: FederationServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['federation'];
    app.get(
      '/node',
      { schema: { summary: "This node's federation identity: node id, public key, key id, hosted organisations", tags } },
      async (req) => {
        principalOf(req);
        const n = await fed.node.identity();
        // As `concord node info` shows them: what a partner pinning this node passes to --org.
        const organisations = await fed.hostedOrgs();
        return { nodeId: n.nodeId, keyId: n.keyId, publicKey: n.publicKey, publicKeyPem: n.publicKeyPem, organisations };
      },
    );
    app.get('/peers', { schema: { summary: 'Peers with their sync state and lag (node administrators)', tags } }, async (req) => ({
      peers: await fed.peers.list(principalOf(req)),
    }));
    app.post('/peers', { schema: { summary: 'Pin a peer (node administrators)', tags, body: PeerBody } }, async (req, reply) =>
      reply.status(201).send(await fed.peers.add(writerOf(req), req.body)),
    );
    app.get('/peers/:id', { schema: { summary: 'One peer with its sync state and lag', tags, params: PeerParams } }, async (req) =>
      fed.peers.get(principalOf(req), req.params.id),
    );
    app.patch(
      '/peers/:id',
      { schema: { summary: "Change a peer's key, hosted organisations or policies", tags, params: PeerParams, body: PeerBody } },
      async (req) => fed.peers.update(writerOf(req), req.params.id, req.body),
    );
    // Synchronous, as a feed's: the answer is what the pull did (a failure on the peer's side is
    // a result); meanwhile GET /peers shows the lag counting down. A pull of that peer already
    // running (the node's own schedule) answers 409.
    app.post(
      '/peers/:id/pull',
      { schema: { summary: 'Pull a peer now and return what the pull did', tags, params: PeerParams } },
      async (req) => {
        const writer = writerOf(req);
        const peer = await fed.peers.get(writer, req.params.id);
        return fed.sync.pull(peer.id, { actor: actorName(writer) });
      },
    );
    app.delete('/peers/:id', { schema: { summary: 'Forget a peer', tags, params: PeerParams } }, async (req, reply) => {
      await fed.peers.remove(writerOf(req), req.params.id);
      return reply.status(204).send();
    });
    app.post(
      '/retractions',
      { schema: { summary: 'Retract objects this node originated: purge them here and on every peer', tags, body: RetractBody } },
      async (req, reply) => {
        const r = await fed.retractions.retract(writerOf(req), req.body.ids, req.body.reason);
        return reply.status(201).send({ retraction: r.retraction, purged: r.purged });
      },
    );
  };
}
