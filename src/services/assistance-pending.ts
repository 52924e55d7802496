// TEMPORARY (issue 18, part "requests"): the signatures other parts are building, as agreed in
// /work/wt/NOTES.md, so that the request services compile before those parts land on main. Each
// export is replaced by an import from its real module (domain/assistance/read.ts, build.ts,
// check.ts, clocks.ts; services/assistance-groups.ts) when it lands, and this file is removed.
import type { SharingGroup } from '../domain/identity/types.ts';
import type {
  Clearance,
  Decision,
  NewRequest,
  Needs,
  OfferStatus,
  RequestAudience,
  RequestStatus,
  ResponseClock,
  Urgency,
  Window,
} from '../domain/assistance/api.ts';
import type { AssistanceRow } from '../domain/assistance/types.ts';
import type { JsonObject, StixObject } from '../domain/stix/types.ts';
import type { OrgRepo } from '../store/repositories.ts';
import type { AuditSink } from './audit.service.ts';

function pending(name: string): never {
  throw new Error(`${name} is not built yet (issue 18)`);
}

/** objects: read.ts. */
export function assistanceRow(_o: JsonObject, _exercise: string | null): AssistanceRow | null {
  return pending('assistanceRow');
}

/** objects: read.ts. */
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

/** objects: read.ts. */
export function requestFields(_o: JsonObject): RequestFields {
  return pending('requestFields');
}

/** objects: read.ts. */
export function offerFields(_o: JsonObject): {
  requestId: string;
  requesterOrg: string;
  experts: { profileId: string; covers: string[]; window: Window; note: string | null }[];
  message: string | null;
  status: OfferStatus;
} {
  return pending('offerFields');
}

/** objects: build.ts. */
export interface Stamp {
  id: string;
  created: string;
  modified: string;
  creator: string;
}

/** objects: build.ts. */
export function requestObject(_r: NewRequest & { status: RequestStatus; coordinatorOrg: string }, _at: Stamp): StixObject {
  return pending('requestObject');
}

/** objects: build.ts. */
export function offerObject(
  _o: {
    requestId: string;
    requesterOrg: string;
    experts: { profileId: string; covers: string[]; window: Window; note?: string }[];
    message?: string;
    status: OfferStatus;
  },
  _at: Stamp,
): StixObject {
  return pending('offerObject');
}

/** objects: build.ts. */
export function decisionObject(
  _d: { requestId: string; offerId: string; decision: Decision; profileIds: string[]; reason?: string },
  _at: Stamp,
): StixObject {
  return pending('decisionObject');
}

/** objects: check.ts. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** objects: check.ts. */
export function requestIssues(_input: NewRequest, _levels: (scheme: string) => readonly string[] | undefined): FieldIssue[] {
  return pending('requestIssues');
}

/** match: clocks.ts. */
export interface ResponseFacts {
  created: string;
  firstOfferHours: number;
  teamReadyHours: number;
  firstOfferAt: string | null;
  teamReadyAt: string | null;
  deploymentEndedAt: string | null;
  afterActionAt: string | null;
}

/** match: clocks.ts. */
export function responseClocks(_f: ResponseFacts, _now: Date): ResponseClock[] {
  return pending('responseClocks');
}

/** deploy: assistance-groups.ts. */
export class AssistanceGroups {
  readonly deps: { orgs: OrgRepo; audit: AuditSink; invalidate: () => void };

  constructor(deps: { orgs: OrgRepo; audit: AuditSink; invalidate: () => void }) {
    this.deps = deps;
  }

  ensure(_g: { id: string; owner: string; members: string[]; name: string; description: string; actor: string }): Promise<SharingGroup> {
    return pending('AssistanceGroups.ensure');
  }
}

/** deploy: assistance-groups.ts. */
export function groupIdFor(_objectId: string): string {
  return pending('groupIdFor');
}

/** match: reminders.ts. */
export interface ResponseReminderPolicy {
  beforeHours: Readonly<Partial<Record<ResponseClock['name'], readonly number[]>>>;
  defaultBeforeHours: readonly number[];
}

/** match: reminders.ts. */
export const DEFAULT_RESPONSE_REMINDERS: ResponseReminderPolicy = { beforeHours: {}, defaultBeforeHours: [24] };

/** match: reminders.ts. */
export interface ResponseReminder {
  key: string;
  clock: ResponseClock['name'];
  kind: 'before' | 'passed';
  at: string;
  dueAt: string;
}

/** match: reminders.ts. */
export function dueResponseReminders(
  _requestId: string,
  _all: readonly ResponseClock[],
  _policy: ResponseReminderPolicy,
  _since: Date,
  _now: Date,
): ResponseReminder[] {
  return pending('dueResponseReminders');
}
