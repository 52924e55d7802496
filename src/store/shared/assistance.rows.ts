// The rows of the assistance projection's tables (migrations/0039) and their conversions, shared
// by the repository's reads and writes.
import type {
  DecisionRecord,
  DeploymentRecord,
  OfferRecord,
  ProfileRecord,
  RequestRecord,
  WorkRecord,
} from '../../domain/assistance/types.ts';
import { isRecord } from '../../domain/stix/reporter.ts';
import { clearances, stringArray, strings, windows } from './json-columns.ts';

export interface RequestsTable {
  id: string;
  seq: number;
  org_id: string;
  coordinator_org: string;
  title: string;
  urgency: string;
  status: string;
  skills: string;
  mode: string;
  window_from: string;
  window_until: string;
  incident_id: string | null;
  first_offer_due: string;
  team_ready_due: string;
  created: string;
  modified: string;
  exercise: string | null;
}

export interface OffersTable {
  id: string;
  seq: number;
  request_id: string;
  org_id: string;
  status: string;
  profile_ids: string;
  created: string;
  modified: string;
}

export interface DecisionsTable {
  id: string;
  seq: number;
  request_id: string;
  offer_id: string;
  org_id: string;
  decision: string;
  profile_ids: string;
  created: string;
  modified: string;
}

export interface DeploymentsTable {
  id: string;
  seq: number;
  request_id: string;
  org_id: string;
  name: string;
  status: string;
  window_from: string;
  window_until: string;
  profile_ids: string;
  member_orgs: string;
  started_at: string | null;
  ended_at: string | null;
  created: string;
  modified: string;
}

export interface ProfilesTable {
  id: string;
  seq: number;
  org_id: string;
  pseudonym: string;
  country: string;
  utc_offset_minutes: number | null;
  on_site: number | boolean;
  past_deployments: number;
  facts: string;
  modified: string;
}

export interface WorkTable {
  id: string;
  seq: number;
  deployment_id: string;
  kind: string;
  org_id: string;
  hours: number;
  profile_id: string | null;
  created: string;
  modified: string;
}

/** The tables of the assistance projection, next to the store's own. */
export type AssistanceTables = {
  assistance_requests: RequestsTable;
  assistance_offers: OffersTable;
  assistance_decisions: DecisionsTable;
  deployments: DeploymentsTable;
  deployment_members: { deployment_id: string; profile_id: string };
  expert_profiles: ProfilesTable;
  profile_windows: { profile_id: string; from_at: string; until_at: string };
  deployment_work: WorkTable;
  assistance_cursor: { id: number; seq: number };
};

export const requestRow = (r: RequestRecord, seq: number): RequestsTable => ({
  id: r.id,
  seq,
  org_id: r.orgId,
  coordinator_org: r.coordinatorOrg,
  title: r.title,
  urgency: r.urgency,
  status: r.status,
  skills: JSON.stringify(r.skills),
  mode: r.mode,
  window_from: r.window.from,
  window_until: r.window.until,
  incident_id: r.incidentId,
  first_offer_due: r.firstOfferDue,
  team_ready_due: r.teamReadyDue,
  created: r.created,
  modified: r.modified,
  exercise: r.exercise,
});

export const requestRecord = (r: RequestsTable): RequestRecord => ({
  id: r.id,
  orgId: r.org_id,
  coordinatorOrg: r.coordinator_org,
  title: r.title,
  urgency: r.urgency as RequestRecord['urgency'],
  status: r.status as RequestRecord['status'],
  skills: stringArray(r.skills),
  mode: r.mode as RequestRecord['mode'],
  window: { from: r.window_from, until: r.window_until },
  incidentId: r.incident_id,
  firstOfferDue: r.first_offer_due,
  teamReadyDue: r.team_ready_due,
  created: r.created,
  modified: r.modified,
  exercise: r.exercise,
});

export const offerRow = (r: OfferRecord, seq: number): OffersTable => ({
  id: r.id,
  seq,
  request_id: r.requestId,
  org_id: r.orgId,
  status: r.status,
  profile_ids: JSON.stringify(r.profileIds),
  created: r.created,
  modified: r.modified,
});

export const offerRecord = (r: OffersTable): OfferRecord => ({
  id: r.id,
  requestId: r.request_id,
  orgId: r.org_id,
  status: r.status as OfferRecord['status'],
  profileIds: stringArray(r.profile_ids),
  created: r.created,
  modified: r.modified,
});

export const decisionRow = (r: DecisionRecord, seq: number): DecisionsTable => ({
  id: r.id,
  seq,
  request_id: r.requestId,
  offer_id: r.offerId,
  org_id: r.orgId,
  decision: r.decision,
  profile_ids: JSON.stringify(r.profileIds),
  created: r.created,
  modified: r.modified,
});

export const decisionRecord = (r: DecisionsTable): DecisionRecord => ({
  id: r.id,
  requestId: r.request_id,
  offerId: r.offer_id,
  orgId: r.org_id,
  decision: r.decision as DecisionRecord['decision'],
  profileIds: stringArray(r.profile_ids),
  created: r.created,
  modified: r.modified,
});

export const deploymentRow = (r: DeploymentRecord, seq: number): DeploymentsTable => ({
  id: r.id,
  seq,
  request_id: r.requestId,
  org_id: r.orgId,
  name: r.name,
  status: r.status,
  window_from: r.window.from,
  window_until: r.window.until,
  profile_ids: JSON.stringify(r.profileIds),
  member_orgs: JSON.stringify(r.memberOrgs),
  started_at: r.startedAt,
  ended_at: r.endedAt,
  created: r.created,
  modified: r.modified,
});

export const deploymentRecord = (r: DeploymentsTable): DeploymentRecord => ({
  id: r.id,
  requestId: r.request_id,
  orgId: r.org_id,
  name: r.name,
  status: r.status as DeploymentRecord['status'],
  window: { from: r.window_from, until: r.window_until },
  profileIds: stringArray(r.profile_ids),
  memberOrgs: stringArray(r.member_orgs),
  startedAt: r.started_at,
  endedAt: r.ended_at,
  created: r.created,
  modified: r.modified,
});

/** The JSON-held part of a profile: the lists matching compares. */
type ProfileFacts = Pick<ProfileRecord, 'skills' | 'certifications' | 'languages' | 'clearances' | 'availability'>;

export const profileRow = (r: ProfileRecord, seq: number, bool: (v: boolean) => number | boolean): ProfilesTable => {
  const facts: ProfileFacts = {
    skills: r.skills,
    certifications: r.certifications,
    languages: r.languages,
    clearances: r.clearances,
    availability: r.availability,
  };
  return {
    id: r.id,
    seq,
    org_id: r.orgId,
    pseudonym: r.pseudonym,
    country: r.country,
    utc_offset_minutes: r.utcOffsetMinutes,
    on_site: bool(r.onSite),
    past_deployments: r.pastDeployments,
    facts: JSON.stringify(facts),
    modified: r.modified,
  };
};

export const profileRecord = (r: ProfilesTable): ProfileRecord => {
  const facts = profileFacts(r.facts);
  return {
    id: r.id,
    orgId: r.org_id,
    pseudonym: r.pseudonym,
    ...facts,
    country: r.country,
    utcOffsetMinutes: r.utc_offset_minutes === null ? null : Number(r.utc_offset_minutes),
    onSite: Boolean(r.on_site),
    pastDeployments: Number(r.past_deployments),
    modified: r.modified,
  };
};

export const workRow = (r: WorkRecord, seq: number): WorkTable => ({
  id: r.id,
  seq,
  deployment_id: r.deploymentId,
  kind: r.kind,
  org_id: r.orgId,
  hours: r.hours,
  profile_id: r.profileId,
  created: r.created,
  modified: r.modified,
});

export const workRecord = (r: WorkTable): WorkRecord => ({
  id: r.id,
  deploymentId: r.deployment_id,
  kind: r.kind as WorkRecord['kind'],
  orgId: r.org_id,
  hours: Number(r.hours),
  profileId: r.profile_id,
  created: r.created,
  modified: r.modified,
});

function profileFacts(text: string): ProfileFacts {
  const v: unknown = JSON.parse(text);
  const o = isRecord(v) ? v : {};
  return {
    skills: strings(o['skills']),
    certifications: strings(o['certifications']),
    languages: strings(o['languages']),
    clearances: clearances(o['clearances']),
    availability: windows(o['availability']),
  };
}
