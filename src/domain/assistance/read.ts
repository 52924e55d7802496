// Reading rapid response's STIX objects back (issue 18): the fields the services and screens use,
// and the projection row of each stored object (`assistanceRow`). Objects have passed validation
// (defs.ts, defs-work.ts), so only shapes are checked here; a missing optional property reads as null.
import { addHours } from '../incidents/calendar.ts';
import { extensionOf } from '../incidents/read.ts';
import { CONCORD_TASK_EXTENSION_ID } from '../incidents/types.ts';
import { BUILT_IN_SCHEMES, type ClassificationScheme } from '../markings/classification.ts';
import { classificationMarking } from '../markings/concord-markings.ts';
import type { JsonObject, JsonValue } from '../stix/types.ts';
import {
  AFTER_ACTION_REPORT_TYPE,
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
  type Clearance,
  type Decision,
  DECISION_TYPE,
  DECISIONS,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPE,
  type DeploymentStatus,
  MEMBER_CARD_TYPE,
  type Mode,
  MODES,
  type Needs,
  OFFER_STATUSES,
  OFFER_TYPE,
  type OfferStatus,
  PROFILE_TYPE,
  REQUEST_STATUSES,
  REQUEST_TYPE,
  type RequestAudience,
  type RequestStatus,
  type Urgency,
  URGENCIES,
  type Window,
} from './api.ts';
import { DEFAULT_FIRST_OFFER_HOURS, DEFAULT_TEAM_READY_HOURS } from './build.ts';
import type { AssistanceRow, DeploymentRecord, ProfileRecord, RequestRecord, WorkRecord } from './types.ts';

// ── Shapes ───────────────────────────────────────────────────────────────────────────────────

const str = (o: JsonObject, k: string): string => {
  const v = o[k];
  return typeof v === 'string' ? v : '';
};
const opt = (o: JsonObject, k: string): string | null => {
  const v = o[k];
  return typeof v === 'string' ? v : null;
};
const num = (o: JsonObject, k: string): number | null => {
  const v = o[k];
  return typeof v === 'number' ? v : null;
};
const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const records = (v: JsonValue | undefined): JsonObject[] =>
  Array.isArray(v) ? v.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
/** The value when it is one of `values`, else the first (validation refuses anything else). */
const pick = <T extends string>(values: readonly T[], v: JsonValue | undefined): T => values.find((x) => x === v) ?? (values[0] as T);
const unique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** `created` + `hours`, as a STIX timestamp (must 5's response targets). */
const hoursAfter = (timestamp: string, hours: number): string => addHours(new Date(timestamp), hours).toISOString();

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

export interface RequestFields {
  title: string;
  description: string;
  incidentId: string | null;
  affectedEntity: string | null;
  impact: string | null;
  needs: Needs;
  actionsTaken: string | null;
  otherSupport: string | null;
  audience: RequestAudience;
  coordinatorOrg: string;
  urgency: Urgency;
  status: RequestStatus;
  firstOfferHours: number;
  teamReadyHours: number;
  classification: Clearance | null;
}

function needsOf(o: JsonObject): Needs {
  const scheme = opt(o, 'clearance_scheme');
  const level = opt(o, 'clearance_level');
  const needs: Needs = {
    skills: strings(o['skills']),
    languages: strings(o['languages']),
    mode: pick(MODES, o['mode']),
    window: { from: str(o, 'needed_from'), until: str(o, 'needed_until') },
  };
  const location = opt(o, 'location');
  const country = opt(o, 'country');
  const teamSize = num(o, 'team_size');
  const offset = num(o, 'utc_offset_minutes');
  if (location !== null) needs.location = location;
  if (country !== null) needs.country = country;
  if (scheme !== null && level !== null) needs.clearance = { scheme, level };
  if (teamSize !== null) needs.teamSize = teamSize;
  if (offset !== null) needs.utcOffsetMinutes = offset;
  return needs;
}

function audienceOf(o: JsonObject): RequestAudience {
  const kind = o['audience_kind'];
  if (kind === 'community') return { kind, id: str(o, 'audience_community') };
  if (kind === 'organizations') return { kind, ids: strings(o['audience_refs']) };
  return { kind: 'federation' };
}

const classificationIds = new Map<string, Map<string, Clearance>>();

/** The classification an object is marked with, among `schemes` (the marking ids are UUIDv5 of
 *  the level, concord-markings.ts, so the known levels are matched, not parsed). */
export function classificationOf(o: JsonObject, schemes: readonly ClassificationScheme[] = BUILT_IN_SCHEMES): Clearance | null {
  const refs = strings(o['object_marking_refs']);
  if (refs.length === 0) return null;
  for (const scheme of schemes) {
    let byId = classificationIds.get(scheme.id);
    if (byId === undefined) {
      byId = new Map(scheme.levels.map((level) => [classificationMarking(scheme, level).id, { scheme: scheme.id, level }] as const));
      classificationIds.set(scheme.id, byId);
    }
    for (const ref of refs) {
      const hit = byId.get(ref);
      if (hit !== undefined) return { ...hit };
    }
  }
  return null;
}

/** What an `x-concord-assistance-request` says; `schemes` resolves its classification marking. */
export function requestFields(o: JsonObject, schemes: readonly ClassificationScheme[] = BUILT_IN_SCHEMES): RequestFields {
  return {
    title: str(o, 'name'),
    description: str(o, 'description'),
    incidentId: opt(o, 'incident_ref'),
    affectedEntity: opt(o, 'affected_entity'),
    impact: opt(o, 'impact'),
    needs: needsOf(o),
    actionsTaken: opt(o, 'actions_taken'),
    otherSupport: opt(o, 'other_support'),
    audience: audienceOf(o),
    coordinatorOrg: str(o, 'coordinator_ref'),
    urgency: pick(URGENCIES, o['urgency']),
    status: pick(REQUEST_STATUSES, o['status']),
    firstOfferHours: num(o, 'first_offer_hours') ?? DEFAULT_FIRST_OFFER_HOURS,
    teamReadyHours: num(o, 'team_ready_hours') ?? DEFAULT_TEAM_READY_HOURS,
    classification: classificationOf(o, schemes),
  };
}

// ── Offers, decisions, deployments ───────────────────────────────────────────────────────────

export interface OfferFields {
  requestId: string;
  requesterOrg: string;
  experts: { profileId: string; covers: string[]; window: Window; note: string | null }[];
  message: string | null;
  status: OfferStatus;
}

/** What an `x-concord-assistance-offer` says. */
export function offerFields(o: JsonObject): OfferFields {
  return {
    requestId: str(o, 'request_ref'),
    requesterOrg: str(o, 'requester_ref'),
    experts: records(o['experts']).map((e) => ({
      profileId: str(e, 'profile_ref'),
      covers: strings(e['covers']),
      window: { from: str(e, 'available_from'), until: str(e, 'available_until') },
      note: opt(e, 'note'),
    })),
    message: opt(o, 'message'),
    status: pick(OFFER_STATUSES, o['status']),
  };
}

export interface DecisionFields {
  requestId: string;
  offerId: string;
  decision: Decision;
  profileIds: string[];
  reason: string | null;
}

/** What an `x-concord-assistance-decision` says. */
export function decisionFields(o: JsonObject): DecisionFields {
  return {
    requestId: str(o, 'request_ref'),
    offerId: str(o, 'offer_ref'),
    decision: pick(DECISIONS, o['decision']),
    profileIds: strings(o['profile_refs']),
    reason: opt(o, 'reason'),
  };
}

export interface DeploymentFields {
  requestId: string;
  incidentId: string | null;
  name: string;
  status: DeploymentStatus;
  window: Window;
  mode: Mode;
  location: string | null;
  members: { profileId: string; orgId: string; offerId: string; covers: string[] }[];
  startedAt: string | null;
  endedAt: string | null;
}

/** What an `x-concord-deployment` says. */
export function deploymentFields(o: JsonObject): DeploymentFields {
  return {
    requestId: str(o, 'request_ref'),
    incidentId: opt(o, 'incident_ref'),
    name: str(o, 'name'),
    status: pick(DEPLOYMENT_STATUSES, o['status']),
    window: { from: str(o, 'starts'), until: str(o, 'ends') },
    mode: pick(MODES, o['mode']),
    location: opt(o, 'location'),
    members: records(o['members']).map((m) => ({
      profileId: str(m, 'profile_ref'),
      orgId: str(m, 'organization_ref'),
      offerId: str(m, 'offer_ref'),
      covers: strings(m['covers']),
    })),
    startedAt: opt(o, 'started_at'),
    endedAt: opt(o, 'ended_at'),
  };
}

// ── Member cards, profiles and the deployment's work ─────────────────────────────────────────

export interface MemberCardFields {
  deploymentId: string;
  profileId: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** What an `x-concord-deployment-member` says: the expert's name and contact (must 2). */
export function memberCardFields(o: JsonObject): MemberCardFields {
  return {
    deploymentId: str(o, 'deployment_ref'),
    profileId: str(o, 'profile_ref'),
    name: str(o, 'name'),
    email: opt(o, 'email'),
    phone: opt(o, 'phone'),
  };
}

export type ProfileFields = Omit<ProfileRecord, 'id' | 'orgId' | 'modified'>;

/** What an `x-concord-expert-profile` says. */
export function profileFields(o: JsonObject): ProfileFields {
  return {
    pseudonym: str(o, 'pseudonym'),
    skills: strings(o['skills']),
    certifications: strings(o['certifications']),
    languages: strings(o['languages']),
    clearances: records(o['clearances']).map((c) => ({ scheme: str(c, 'scheme'), level: str(c, 'level') })),
    country: str(o, 'country'),
    utcOffsetMinutes: num(o, 'utc_offset_minutes'),
    onSite: o['on_site'] === true,
    availability: records(o['availability']).map((w) => ({ from: str(w, 'from'), until: str(w, 'until') })),
    pastDeployments: num(o, 'past_deployments') ?? 0,
  };
}

export interface StatusNoteFields {
  deploymentId: string;
  day: string;
  text: string;
  hours: number;
}

/** What a deployment's status note says; null for a note without the status-note extension. */
export function statusNoteFields(o: JsonObject): StatusNoteFields | null {
  const ext = o['type'] === 'note' ? extensionOf(o, CONCORD_STATUS_NOTE_EXTENSION_ID) : undefined;
  if (ext === undefined) return null;
  return { deploymentId: str(ext, 'deployment_ref'), day: str(ext, 'day'), text: str(o, 'content'), hours: num(ext, 'hours') ?? 0 };
}

export interface TaskFields {
  deploymentId: string;
  incidentId: string | null;
  name: string;
  description: string | null;
  outcome: string | null;
  assignee: string | null;
  due: string | null;
}

/** What a deployment's task says; null for a task without the deployment-task extension. */
export function taskFields(o: JsonObject): TaskFields | null {
  const ext = o['type'] === 'task' ? extensionOf(o, CONCORD_DEPLOYMENT_TASK_EXTENSION_ID) : undefined;
  if (ext === undefined) return null;
  const assignment = extensionOf(o, CONCORD_TASK_EXTENSION_ID);
  return {
    deploymentId: str(ext, 'deployment_ref'),
    incidentId: opt(ext, 'incident_ref'),
    name: str(o, 'name'),
    description: opt(o, 'description'),
    outcome: opt(o, 'outcome'),
    assignee: assignment === undefined ? null : opt(assignment, 'assignee'),
    due: opt(o, 'due_date'),
  };
}

export interface AfterActionFields {
  deploymentId: string;
  requestId: string;
  name: string;
  findings: string;
  actions: string;
  worked: string;
  recommendations: string;
  missingSkills: string[];
}

/** What an after-action report says; null for a report without the after-action extension. */
export function afterActionFields(o: JsonObject): AfterActionFields | null {
  const ext = o['type'] === 'report' ? extensionOf(o, CONCORD_AFTER_ACTION_EXTENSION_ID) : undefined;
  if (ext === undefined) return null;
  return {
    deploymentId: str(ext, 'deployment_ref'),
    requestId: str(ext, 'request_ref'),
    name: str(o, 'name'),
    findings: str(ext, 'findings'),
    actions: str(ext, 'actions'),
    worked: str(ext, 'worked'),
    recommendations: str(ext, 'recommendations'),
    missingSkills: strings(ext['missing_skills']),
  };
}

/** Whether a report is an after-action report (its report_types say so, STIX 2.1 §10.24). */
export function isAfterActionReport(o: JsonObject): boolean {
  return o['type'] === 'report' && strings(o['report_types']).includes(AFTER_ACTION_REPORT_TYPE) && afterActionFields(o) !== null;
}

// ── The projection row ───────────────────────────────────────────────────────────────────────

function requestRecord(o: JsonObject, base: Versioned, exercise: string | null): RequestRecord {
  const f = requestFields(o, []);
  return {
    ...base,
    coordinatorOrg: f.coordinatorOrg,
    title: f.title,
    urgency: f.urgency,
    status: f.status,
    skills: f.needs.skills,
    mode: f.needs.mode,
    window: f.needs.window,
    incidentId: f.incidentId,
    firstOfferDue: hoursAfter(base.created, f.firstOfferHours),
    teamReadyDue: hoursAfter(base.created, f.teamReadyHours),
    exercise,
  };
}

function deploymentRecord(o: JsonObject, base: Versioned): DeploymentRecord {
  const f = deploymentFields(o);
  return {
    ...base,
    requestId: f.requestId,
    name: f.name,
    status: f.status,
    window: f.window,
    profileIds: f.members.map((m) => m.profileId),
    memberOrgs: unique([base.orgId, ...f.members.map((m) => m.orgId)]),
    startedAt: f.startedAt,
    endedAt: f.endedAt,
  };
}

interface Versioned {
  id: string;
  orgId: string;
  created: string;
  modified: string;
}

function work(base: Versioned, deploymentId: string, kind: WorkRecord['kind'], hours = 0, profileId: string | null = null): AssistanceRow {
  return { kind: 'work', record: { ...base, deploymentId, kind, hours, profileId } };
}

/** The work row of a note, report or task that carries an assistance extension, else null. */
function workRow(o: JsonObject, base: Versioned): AssistanceRow | null {
  const note = statusNoteFields(o);
  if (note !== null) return work(base, note.deploymentId, 'status-note', note.hours);
  const report = afterActionFields(o);
  if (report !== null) return work(base, report.deploymentId, 'after-action');
  const task = taskFields(o);
  if (task !== null) return work(base, task.deploymentId, 'task');
  return null;
}

/** The projection row of a stored object (null: not an assistance object). */
export function assistanceRow(o: JsonObject, exercise: string | null): AssistanceRow | null {
  const base: Versioned = { id: str(o, 'id'), orgId: str(o, 'created_by_ref'), created: str(o, 'created'), modified: str(o, 'modified') };
  switch (o['type']) {
    case REQUEST_TYPE:
      return { kind: 'request', record: requestRecord(o, base, exercise) };
    case OFFER_TYPE: {
      const f = offerFields(o);
      return {
        kind: 'offer',
        record: { ...base, requestId: f.requestId, status: f.status, profileIds: f.experts.map((e) => e.profileId) },
      };
    }
    case DECISION_TYPE: {
      const f = decisionFields(o);
      return {
        kind: 'decision',
        record: { ...base, requestId: f.requestId, offerId: f.offerId, decision: f.decision, profileIds: f.profileIds },
      };
    }
    case DEPLOYMENT_TYPE:
      return { kind: 'deployment', record: deploymentRecord(o, base) };
    case PROFILE_TYPE:
      return { kind: 'profile', record: { ...profileFields(o), id: base.id, orgId: base.orgId, modified: base.modified } };
    case MEMBER_CARD_TYPE: {
      const f = memberCardFields(o);
      return work(base, f.deploymentId, 'member-card', 0, f.profileId);
    }
    default:
      return workRow(o, base);
  }
}
