// The incident services as `concord incident` calls them, declared narrowly from the contract
// (RULES.md, issue 16) until they are wired into Services. TEMPORARY: replaced by
// Pick<Services, 'incidentWrites' | 'incidentShares'> after merging main.
import type { Principal } from '../domain/identity/principal.ts';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  HandoverRequest,
  IncidentDetail,
  LinkRequest,
  NoteRequest,
  OpenIncidentRequest,
  ShareRequest,
  ShareView,
  SubmitReportRequest,
  UpdateIncidentRequest,
  UpdateTaskRequest,
} from '../domain/incidents/api.ts';
import { ConcordError } from '../errors.ts';
import type { Services } from '../services/index.ts';

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
  incidentWrites: IncidentWrites;
  incidentShares: IncidentShares;
}

/** The incident services of `s`, or a clear error while this build has none. */
export function incidentServices(s: Services): IncidentServices & Services {
  const all = s as Services & Partial<IncidentServices>;
  const { incidentWrites, incidentShares } = all;
  if (!incidentWrites || !incidentShares) throw new ConcordError('CONFLICT', 'this build has no incident write services yet');
  return { ...s, incidentWrites, incidentShares };
}
