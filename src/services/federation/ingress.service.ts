// Ingress (issue 5, items 4 and 6): what a peer sends is verified before normal ingestion.
// Each signed object is checked against the pinned key of its origin node (which may be another
// node than the peer that relayed it); what fails goes to quarantine with a stable reason. What
// passes is ingested as owned by its origin organisation, so the labeller's owner rule lets only
// the origin publish new versions; retractions are applied first; retracted ids never return.
// The same checks hold for objects claiming a node's provenance that arrive any other way
// (imports, TAXII add, feeds, quarantine retries: receiveImported), so that no way in lets a
// copy with a widened distribution through under its origin's name (issue 14).
import { travelsUnsigned, type GroupStatement } from '../../domain/federation/provenance.ts';
import { CONCORD_RETRACTION_TYPE, retractedMessage, retractedStub } from '../../domain/federation/retraction.ts';
import type { Peer } from '../../domain/federation/types.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { OriginRepo, PeerRepo, TombstoneRepo, OrgRepo, QuarantineRepo } from '../../store/repositories.ts';
import type { ImportSummary } from '../../domain/imports/types.ts';
import type { NewQuarantineEntry } from '../../domain/quarantine/types.ts';
import { examineBatch, type ExaminedLite } from '../examiner.ts';
import { emptySummary, RunSource, type IngestService } from '../ingest.service.ts';
import { ConflictError, InvalidInputError, type QuarantineReason } from '../../errors.ts';
import type { OrgService } from '../org.service.ts';
import { checkItem, type Checked, PEER_SOURCE, peerSender, pinnedKeys, type Sender } from './ingress-checks.ts';
import type { NodeIdentity } from './node.service.ts';
import type { RetractionService } from './retraction.service.ts';
import { keysOf, Verifier, verifyObjects, type PageAttestation, type PageItem, type VerifiedPage } from './verifier.ts';

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
  ingest: Pick<IngestService, 'importExamined' | 'settled'>;
  quarantine: QuarantineRepo;
  origins: OriginRepo;
  tombstones: TombstoneRepo;
  peers: PeerRepo;
  orgs: OrgRepo;
  groups: Pick<OrgService, 'adoptSharingGroup'>;
  retractions: RetractionService;
  node: () => Promise<NodeIdentity>;
}

/** Objects of one page sorted for ingestion: by owner and origin node, definitions first. */
interface Sorted {
  definitions: PageItem[];
  byOwner: Map<string, { owner: string; originKey: string | undefined; items: PageItem[] }>;
  /** Versions from another node than the object's origin. */
  refused: { item: Checked['item']; reason: QuarantineReason; message: string }[];
}

/** Receives pages from peers. */
export class IngressService {
  private readonly deps: IngressDeps;
  private readonly verifier = new Verifier();

  constructor(deps: IngressDeps) {
    this.deps = deps;
  }

  /** Parses a page's text and checks the provenance signature of each object (on a worker
   *  thread for large pages); start it early, so that it runs while the previous page is ingested.
   *  `attestation`: the sending peer's signature over the page, which covers what it originated. */
  async verifyPage(text: string, attestation?: PageAttestation): Promise<VerifiedPage> {
    const { keys } = await pinnedKeys(this.deps.peers, await this.deps.node());
    return this.verifier.verifyPage(keys, text, attestation);
  }

  /** Verifies, sorts and ingests parsed objects from `peer` (a quarantined object retried, tests). */
  async receive(peer: Peer, raw: readonly unknown[]): Promise<IngressSummary> {
    const { keys } = await pinnedKeys(this.deps.peers, await this.deps.node());
    return this.receiveItems(peer, verifyObjects(keysOf(keys), raw));
  }

  /**
   * Retries a quarantined entry a peer sent (source `peer:<id>`): it is verified and checked
   * exactly as on arrival, so a retry never stores unverified content. Undefined for entries
   * from elsewhere; InvalidInputError when that peer is no longer pinned.
   */
  async retry(entry: { source: string; raw: string }): Promise<ImportSummary | undefined> {
    if (!entry.source.startsWith(PEER_SOURCE)) return undefined;
    const peer = await this.deps.peers.get(entry.source.slice(PEER_SOURCE.length));
    if (!peer) throw new InvalidInputError(`${entry.source} is no longer a pinned peer: what it sent cannot be checked as on arrival`);
    let value: unknown;
    try {
      value = JSON.parse(entry.raw);
    } catch {
      value = entry.raw; // refused again as not a STIX object, and kept
    }
    const s = await this.receive(peer, [value]);
    // A retracted object is dropped: nothing is stored, and its quarantined copy may go.
    return { ...emptySummary(), accepted: s.accepted, unchanged: s.unchanged, quarantined: s.quarantined, reasons: s.reasons };
  }

  /**
   * Checks objects that claim a node's provenance (domain/federation/provenance.ts
   * claimsProvenance) and arrived another way than a peer's page: an import, TAXII add, a feed,
   * a quarantine retry (IngestService hands them here). Each is verified against the pinned key
   * of the node it names — a peer's, one pinned with `--no-sync`, or this node's own — and
   * refused with the reasons a peer pull gives; what passes is stored as its origin's, as if a
   * peer had relayed it. Refusals are quarantined under `source`.
   */
  async receiveImported(objects: readonly unknown[], from: { source: string; actor: string }): Promise<ImportSummary> {
    const node = await this.deps.node();
    const { keys } = await pinnedKeys(this.deps.peers, node);
    const sender: Sender = {
      source: from.source,
      actor: from.actor,
      details: {},
      name: from.source,
      nodeId: node.nodeId,
      acceptTypes: undefined,
      allowUnsigned: false,
      local: true,
    };
    const s = await this.receiveFrom(sender, verifyObjects(keysOf(keys), objects));
    return { ...emptySummary(), accepted: s.accepted, unchanged: s.unchanged, quarantined: s.quarantined, reasons: s.reasons };
  }

  /** Sorts and ingests one page from `peer`, whose objects verifyPage() checked. It returns
   *  once they are committed; lookups and searches hold them once settled() resolves. `run`:
   *  the source of the pull the page belongs to, recorded once for all its pages (issue 15, must 3). */
  async receiveItems(peer: Peer, items: readonly PageItem[], run?: RunSource): Promise<IngressSummary> {
    return this.receiveFrom({ ...peerSender(peer), run: run ?? new RunSource({ kind: 'peer', label: peer.name }) }, items);
  }

  private async receiveFrom(from: Sender, items: readonly PageItem[]): Promise<IngressSummary> {
    const summary: IngressSummary = { accepted: 0, unchanged: 0, quarantined: 0, dropped: 0, reasons: {} };
    const held: NewQuarantineEntry[] = [];
    const refuse = (item: PageItem, reason: QuarantineReason, message: string): void => {
      held.push({ source: from.source, objectId: item.id, reason, details: { message, ...from.details }, raw: item.text });
      summary.quarantined++;
      summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
    };
    const node = await this.deps.node();
    const keys = await pinnedKeys(this.deps.peers, node);
    const local = new Set((await this.deps.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id));
    const passed: Checked[] = [];
    for (const item of items) {
      const r = checkItem(item, from, node, keys.orgsOf, local, refuse);
      if (r === 'held') summary.unchanged++;
      else if (r !== undefined) passed.push(r);
    }
    const own = from.local ? await this.ownComingBack(passed, node, refuse) : { others: passed, held: 0 };
    const checked = await this.adoptGroups(own.others, from, refuse);
    // Retractions first, so that what they withdraw in the same page is not stored.
    for (const { item, p } of checked)
      if (item.type === CONCORD_RETRACTION_TYPE && p) await this.deps.retractions.apply(JSON.parse(item.text) as StixObject, p, from.actor);
    const sorted = await this.sort(checked, from, summary, refuse);
    await this.deps.quarantine.add(held);
    await this.ingest(sorted, from, summary);
    summary.unchanged += own.held;
    return summary;
  }

  /**
   * This node's own objects brought back by a local way in (its own export re-imported): their
   * signature held against this node's key, so they are what it signed; they are held already,
   * or retracted here (refused with RETRACTED, so the importer learns why).
   */
  private async ownComingBack(
    passed: Checked[],
    node: NodeIdentity,
    refuse: (item: PageItem, reason: QuarantineReason, message: string) => void,
  ): Promise<{ others: Checked[]; held: number }> {
    const own = passed.filter((c) => c.p?.keyId === node.keyId);
    if (own.length === 0) return { others: passed, held: 0 };
    const tombs = await this.deps.tombstones.get(own.map((c) => c.item.id));
    let held = 0;
    for (const { item } of own) {
      const tomb = tombs.get(item.id);
      if (tomb) refuse({ ...item, text: retractedStub(item) }, 'RETRACTED', retractedMessage(item.id, tomb));
      else held++;
    }
    return { others: passed.filter((c) => c.p?.keyId !== node.keyId), held };
  }

  /**
   * Keeps the sharing groups that objects distributed to one carry (the latest statement of each
   * in the page), so that their members here can read them. An object whose group is this
   * node's own or another node's is refused (PEER_GROUP_CONFLICT): a group id is its origin's.
   */
  private async adoptGroups(
    checked: Checked[],
    from: Sender,
    refuse: (item: PageItem, reason: QuarantineReason, message: string) => void,
  ): Promise<Checked[]> {
    const latest = new Map<string, { group: GroupStatement; keyId: string }>();
    for (const { p } of checked) {
      const g = p?.group;
      if (!p || !g || p.distribution !== `sharing-group:${g.id}`) continue;
      const seen = latest.get(`${p.keyId} ${g.id}`);
      if (!seen || seen.group.modified < g.modified) latest.set(`${p.keyId} ${g.id}`, { group: g, keyId: p.keyId });
    }
    const refused = new Map<string, string>();
    for (const [key, { group, keyId }] of latest) {
      try {
        await this.deps.groups.adoptSharingGroup(group, keyId, from.actor);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        refused.set(key, e.message);
      }
    }
    if (refused.size === 0) return checked;
    return checked.filter(({ item, p }) => {
      const why = p?.group ? refused.get(`${p.keyId} ${p.group.id}`) : undefined;
      if (why !== undefined) refuse(item, 'PEER_GROUP_CONFLICT', `${item.id}: ${why}`);
      return why === undefined;
    });
  }

  /** The sharing groups `peer` manages that this node holds (adopted from its objects). */
  async groupsHeldFrom(peer: Peer): Promise<string[]> {
    return (await this.deps.orgs.listSharingGroups()).filter((g) => g.origin === peer.keyId).map((g) => g.id);
  }

  /**
   * Adopts what `peer` says has become of the sharing groups it manages (SyncService asks after
   * each pull): an organisation removed there loses access here too, without waiting for another
   * object of the group. Statements about groups this node does not hold from that peer are ignored.
   */
  async receiveGroups(peer: Peer, statements: readonly GroupStatement[]): Promise<void> {
    const held = new Set(await this.groupsHeldFrom(peer));
    for (const s of statements) if (held.has(s.id)) await this.deps.groups.adoptSharingGroup(s, peer.keyId, `peer:${peer.name}`);
  }

  /** Waits until what receiveItems stored is in the lookup and search indexes too. */
  settled(): Promise<void> {
    return this.deps.ingest.settled();
  }

  /** Drops retracted ids (refuses them, on a local way in), refuses versions from another
   *  origin, groups the rest by owner. */
  private async sort(
    checked: Checked[],
    from: Sender,
    summary: IngressSummary,
    refuse: (item: PageItem, reason: QuarantineReason, message: string) => void,
  ): Promise<Sorted> {
    const ids = checked.map((c) => c.item.id);
    const tombs = await this.deps.tombstones.get(ids);
    const origins = await this.deps.origins.get(ids);
    const out: Sorted = { definitions: [], byOwner: new Map(), refused: [] };
    for (const { item, p } of checked) {
      if (p === null && travelsUnsigned(item)) {
        out.definitions.push(item);
        continue;
      }
      const tomb = tombs.get(item.id);
      if (tomb && (p === null || tomb.retractedBy === p.keyId)) {
        if (from.local) refuse({ ...item, text: retractedStub(item) }, 'RETRACTED', retractedMessage(item.id, tomb));
        else summary.dropped++;
        continue;
      }
      const known = origins.get(item.id);
      if (p && known && known.keyId !== p.keyId) {
        out.refused.push({
          item,
          reason: 'NOT_OWNER',
          message: `${item.id} originated on another node (key ${known.keyId}); only its origin publishes new versions`,
        });
        continue;
      }
      // Unsigned objects a peer may send (inbound policy) are owned by the peer's node identity.
      const owner = p ? p.originOrg : from.nodeId;
      const key = `${owner} ${p?.keyId ?? ''}`;
      const group = out.byOwner.get(key) ?? { owner, originKey: p?.keyId, items: [] };
      group.items.push(item);
      out.byOwner.set(key, group);
    }
    return out;
  }

  private async ingest(sorted: Sorted, from: Sender, summary: IngressSummary): Promise<void> {
    const source = from.source;
    if (sorted.refused.length > 0) {
      await this.deps.quarantine.add(
        sorted.refused.map((r) => ({
          source,
          objectId: r.item.id,
          reason: r.reason,
          details: { message: r.message, ...from.details },
          raw: r.item.text,
        })),
      );
      for (const r of sorted.refused) {
        summary.quarantined++;
        summary.reasons[r.reason] = (summary.reasons[r.reason] ?? 0) + 1;
      }
    }
    const groups = [{ owner: from.nodeId, originKey: undefined, items: sorted.definitions }, ...sorted.byOwner.values()];
    for (const { owner: orgId, originKey, items } of groups) {
      if (items.length === 0) continue;
      // Markings come with the objects (egress makes TLP and distribution explicit); the defaults
      // fail closed for anything that arrives without them.
      const owner = { orgId, tlp: 'red' as const, distribution: { kind: 'organization' as const }, actor: from.actor };
      // The texts as the verifying thread wrote them, examined there (or here, for what it did
      // not examine: definitions, unsigned objects) as an import would; no bundle to split.
      const missing = items.filter((i) => i.examined === undefined);
      const late = examineBatch(missing.map((i) => i.text));
      missing.forEach((i, n) => {
        i.examined = late[n];
      });
      const s = await this.deps.ingest.importExamined(
        items.map((i) => ({ text: i.text, examined: i.examined as ExaminedLite })),
        {
          source,
          owner,
          settle: false,
          // Checked here already: IngestService must not hand them back (receiveImported).
          provenanceChecked: true,
          // A peer's page names the peer; what an import handed here, that import's source.
          ...(from.run === undefined ? {} : { from: from.run }),
          ...(originKey !== undefined ? { originKey } : {}),
        },
      );
      summary.accepted += s.accepted;
      summary.unchanged += s.unchanged;
      summary.quarantined += s.quarantined;
      for (const [r, n] of Object.entries(s.reasons)) summary.reasons[r] = (summary.reasons[r] ?? 0) + n;
    }
  }
}
