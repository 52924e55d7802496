// The records the assistance projection keeps (issue 18; migrations/0039) and the roster's own
// rows (0038). A record is derived from the latest version of one stored object; the object
// itself stays in the object store and is read for the detail pages.
import type { Decision, DeploymentStatus, Mode, OfferStatus, ProfileFacts, RequestStatus, Urgency, Window } from './api.ts';

/** One `x-concord-assistance-request`. */
export interface RequestRecord {
  id: string;
  /** The requesting organisation (the object's creator). */
  orgId: string;
  coordinatorOrg: string;
  title: string;
  urgency: Urgency;
  status: RequestStatus;
  skills: string[];
  mode: Mode;
  window: Window;
  incidentId: string | null;
  /** `created` + the first-offer target, and + the team-ready target (must 5). */
  firstOfferDue: string;
  teamReadyDue: string;
  created: string;
  modified: string;
  exercise: string | null;
}

/** One `x-concord-assistance-offer`. */
export interface OfferRecord {
  id: string;
  requestId: string;
  orgId: string;
  status: OfferStatus;
  profileIds: string[];
  created: string;
  modified: string;
}

/** One `x-concord-assistance-decision` (the latest decision on an offer wins). */
export interface DecisionRecord {
  id: string;
  requestId: string;
  offerId: string;
  /** The requester's organisation. */
  orgId: string;
  decision: Decision;
  profileIds: string[];
  created: string;
  modified: string;
}

/** One `x-concord-deployment`. */
export interface DeploymentRecord {
  id: string;
  requestId: string;
  /** The requester's organisation, which owns the deployment. */
  orgId: string;
  name: string;
  status: DeploymentStatus;
  window: Window;
  profileIds: string[];
  /** Organisations of the members, and the requester's. */
  memberOrgs: string[];
  /** When the deployment was first stored active, and ended (from its versions). */
  startedAt: string | null;
  endedAt: string | null;
  created: string;
  modified: string;
}

/** One `x-concord-expert-profile`: what matching reads (must 3). */
export interface ProfileRecord extends ProfileFacts {
  id: string;
  orgId: string;
  pseudonym: string;
  pastDeployments: number;
  modified: string;
}

/** A deployment's work: its tasks, status notes, member cards and after-action report. */
export interface WorkRecord {
  id: string;
  deploymentId: string;
  kind: 'task' | 'status-note' | 'member-card' | 'after-action';
  orgId: string;
  /** Hours of a status note (0 otherwise). */
  hours: number;
  /** A member card's profile (null otherwise). */
  profileId: string | null;
  created: string;
  modified: string;
}

/** A roster row (migrations/0038): the expert with personal details. Never leaves the node. */
export interface ExpertRecord extends ProfileFacts {
  id: string;
  orgId: string;
  profileId: string;
  pseudonym: string;
  name: string;
  email: string | null;
  phone: string | null;
  published: boolean;
  /** Deployments the expert served in that have ended with an after-action report (must 6). */
  deploymentIds: string[];
  created: string;
  modified: string;
}

/** One projected row, by kind. */
export type AssistanceRow =
  | { kind: 'request'; record: RequestRecord }
  | { kind: 'offer'; record: OfferRecord }
  | { kind: 'decision'; record: DecisionRecord }
  | { kind: 'deployment'; record: DeploymentRecord }
  | { kind: 'profile'; record: ProfileRecord }
  | { kind: 'work'; record: WorkRecord };
