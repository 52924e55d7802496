// The checks ingress makes on each object before anything is stored (ingress.service.ts): who
// sent it (a pinned peer, or a local way in), the pinned keys its signature is checked against,
// and one object's verdict: refused with a stable reason, already held, or to store (issue 5,
// items 4 and 6; issue 14). Pure of storage but for reading the pinned peers.
import { ALWAYS_SENT } from '../../domain/access/peer-egress.ts';
import { provenanceOrigin } from '../../domain/access/sighting-egress.ts';
import { travelsUnsigned, type Provenance } from '../../domain/federation/provenance.ts';
import type { Peer } from '../../domain/federation/types.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { QuarantineReason } from '../../errors.ts';
import type { PeerRepo } from '../../store/repositories.ts';
import type { NodeIdentity } from './node.service.ts';
import type { PageItem, PinnedKeys } from './verifier.ts';
import type { RunSource } from '../ingest.service.ts';

/** The quarantine source of what a peer sent: `peer:<peer id>`. */
export const PEER_SOURCE = 'peer:';

/** Where checked objects came from: a pinned peer's page, or a local way in (an import, TAXII
 *  add, a feed, a retry) that brought objects claiming a node's provenance. */
export interface Sender {
  /** Quarantine source of what is refused. */
  source: string;
  /** Who writes, in the audit and the labels. */
  actor: string;
  /** Kept with each quarantined entry. */
  details: Record<string, unknown>;
  /** What messages call the sender. */
  name: string;
  /** Owner of the unsigned objects the inbound policy lets in (a peer's node identity). */
  nodeId: string;
  acceptTypes: readonly string[] | undefined;
  allowUnsigned: boolean;
  /** A local way in: a retracted object is refused with RETRACTED (a peer's is dropped quietly),
   *  and this node's own objects are checked against what it holds. */
  local: boolean;
  /** A peer's pull, the source of what it stored (issue 15, must 3); absent: a local way in,
   *  whose own source the import names. */
  run?: RunSource;
}

export function peerSender(peer: Peer): Sender {
  return {
    source: `${PEER_SOURCE}${peer.id}`,
    actor: `peer:${peer.name}`,
    details: { peer: peer.name },
    name: `peer ${peer.name}`,
    nodeId: peer.nodeId,
    acceptTypes: peer.inbound.acceptTypes,
    allowUnsigned: peer.inbound.allowUnsigned,
    local: false,
  };
}

/** An object of a page that passed the checks: its text and provenance (null: unsigned,
 *  accepted by the inbound policy, or a definition). */
export interface Checked {
  item: PageItem & { id: string; type: string };
  p: Provenance | null;
}

/** The pinned keys: this node's, and every peer's (relayed objects are checked against their
 *  origin), with the organisations each hosts. */
export async function pinnedKeys(
  peers: PeerRepo,
  node: NodeIdentity,
): Promise<{ keys: PinnedKeys; orgsOf: Map<string, readonly string[]> }> {
  const keys: PinnedKeys = [[node.keyId, node.publicKey]];
  const orgsOf = new Map<string, readonly string[]>();
  for (const p of await peers.list()) {
    if (p.disabled) continue;
    keys.push([p.keyId, p.publicKey]);
    orgsOf.set(p.keyId, p.orgs);
  }
  return { keys, orgsOf };
}

/** One object's verdict: refused (undefined, quarantined via `refuse`), already held, or to store. */
export function checkItem(
  item: PageItem,
  from: Sender,
  node: NodeIdentity,
  orgsOf: Map<string, readonly string[]>,
  local: Set<string>,
  refuse: (item: PageItem, reason: QuarantineReason, message: string) => void,
): Checked | 'held' | undefined {
  const v = item.verdict;
  if (item.id === null || item.type === null || v === null) {
    refuse(item, 'STIX_INVALID', 'not a STIX object: it has no id or type');
    return undefined;
  }
  const it = { ...item, id: item.id, type: item.type };
  // Definitions travel unsigned: marking definitions are immutable (STIX 2.1 §7.2.1), Concord's
  // own objects are identical on every node. The labeller keeps what is held.
  if (travelsUnsigned(it)) return { item: it, p: null };
  if (from.acceptTypes && !from.acceptTypes.includes(it.type) && !ALWAYS_SENT.has(it.type)) {
    refuse(item, 'PEER_TYPE_REFUSED', `${it.type} objects are not accepted from ${from.name}`);
    return undefined;
  }
  if (!v.ok) {
    if (v.reason !== 'PEER_SIGNATURE_INVALID' && from.allowUnsigned) return { item: it, p: null };
    refuse(item, v.reason, v.message);
    return undefined;
  }
  const p = v.provenance;
  // This node's own object coming back (A → B → A): held already, or retracted here. Its
  // signature held against this node's key, so it is byte for byte what this node signed; a
  // local way in still learns which (ownComingBack).
  if (p.keyId === node.keyId) return from.local ? { item: it, p } : 'held';
  // A sighting that hides its organisation (and a retraction of one) is signed in its node's name
  // (issue 17, must 2) and held here owned by that node; a hidden one naming an organisation
  // anyway broke its disclosure.
  const origin = provenanceOrigin(it.type === 'sighting' ? (JSON.parse(it.text) as StixObject) : { type: it.type }, p);
  if (origin === 'hidden-named') {
    refuse(item, 'PEER_ORIGIN_MISMATCH', `${it.id} hides its organisation but its provenance names organisation ${p.originOrg}`);
    return undefined;
  }
  if (origin === 'node') return { item: it, p };
  const hosted = orgsOf.get(p.keyId) ?? [];
  if (local.has(p.originOrg) || (hosted.length > 0 && !hosted.includes(p.originOrg))) {
    refuse(item, 'PEER_ORIGIN_MISMATCH', `${it.id} claims organisation ${p.originOrg}, which node ${p.originNode} does not host`);
    return undefined;
  }
  return { item: it, p };
}
