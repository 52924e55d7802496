// Reading the objects of a deployment's work back (issue 18, musts 2, 4 and 6): member cards,
// expert profiles, status notes, tasks and the after-action report. read.ts re-exports them.
import { extensionOf } from '../incidents/read.ts';
import { CONCORD_TASK_EXTENSION_ID } from '../incidents/types.ts';
import type { JsonObject } from '../stix/types.ts';
import {
  AFTER_ACTION_REPORT_TYPE,
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
} from './api.ts';
import { num, opt, records, str, strings } from './read-shapes.ts';
import type { ProfileRecord } from './types.ts';

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
