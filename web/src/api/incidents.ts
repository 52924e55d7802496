// Incidents and NIS2 reporting (/api/v1/incidents…, issue 16): one function per endpoint, typed by
// the domain's views (src/domain/incidents/api.ts). Screens call them through react-query and
// refresh the incident's queries after a change.
import { useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  HandoverRequest,
  IncidentDetail,
  IncidentFilter,
  IncidentPage,
  IncidentPanels,
  IncidentRef,
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
} from '../../../src/domain/incidents/api.ts';

export type * from '../../../src/domain/incidents/api.ts';
export type { StageClock, StageStatus, Stage } from '../../../src/domain/incidents/clocks.ts';

const one = (id: string): string => `/incidents/${encodeURIComponent(id)}`;
const post = <T>(path: string, json: unknown): Promise<T> => api<T>(path, { method: 'POST', json });
const patch = <T>(path: string, json: unknown): Promise<T> => api<T>(path, { method: 'PATCH', json });

/** The list's query string: list filters comma-separated, as the API reads them. */
export function incidentQuery(filter: IncidentFilter, sort: IncidentSort, limit: number, after?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k === 'text' ? 'q' : k, Array.isArray(v) ? v.join(',') : String(v));
  }
  q.set('sort', sort);
  q.set('limit', String(limit));
  if (after !== undefined) q.set('after', after);
  return q.toString();
}

// Reads.
export const listIncidents = (filter: IncidentFilter, sort: IncidentSort, limit = 50, after?: string) =>
  api<IncidentPage>(`/incidents?${incidentQuery(filter, sort, limit, after)}`);
export const getIncident = (id: string) => api<IncidentDetail>(one(id));
export const prefillReport = (id: string, stage: ReportStage) =>
  api<ReportContent>(`${one(id)}/prefill?stage=${encodeURIComponent(stage)}`);
export const incidentInbox = () => api<{ items: InboxItem[] }>('/incidents/inbox');
export const incidentSummary = (from: string, to: string) =>
  api<QuarterlySummary>(`/incidents/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=json`);
export const summaryCsvUrl = (from: string, to: string): string =>
  `/api/v1/incidents/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=csv`;
export const incidentPanels = (days: number) => api<IncidentPanels>(`/incidents/panels?days=${days}`);
export const incidentsOfObject = (objectId: string) =>
  api<{ incidents: IncidentRef[] }>(`/objects/${encodeURIComponent(objectId)}/incidents`);

// Writes: each answers the incident as the writer now sees it.
export const openIncident = (r: OpenIncidentRequest) => post<IncidentDetail>('/incidents', r);
export const updateIncident = (id: string, r: UpdateIncidentRequest) => patch<IncidentDetail>(one(id), r);
export const addEvent = (id: string, r: AddEventRequest) => post<IncidentDetail>(`${one(id)}/events`, r);
export const addTask = (id: string, r: AddTaskRequest) => post<IncidentDetail>(`${one(id)}/tasks`, r);
export const updateTask = (id: string, taskId: string, r: UpdateTaskRequest) =>
  patch<IncidentDetail>(`${one(id)}/tasks/${encodeURIComponent(taskId)}`, r);
export const addImpact = (id: string, r: AddImpactRequest) => post<IncidentDetail>(`${one(id)}/impacts`, r);
export const updateImpact = (id: string, impactId: string, r: Partial<AddImpactRequest>) =>
  patch<IncidentDetail>(`${one(id)}/impacts/${encodeURIComponent(impactId)}`, r);
export const linkObject = (id: string, r: LinkRequest) => post<IncidentDetail>(`${one(id)}/links`, r);
export const addNote = (id: string, r: NoteRequest) => post<IncidentDetail>(`${one(id)}/notes`, r);
export const submitReport = (id: string, r: SubmitReportRequest) => post<IncidentDetail>(`${one(id)}/reports`, r);
export const answer = (id: string, r: AnswerRequest) => post<IncidentDetail>(`${one(id)}/answers`, r);
export const shareIncident = (id: string, r: ShareRequest) => post<ShareView>(`${one(id)}/share`, r);
export const handOver = (id: string, r: HandoverRequest) => post<ShareView>(`${one(id)}/handover`, r);

/** Refreshes what a change to incident `id` touched: its page, the lists, the inbox, the panels. */
export function useInvalidateIncident(): (id?: string) => Promise<void> {
  const client = useQueryClient();
  return async (id) => {
    const keys: unknown[][] = [['incidents'], ['incident-inbox'], ['incident-panels'], ['notifications']];
    if (id !== undefined) keys.push(['incident', id]);
    await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
}
