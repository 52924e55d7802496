// Ingress (issue 5, items 4 and 6): what a peer sends is verified before normal ingestion.
// Each signed object is checked against the pinned key of its origin node (which may be another
// node than the peer that relayed it); what fails goes to quarantine with a stable reason. What
// passes is ingested as owned by its origin organisation, so the labeller's owner rule lets only
// the origin publish new versions; retractions are applied first; retracted ids never return.
import { ALWAYS_SENT } from '../../domain/federation/egress.ts';
import type { Provenance, Verified } from '../../domain/federation/provenance.ts';
import { CONCORD_RETRACTION_TYPE } from '../../domain/federation/retraction.ts';
import type { Peer } from '../../domain/federation/types.ts';
import { CONCORD_PUBLISHED_IDS } from '../../domain/markings/concord-markings.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { OriginRepo, PeerRepo, TombstoneRepo } from '../../store/federation.types.ts';
import type { OrgRepo } from '../../store/identity.types.ts';
import type { ImportSummary, NewQuarantineEntry, QuarantineRepo } from '../../store/types.ts';
import type { ImportOptions } from '../ingest.service.ts';
import type { NodeIdentity } from './node.service.ts';
import type { RetractionService } from './retraction.service.ts';
import { Verifier, type VerifyResults } from './verifier.ts';

/** What receiving one page did. */
export interface IngressSummary {
  accepted: number;
  unchanged: number;
  quarantined: number;
  /** Refused without keeping: retracted ids. */
  dropped: number;
  reasons: Record<string, number>;
}

export interface IngressDeps {
  ingest: { importStream(input: Iterable<string>, options: ImportOptions): Promise<ImportSummary> };
  quarantine: QuarantineRepo;
  origins: OriginRepo;
  tombstones: TombstoneRepo;
  peers: PeerRepo;
  orgs: OrgRepo;
  retractions: RetractionService;
  node: () => Promise<NodeIdentity>;
}

/** Objects of one page sorted for ingestion: by owner, definitions first. */
interface Sorted {
  definitions: StixObject[];
  byOwner: Map<string, StixObject[]>;
  origins: ({ id: string; keyId: string; originOrg: string })[];
  /** Versions from another node than the object's origin. */
  refused: { o: StixObject; reason: string; message: string }[];
}

function isStix(v: unknown): v is StixObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as StixObject).id === 'string' && typeof (v as StixObject).type === 'string';
}

/** The pinned keys: this node's, and every peer's (relayed objects are checked against their
 *  origin), with the organisations each hosts. */
async function pinnedKeys(peers: PeerRepo, node: NodeIdentity): Promise<{ keys: [string, string][]; orgsOf: Map<string, readonly string[]> }> {
  const keys: [string, string][] = [[node.keyId, node.publicKey]];
  const orgsOf = new Map<string, readonly string[]>();
  for (const p of await peers.list()) {
    if (p.disabled) continue;
    keys.push([p.keyId, p.publicKey]);
    orgsOf.set(p.keyId, p.orgs);
  }
  return { keys, orgsOf };
}

/** Receives pages from peers. */
export class IngressService {
  private readonly deps: IngressDeps;
  private readonly verifier = new Verifier();

  constructor(deps: IngressDeps) {
    this.deps = deps;
  }

  /** Checks the provenance signatures of a page (on a worker thread for large pages); start it
   *  early, so that it runs while the previous page is ingested. */
  async verify(raw: readonly unknown[]): Promise<VerifyResults> {
    const { keys } = await pinnedKeys(this.deps.peers, await this.deps.node());
    return this.verifier.verify({ keys, objects: [...raw] });
  }

  /** Verifies (unless `verified` is given, from verify()), sorts and ingests one page from `peer`. */
  async receive(peer: Peer, raw: readonly unknown[], verified?: Promise<VerifyResults>): Promise<IngressSummary> {
    const summary: IngressSummary = { accepted: 0, unchanged: 0, quarantined: 0, dropped: 0, reasons: {} };
    const held: NewQuarantineEntry[] = [];
    const source = `peer:${peer.id}`;
    const refuse = (o: unknown, reason: string, message: string): void => {
      held.push({ source, objectId: isStix(o) ? o.id : null, reason, details: { message, peer: peer.name }, raw: JSON.stringify(o) });
      summary.quarantined++;
      summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
    };
    const node = await this.deps.node();
    const keys = await pinnedKeys(this.deps.peers, node);
    const local = new Set((await this.deps.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id));
    const results = await (verified ?? this.verify(raw));
    const checked: { o: StixObject; p: Provenance | null }[] = [];
    for (const [i, o] of raw.entries()) {
      const r = this.check(o, results[i] ?? null, peer, node, keys.orgsOf, local, refuse);
      if (r === 'held') summary.unchanged++;
      else if (r !== undefined) checked.push(r);
    }
    // Retractions first, so that what they withdraw in the same page is not stored.
    for (const { o, p } of checked) if (o.type === CONCORD_RETRACTION_TYPE && p) await this.deps.retractions.apply(o, p, `peer:${peer.name}`);
    const sorted = await this.sort(checked, peer, summary);
    await this.deps.quarantine.add(held);
    await this.ingest(sorted, peer, summary);
    await this.deps.origins.record(sorted.origins);
    return summary;
  }

  /** One object's verdict: refused (undefined, quarantined via `refuse`), already held, or to store. */
  private check(
    o: unknown,
    v: Verified | null,
    peer: Peer,
    node: NodeIdentity,
    orgsOf: Map<string, readonly string[]>,
    local: Set<string>,
    refuse: (o: unknown, reason: string, message: string) => void,
  ): { o: StixObject; p: Provenance | null } | 'held' | undefined {
    if (!isStix(o) || v === null) {
      refuse(o, 'STIX_INVALID', 'not a STIX object: it has no id or type');
      return undefined;
    }
    // Definitions travel unsigned: marking definitions are immutable (STIX 2.1 §7.2.1), Concord's
    // own objects are identical on every node. The labeller keeps what is held.
    if (o.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(o.id)) return { o, p: null };
    if (peer.inbound.acceptTypes && !peer.inbound.acceptTypes.includes(o.type) && !ALWAYS_SENT.has(o.type)) {
      refuse(o, 'PEER_TYPE_REFUSED', `${o.type} objects are not accepted from peer ${peer.name}`);
      return undefined;
    }
    if (!v.ok) {
      if (v.reason !== 'PEER_SIGNATURE_INVALID' && peer.inbound.allowUnsigned) return { o, p: null };
      refuse(o, v.reason, v.message);
      return undefined;
    }
    const p = v.provenance;
    // This node's own object coming back (A → B → A): held already, or retracted here.
    if (p.keyId === node.keyId) return 'held';
    const hosted = orgsOf.get(p.keyId) ?? [];
    if (local.has(p.originOrg) || (hosted.length > 0 && !hosted.includes(p.originOrg))) {
      refuse(o, 'PEER_ORIGIN_MISMATCH', `${o.id} claims organisation ${p.originOrg}, which node ${p.originNode} does not host`);
      return undefined;
    }
    return { o, p };
  }

  /** Drops retracted ids, refuses versions from another origin, groups the rest by owner. */
  private async sort(checked: { o: StixObject; p: Provenance | null }[], peer: Peer, summary: IngressSummary): Promise<Sorted> {
    const ids = checked.map((c) => c.o.id);
    const tombs = await this.deps.tombstones.get(ids);
    const origins = await this.deps.origins.get(ids);
    const out: Sorted = { definitions: [], byOwner: new Map(), origins: [], refused: [] };
    for (const { o, p } of checked) {
      if (p === null && (o.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(o.id))) {
        out.definitions.push(o);
        continue;
      }
      const tomb = tombs.get(o.id);
      if (tomb && (p === null || tomb.retractedBy === p.keyId)) {
        summary.dropped++;
        continue;
      }
      const known = origins.get(o.id);
      if (p && known && known.keyId !== p.keyId) {
        out.refused.push({ o, reason: 'NOT_OWNER', message: `${o.id} originated on another node (key ${known.keyId}); only its origin publishes new versions` });
        continue;
      }
      // Unsigned objects a peer may send (inbound policy) are owned by the peer's node identity.
      const owner = p ? p.originOrg : peer.nodeId;
      const group = out.byOwner.get(owner) ?? [];
      group.push(o);
      out.byOwner.set(owner, group);
      if (p) out.origins.push({ id: o.id, keyId: p.keyId, originOrg: p.originOrg });
    }
    return out;
  }

  private async ingest(sorted: Sorted, peer: Peer, summary: IngressSummary): Promise<void> {
    const source = `peer:${peer.id}`;
    if (sorted.refused.length > 0) {
      await this.deps.quarantine.add(sorted.refused.map((r) => ({ source, objectId: r.o.id, reason: r.reason, details: { message: r.message, peer: peer.name }, raw: JSON.stringify(r.o) })));
      for (const r of sorted.refused) {
        summary.quarantined++;
        summary.reasons[r.reason] = (summary.reasons[r.reason] ?? 0) + 1;
      }
    }
    const groups: [string, StixObject[]][] = [[peer.nodeId, sorted.definitions], ...sorted.byOwner];
    for (const [orgId, objects] of groups) {
      if (objects.length === 0) continue;
      // Markings come with the objects (egress makes TLP and distribution explicit); the defaults
      // fail closed for anything that arrives without them.
      const owner = { orgId, tlp: 'red' as const, distribution: { kind: 'organization' as const }, actor: `peer:${peer.name}` };
      const s = await this.deps.ingest.importStream([JSON.stringify(objects)], { source, owner });
      summary.accepted += s.accepted;
      summary.unchanged += s.unchanged;
      summary.quarantined += s.quarantined;
      for (const [r, n] of Object.entries(s.reasons)) summary.reasons[r] = (summary.reasons[r] ?? 0) + n;
    }
  }
}
