// What the incident services answer and accept (issue 16): the shapes the HTTP API, the command
// line and the web UI share. Wire objects stay STIX; these are the views built on them.
import type { BannerMarks } from '../markings/banner.ts';
import type { StageClock, StageStatus } from './clocks.ts';
import type { ReportContent, ReportStage } from './reports.ts';
import type { IncidentDetermination, Nis2Severity } from './types.ts';
import type { QuarterlySummary } from './summary.ts';

/** The Incident Core Extension's investigation status (Incident Extension Suite §5.4). */
export type InvestigationStatus = 'new' | 'open' | 'closed';

/** One incident in a list: what the list shows and filters on, read from the projection. */
export interface IncidentRow {
  id: string;
  name: string;
  /** The organisation that owns the incident (the affected entity, or the CSIRT that opened it). */
  ownerOrg: string;
  ownerName: string;
  /** The CSIRT whose constituency the owner is in; null when it is in none. */
  csirtOrg: string | null;
  status: InvestigationStatus;
  determination: IncidentDetermination;
  sector: string | null;
  subsector: string | null;
  /** The owner's country (ISO 3166-1 alpha-2). */
  country: string | null;
  memberStates: string[];
  rsitClass: string | null;
  rsitType: string | null;
  severity: Nis2Severity | null;
  significant: boolean;
  crossBorder: boolean;
  awareAt: string;
  handledAt: string | null;
  modified: string;
  /** Every stage's clock at the time of the answer (clocks.ts): the one meaning of "overdue". */
  clocks: StageClock[];
  /** The earliest deadline of a stage still waiting (due or overdue); null when none waits. */
  nextDueAt: string | null;
  /** The marking banner text of the incident (e.g. "TLP:AMBER+STRICT"). */
  marking: string;
}

/** The incidents list's filters (must 9); every one optional, values OR'd within a filter. */
export interface IncidentFilter {
  status?: InvestigationStatus[];
  sector?: string[];
  /** Owner country or an affected member state. */
  country?: string[];
  rsitClass?: string[];
  severity?: Nis2Severity[];
  determination?: IncidentDetermination[];
  /** Incidents with a stage in one of these standings at `now` (e.g. ['overdue']). */
  stageStatus?: StageStatus[];
  /** Only incidents with a deadline in the next `dueWithinHours` hours. */
  dueWithinHours?: number;
  crossBorder?: boolean;
  /** Incidents of this owner organisation. */
  owner?: string;
  /** Words in the name or description. */
  text?: string;
}

/** `newest` (awareness, newest first), `due` (next deadline, soonest first), `modified`. */
export type IncidentSort = 'newest' | 'due' | 'modified';

export interface IncidentPage {
  items: IncidentRow[];
  /** Opaque cursor for the next page; null on the last page. */
  next: string | null;
}

/** One stored version of a work item, as the incident page lists it. */
export interface WorkItem {
  id: string;
  type: string;
  /** The STIX object as the reader may see it (granular markings applied). */
  object: Record<string, unknown>;
  /** The organisation that created it (the entity or the CSIRT). */
  ownerOrg: string;
  ownerName: string;
}

/** An object linked to an incident (an indicator, malware, an intrusion set…) and how. */
export interface LinkedObject {
  relationshipId: string;
  relationshipType: string;
  confidence: number | null;
  objectId: string;
  objectType: string;
  name: string;
}

/** A NIS2 report as the incident page shows it. */
export interface ReportView {
  id: string;
  stage: ReportStage;
  request: number | null;
  submittedAt: string;
  /** Versions after the first: revisions of the same report. */
  versions: number;
  content: ReportContent;
  ownerOrg: string;
}

/** A CSIRT's answer: feedback on a report, or a request for an intermediate report. */
export interface AnswerView {
  id: string;
  kind: 'feedback' | 'intermediate-request';
  content: string;
  dueAt: string | null;
  reportId: string | null;
  createdAt: string;
  ownerOrg: string;
  ownerName: string;
}

/** Everything the incident page shows (must 9), each part only as the reader may see it. */
export interface IncidentDetail {
  row: IncidentRow;
  incident: Record<string, unknown>;
  events: WorkItem[];
  tasks: WorkItem[];
  impacts: WorkItem[];
  notes: WorkItem[];
  links: LinkedObject[];
  reports: ReportView[];
  answers: AnswerView[];
  /** Cross-border shares and handovers of this incident the reader may know of. */
  shares: ShareView[];
  /** What the reader may do here: the screen shows only the actions it may take. */
  can: { work: boolean; report: boolean; answer: boolean; share: boolean };
}

/** An incident as a lookup result or object page names it. */
export interface IncidentRef {
  id: string;
  name: string;
  status: InvestigationStatus;
  relationshipType: string;
}

/** What a CSIRT's inbox lists: reports of its constituency not yet answered. */
export interface InboxItem {
  incidentId: string;
  incidentName: string;
  ownerName: string;
  reportId: string;
  stage: ReportStage;
  submittedAt: string;
  /** The CSIRT's own clock for its answer, where Art. 23(5) sets one. */
  answerDueAt: string | null;
  /** The incident's marking banner text (as IncidentRow.marking), for the inbox's banner. */
  marking?: string;
}

/** The dashboard's incident panels (must 9). */
export interface IncidentPanels {
  byMemberState: { country: string; count: number }[];
  bySector: { sector: string; count: number }[];
  /** Per day in the range, per severity. */
  severityOverTime: { day: string; severity: string; count: number }[];
  /** Stages whose deadline falls in the next 24 hours. */
  dueSoon: { incidentId: string; incidentName: string; stage: StageClock['stage']; dueAt: string }[];
  /** The marking banner of every incident counted (bannerOf, as the dashboard's own `banner`). */
  banner?: BannerMarks;
}

// Requests.

export interface OpenIncidentRequest {
  name: string;
  description?: string;
  awareAt: string;
  determination?: IncidentDetermination;
  sector?: string;
  subsector?: string;
  memberStates?: string[];
  significant?: boolean;
  suspectedMalicious?: boolean;
  crossBorder?: boolean;
  rsitClass?: string;
  rsitType?: string;
  severity?: Nis2Severity;
  /** TLP of the incident and its work; default amber+strict, within the constituency. */
  tlp?: string;
}

/** Changes to an incident: what it says, its status, when it was handled. */
export type UpdateIncidentRequest = Partial<Omit<OpenIncidentRequest, 'tlp'>> & {
  status?: InvestigationStatus;
  handledAt?: string;
  /** Optimistic concurrency: the `modified` the change was made on. */
  base?: string;
};

export interface AddEventRequest {
  name: string;
  description?: string;
  startTime?: string;
  endTime?: string;
  status?: 'occurred' | 'ongoing' | 'pending' | 'undetermined';
}

export interface AddTaskRequest {
  name: string;
  description?: string;
  /** Username of the assignee, a member of the writer's organisation. */
  assignee?: string;
  dueDate?: string;
  priority?: number;
}

export interface UpdateTaskRequest {
  outcome?: 'pending' | 'ongoing' | 'successful' | 'failed' | 'cancelled';
  assignee?: string;
  dueDate?: string;
  description?: string;
}

export interface AddImpactRequest {
  /** The suite's impact category (availability, confidentiality, external, integrity, monetary, physical, traceability). */
  category: string;
  description?: string;
  criticality?: number;
  startTime?: string;
  endTime?: string;
  recoverability?: string;
}

/** A change to an impact (impacts change over time, must 5): each change a new version. */
export type UpdateImpactRequest = Partial<AddImpactRequest>;

export interface LinkRequest {
  /** The object to link: an indicator, observable, sighting, malware, attack pattern, intrusion set, threat actor… */
  target: string;
  /** `related-to` by default; `attributed-to` for intrusion sets and threat actors. */
  relationshipType?: string;
  confidence?: number;
}

export interface NoteRequest {
  content: string;
  abstract?: string;
}

export interface SubmitReportRequest {
  stage: ReportStage;
  /** For an intermediate report: which request it answers. */
  request?: number;
  content: ReportContent;
  /** Revising an already submitted report of this stage (a new version of it). */
  revise?: boolean;
}

export interface AnswerRequest {
  kind: 'feedback' | 'intermediate-request';
  content: string;
  /** The report answered (feedback). */
  reportId?: string;
  /** For an intermediate-request: the date set. */
  dueAt?: string;
}

export interface ShareRequest {
  /** Member states whose CSIRTs receive it; default: the incident's member states affected. */
  memberStates?: string[];
  /** `whole`: the incident and its work; `summary`: what `summary` says. */
  mode: 'whole' | 'summary';
  summary?: string;
  /** Mode `summary`: the name the shared incident carries (default: the incident's), so that
   *  a name that names the entity need not travel (added by the share helper). */
  name?: string;
  tlp?: string;
}

export interface HandoverRequest {
  /** The organisation (on this or a peer node) that coordinates the incident from now on. */
  org: string;
  note?: string;
}

export interface ShareView {
  id: string;
  kind: 'share' | 'handover';
  mode: 'whole' | 'summary';
  recipients: { org: string; name: string; node: string | null }[];
  /** The object the recipients received (the incident, or the CSIRT's summary incident). */
  sharedObject: string;
  at: string;
  by: string;
}

/** In-app notifications (must 7). */
export interface Notification {
  id: string;
  kind: 'reminder' | 'overdue' | 'report-submitted' | 'answer' | 'intermediate-requested' | 'shared' | 'handover';
  incidentId: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** An incident with a stage still due or overdue (the reminder job's input; system use). */
export interface WaitingIncident {
  id: string;
  name: string;
  ownerOrg: string;
  csirtOrg: string | null;
  clocks: StageClock[];
}

export type { QuarterlySummary, ReportContent, ReportStage };
