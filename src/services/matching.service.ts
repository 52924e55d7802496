// Matching (issue 18, must 3) as a reader may ask for it: the request as the reader may read it,
// the pseudonymous profiles the reader may read (the projection, each row through the access
// policy), kept to the organisations that may answer the request (in its audience, not the
// requester), then the pure ranking (domain/assistance/matching.ts). Built for 10,000 profiles of
// 200 organisations within the 200 ms p95: one projection read, the policy decided once
// per distinct label, the directory read once per version (org-directory.ts).
import { authorize } from '../domain/access/permissions.ts';
import { canRead } from '../domain/access/policy.ts';
import { type AccessLabel, formatDistribution, type Reader } from '../domain/access/types.ts';
import type { Needs, ProfileView, Proposal, Window } from '../domain/assistance/api.ts';
import { propose } from '../domain/assistance/matching.ts';
import { requestFields } from '../domain/assistance/read.ts';
import type { ProfileRecord, RequestRecord } from '../domain/assistance/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import { levelRank, type SchemeRegistry } from '../domain/markings/classification.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { AssistanceRepo, Labelled } from '../store/assistance-repositories.ts';
import type { ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { readerOf } from './access-gate.ts';
import type { MatchingApi } from './assistance.api.ts';
import type { ImportOwner } from './labeller.ts';
import type { OrgDirectory } from './org-directory.ts';

/** Profiles read at most for one proposal or list (the scale is 10,000). */
const MAX_PROFILES = 50_000;

export interface MatchingDeps {
  assistance: Pick<AssistanceRepo, 'request' | 'profiles' | 'cursor'>;
  objects: Pick<ObjectRepo, 'get'>;
  orgs: Pick<OrgRepo, 'getSharingGroup'>;
  directory: OrgDirectory;
  schemes: SchemeRegistry;
  /** The organisation the command line acts for (the operating one). */
  owner: (p: Principal) => Promise<ImportOwner>;
}

/** A request as the matcher reads it. */
interface Asked {
  record: RequestRecord;
  label: AccessLabel;
  needs: Needs;
}

/**
 * A filter deciding the policy once per distinct label: the 10,000 profiles of a proposal carry
 * a few dozen labels (each organisation's TLP and distribution), not 10,000.
 */
export function labelFilter(reader: Reader | null, schemes: SchemeRegistry): (label: AccessLabel | null) => boolean {
  if (reader === null) return (label) => label !== null;
  const decided = new Map<string, boolean>();
  return (label) => {
    if (label === null) return false;
    const key = JSON.stringify([
      label.ownerOrg,
      label.tlp,
      formatDistribution(label.distribution),
      label.classification ?? null,
      label.releasableTo ?? null,
      label.exercise ?? null,
    ]);
    let ok = decided.get(key);
    if (ok === undefined) {
      ok = canRead(reader, label, schemes);
      decided.set(key, ok);
    }
    return ok;
  };
}

/** Proposals and partners' profiles. */
export class MatchingService implements MatchingApi {
  private readonly deps: MatchingDeps;
  private cached: { cursor: number; rows: Promise<Labelled<ProfileRecord>[]> } | undefined;

  constructor(deps: MatchingDeps) {
    this.deps = deps;
  }

  /** A proposal for a request the reader may read: for its requester or coordinator over every
   *  organisation that may answer; with `own`, over the caller's organisation's experts only. */
  async propose(p: Principal, requestId: string, options: { own?: boolean } = {}): Promise<Proposal> {
    authorize(p, 'assistance.read');
    const asked = await this.asked(p, requestId);
    const own = options.own === true;
    const caller = p.kind === 'user' ? p.org.id : own ? (await this.deps.owner(p)).orgId : undefined;
    if (!own && caller !== undefined && caller !== asked.record.orgId && caller !== asked.record.coordinatorOrg)
      throw new ForbiddenError("only the request's requester and coordinator rank every organisation's experts; rank your own with own");
    const rows = await this.all();
    const answering = await this.answering(asked, own ? caller : undefined);
    const readable = labelFilter(readerOf(p), this.deps.schemes);
    const from = Date.parse(asked.needs.window.from);
    const until = Date.parse(asked.needs.window.until);
    // Some window overlapping the request's (the ranking checks the whole window: must 3).
    const overlaps = (w: Window): boolean => Date.parse(w.from) <= until && Date.parse(w.until) >= from;
    const profiles: ProfileRecord[] = [];
    for (const r of rows) {
      const { orgId, availability } = r.record;
      if (!answering(orgId) || (own && orgId !== caller) || !availability.some(overlaps)) continue;
      if (readable(r.label)) profiles.push(r.record);
    }
    return propose({ id: requestId, needs: asked.needs }, profiles, (scheme, level) => {
      const s = this.deps.schemes.get(scheme);
      return s === undefined ? -1 : levelRank(s, level);
    });
  }

  /** Partners' pseudonymous profiles the reader may read, by pseudonym. */
  async profiles(p: Principal, q: { org?: string; skill?: string; limit?: number }): Promise<ProfileView[]> {
    authorize(p, 'assistance.read');
    const limit = Math.max(1, Math.min(q.limit ?? 500, MAX_PROFILES));
    const rows = await this.all();
    const readable = labelFilter(readerOf(p), this.deps.schemes);
    const orgs = await this.deps.directory.all();
    const out: ProfileView[] = [];
    for (const r of rows) {
      if (q.org !== undefined && r.record.orgId !== q.org) continue;
      if (!readable(r.label) || (q.skill !== undefined && !r.record.skills.includes(q.skill))) continue;
      out.push(profileView(r.record, orgs));
    }
    // Pseudonyms are ASCII (pseudonym.ts): a plain comparison, not a locale's, over 10,000 of them.
    return out.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0)).slice(0, limit);
  }

  /**
   * Every projected profile with its label, read once per projection state: a proposal over
   * 10,000 profiles otherwise spends most of its time decoding the same rows again (fed's bench).
   * The projection's cursor moves with every projected change, in any process, so a profile
   * published, changed or revoked anywhere is read again; readers are decided per call.
   */
  private async all(): Promise<Labelled<ProfileRecord>[]> {
    const cursor = await this.deps.assistance.cursor();
    if (this.cached === undefined || this.cached.cursor !== cursor) {
      const rows = this.deps.assistance.profiles({ limit: MAX_PROFILES });
      this.cached = { cursor, rows };
      rows.catch(() => {
        if (this.cached?.rows === rows) this.cached = undefined;
      });
    }
    return this.cached.rows;
  }

  /** The request and its needs, as the reader may read it (else missing, 404). */
  private async asked(p: Principal, id: string): Promise<Asked> {
    const found = await this.deps.assistance.request(id);
    if (found === undefined || !labelFilter(readerOf(p), this.deps.schemes)(found.label))
      throw new NotFoundError(`assistance request ${id}`);
    const stored = await this.deps.objects.get(id);
    if (stored === undefined || found.label === null) throw new NotFoundError(`assistance request ${id}`);
    const { needs } = requestFields(JSON.parse(stored.json) as JsonObject);
    return { record: found.record, label: found.label, needs };
  }

  /**
   * Which organisations may answer the request (must 3: "the organisations that may answer
   * it"): those in its audience (its distribution: the federation, the community's members, the
   * sharing group's members) and its releasability, never the requester itself (unless it ranks
   * its own roster, `own`).
   */
  private async answering(asked: Asked, own: string | undefined): Promise<(orgId: string) => boolean> {
    const { label, record } = asked;
    const orgs = await this.deps.directory.all();
    const d = label.distribution;
    const group = d.kind === 'sharing-group' ? await this.deps.orgs.getSharingGroup(d.id) : undefined;
    const members = new Set(group === undefined || group.disabled ? [] : group.members);
    const releasable = (org: Org | undefined): boolean =>
      label.releasableTo === undefined ||
      (org !== undefined &&
        ((org.country !== null && label.releasableTo.includes(org.country)) ||
          org.communities.some((c) => label.releasableTo?.includes(c))));
    const decided = new Map<string, boolean>();
    return (orgId) => {
      if (orgId === own) return true;
      if (orgId === record.orgId) return false;
      let ok = decided.get(orgId);
      if (ok === undefined) {
        const org = orgs.get(orgId);
        const inAudience =
          d.kind === 'federation' ||
          (d.kind === 'community' && org !== undefined && org.communities.includes(d.id)) ||
          (d.kind === 'sharing-group' && members.has(orgId));
        ok = inAudience && releasable(org);
        decided.set(orgId, ok);
      }
      return ok;
    };
  }
}

/** What partners see of an expert (must 2); its lists are copies, the records being the cache's. */
export function profileView(r: ProfileRecord, orgs: ReadonlyMap<string, Org>): ProfileView {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    org: { id: r.orgId, name: orgs.get(r.orgId)?.name ?? r.orgId },
    skills: [...r.skills],
    certifications: [...r.certifications],
    languages: [...r.languages],
    clearances: r.clearances.map((c) => ({ ...c })),
    country: r.country,
    utcOffsetMinutes: r.utcOffsetMinutes,
    onSite: r.onSite,
    availability: r.availability.map((w) => ({ ...w })),
    pastDeployments: r.pastDeployments,
  };
}
