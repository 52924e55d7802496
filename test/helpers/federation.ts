// Federation test helpers: nodes that listen on loopback and pin each other (issue 5).
import { CLI } from '../../src/domain/identity/principal.ts';
import type { PeerInput } from '../../src/domain/federation/peer-input.ts';
import type { PeerRecord } from '../../src/domain/federation/types.ts';
import { startNode, type TestNode } from './node.ts';

/** A test node that listens, with its federation identity. */
export interface FedNode extends TestNode {
  url: string;
  keyId: string;
  publicKey: string;
}

/** Starts a node listening on 127.0.0.1 (a random port). */
export async function startFedNode(env: Record<string, string> = {}): Promise<FedNode> {
  const node = await startNode(env);
  const url = await node.app.listen({ host: '127.0.0.1', port: 0 });
  const id = await node.services.federation.node.identity();
  return { ...node, url, keyId: id.keyId, publicKey: id.publicKey };
}

/** Pins `peer` on `node`, with what `peer` hosts and the policies in `input`. */
export async function pin(node: FedNode, peer: FedNode, input: PeerInput = {}): Promise<PeerRecord> {
  return node.services.federation.peers.add(CLI, {
    url: peer.url,
    key: peer.publicKey,
    name: `peer-${peer.keyId.slice(0, 6)}`,
    orgs: [peer.org.id],
    ...input,
  });
}
