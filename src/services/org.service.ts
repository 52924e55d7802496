// Administration of organisations, communities and sharing groups (issue 3, items 1 and 8).
// Every change is audited; only node administrators manage organisations and communities,
// organisation administrators manage their own organisation's sharing groups.
import { DISCLOSURES, type Disclosure } from '../domain/sightings/api.ts';
import { randomUUID } from 'node:crypto';
import { checkLabelDefaults, checkTlp } from '../domain/identity/defaults.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { allowed, authorize } from '../domain/access/permissions.ts';
import type { GroupStatement } from '../domain/federation/provenance.ts';
import type { Community, Org, SharingGroup } from '../domain/identity/types.ts';
import { checkCsirt, checkNis2Role, checkSectors, constituencyGroup, groupChanged } from '../domain/identity/nis2-org.ts';
import { checkCountry, checkName, checkSlug } from '../domain/identity/validate.ts';
import { constituencyGroupId } from '../domain/incidents/constituency.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { OrgRepo } from '../store/repositories.ts';
import type { AuditSink } from './audit.service.ts';

/** What an administrator gives to create or change an organisation. */
export interface OrgInput {
  id?: string;
  name?: string;
  country?: string | null;
  communities?: string[];
  node?: string | null;
  defaultTlp?: string;
  defaultDistribution?: string;
  /** 'csirt', 'essential', 'important', or null / 'none' (issue 16, must 2). */
  nis2Role?: string | null;
  /** NIS2 Annex I/II keys: `sector` or `sector/subsector`. */
  sectors?: string[];
  /** The CSIRT organisation (id) whose constituency an entity is in; null to leave it. */
  csirtOrg?: string | null;
  /** What partners learn of who sighted, by default (issue 17, must 2). */
  sightingDisclosure?: string;
  disabled?: boolean;
}

export interface CommunityInput {
  id?: string;
  name?: string;
  description?: string;
  disabled?: boolean;
}

export interface SharingGroupInput {
  name?: string;
  description?: string;
  ownerOrg?: string;
  members?: string[];
  disabled?: boolean;
}

export interface OrgServiceDeps {
  orgs: OrgRepo;
  audit: AuditSink;
  /** Publishes an organisation's STIX identity into the knowledge store. */
  publishIdentity: (org: Org) => Promise<void>;
  /** Called after any change that alters what an authenticated principal may read. */
  invalidate: () => void;
}

const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Organisations, communities and sharing groups. */
export class OrgService {
  private readonly deps: OrgServiceDeps;

  constructor(deps: OrgServiceDeps) {
    this.deps = deps;
  }

  /** Creates an organisation (node administrators). */
  async addOrg(actor: Principal, input: OrgInput): Promise<Org> {
    authorize(actor, 'org.administer');
    const id = input.id ?? `identity--${randomUUID()}`;
    if (!IDENTITY_ID.test(id)) throw new InvalidInputError(`organisation id "${id}" must be a STIX identity id`, { field: 'id' });
    if (await this.deps.orgs.getOrg(id)) throw new ConflictError(`organisation ${id} already exists`, { field: 'id' });
    const now = new Date().toISOString();
    const org = await this.checked(
      {
        id,
        name: input.name ?? '',
        country: null,
        communities: [],
        node: null,
        defaultTlp: 'amber',
        defaultDistribution: 'organization',
        nis2Role: null,
        sectors: [],
        csirtOrg: null,
        sightingDisclosure: 'organization',
        disabled: false,
        createdAt: now,
        updatedAt: now,
      },
      input,
    );
    await this.deps.orgs.putOrg(org);
    await this.deps.publishIdentity(org);
    await this.audit(actor, 'admin.org.add', org.id, { name: org.name });
    await this.keepConstituency(actor, org);
    return org;
  }

  /** Changes an organisation; `disabled: true` disables it (its users can no longer sign in). */
  async updateOrg(actor: Principal, id: string, input: OrgInput): Promise<Org> {
    authorize(actor, 'org.administer');
    const org = await this.getOrg(actor, id);
    const next = await this.checked({ ...org, updatedAt: new Date().toISOString() }, input);
    await this.deps.orgs.putOrg(next);
    if (next.name !== org.name) await this.deps.publishIdentity(next);
    await this.audit(actor, 'admin.org.update', id, { changed: Object.keys(input) });
    await this.keepConstituency(actor, next);
    // A CSIRT renamed: its constituency groups' names follow.
    if (next.nis2Role === 'csirt' && next.name !== org.name) {
      for (const e of await this.deps.orgs.listOrgs()) if (e.csirtOrg === next.id) await this.keepConstituency(actor, e);
    }
    return next;
  }

  /**
   * Keeps `entity`'s constituency sharing group (constituency.ts) as its CSIRT says: created
   * when it gets one, re-owned when it changes, disabled when it leaves. Only the node hosting
   * the entity keeps the group (its incidents are written there and carry the group to peers
   * in their provenance, federation/provenance.ts GroupStatement); a peer adopts it read-only.
   */
  private async keepConstituency(actor: Principal, entity: Org): Promise<void> {
    if (entity.node !== null) return;
    const held = await this.deps.orgs.getSharingGroup(constituencyGroupId(entity.id));
    if (held !== undefined && held.origin !== null) return;
    const csirt = entity.csirtOrg === null ? undefined : await this.deps.orgs.getOrg(entity.csirtOrg);
    const next = constituencyGroup(entity, csirt, held);
    if (next === undefined || !groupChanged(held, next)) return;
    const now = new Date().toISOString();
    const g: SharingGroup = { ...next, createdAt: held?.createdAt ?? now, updatedAt: now, origin: null };
    await this.deps.orgs.putSharingGroup(g);
    await this.audit(actor, held === undefined ? 'admin.sharing_group.add' : 'admin.sharing_group.update', g.id, {
      name: g.name,
      members: g.members,
      disabled: g.disabled,
      constituencyOf: entity.id,
    });
  }

  /** One organisation; any signed-in user may read the directory. */
  async getOrg(_actor: Principal, id: string): Promise<Org> {
    const org = await this.deps.orgs.getOrg(id);
    if (!org) throw new NotFoundError(`organisation ${id}`);
    return org;
  }

  /** Every organisation, local and hosted on peers. */
  listOrgs(_actor: Principal): Promise<Org[]> {
    return this.deps.orgs.listOrgs();
  }

  private async checked(org: Org, input: OrgInput): Promise<Org> {
    const next: Org = { ...org };
    if (input.name !== undefined || org.name === '') next.name = checkName('name', input.name ?? '');
    if (input.country !== undefined) next.country = input.country === null ? null : checkCountry(input.country);
    if (input.communities !== undefined) next.communities = await this.knownCommunities(input.communities);
    if (input.node !== undefined) next.node = input.node;
    if (input.defaultTlp !== undefined) next.defaultTlp = checkTlp('defaultTlp', input.defaultTlp);
    if (input.defaultDistribution !== undefined) next.defaultDistribution = input.defaultDistribution;
    if (input.disabled !== undefined) next.disabled = input.disabled;
    if (input.nis2Role !== undefined) next.nis2Role = checkNis2Role(input.nis2Role);
    if (input.sectors !== undefined) next.sectors = checkSectors(input.sectors);
    if (input.sightingDisclosure !== undefined) next.sightingDisclosure = checkDisclosure(input.sightingDisclosure);
    if (input.csirtOrg !== undefined) next.csirtOrg = await this.csirtRef(input.csirtOrg);
    // An organisation that stops being an entity leaves its constituency (unless it names a
    // CSIRT in the same change, which checkCsirt then refuses).
    else if (input.nis2Role !== undefined && next.nis2Role !== 'essential' && next.nis2Role !== 'important') next.csirtOrg = null;
    checkCsirt(next, next.csirtOrg === null ? undefined : await this.deps.orgs.getOrg(next.csirtOrg));
    if (org.nis2Role === 'csirt' && next.nis2Role !== 'csirt') {
      const served = (await this.deps.orgs.listOrgs()).filter((o) => o.csirtOrg === next.id && o.id !== next.id);
      if (served.length > 0) {
        throw new ConflictError(`nis2Role: ${next.name} is the CSIRT of ${served.map((o) => o.name).join(', ')}; move them first`, {
          field: 'nis2Role',
        });
      }
    }
    return this.named(next);
  }

  /** A CSIRT named by id or by name; null or '' clears it. */
  private async csirtRef(ref: string | null): Promise<string | null> {
    if (ref === null || ref.trim() === '') return null;
    const org = (await this.deps.orgs.getOrg(ref)) ?? (await this.deps.orgs.findOrgByName(ref));
    if (org === undefined) throw new InvalidInputError(`csirtOrg: organisation ${ref} does not exist`, { field: 'csirtOrg' });
    return org.id;
  }

  private async named(next: Org): Promise<Org> {
    checkLabelDefaults(next.defaultTlp, next.defaultDistribution);
    const same = await this.deps.orgs.findOrgByName(next.name);
    if (same && same.id !== next.id) throw new ConflictError(`an organisation named "${next.name}" already exists`, { field: 'name' });
    return next;
  }

  private async knownCommunities(ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      if (!(await this.deps.orgs.getCommunity(checkSlug('communities', id)))) {
        throw new InvalidInputError(`community "${id}" does not exist; add it with \`concord community add\``, { field: 'communities' });
      }
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  /** Creates a community (node administrators). */
  async addCommunity(actor: Principal, input: CommunityInput): Promise<Community> {
    authorize(actor, 'community.administer');
    const id = checkSlug('id', input.id ?? '');
    if (await this.deps.orgs.getCommunity(id)) throw new ConflictError(`community ${id} already exists`, { field: 'id' });
    const now = new Date().toISOString();
    const c: Community = {
      id,
      name: checkName('name', input.name ?? id),
      description: input.description ?? '',
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.orgs.putCommunity(c);
    await this.audit(actor, 'admin.community.add', id, { name: c.name });
    return c;
  }

  /** Changes a community's name, description or state. */
  async updateCommunity(actor: Principal, id: string, input: CommunityInput): Promise<Community> {
    authorize(actor, 'community.administer');
    const c = await this.getCommunity(actor, id);
    const next: Community = {
      ...c,
      name: input.name !== undefined ? checkName('name', input.name) : c.name,
      description: input.description ?? c.description,
      disabled: input.disabled ?? c.disabled,
      updatedAt: new Date().toISOString(),
    };
    await this.deps.orgs.putCommunity(next);
    await this.audit(actor, 'admin.community.update', id, { changed: Object.keys(input) });
    return next;
  }

  /** One community. */
  async getCommunity(_actor: Principal, id: string): Promise<Community> {
    const c = await this.deps.orgs.getCommunity(id);
    if (!c) throw new NotFoundError(`community ${id}`);
    return c;
  }

  /** Every community. */
  listCommunities(_actor: Principal): Promise<Community[]> {
    return this.deps.orgs.listCommunities();
  }

  /** Creates a sharing group owned by the actor's organisation (or `ownerOrg`, for administrators). */
  async addSharingGroup(actor: Principal, input: SharingGroupInput): Promise<SharingGroup> {
    const ownerOrg = input.ownerOrg ?? (actor.kind === 'user' ? actor.org.id : undefined);
    if (ownerOrg === undefined) throw new InvalidInputError('a sharing group needs an owner organisation', { field: 'ownerOrg' });
    authorize(actor, 'sharing-group.manage', { orgId: ownerOrg });
    await this.getOrg(actor, ownerOrg);
    const name = checkName('name', input.name ?? '');
    const groups = await this.deps.orgs.listSharingGroups();
    if (groups.some((g) => g.name === name)) throw new ConflictError(`a sharing group named "${name}" already exists`, { field: 'name' });
    const now = new Date().toISOString();
    const g: SharingGroup = {
      id: randomUUID(),
      name,
      description: input.description ?? '',
      ownerOrg,
      members: await this.knownOrgs([ownerOrg, ...(input.members ?? [])]),
      disabled: false,
      createdAt: now,
      updatedAt: now,
      origin: null,
    };
    await this.deps.orgs.putSharingGroup(g);
    await this.audit(actor, 'admin.sharing_group.add', g.id, { name, members: g.members });
    return g;
  }

  /** Changes a sharing group's name, members or state (its owner's administrators). */
  async updateSharingGroup(actor: Principal, id: string, input: SharingGroupInput): Promise<SharingGroup> {
    const g = await this.getSharingGroup(actor, id);
    if (g.origin !== null) {
      // Its origin node decides its members; here a node administrator may only switch it off.
      authorize(actor, 'sharing-group.disable-foreign');
      if (Object.entries(input).some(([k, v]) => k !== 'disabled' && v !== undefined)) {
        throw new ForbiddenError(`sharing group ${g.name} is managed on node key ${g.origin}; here it can only be disabled or enabled`, {
          field: 'members',
        });
      }
    } else authorize(actor, 'sharing-group.manage', { orgId: g.ownerOrg });
    const next: SharingGroup = {
      ...g,
      name: input.name !== undefined ? checkName('name', input.name) : g.name,
      description: input.description ?? g.description,
      members: input.members !== undefined ? await this.knownOrgs([g.ownerOrg, ...input.members]) : g.members,
      disabled: input.disabled ?? g.disabled,
      updatedAt: new Date().toISOString(),
    };
    await this.deps.orgs.putSharingGroup(next);
    await this.audit(actor, 'admin.sharing_group.update', id, { changed: Object.keys(input), members: next.members });
    return next;
  }

  /**
   * Keeps the sharing group a peer's object names (federation: GroupStatement), signed by the
   * node `originKey` that manages it: created, or updated when `group.modified` is later than
   * what is held; a group disabled here stays disabled. Refused (ConflictError) when the id is
   * this node's own group or another node's.
   */
  async adoptSharingGroup(group: GroupStatement, originKey: string, actor: string): Promise<void> {
    const held = await this.deps.orgs.getSharingGroup(group.id);
    if (held !== undefined && held.origin !== originKey) {
      throw new ConflictError(
        `sharing group ${group.id} is ${held.origin === null ? 'a group of this node' : `managed on node key ${held.origin}`}, not on node key ${originKey}`,
      );
    }
    if (held !== undefined && held.updatedAt >= group.modified) return;
    const g: SharingGroup = {
      id: group.id,
      name: group.name,
      description: held?.description ?? `managed on node key ${originKey}`,
      ownerOrg: group.owner,
      members: [...new Set(group.members)],
      disabled: held?.disabled ?? false,
      createdAt: held?.createdAt ?? new Date().toISOString(),
      updatedAt: group.modified,
      origin: originKey,
    };
    await this.deps.orgs.putSharingGroup(g);
    this.deps.invalidate();
    await this.deps.audit.record({
      action: 'federation.sharing_group.adopt',
      actor,
      target: g.id,
      details: { name: g.name, members: g.members, origin: originKey },
    });
  }

  /** One sharing group; its existence is visible to members and administrators only. */
  async getSharingGroup(actor: Principal, id: string): Promise<SharingGroup> {
    const g = await this.deps.orgs.getSharingGroup(id);
    if (!g || !this.mayKnowGroup(actor, g)) throw new NotFoundError(`sharing group ${id}`);
    return g;
  }

  /** The sharing groups the actor belongs to (all of them for node administrators). */
  async listSharingGroups(actor: Principal): Promise<SharingGroup[]> {
    return (await this.deps.orgs.listSharingGroups()).filter((g) => this.mayKnowGroup(actor, g));
  }

  private mayKnowGroup(actor: Principal, g: SharingGroup): boolean {
    return allowed(actor, 'sharing-group.read-all') || (actor.kind === 'user' && g.members.includes(actor.org.id));
  }

  private async knownOrgs(ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      if (!(await this.deps.orgs.getOrg(id))) throw new InvalidInputError(`organisation ${id} does not exist`, { field: 'members' });
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  private audit(actor: Principal, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    // Every audited change here can change a reader's audience (communities, groups, orgs).
    this.deps.invalidate();
    return this.deps.audit.record({ action, actor: actorName(actor), target, details });
  }
}

/** A disclosure name (issue 17, must 2); throws INVALID_INPUT naming `sightingDisclosure`. */
function checkDisclosure(value: string): Disclosure {
  if ((DISCLOSURES as readonly string[]).includes(value)) return value as Disclosure;
  throw new InvalidInputError(`sightingDisclosure must be one of ${DISCLOSURES.join(', ')}`, { field: 'sightingDisclosure' });
}
