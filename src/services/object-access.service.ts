// Who holds an object and who may read it (issue 15, must 3): owner, source, named distribution,
// markings, the organisations of this node whose members may read it, and the peers it may leave
// to. The object itself is read through the AccessGate: one the caller may not read answers as one
// that does not exist. The audience is the access policy's decision for each organisation's
// members (domain/objects/access.ts), the egress the peer rule's (domain/access/peer-egress.ts).
import { mayEgress, peerReader } from '../domain/access/peer-egress.ts';
import { allowed, authorize } from '../domain/access/permissions.ts';
import { VISIBILITY_ENDS } from '../domain/access/policy.ts';
import { UNDISCLOSED_OWNER } from '../domain/access/sighting-egress.ts';
import type { AccessLabel, Reader } from '../domain/access/types.ts';
import type { Org, SharingGroup } from '../domain/identity/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import {
  audienceEntry,
  sortAudience,
  type NamedDistribution,
  type ObjectAccess,
  type ObjectSource,
  type OrgRef,
  type PeerEgress,
  sourceRun,
} from '../domain/objects/access.ts';
import { NotFoundError } from '../errors.ts';
import type { AccessRepo, ObjectRepo, OrgRepo, OriginRepo, PeerRepo, SourceRepo, UserRepo } from '../store/repositories.ts';
import { readAs, type AccessGate } from './access-gate.ts';

export interface ObjectAccessDeps {
  objects: ObjectRepo;
  gate: AccessGate;
  access: AccessRepo;
  orgs: OrgRepo;
  users: UserRepo;
  peers: PeerRepo;
  origins: OriginRepo;
  sources: SourceRepo;
  schemes: SchemeRegistry;
}

const orgRef = (id: string, org: Org | undefined): OrgRef => ({ id, name: org?.name ?? null, country: org?.country ?? null });

/** The reader an organisation's members read as, before their own clearances (auth.service.ts). */
function orgReader(org: Org, groups: readonly SharingGroup[]): Reader {
  return {
    orgIds: [org.id],
    countries: org.country ? [org.country] : [],
    communities: org.communities,
    sharingGroups: groups.filter((g) => !g.disabled && g.members.includes(org.id)).map((g) => g.id),
    clearances: {},
    exercises: [],
  };
}

/** The access panel of the object page. */
export class ObjectAccessService {
  private readonly deps: ObjectAccessDeps;

  constructor(deps: ObjectAccessDeps) {
    this.deps = deps;
  }

  /** Owner, source, distribution, markings, audience and egress of the latest version of `id`. */
  async access(principal: Principal, id: string): Promise<ObjectAccess> {
    authorize(principal, 'object.read');
    const d = this.deps;
    const found = await d.objects.get(id);
    const [visible] = found ? await d.gate.filter(readAs(principal), [found]) : [];
    if (!found || !visible) throw new NotFoundError(id);
    const label = (await d.access.labels([found.seq])).get(found.seq);
    if (!label) throw new NotFoundError(id);
    // A sighting that hides its organisation from this reader (the gate's label says so; issue
    // 17, must 2): no owner, no run that names its writer, no audience (whose one organisation
    // outside the distribution would be its owner).
    const hidden = visible.label?.ownerOrg === UNDISCLOSED_OWNER;
    const [orgs, groups] = await Promise.all([d.orgs.listOrgs(), d.orgs.listSharingGroups()]);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const ends = await this.endLabels(found.type, visible.json);
    const audience = await Promise.all(
      orgs
        .filter((o) => o.node === null && !o.disabled)
        .map(async (org) => {
          const reader = orgReader(org, groups);
          const members = (await d.users.listUsers({ orgId: org.id })).map((u) => ({
            disabled: u.disabled,
            reader: { ...reader, clearances: u.clearances, exercises: u.exercises },
          }));
          return audienceEntry(orgRef(org.id, org), members, reader, found.type, label, ends, d.schemes);
        }),
    );
    const c = label.classification;
    // Who imported it is told to whoever may follow the owning organisation's imports (its
    // members, the node's administrators); others read that one of its analysts did.
    const source = await this.source(id, found.seq, allowed(principal, 'import.read', { orgId: label.ownerOrg }));
    return {
      id,
      owner: hidden ? orgRef(UNDISCLOSED_OWNER, undefined) : orgRef(label.ownerOrg, byId.get(label.ownerOrg)),
      source: hidden ? { ...source, run: null } : source,
      tlp: label.tlp,
      distribution: await this.named(label),
      classification: c ? { scheme: c.scheme, schemeName: d.schemes.get(c.scheme)?.name ?? null, level: c.level } : null,
      releasableTo: label.releasableTo === undefined ? null : [...label.releasableTo],
      exercise: label.exercise ?? null,
      audience: hidden ? [] : sortAudience(audience),
      peers: await this.egress(found.type, label, groups, source.kind === 'peer' ? source.keyId : null),
    };
  }

  /** The labels of a relationship's or sighting's ends (their visibility bounds its own). */
  private async endLabels(type: string, json: string): Promise<(AccessLabel | undefined)[]> {
    const props = VISIBILITY_ENDS[type];
    if (props === undefined) return [];
    const o = JSON.parse(json) as Record<string, unknown>;
    const ids = props.map((p) => (typeof o[p] === 'string' ? (o[p] as string) : ''));
    const labels = await this.deps.access.latest(ids.filter((x) => x !== ''));
    return ids.map((x) => labels.get(x));
  }

  /** Where the object came from, and the run that stored version `seq` (issue 15, must 3). */
  private async source(id: string, seq: number, mayKnowWriter: boolean): Promise<ObjectSource> {
    const versions = await this.deps.objects.versions(id);
    const firstStoredAt = versions.map((v) => v.addedAt).sort()[0] ?? '';
    const stored = (await this.deps.sources.ofVersions([seq])).get(seq);
    const run = stored ? sourceRun(stored, mayKnowWriter) : null;
    const origin = (await this.deps.origins.get([id])).get(id);
    if (!origin) return { kind: 'local', firstStoredAt, run };
    const peer = await this.deps.peers.byKeyId(origin.keyId);
    return { kind: 'peer', keyId: origin.keyId, peer: peer ? { id: peer.id, name: peer.name } : null, firstStoredAt, run };
  }

  private async named(label: AccessLabel): Promise<NamedDistribution> {
    const dist = label.distribution;
    if (dist.kind === 'organization' || dist.kind === 'federation') return { kind: dist.kind, id: null, name: null };
    const named = dist.kind === 'community' ? await this.deps.orgs.getCommunity(dist.id) : await this.deps.orgs.getSharingGroup(dist.id);
    return { kind: dist.kind, id: dist.id, name: named?.name ?? null };
  }

  /** Each syncing peer, and whether the egress rule lets the version leave to it. */
  private async egress(type: string, label: AccessLabel, groups: readonly SharingGroup[], originKey: string | null): Promise<PeerEgress[]> {
    const peers = (await this.deps.peers.list()).filter((p) => p.sync && !p.disabled);
    return peers.map((peer) => {
      const mine = groups.filter((g) => !g.disabled && g.members.some((m) => peer.orgs.includes(m))).map((g) => g.id);
      const reader = peerReader(peer, mine, this.deps.schemes);
      // A relayed object never goes back to the node it came from (egress.service.ts relayed()).
      const back = peer.keyId === originKey;
      return { id: peer.id, name: peer.name, mayReceive: !back && mayEgress(reader, peer.outbound, type, label, this.deps.schemes) };
    });
  }
}
