// Reading rapid response's STIX objects back (issue 18): the fields the services and screens use,
// and the projection row of each stored object (`assistanceRow`). Objects have passed validation
// (defs.ts, defs-work.ts), so only shapes are checked here; a missing optional property reads as null.
import { addHours } from '../incidents/calendar.ts';
import { BUILT_IN_SCHEMES, type ClassificationScheme } from '../markings/classification.ts';
import { classificationMarking } from '../markings/concord-markings.ts';
import type { JsonObject } from '../stix/types.ts';
import {
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
  type RequestContent,
  type RequestStatus,
  type Urgency,
  URGENCIES,
  type Window,
} from './api.ts';
import { DEFAULT_FIRST_OFFER_HOURS, DEFAULT_TEAM_READY_HOURS } from './build.ts';
import { opt, pick, records, str, strings, num, unique } from './read-shapes.ts';
import { afterActionFields, memberCardFields, profileFields, statusNoteFields, taskFields } from './read-work.ts';
import type { AssistanceRow, DeploymentRecord, RequestRecord, WorkRecord } from './types.ts';

// The work readers live in read-work.ts; read.ts stays the one module services import readers from.
export {
  type AfterActionFields,
  afterActionFields,
  isAfterActionReport,
  type MemberCardFields,
  memberCardFields,
  type ProfileFields,
  profileFields,
  type StatusNoteFields,
  statusNoteFields,
  type TaskFields,
  taskFields,
} from './read-work.ts';

/** `created` + `hours`, as a STIX timestamp (must 5's response targets). */
const hoursAfter = (timestamp: string, hours: number): string => addHours(new Date(timestamp), hours).toISOString();

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

/** A request object's fields: its content, and what the board row and the clocks are made of. */
export interface RequestFields extends RequestContent {
  title: string;
  coordinatorOrg: string;
  urgency: Urgency;
  status: RequestStatus;
  firstOfferHours: number;
  teamReadyHours: number;
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
