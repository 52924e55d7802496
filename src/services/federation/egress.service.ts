// Egress (issue 5, item 3): what one peer may pull. The peer reads its own TAXII collection,
// read through the TAXII collection repository like any query collection, filtered by the
// access gate with the peer as reader (the one access-policy implementation), then by the
// outbound policy and the TLP re-share rules (domain/federation/egress.ts). What this node
// originated leaves signed (domain/federation/provenance.ts); what it relays leaves unchanged.
import type { UserPrincipal } from '../../domain/identity/principal.ts';
import type { Reader } from '../../domain/access/types.ts';
import { formatDistribution, type AccessLabel } from '../../domain/access/types.ts';
import { mayEgress, peerReader, withTlpMarking } from '../../domain/federation/egress.ts';
import { provenanceOf, signObject } from '../../domain/federation/provenance.ts';
import type { Peer } from '../../domain/federation/types.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { CONCORD_PUBLISHED_IDS } from '../../domain/markings/concord-markings.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { Collection, CollectionEntry, CollectionRepo } from '../../store/collection.types.ts';
import type { OrgRepo } from '../../store/identity.types.ts';
import type { AccessRepo } from '../../store/types.ts';
import type { AccessGate, Visible } from '../access-gate.ts';
import type { NodeIdentity } from './node.service.ts';

/** One page for a peer: object texts, whether more may follow, the position to continue after. */
export interface EgressPage {
  objects: string[];
  more: boolean;
  /** The last position read (store sequence), shown or not: the peer's next cursor. */
  next: number;
  /** Date added of the first and last object sent (TAXII 2.1 §3.2), when any. */
  first: string | null;
  last: string | null;
  /** This node's store head, for the peer's lag. */
  head: number;
}

export interface EgressDeps {
  collections: CollectionRepo;
  access: AccessRepo;
  orgs: OrgRepo;
  gate: AccessGate;
  schemes: SchemeRegistry;
  node: () => Promise<NodeIdentity>;
  head: () => Promise<number>;
}

/** Rows read per batch, and at most per page (a page of a sparse collection stops early). */
const BATCH = 1000;
const MAX_SCAN = 20_000;
const CACHE = 4000;

/** How long a stored but not yet labelled version holds a peer's cursor back: labels are
 *  written right after their versions (and, for objects whose marking definitions come later in
 *  the same import, when it ends). Passing it would skip it for good; past this, it is taken for
 *  a version whose label was lost in a crash, which no one may read anyway. */
const LABEL_SETTLE_MS = 5 * 60_000;
/** How long a gap in the sequence holds the cursor back: on PostgreSQL a version with a lower
 *  sequence may commit after a higher one. A gap that stays (a rolled-back reservation) is
 *  passed after this. Each commit notifies the peers, so a held-back cursor moves on at once. */
const GAP_SETTLE_MS = 10_000;

/** Whether the cursor may move past `e` (position `after` is the last one passed). */
function mayPass(e: CollectionEntry, after: number, labelled: boolean, now: number): boolean {
  const age = now - Date.parse(e.dateAdded);
  if (e.position !== after + 1 && after > 0 && age < GAP_SETTLE_MS) return false;
  return labelled || age > LABEL_SETTLE_MS || e.object.json.includes('"x_concord_retracted":true');
}

/** The principal a peer reads as: a read-only viewer whose reader is the peer's (egress.ts). */
export function peerPrincipal(peer: Peer, reader: Reader): UserPrincipal {
  const at = peer.createdAt;
  return {
    kind: 'user',
    user: { id: `peer:${peer.id}`, orgId: peer.nodeId, username: `peer:${peer.name}`, displayName: peer.name, roles: ['viewer'], clearances: { ...reader.clearances }, exercises: [...reader.exercises], disabled: false, createdAt: at, updatedAt: at },
    org: { id: peer.nodeId, name: peer.name, country: null, communities: [...reader.communities], node: peer.nodeId, defaultTlp: 'red', defaultDistribution: 'organization', disabled: false, createdAt: at, updatedAt: at },
    via: 'token',
    scope: 'read',
    tokenId: null,
    reader,
  };
}

/** The collection a peer reads: every version, in the order stored. */
function peerCollection(peer: Peer): Collection {
  return { id: peer.keyId, title: `Federation: ${peer.name}`, description: '', alias: null, kind: 'query', query: {}, read: [], write: [], mediaTypes: [], createdAt: peer.createdAt, updatedAt: peer.updatedAt };
}

/** Pages of what may leave to each peer. */
export class EgressService {
  private readonly deps: EgressDeps;
  /** Signed forms by store sequence: several peers pull the same new versions. Ed25519 is
   *  deterministic, so a form signed again is byte-identical; the cache only saves the work. */
  private readonly signed = new Map<number, string>();

  constructor(deps: EgressDeps) {
    this.deps = deps;
  }

  /** The reader a peer reads as, with the local sharing groups one of its organisations is in. */
  async readerFor(peer: Peer): Promise<Reader> {
    const groups = (await this.deps.orgs.listSharingGroups()).filter((g) => !g.disabled && g.members.some((m) => peer.orgs.includes(m))).map((g) => g.id);
    return peerReader(peer, groups, this.deps.schemes);
  }

  /** Versions stored after position `after` that may leave to `peer`, at most `limit`. */
  async page(peer: Peer, after: number, limit: number): Promise<EgressPage> {
    const reader = await this.readerFor(peer);
    const principal = peerPrincipal(peer, reader);
    const node = await this.deps.node();
    const local = new Set((await this.deps.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id));
    const c = peerCollection(peer);
    const out: { text: string; dateAdded: string }[] = [];
    let position = after;
    let scanned = 0;
    let exhausted = false;
    let settled = true;
    while (out.length < limit && scanned < MAX_SCAN && settled) {
      const batch = await this.deps.collections.entries(c, { select: { all: true }, after: position, limit: BATCH });
      scanned += batch.length;
      const labels = await this.deps.access.labels(batch.map((e) => e.object.seq));
      const visible = new Map((await this.deps.gate.filter(principal, batch.map((e) => e.object))).map((v) => [v.seq, v]));
      const now = Date.now();
      for (const e of batch) {
        if (!mayPass(e, position, labels.has(e.object.seq), now)) {
          settled = false;
          break;
        }
        position = e.position;
        const v = visible.get(e.object.seq);
        const label = labels.get(e.object.seq);
        if (v && label && mayEgress(reader, peer.outbound, v.type, label, this.deps.schemes)) {
          const text = this.prepare(v, label, local, node, peer);
          if (text !== undefined) out.push({ text, dateAdded: e.dateAdded });
        }
        if (out.length >= limit) break;
      }
      if (settled && batch.length < BATCH && position === (batch.at(-1)?.position ?? position)) {
        exhausted = true;
        break;
      }
    }
    if (!settled) exhausted = true;
    const more = !exhausted;
    return { objects: out.map((o) => o.text), more, next: position, first: out[0]?.dateAdded ?? null, last: out.at(-1)?.dateAdded ?? null, head: await this.deps.head() };
  }

  /**
   * The text that leaves: definitions as held; a relayed object as received (its origin's
   * signature must stay intact), except back to the node it came from; this node's own
   * objects signed, with the TLP and distribution of their label made explicit.
   */
  private prepare(v: Visible, label: AccessLabel, local: Set<string>, node: NodeIdentity, peer: Peer): string | undefined {
    if (v.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(v.id)) return v.json;
    const cached = v.withheld.length === 0 ? this.signed.get(v.seq) : undefined;
    if (cached !== undefined) return cached;
    const o = JSON.parse(v.json) as StixObject;
    const p = provenanceOf(o);
    if (p) return p.keyId === peer.keyId ? undefined : v.json;
    if (!local.has(label.ownerOrg)) return v.json;
    const text = JSON.stringify(signObject(withTlpMarking(o, label), node.signer, label.ownerOrg, formatDistribution(label.distribution)));
    if (v.withheld.length === 0) {
      if (this.signed.size >= CACHE) this.signed.clear();
      this.signed.set(v.seq, text);
    }
    return text;
  }
}
