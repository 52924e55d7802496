// The incident services as `concord incident` calls them, declared narrowly from the contract
// (RULES.md, issue 16) until they are wired into Services. TEMPORARY: replaced by
// Pick<Services, 'incidents' | 'incidentWrites' | 'incidentShares'> after merging main.
import type { Principal } from '../domain/identity/principal.ts';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  HandoverRequest,
  IncidentDetail,
  IncidentFilter,
  IncidentPage,
  IncidentSort,
  InboxItem,
  LinkRequest,
  NoteRequest,
  OpenIncidentRequest,
  QuarterlySummary,
  ReportContent,
  ReportStage,
  ShareRequest,
  ShareView,
  SubmitReportRequest,
  UpdateIncidentRequest,
  UpdateTaskRequest,
} from '../domain/incidents/api.ts';
import { ConcordError } from '../errors.ts';
import type { Services } from '../services/index.ts';

export interface IncidentReads {
  list(p: Principal, filter: IncidentFilter, sort: IncidentSort, page: { limit: number; after?: string }): Promise<IncidentPage>;
  get(p: Principal, id: string): Promise<IncidentDetail>;
  prefill(p: Principal, id: string, stage: ReportStage): Promise<ReportContent>;
  inbox(p: Principal): Promise<InboxItem[]>;
  summary(p: Principal, from: string, to: string): Promise<QuarterlySummary>;
}

export interface IncidentWrites {
  open(p: Principal, req: OpenIncidentRequest, org?: string): Promise<IncidentDetail>;
  update(p: Principal, id: string, req: UpdateIncidentRequest): Promise<IncidentDetail>;
  addEvent(p: Principal, id: string, req: AddEventRequest): Promise<IncidentDetail>;
  addTask(p: Principal, id: string, req: AddTaskRequest): Promise<IncidentDetail>;
  updateTask(p: Principal, id: string, taskId: string, req: UpdateTaskRequest): Promise<IncidentDetail>;
  addImpact(p: Principal, id: string, req: AddImpactRequest): Promise<IncidentDetail>;
  updateImpact(p: Principal, id: string, impactId: string, req: Partial<AddImpactRequest>): Promise<IncidentDetail>;
  link(p: Principal, id: string, req: LinkRequest): Promise<IncidentDetail>;
  note(p: Principal, id: string, req: NoteRequest): Promise<IncidentDetail>;
  submitReport(p: Principal, id: string, req: SubmitReportRequest): Promise<IncidentDetail>;
  answer(p: Principal, id: string, req: AnswerRequest): Promise<IncidentDetail>;
}

export interface IncidentShares {
  share(p: Principal, id: string, req: ShareRequest): Promise<ShareView>;
  handover(p: Principal, id: string, req: HandoverRequest): Promise<ShareView>;
  shares(p: Principal, id: string): Promise<ShareView[]>;
}

export interface IncidentServices {
  incidents: IncidentReads;
  incidentWrites: IncidentWrites;
  incidentShares: IncidentShares;
}

/** The incident services of `s`, or a clear error while this build has none. */
export function incidentServices(s: Services): IncidentServices & Services {
  const all = s as Services & Partial<IncidentServices>;
  const { incidents, incidentWrites, incidentShares } = all;
  if (!incidents || !incidentWrites || !incidentShares) throw new ConcordError('CONFLICT', 'this build has no incident services yet');
  return { ...s, incidents, incidentWrites, incidentShares };
}
