// Egress (issue 5, item 3): what one peer may pull. The peer reads its own TAXII collection,
// read through the TAXII collection repository like any query collection, filtered by the
// access gate with the peer as reader (the one access-policy implementation), then by the
// outbound policy and the TLP re-share rules (domain/access/peer-egress.ts). What this node
// originated leaves signed (domain/federation/provenance.ts); what it relays leaves unchanged.
// A version is signed once, when it is first committed (presign, run by the sync job) or first
// served, and its signed form is kept (migrations/0012): a page is then the stored texts spliced
// together, with no signing, canonicalisation or JSON parsing per request.
import type { Reader } from '../../domain/access/types.ts';
import { formatDistribution, type AccessLabel } from '../../domain/access/types.ts';
import { egressCollectionId, mayEgress, peerReader, withTlpMarking } from '../../domain/access/peer-egress.ts';
import { provenanceOwner, UNDISCLOSED_OWNER } from '../../domain/access/sighting-egress.ts';
import { groupStatement, provenanceOf, signedText, signObject, type GroupStatement } from '../../domain/federation/provenance.ts';
import type { Peer } from '../../domain/federation/types.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { CONCORD_PUBLISHED_IDS } from '../../domain/markings/concord-markings.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import type { Collection, CollectionEntry } from '../../domain/collections/types.ts';
import type { AccessRepo, CollectionRepo, EgressFormRepo, PeerRepo, OrgRepo } from '../../store/repositories.ts';
import type { AccessGate, ReadAs, Visible } from '../access-gate.ts';
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
  forms: EgressFormRepo;
  peers: Pick<PeerRepo, 'list'>;
  orgs: OrgRepo;
  gate: AccessGate;
  /** Labels of versions served to this node's own readers (servedForms). */
  access: Pick<AccessRepo, 'labels'>;
  schemes: SchemeRegistry;
  node: () => Promise<NodeIdentity>;
  head: () => Promise<number>;
}

/** Rows read per batch, and at most per page (a page of a sparse collection stops early). */
const BATCH = 1000;
const MAX_SCAN = 20_000;
/** Versions signed per step of presign(), between which other work of the process runs. */
const PRESIGN_STEP = 250;

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

/** How a peer reads: as its own reader (domain/access/peer-egress.ts), named in the audit log
 *  as the peer, as everything else it does here is (ingress.service.ts). */
export function peerReadAs(peer: Peer, reader: Reader): ReadAs {
  return { reader, actor: `peer:${peer.name}` };
}

/** The collection a peer reads: every version, in the order stored. */
function peerCollection(peer: Peer): Collection {
  return {
    id: egressCollectionId(peer),
    title: `Federation: ${peer.name}`,
    description: '',
    alias: null,
    kind: 'query',
    query: {},
    read: [],
    write: [],
    mediaTypes: [],
    createdAt: peer.createdAt,
    updatedAt: peer.updatedAt,
  };
}

/** Pages of what may leave to each peer. */
export class EgressService {
  private readonly deps: EgressDeps;

  constructor(deps: EgressDeps) {
    this.deps = deps;
  }

  /** The reader a peer reads as, with the local sharing groups one of its organisations is in. */
  async readerFor(peer: Peer): Promise<Reader> {
    const groups = (await this.deps.orgs.listSharingGroups())
      .filter((g) => !g.disabled && g.members.some((m) => peer.orgs.includes(m)))
      .map((g) => g.id);
    return peerReader(peer, groups, this.deps.schemes);
  }

  /**
   * What has become of this node's sharing groups among `ids`, for a peer that holds them (it
   * asks after each pull; http/federation/routes.ts): the statement its objects would carry when
   * one of the peer's organisations is in the enabled group, else the same with no members,
   * which tells the peer only that none of its organisations is in it any more. Groups this node
   * does not manage are left out, so a peer learns nothing it was not told with an object.
   */
  async groupStatements(peer: Peer, ids: readonly string[]): Promise<GroupStatement[]> {
    const out: GroupStatement[] = [];
    for (const id of new Set(ids)) {
      const g = await this.deps.orgs.getSharingGroup(id);
      if (g === undefined || g.origin !== null) continue;
      const theirs = !g.disabled && g.members.some((m) => peer.orgs.includes(m));
      out.push(theirs ? groupStatement(g) : groupStatement(g, []));
    }
    return out;
  }

  /** Versions stored after position `after` that may leave to `peer`, at most `limit`. */
  async page(peer: Peer, after: number, limit: number): Promise<EgressPage> {
    const reader = await this.readerFor(peer);
    const as = peerReadAs(peer, reader);
    const node = await this.deps.node();
    const local = await this.localOrgs();
    const c = peerCollection(peer);
    const out: { text: string; dateAdded: string }[] = [];
    let position = after;
    let scanned = 0;
    let exhausted = false;
    let settled = true;
    while (out.length < limit && scanned < MAX_SCAN && settled) {
      const batch = await this.deps.collections.entries(c, { select: { all: true }, after: position, limit: BATCH });
      scanned += batch.length;
      const visible = new Map((await this.deps.gate.filterLabelled(as, batch)).map((v) => [v.seq, v]));
      const chosen: { v: Visible; label: AccessLabel; dateAdded: string }[] = [];
      const now = Date.now();
      for (const e of batch) {
        if (!mayPass(e, position, e.label !== null, now)) {
          settled = false;
          break;
        }
        position = e.position;
        const v = visible.get(e.object.seq);
        if (v && e.label && mayEgress(reader, peer.outbound, v.type, e.label, this.deps.schemes))
          chosen.push({ v, label: e.label, dateAdded: e.dateAdded });
        if (out.length + chosen.length >= limit) break;
      }
      const { forms } = await this.signedForms(
        chosen.filter((x) => withheldFromPeer(x.v) === false && local.has(x.label.ownerOrg)),
        node,
      );
      for (const { v, label, dateAdded } of chosen) {
        const text = withheldFromPeer(v) ? undefined : (forms.get(v.seq) ?? this.relayed(v, label, local, peer));
        if (text !== undefined) out.push({ text, dateAdded });
      }
      if (settled && batch.length < BATCH && position === (batch.at(-1)?.position ?? position)) {
        exhausted = true;
        break;
      }
    }
    if (!settled) exhausted = true;
    const more = !exhausted;
    return {
      objects: out.map((o) => o.text),
      more,
      next: position,
      first: out[0]?.dateAdded ?? null,
      last: out.at(-1)?.dateAdded ?? null,
      head: await this.deps.head(),
    };
  }

  /**
   * Signs, ahead of any pull, the versions stored after position `after` that this node
   * originated and that at least one syncing peer may receive, so that pulls serve them as
   * stored (the sync job runs it after each local commit, before notifying the peers). Returns
   * the position reached and how many versions it signed (those signed before do not count).
   */
  async presign(after: number): Promise<{ next: number; signed: number }> {
    const peers = (await this.deps.peers.list()).filter((p) => p.sync && !p.disabled);
    let next = after;
    let signed = 0;
    const [first] = peers;
    if (first === undefined) return { next: await this.deps.head(), signed };
    const readers = await Promise.all(peers.map(async (p) => ({ peer: p, reader: await this.readerFor(p) })));
    const node = await this.deps.node();
    const local = await this.localOrgs();
    // Every version in store order, as the peers' collections read them.
    const all: Collection = { ...peerCollection(first), id: 'presign' };
    for (;;) {
      const batch = await this.deps.collections.entries(all, { select: { all: true }, after: next, limit: PRESIGN_STEP });
      const shareable = batch.filter(
        (e) =>
          e.label !== null &&
          local.has(e.label.ownerOrg) &&
          readers.some(
            ({ peer, reader }) => e.label !== null && mayEgress(reader, peer.outbound, e.object.type, e.label, this.deps.schemes),
          ),
      );
      signed += (
        await this.signedForms(
          shareable.map((e) => ({ v: { ...e.object, withheld: [] }, label: e.label as AccessLabel })),
          node,
        )
      ).signed;
      // A version not labelled yet is left to be signed when first served.
      next = batch.at(-1)?.position ?? next;
      if (batch.length < PRESIGN_STEP) return { next, signed };
      await new Promise((r) => setImmediate(r));
    }
  }

  /**
   * Versions as this node serves them to its own readers (REST reads, exports; issue 14): what
   * it originated in the signed form a peer receives (kept, or signed now and kept, as for a
   * pull), so that `concord verify` passes on the origin's own export; the rest as stored. A
   * version granular markings redact for the reader is served redacted and unsigned: the
   * signature covers the whole object, so no redacted copy can carry a valid one.
   */
  async servedForms(items: Visible[]): Promise<Visible[]> {
    const whole = items.filter((v) => !withheldFromPeer(v));
    if (whole.length === 0) return items;
    // The gate kept the label it decided on; only versions read without a reader (the node's
    // own command line) need theirs read, and those whose owner the reader is not told.
    const real = (v: Visible): AccessLabel | undefined => (v.label?.ownerOrg === UNDISCLOSED_OWNER ? undefined : v.label);
    const unlabelled = whole.filter((v) => real(v) === undefined).map((v) => v.seq);
    const labels = unlabelled.length > 0 ? await this.deps.access.labels(unlabelled) : new Map<number, AccessLabel>();
    const local = await this.localOrgs();
    const own: { v: Visible; label: AccessLabel }[] = [];
    for (const v of whole) {
      const label = real(v) ?? labels.get(v.seq);
      // Not labelled yet (or purged by a retraction): served as stored.
      if (label !== undefined && local.has(label.ownerOrg)) own.push({ v, label });
    }
    const { forms } = await this.signedForms(own, await this.deps.node());
    return items.map((v) => {
      const json = forms.get(v.seq);
      return json === undefined ? v : { ...v, json };
    });
  }

  /** The statement of one of this node's sharing groups that a signed object carries, so that
   *  its members on the receiving node can read it; none for a group adopted from a peer (its
   *  own node states it). */
  private async ownGroupStatement(id: string, seen: Map<string, GroupStatement | undefined>): Promise<GroupStatement | undefined> {
    if (seen.has(id)) return seen.get(id);
    const g = await this.deps.orgs.getSharingGroup(id);
    const statement = g !== undefined && g.origin === null ? groupStatement(g) : undefined;
    seen.set(id, statement);
    return statement;
  }

  /** The owners whose objects this node originated: its organisations, and the node itself (what
   *  it issues in its own name: a retraction of a sighting hiding its organisation). */
  private async localOrgs(): Promise<Set<string>> {
    const orgs = (await this.deps.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id);
    return new Set([...orgs, (await this.deps.node()).nodeId]);
  }

  /**
   * The signed forms of versions this node originated: as kept, or signed now and kept.
   * Definitions are left out (they leave as held); a version that carries another node's
   * provenance (a local user imported a signed object) is left to relayed().
   */
  private async signedForms(
    items: readonly { v: Visible; label: AccessLabel }[],
    node: NodeIdentity,
  ): Promise<{ forms: Map<number, string>; signed: number }> {
    const own = items.filter(({ v }) => v.type !== 'marking-definition' && !CONCORD_PUBLISHED_IDS.has(v.id));
    const out = new Map<number, string>();
    if (own.length === 0) return { forms: out, signed: 0 };
    const kept = await this.deps.forms.get(own.map(({ v }) => v.seq));
    const fresh: { seq: number; keyId: string; json: string }[] = [];
    const groups = new Map<string, GroupStatement | undefined>();
    for (const { v, label } of own) {
      const form = kept.get(v.seq);
      if (form !== undefined && form.keyId === node.keyId) {
        out.set(v.seq, form.json);
        continue;
      }
      const o = JSON.parse(v.json) as StixObject;
      if (provenanceOf(o)) continue;
      const group = label.distribution.kind === 'sharing-group' ? await this.ownGroupStatement(label.distribution.id, groups) : undefined;
      // A sighting that hides its organisation is signed in the node's name (issue 17, must 2).
      const origin = provenanceOwner(o, label.ownerOrg, node.nodeId);
      const json = signedText(signObject(withTlpMarking(o, label), node.signer, origin, formatDistribution(label.distribution), group));
      out.set(v.seq, json);
      fresh.push({ seq: v.seq, keyId: node.keyId, json });
    }
    await this.deps.forms.put(fresh);
    return { forms: out, signed: fresh.length };
  }

  /**
   * The text in which a version this node did not sign leaves: definitions as held; a relayed
   * object as received (its origin's signature must stay intact), except back to the node it
   * came from, which has it already.
   */
  private relayed(v: Visible, label: AccessLabel, local: Set<string>, peer: Peer): string | undefined {
    if (v.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(v.id)) return v.json;
    const p = provenanceOf(JSON.parse(v.json) as StixObject);
    if (p) return p.keyId === peer.keyId ? undefined : v.json;
    // Unsigned and not a local organisation's: an unsigned object a peer was allowed to send.
    return local.has(label.ownerOrg) ? undefined : v.json;
  }
}

/**
 * Whether granular markings (STIX 2.1 §7.2.3) withhold part of `v` from the peer: then the whole
 * version is withheld from it. A redacted copy would fail its origin's signature at the peer
 * (the signature covers the whole object, issue 5 item 4, and relays pass it unchanged), and it
 * would be another content under the same id and modified, which STIX 2.1 §3.6 forbids; the peer
 * may still get the version from a node whose peers may read all of it.
 */
function withheldFromPeer(v: Visible): boolean {
  return v.withheld.length > 0;
}
