// Publishing an expert's pseudonymous profile (issue 18, must 2): the `x-concord-expert-profile`
// object partners match against, written through the write path as the expert's organisation
// (validated, labelled, signed, federated like every object). It carries no name and no contact:
// those stay in the roster row (store/roster) and leave the node only as a deployment's member
// card (assistance-reactor.ts). The roster service and the reactor both publish through here.
import { profileObject } from '../domain/assistance/build.ts';
import { profileIdOf, pseudonymOf } from '../domain/assistance/pseudonym.ts';
import type { ExpertRecord, ProfileRecord } from '../domain/assistance/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { nextModified } from '../domain/writing/compose.ts';
import type { AccessRepo, ObjectRepo } from '../store/repositories.ts';
import type { ImportOwner } from './labeller.ts';
import type { WriteService } from './write.service.ts';

/** What partners see of an expert, as the profile object states it. */
export type ProfileFacts = Omit<ProfileRecord, 'id' | 'orgId' | 'modified'>;

/** The profile's content from a roster row: skills, languages, clearances, country, availability
 *  and past deployments; never the name, e-mail or phone. */
export function factsOf(e: ExpertRecord): ProfileFacts {
  return {
    pseudonym: e.pseudonym,
    skills: [...e.skills],
    certifications: [...e.certifications],
    languages: [...e.languages],
    clearances: e.clearances.map((c) => ({ ...c })),
    country: e.country,
    utcOffsetMinutes: e.utcOffsetMinutes,
    onSite: e.onSite,
    availability: e.availability.map((w) => ({ ...w })),
    pastDeployments: e.deploymentIds.length,
  };
}

/** Whether two rows publish the same profile (a change of name or phone makes no new version). */
export function sameFacts(a: ExpertRecord, b: ExpertRecord): boolean {
  return JSON.stringify(factsOf(a)) === JSON.stringify(factsOf(b));
}

export interface ExpertProfilesDeps {
  objects: Pick<ObjectRepo, 'get'>;
  access: Pick<AccessRepo, 'latest'>;
  write: Pick<WriteService, 'storeAll'>;
  /** The node's profile-id key (pseudonym.ts profileKey). */
  profileKey: () => Promise<Buffer>;
  now?: () => Date;
}

/** Writes, re-versions and revokes profiles. */
export class ExpertProfiles {
  private readonly deps: ExpertProfilesDeps;

  constructor(deps: ExpertProfilesDeps) {
    this.deps = deps;
  }

  /**
   * The profile id and pseudonym an expert is published under: its first id, or, when that
   * profile was revoked (unpublished), the next generation's (a revoked object gets no further
   * versions, STIX 2.1 §3.6).
   */
  async identity(expertId: string, held?: string): Promise<{ profileId: string; pseudonym: string }> {
    const key = await this.deps.profileKey();
    let id = held ?? profileIdOf(key, expertId);
    for (let generation = 1; await this.revoked(id); generation++) id = profileIdOf(key, expertId, generation);
    return { profileId: id, pseudonym: pseudonymOf(id) };
  }

  /** Publishes the expert's profile: a first version, or a new one (the caller knows its facts
   *  changed: sameFacts). */
  async publish(p: Principal, e: ExpertRecord): Promise<void> {
    const stored = await this.deps.objects.get(e.profileId);
    const previous = stored === undefined ? undefined : (JSON.parse(stored.json) as StixObject);
    const at = this.now();
    const created = typeof previous?.['created'] === 'string' ? previous['created'] : at;
    const object = profileObject(factsOf(e), {
      id: e.profileId,
      created,
      modified: typeof previous?.['modified'] === 'string' ? nextModified(previous['modified'], at) : at,
      creator: e.orgId,
    });
    await this.store(p, e.orgId, object, previous === undefined ? 'roster.profile.publish' : 'roster.profile.update');
  }

  /** Withdraws the profile from partners: a revoked last version (STIX 2.1 §3.6). */
  async revoke(p: Principal, e: ExpertRecord): Promise<void> {
    const stored = await this.deps.objects.get(e.profileId);
    if (stored === undefined) return;
    const held = JSON.parse(stored.json) as StixObject;
    if (held['revoked'] === true) return;
    const object: StixObject = { ...held, modified: nextModified(String(held['modified']), this.now()), revoked: true };
    await this.store(p, e.orgId, object, 'roster.profile.revoke');
  }

  private async store(p: Principal, orgId: string, object: StixObject, action: string): Promise<void> {
    const previous = (await this.deps.access.latest([object.id])).get(object.id);
    // Who may change the roster was decided by the caller (roster.manage, or the reactor acting
    // for the expert's organisation): the organisation-owner write rule does not apply (no
    // writer), as for alert rules. Default distribution federation, TLP:GREEN (NOTES: the wire
    // format): pseudonymous profiles are what every partner may match against.
    const owner: ImportOwner = {
      orgId,
      tlp: previous?.tlp ?? 'green',
      distribution: previous?.distribution ?? { kind: 'federation' },
      actor: actorName(p),
    };
    await this.deps.write.storeAll(p, [{ object, ...(previous ? { previous } : {}) }], owner, action);
  }

  private async revoked(id: string): Promise<boolean> {
    const stored = await this.deps.objects.get(id);
    return stored !== undefined && (JSON.parse(stored.json) as StixObject)['revoked'] === true;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
