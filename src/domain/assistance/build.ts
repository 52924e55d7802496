// Rapid response's STIX objects from the services' inputs (issue 18, musts 1, 2, 4 and 6), in the
// wire format agreed in NOTES.md: six new SDOs declared by Concord's extension-definitions
// (STIX 2.1 §7.3.2.2) and three property extensions on `note`, `report` and the incident suite's
// `task`. Each builder returns the object without markings: the service applies `withMarkings`
// (domain/writing/compose.ts) with the request's TLP, classification and distribution.
import { CONCORD_TASK_EXTENSION_ID, TASK_EXTENSION_ID } from '../incidents/types.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import {
  AFTER_ACTION_REPORT_TYPE,
  type AfterActionInput,
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DECISION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_MEMBER_CARD_EXTENSION_ID,
  CONCORD_OFFER_EXTENSION_ID,
  CONCORD_PROFILE_EXTENSION_ID,
  CONCORD_REQUEST_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
  type Decision,
  DECISION_TYPE,
  DEPLOYMENT_TYPE,
  type DeploymentStatus,
  MEMBER_CARD_TYPE,
  type Mode,
  type NewRequest,
  OFFER_TYPE,
  type OfferStatus,
  PROFILE_TYPE,
  REQUEST_TYPE,
  type RequestStatus,
  type Window,
} from './api.ts';
import type { ProfileRecord } from './types.ts';

/** Identity and versioning of the object to build: `creator` is the writing organisation. */
export interface Stamp {
  id: string;
  created: string;
  modified: string;
  creator: string;
}

/** Response targets when the request sets none (must 5: first offer 24 h, team ready 72 h). */
export const DEFAULT_FIRST_OFFER_HOURS = 24;
export const DEFAULT_TEAM_READY_HOURS = 72;

/** Only the properties that have a value: STIX omits an optional property rather than nulling it,
 *  and a list rather than leaving it empty (STIX 2.1 §2.12); readers take a missing list as []. */
function defined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out;
}

function base(type: string, at: Stamp): StixObject {
  return { type, spec_version: '2.1', id: at.id, created: at.created, modified: at.modified, created_by_ref: at.creator };
}

/** A new SDO of one of the six types, declaring its extension-definition (§7.3.2.2). */
function newSdo(type: string, extensionId: string, at: Stamp, fields: Record<string, JsonValue | undefined>): StixObject {
  return { ...base(type, at), ...defined(fields), extensions: { [extensionId]: { extension_type: 'new-sdo' } } };
}

/** An `x-concord-assistance-request` (must 1). */
export function requestObject(r: NewRequest & { status: RequestStatus; coordinatorOrg: string }, at: Stamp): StixObject {
  const n = r.needs;
  const a = r.audience;
  return newSdo(REQUEST_TYPE, CONCORD_REQUEST_EXTENSION_ID, at, {
    name: r.title,
    description: r.description,
    incident_ref: r.incidentId,
    affected_entity: r.affectedEntity,
    impact: r.impact,
    skills: [...n.skills],
    languages: [...n.languages],
    mode: n.mode,
    location: n.location,
    country: n.country,
    needed_from: n.window.from,
    needed_until: n.window.until,
    clearance_scheme: n.clearance?.scheme,
    clearance_level: n.clearance?.level,
    team_size: n.teamSize,
    utc_offset_minutes: n.utcOffsetMinutes,
    actions_taken: r.actionsTaken,
    other_support: r.otherSupport,
    urgency: r.urgency,
    audience_kind: a.kind,
    audience_refs: a.kind === 'organizations' ? [...a.ids] : undefined,
    audience_community: a.kind === 'community' ? a.id : undefined,
    coordinator_ref: r.coordinatorOrg,
    first_offer_hours: r.firstOfferHours ?? DEFAULT_FIRST_OFFER_HOURS,
    team_ready_hours: r.teamReadyHours ?? DEFAULT_TEAM_READY_HOURS,
    status: r.status,
  });
}

/** An `x-concord-assistance-offer`: experts of the offerer's roster, by their profiles (must 4). */
export function offerObject(
  o: {
    requestId: string;
    requesterOrg: string;
    experts: { profileId: string; covers: string[]; window: Window; note?: string }[];
    message?: string;
    status: OfferStatus;
  },
  at: Stamp,
): StixObject {
  return newSdo(OFFER_TYPE, CONCORD_OFFER_EXTENSION_ID, at, {
    request_ref: o.requestId,
    requester_ref: o.requesterOrg,
    experts: o.experts.map((e) =>
      defined({
        profile_ref: e.profileId,
        covers: [...e.covers],
        available_from: e.window.from,
        available_until: e.window.until,
        note: e.note,
      }),
    ),
    message: o.message,
    status: o.status,
  });
}

/** An `x-concord-assistance-decision`: the requester accepts or declines one offer (must 4). */
export function decisionObject(
  d: { requestId: string; offerId: string; decision: Decision; profileIds: string[]; reason?: string },
  at: Stamp,
): StixObject {
  return newSdo(DECISION_TYPE, CONCORD_DECISION_EXTENSION_ID, at, {
    request_ref: d.requestId,
    offer_ref: d.offerId,
    decision: d.decision,
    profile_refs: [...d.profileIds],
    reason: d.reason,
  });
}

/** An `x-concord-deployment`: the team, its dates, place and state (must 4). */
export function deploymentObject(
  d: {
    requestId: string;
    incidentId?: string;
    name: string;
    status: DeploymentStatus;
    window: Window;
    mode: Mode;
    location?: string;
    members: { profileId: string; orgId: string; offerId: string; covers: string[] }[];
    startedAt?: string;
    endedAt?: string;
  },
  at: Stamp,
): StixObject {
  return newSdo(DEPLOYMENT_TYPE, CONCORD_DEPLOYMENT_EXTENSION_ID, at, {
    request_ref: d.requestId,
    incident_ref: d.incidentId,
    name: d.name,
    status: d.status,
    starts: d.window.from,
    ends: d.window.until,
    mode: d.mode,
    location: d.location,
    members: d.members.map((m) =>
      defined({ profile_ref: m.profileId, organization_ref: m.orgId, offer_ref: m.offerId, covers: [...m.covers] }),
    ),
    started_at: d.startedAt,
    ended_at: d.endedAt,
  });
}

/** An `x-concord-deployment-member`: the only object that names an expert (must 2). */
export function memberCardObject(
  c: { deploymentId: string; profileId: string; name: string; email?: string; phone?: string },
  at: Stamp,
): StixObject {
  return newSdo(MEMBER_CARD_TYPE, CONCORD_MEMBER_CARD_EXTENSION_ID, at, {
    deployment_ref: c.deploymentId,
    profile_ref: c.profileId,
    name: c.name,
    email: c.email,
    phone: c.phone,
  });
}

/** An `x-concord-expert-profile`: what partners see of an expert, no name, no contact (must 2). */
export function profileObject(p: Omit<ProfileRecord, 'id' | 'orgId' | 'modified'>, at: Stamp): StixObject {
  // Windows in time order: the definition requires it, and readers show them as they come.
  const availability = [...p.availability].sort((a, b) => a.from.localeCompare(b.from) || a.until.localeCompare(b.until));
  return newSdo(PROFILE_TYPE, CONCORD_PROFILE_EXTENSION_ID, at, {
    pseudonym: p.pseudonym,
    skills: [...p.skills],
    certifications: [...p.certifications],
    languages: [...p.languages],
    clearances: p.clearances.map((c) => ({ scheme: c.scheme, level: c.level })),
    country: p.country,
    utc_offset_minutes: p.utcOffsetMinutes ?? undefined,
    on_site: p.onSite,
    availability: availability.map((w) => ({ from: w.from, until: w.until })),
    past_deployments: p.pastDeployments,
  });
}

/** A `note` on the deployment with its status-note extension: the day's work and hours (must 4). */
export function statusNoteObject(n: { deploymentId: string; day: string; text: string; hours: number }, at: Stamp): StixObject {
  return {
    ...base('note', at),
    content: n.text,
    object_refs: [n.deploymentId],
    extensions: {
      [CONCORD_STATUS_NOTE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        deployment_ref: n.deploymentId,
        day: n.day,
        hours: n.hours,
      },
    },
  };
}

/**
 * A deployment's `task` (the incident suite's, §2.4) with the deployment-task extension; the
 * assignee rides on Concord's task-assignment extension as for incident tasks (issue 16, must 5).
 * The task is pending until someone reports its outcome.
 */
export function taskObject(
  t: { deploymentId: string; incidentId?: string; name: string; description?: string; outcome?: string; assignee?: string; due?: string },
  at: Stamp,
): StixObject {
  const assignment: JsonObject =
    t.assignee === undefined ? {} : { [CONCORD_TASK_EXTENSION_ID]: { extension_type: 'property-extension', assignee: t.assignee } };
  return {
    ...base('task', at),
    ...defined({ name: t.name, description: t.description, outcome: t.outcome ?? 'pending', due_date: t.due }),
    extensions: {
      [TASK_EXTENSION_ID]: { extension_type: 'new-sdo' },
      ...assignment,
      [CONCORD_DEPLOYMENT_TASK_EXTENSION_ID]: defined({
        extension_type: 'property-extension',
        deployment_ref: t.deploymentId,
        incident_ref: t.incidentId,
      }),
    },
  };
}

/** A deployment's after-action `report` (must 6), about the deployment and its request. */
export function afterActionObject(a: AfterActionInput & { deploymentId: string; requestId: string; name: string }, at: Stamp): StixObject {
  return {
    ...base('report', at),
    name: a.name,
    report_types: [AFTER_ACTION_REPORT_TYPE],
    published: at.created,
    object_refs: [a.deploymentId, a.requestId],
    extensions: {
      [CONCORD_AFTER_ACTION_EXTENSION_ID]: defined({
        extension_type: 'property-extension',
        deployment_ref: a.deploymentId,
        request_ref: a.requestId,
        findings: a.findings,
        actions: a.actions,
        worked: a.worked,
        recommendations: a.recommendations,
        missing_skills: [...a.missingSkills],
      }),
    },
  };
}
