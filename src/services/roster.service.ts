// Each organisation's roster of experts (issue 18, must 2). The roster row keeps the person
// (name, e-mail, phone) and never leaves the node; what partners see is the pseudonymous profile
// published for each expert (expert-profiles.ts), re-versioned when what it states changes and
// revoked when the expert is unpublished or removed. Only the organisation's own staff read or
// change its roster (roster.read, roster.manage: own organisation); the node's command line acts
// for the organisation it names.
import { randomUUID } from 'node:crypto';
import { authorize, type Action } from '../domain/access/permissions.ts';
import type { ExpertInput, ExpertView } from '../domain/assistance/api.ts';
import { expertIssues, throwIssues } from '../domain/assistance/check.ts';
import type { ExpertRecord } from '../domain/assistance/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { nextModified } from '../domain/writing/compose.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { RosterApi } from './assistance.api.ts';
import type { OrgRepo, RosterRepo } from '../store/repositories.ts';
import { type ExpertProfiles, sameFacts } from './expert-profiles.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import type { AuditSink } from './audit.service.ts';

export interface RosterDeps {
  roster: RosterRepo;
  orgs: Pick<OrgRepo, 'getOrg'>;
  schemes: SchemeRegistry;
  profiles: ExpertProfiles;
  audit: AuditSink;
  /** Who the command line acts for (a name or id; none: the operating organisation). */
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  /** Brings the assistance projection up to date (matching then reads the new profile). */
  catchUp?: () => Promise<void>;
  now?: () => Date;
}

/** The roster row's input form (what the organisation entered). */
function inputOf(e: ExpertRecord): ExpertInput {
  return {
    name: e.name,
    ...(e.email === null ? {} : { email: e.email }),
    ...(e.phone === null ? {} : { phone: e.phone }),
    skills: e.skills,
    certifications: e.certifications,
    languages: e.languages,
    clearances: e.clearances,
    country: e.country,
    ...(e.utcOffsetMinutes === null ? {} : { utcOffsetMinutes: e.utcOffsetMinutes }),
    onSite: e.onSite,
    availability: e.availability,
    published: e.published,
  };
}

/** The organisation's own view of an expert. */
export function expertView(e: ExpertRecord): ExpertView {
  return {
    ...inputOf(e),
    certifications: [...e.certifications],
    clearances: e.clearances.map((c) => ({ ...c })),
    id: e.id,
    orgId: e.orgId,
    profileId: e.profileId,
    pseudonym: e.pseudonym,
    pastDeployments: e.deploymentIds.length,
    created: e.created,
    modified: e.modified,
  };
}

/** Rosters, per organisation. */
export class RosterService implements RosterApi {
  private readonly deps: RosterDeps;

  constructor(deps: RosterDeps) {
    this.deps = deps;
  }

  /** The organisation's experts, by name. */
  async list(p: Principal, orgId?: string): Promise<ExpertView[]> {
    const org = await this.acting(p, 'roster.read', orgId);
    const rows = await this.deps.roster.list(org);
    return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map(expertView);
  }

  /** One expert of the organisation; another organisation's is missing (404). */
  async get(p: Principal, id: string, orgId?: string): Promise<ExpertView> {
    const org = await this.acting(p, 'roster.read', orgId);
    return expertView(await this.held(org, id));
  }

  /** Adds an expert and publishes the profile (unless `published` is false). */
  async add(p: Principal, input: ExpertInput, orgId?: string): Promise<ExpertView> {
    const org = await this.acting(p, 'roster.manage', orgId);
    const id = randomUUID();
    const at = this.now();
    const record = this.recordOf(input, {
      id,
      orgId: org,
      ...(await this.deps.profiles.identity(id)),
      deploymentIds: [],
      created: at,
      modified: at,
    });
    if (record.published) await this.deps.profiles.publish(p, record);
    await this.deps.roster.add(record);
    await this.audited(p, 'roster.add', record);
    await this.deps.catchUp?.();
    return expertView(record);
  }

  /** Changes an expert; the profile follows (a new version, revoked, or published again). */
  async update(p: Principal, id: string, input: Partial<ExpertInput>, orgId?: string): Promise<ExpertView> {
    const org = await this.acting(p, 'roster.manage', orgId);
    const held = await this.held(org, id);
    let next = this.recordOf({ ...inputOf(held), ...input }, { ...held, modified: nextModified(held.modified, this.now()) });
    if (next.published && !held.published) next = { ...next, ...(await this.deps.profiles.identity(held.id, held.profileId)) };
    if (!next.published && held.published) await this.deps.profiles.revoke(p, held);
    else if (next.published && (!held.published || next.profileId !== held.profileId || !sameFacts(held, next)))
      await this.deps.profiles.publish(p, next);
    await this.deps.roster.update(org, next);
    await this.audited(p, 'roster.update', next);
    await this.deps.catchUp?.();
    return expertView(next);
  }

  /** Removes an expert: the row goes, the profile is revoked (partners stop matching it). */
  async remove(p: Principal, id: string, orgId?: string): Promise<void> {
    const org = await this.acting(p, 'roster.manage', orgId);
    const held = await this.held(org, id);
    if (held.published) await this.deps.profiles.revoke(p, held);
    await this.deps.roster.remove(org, id);
    await this.audited(p, 'roster.remove', held);
    await this.deps.catchUp?.();
  }

  /** The checked record of `input` over the row's fixed fields. */
  private recordOf(
    input: ExpertInput,
    fixed: Pick<ExpertRecord, 'id' | 'orgId' | 'profileId' | 'pseudonym' | 'deploymentIds' | 'created' | 'modified'>,
  ): ExpertRecord {
    throwIssues(expertIssues(input, (scheme) => this.deps.schemes.get(scheme)?.levels));
    const text = (s: unknown): string | null => (typeof s !== 'string' || s.trim() === '' ? null : s.trim());
    return {
      id: fixed.id,
      orgId: fixed.orgId,
      profileId: fixed.profileId,
      pseudonym: fixed.pseudonym,
      name: input.name.trim(),
      email: text(input.email),
      phone: text(input.phone),
      skills: [...new Set(input.skills)],
      certifications: [...new Set(input.certifications ?? [])],
      languages: [...new Set(input.languages)],
      clearances: (input.clearances ?? []).map((c) => ({ scheme: c.scheme, level: c.level })),
      country: input.country,
      utcOffsetMinutes: input.utcOffsetMinutes ?? null,
      onSite: input.onSite,
      availability: input.availability.map((w) => ({ from: w.from, until: w.until })),
      published: input.published ?? true,
      deploymentIds: [...fixed.deploymentIds],
      created: fixed.created,
      modified: fixed.modified,
    };
  }

  /**
   * The organisation a call acts for: a user's own (another named is refused, roster.read and
   * roster.manage reach the own organisation only); for the command line, the one it names or
   * the operating organisation. Rosters are kept on the organisation's node only.
   */
  private async acting(p: Principal, action: Action, orgId: string | undefined): Promise<string> {
    if (p.kind === 'user') {
      authorize(p, action, { orgId: orgId ?? p.org.id });
      return p.org.id;
    }
    const { orgId: org } = await this.deps.owner(p, orgId === undefined ? {} : { orgId });
    const known = await this.deps.orgs.getOrg(org);
    if (known !== undefined && known.node !== null)
      throw new ForbiddenError(`${known.name} is hosted on another node: its roster is kept there`, { field: 'org' });
    return org;
  }

  /** Audits a roster change by the expert's row and profile ids: never the person (must 2). */
  private audited(p: Principal, action: string, e: ExpertRecord): Promise<void> {
    return this.deps.audit.record({
      action,
      actor: actorName(p),
      target: e.id,
      details: { org: e.orgId, profile: e.profileId, published: e.published },
    });
  }

  private async held(orgId: string, id: string): Promise<ExpertRecord> {
    const found = await this.deps.roster.get(orgId, id);
    if (found === undefined) throw new NotFoundError(`expert ${id}`);
    return found;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
