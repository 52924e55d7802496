// What the rapid-response services answer and accept (issue 18): assistance requests, offers,
// the requester's decisions, deployments with their tasks, status notes and after-action report,
// and each organisation's roster of experts. The shapes the HTTP API, the command line and the
// web UI share. Everything that crosses organisations is a STIX object of one of Concord's types
// (vocab.ts), declared by an extension-definition (STIX 2.1 §7.3) and federated like every object;
// the roster's personal details never are (must 2).
import type { BannerMarks } from '../markings/banner.ts';
import type {
  BoardColumn,
  Clearance,
  Decision,
  DeploymentStatus,
  Mode,
  OfferStatus,
  RequestAudience,
  RequestStatus,
  Urgency,
  Window,
} from './vocab.ts';

export * from './vocab.ts';

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

/** What a request needs (must 1). */
export interface Needs {
  /** ECSF profile ids or free tags; at least one. */
  skills: string[];
  /** ISO 639-1 codes; the team must share at least one with the requester (empty: any). */
  languages: string[];
  mode: Mode;
  /** Where, for on-site help: a place and its country (ISO 3166-1 alpha-2). */
  location?: string;
  country?: string;
  /** The window the team is needed for. */
  window: Window;
  clearance?: Clearance;
  /** Experts wanted (the proposal still covers the skills with the fewest). */
  teamSize?: number;
  /** The requester's UTC offset in minutes, for ranking by time zone. */
  utcOffsetMinutes?: number;
}

/** POST /api/v1/assistance/requests. */
export interface NewRequest {
  title: string;
  /** What happened. */
  description: string;
  incidentId?: string;
  affectedEntity?: string;
  impact?: string;
  needs: Needs;
  actionsTaken?: string;
  otherSupport?: string;
  urgency: Urgency;
  audience: RequestAudience;
  /** Organisation identity id of the request's coordinator (defaults to the requester). */
  coordinatorOrg?: string;
  tlp?: string;
  classification?: Clearance;
  /** Response targets in hours (defaults: first offer 24, team ready 72; must 5). */
  firstOfferHours?: number;
  teamReadyHours?: number;
}

/** PATCH /api/v1/assistance/requests/{id}: any field of NewRequest but the audience's kind, or
 *  a status change (withdraw, close). */
export type RequestUpdate = Partial<Omit<NewRequest, 'audience'>> & { status?: RequestStatus };

/** One response clock (must 5), with the incident reports' states and words (incidents/clock-words). */
export interface ResponseClock {
  name: 'first-offer' | 'team-ready' | 'after-action';
  /** Null while the clock has not started (after-action before the deployment ends). */
  dueAt: string | null;
  metAt: string | null;
  status: 'due' | 'submitted-on-time' | 'submitted-late' | 'overdue' | 'not-started';
  /** "due in 3 h", "exceeded by 2 d 1 h", or the standing in words. */
  text: string;
}

/** A request as a row of the board. */
export interface RequestSummary {
  id: string;
  title: string;
  requester: { id: string; name: string };
  urgency: Urgency;
  status: RequestStatus;
  column: BoardColumn;
  skills: string[];
  mode: Mode;
  window: Window;
  offerCount: number;
  created: string;
  modified: string;
  clocks: ResponseClock[];
  exercise: string | null;
  marking: BannerMarks | null;
}

/** One page of the requests board (GET /assistance/requests). `counts`: how many requests the
 *  reader may read per column. */
export interface BoardPage {
  items: RequestSummary[];
  counts: Record<BoardColumn, number>;
  /** Opaque keyset cursor for the next page, or null. */
  next: string | null;
}

/** A request's page (must 7). Offers and deployments are those the reader may read: the
 *  requester and coordinator see all, an offering organisation its own. */
export interface RequestView extends RequestSummary, RequestContent {
  coordinator: { id: string; name: string };
  offers: OfferView[];
  deployments: DeploymentSummary[];
  /** What the reader may do here. */
  can: { update: boolean; offer: boolean; decide: boolean; deploy: boolean };
}

/** What a request's object says beyond its board row: the page shows it, read.ts reads it. */
export interface RequestContent {
  description: string;
  incidentId: string | null;
  affectedEntity: string | null;
  impact: string | null;
  needs: Needs;
  actionsTaken: string | null;
  otherSupport: string | null;
  audience: RequestAudience;
  classification: Clearance | null;
}

// ── Roster ───────────────────────────────────────────────────────────────────────────────────

/** One expert as the organisation keeps it (must 2). Personal fields never leave the node. */
export interface ExpertInput {
  /** Personal. */
  name: string;
  email?: string;
  phone?: string;
  /** Shared pseudonymously. */
  skills: string[];
  certifications?: string[];
  languages: string[];
  clearances?: Clearance[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  utcOffsetMinutes?: number;
  onSite: boolean;
  /** When the expert can be deployed; outside these windows the expert is unavailable. */
  availability: Window[];
  /** Whether the profile is published to partners (default true). */
  published?: boolean;
}

/** The roster's own view of an expert (members of the organisation only). */
export interface ExpertView extends ExpertInput {
  id: string;
  orgId: string;
  /** The id of the published pseudonymous profile (`x-concord-expert-profile--…`). */
  profileId: string;
  pseudonym: string;
  pastDeployments: number;
  created: string;
  modified: string;
}

/** What an expert's pseudonymous profile says (must 2): skills, languages, clearance level,
 *  country, availability; the roster row adds the person, the profile its pseudonym. */
export interface ProfileFacts {
  skills: string[];
  certifications: string[];
  languages: string[];
  clearances: Clearance[];
  country: string;
  utcOffsetMinutes: number | null;
  onSite: boolean;
  availability: Window[];
}

/** What partners see of an expert (must 2): no name, no contact. */
export interface ProfileView extends ProfileFacts {
  id: string;
  pseudonym: string;
  org: { id: string; name: string };
  pastDeployments: number;
}

// ── Matching (must 3) ────────────────────────────────────────────────────────────────────────

/** Why an expert cannot serve a request: a hard constraint. */
export type Exclusion =
  | { constraint: 'clearance'; needed: Clearance; held: Clearance | null }
  | { constraint: 'availability'; window: Window; gaps: Window[] }
  | { constraint: 'language'; needed: string[]; spoken: string[] }
  | { constraint: 'on-site'; reason: string };

/** One ranked candidate: what it covers and why it ranks where it does. */
export interface Candidate {
  profileId: string;
  pseudonym: string;
  orgId: string;
  /** The request's skills this expert covers. */
  covers: string[];
  score: number;
  /** The soft criteria, each with its part of the score. */
  reasons: { criterion: 'skills' | 'time-zone' | 'past-deployments'; points: number; text: string }[];
}

/** A proposal for a request: ranked candidates, the fewest that cover the skills, and who was left out. */
export interface Proposal {
  requestId: string;
  ranked: Candidate[];
  /** The proposed team: covers every coverable skill with the fewest experts (ties: higher scores). */
  team: { profileId: string; covers: string[] }[];
  /** Skills no available expert covers. */
  uncovered: string[];
  excluded: { profileId: string; pseudonym: string; orgId: string; why: Exclusion[] }[];
  /** How many profiles were considered. */
  considered: number;
}

// ── Offers and decisions ─────────────────────────────────────────────────────────────────────

/** POST /api/v1/assistance/requests/{id}/offers: experts of the caller's roster. */
export interface NewOffer {
  experts: { expertId: string; window?: Window; note?: string }[];
  message?: string;
}

export interface OfferView {
  id: string;
  requestId: string;
  org: { id: string; name: string };
  message: string | null;
  status: OfferStatus;
  experts: { profileId: string; pseudonym: string; covers: string[]; window: Window; note: string | null }[];
  decision: { decision: Decision; profileIds: string[]; reason: string | null; at: string } | null;
  created: string;
  modified: string;
}

/** POST /api/v1/assistance/offers/{id}/decision: the requester accepts (all or some experts) or declines. */
export interface DecisionInput {
  decision: Decision;
  /** Accepted experts (default: all the offer's). */
  profileIds?: string[];
  reason?: string;
}

// ── Deployments ──────────────────────────────────────────────────────────────────────────────

/** POST /api/v1/assistance/requests/{id}/deployments: accepted experts become a team. */
export interface NewDeployment {
  name?: string;
  /** Default: every accepted expert of the request. */
  profileIds?: string[];
  window?: Window;
  mode?: Mode;
  location?: string;
}

/** PATCH /api/v1/assistance/deployments/{id}: start (active), end (ended), or change dates. */
export interface DeploymentUpdate {
  status?: DeploymentStatus;
  window?: Window;
  location?: string;
}

export interface DeploymentSummary {
  id: string;
  requestId: string;
  name: string;
  status: DeploymentStatus;
  window: Window;
  memberCount: number;
  hours: number;
}

export interface MemberView {
  profileId: string;
  pseudonym: string;
  org: { id: string; name: string };
  covers: string[];
  /** Only to the deployment's members, once the expert's organisation has released it. */
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface StatusNoteView {
  id: string;
  org: { id: string; name: string };
  day: string;
  text: string;
  hours: number;
  created: string;
}

export interface TaskView {
  id: string;
  name: string;
  description: string | null;
  /** Task outcome in the incident suite's words (pending, in-progress, completed…). */
  outcome: string | null;
  assignee: string | null;
  due: string | null;
  created: string;
  modified: string;
}

export interface AfterActionInput {
  findings: string;
  actions: string;
  worked: string;
  recommendations: string;
  /** Skills the team lacked: lessons for the roster. */
  missingSkills: string[];
}

export interface AfterActionView extends AfterActionInput {
  id: string;
  deploymentId: string;
  org: { id: string; name: string };
  created: string;
}

export interface DeploymentView extends DeploymentSummary {
  incidentId: string | null;
  mode: Mode;
  location: string | null;
  requester: { id: string; name: string };
  members: MemberView[];
  tasks: TaskView[];
  notes: StatusNoteView[];
  afterAction: AfterActionView | null;
  clocks: ResponseClock[];
  can: { update: boolean; work: boolean; report: boolean };
  marking: BannerMarks | null;
}

export interface NewStatusNote {
  /** YYYY-MM-DD (default today). */
  day?: string;
  text: string;
  hours: number;
}

export interface NewTask {
  name: string;
  description?: string;
  assignee?: string;
  due?: string;
}

export interface TaskUpdate {
  outcome?: string;
  assignee?: string;
  due?: string;
}
