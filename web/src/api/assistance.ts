// Rapid response (/api/v1/assistance…, /api/v1/roster…, issue 18): one function per endpoint,
// typed by the domain's views (src/domain/assistance/api.ts), the queries the screens read, and
// the live stream of changed requests that refreshes the board and the open request's page.
// While the stream is down the screens poll instead.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type {
  AfterActionInput,
  AfterActionView,
  BoardColumn,
  BoardPage,
  DecisionInput,
  DeploymentUpdate,
  DeploymentView,
  ExpertInput,
  ExpertView,
  NewDeployment,
  NewOffer,
  NewRequest,
  NewStatusNote,
  NewTask,
  OfferView,
  ProfileView,
  Proposal,
  RequestUpdate,
  RequestView,
  StatusNoteView,
  TaskUpdate,
  TaskView,
} from '../../../src/domain/assistance/api.ts';
import { api, qs } from './client.ts';

export type * from '../../../src/domain/assistance/api.ts';
export { BOARD_COLUMNS, ECSF_PROFILES, FREE_TAG_PREFIX, MODES, URGENCIES } from '../../../src/domain/assistance/api.ts';

/** Every assistance query starts with this key; the stream refreshes what a change touched. */
const ASSISTANCE = ['assistance'] as const;
const ROSTER = ['roster'] as const;
/** Polled this often while the live stream is not connected. */
const POLL_MS = 20_000;

const request = (id: string): string => `/assistance/requests/${encodeURIComponent(id)}`;
const offer = (id: string): string => `/assistance/offers/${encodeURIComponent(id)}`;
const deployment = (id: string): string => `/assistance/deployments/${encodeURIComponent(id)}`;
const expert = (id: string): string => `/roster/experts/${encodeURIComponent(id)}`;
const post = <T>(path: string, json: unknown): Promise<T> => api<T>(path, { method: 'POST', json });
const patch = <T>(path: string, json: unknown): Promise<T> => api<T>(path, { method: 'PATCH', json });

export interface BoardFilter {
  column?: BoardColumn;
  /** Only the requests of the reader's organisation, or those it offered to. */
  mine?: boolean;
}

// Reads.
export const listBoard = (f: BoardFilter, limit = 100, after?: string) =>
  api<BoardPage>(`/assistance/requests${qs({ column: f.column, mine: f.mine ? 'true' : undefined, limit, after })}`);
export const getRequest = (id: string) => api<RequestView>(request(id));
export const getProposal = (id: string, own: boolean) => api<Proposal>(`${request(id)}/proposal${qs({ own: own ? 'true' : undefined })}`);
export const listProfiles = async (q: { org?: string; skill?: string; limit?: number } = {}): Promise<ProfileView[]> =>
  (await api<{ profiles: ProfileView[] }>(`/assistance/profiles${qs(q)}`)).profiles;
export const getDeployment = (id: string) => api<DeploymentView>(deployment(id));
export const listExperts = async (): Promise<ExpertView[]> => (await api<{ experts: ExpertView[] }>('/roster/experts')).experts;
export const getExpert = (id: string) => api<ExpertView>(expert(id));

// Writes: each answers what it made or changed, as the writer now sees it.
export const askAssistance = (r: NewRequest) => post<RequestView>('/assistance/requests', r);
export const updateRequest = (id: string, r: RequestUpdate) => patch<RequestView>(request(id), r);
export const makeOffer = (requestId: string, o: NewOffer) => post<OfferView>(`${request(requestId)}/offers`, o);
export const withdrawOffer = (id: string) => post<OfferView>(`${offer(id)}/withdraw`, {});
export const decideOffer = (id: string, d: DecisionInput) => post<OfferView>(`${offer(id)}/decision`, d);
export const deploy = (requestId: string, d: NewDeployment) => post<DeploymentView>(`${request(requestId)}/deployments`, d);
export const updateDeployment = (id: string, u: DeploymentUpdate) => patch<DeploymentView>(deployment(id), u);
export const addStatusNote = (id: string, n: NewStatusNote) => post<StatusNoteView>(`${deployment(id)}/notes`, n);
export const addDeploymentTask = (id: string, t: NewTask) => post<TaskView>(`${deployment(id)}/tasks`, t);
export const updateDeploymentTask = (id: string, taskId: string, t: TaskUpdate) =>
  patch<TaskView>(`${deployment(id)}/tasks/${encodeURIComponent(taskId)}`, t);
export const reportAfterAction = (id: string, a: AfterActionInput) => post<AfterActionView>(`${deployment(id)}/after-action`, a);
export const addExpert = (e: ExpertInput) => post<ExpertView>('/roster/experts', e);
export const updateExpert = (id: string, e: Partial<ExpertInput>) => patch<ExpertView>(expert(id), e);
export const removeExpert = (id: string) => api<void>(expert(id), { method: 'DELETE' });

/** The board's requests in one column (or all), polled while `live` is false. */
export function useBoard(f: BoardFilter, live: boolean) {
  return useQuery({
    queryKey: [...ASSISTANCE, 'board', f.column ?? 'all', f.mine === true],
    queryFn: () => listBoard(f),
    refetchInterval: live ? false : POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useRequest(id: string, live: boolean) {
  return useQuery({ queryKey: [...ASSISTANCE, 'request', id], queryFn: () => getRequest(id), refetchInterval: live ? false : POLL_MS });
}

/** A proposal for request `id`: every organisation's experts, or only the reader's (`own`). */
export function useProposal(id: string, own: boolean, enabled = true) {
  return useQuery({ queryKey: [...ASSISTANCE, 'proposal', id, own], queryFn: () => getProposal(id, own), enabled });
}

export function useDeployment(id: string, live: boolean) {
  return useQuery({
    queryKey: [...ASSISTANCE, 'deployment', id],
    queryFn: () => getDeployment(id),
    refetchInterval: live ? false : POLL_MS,
  });
}

export function useRoster(enabled = true) {
  return useQuery({ queryKey: ROSTER, queryFn: listExperts, enabled });
}

/** Refreshes every assistance query (a change made here touches the board, the request's page,
 *  its proposal and its deployments) and, with `roster`, the roster. */
export function useInvalidateAssistance(): (roster?: boolean) => Promise<void> {
  const client = useQueryClient();
  return async (roster = false) => {
    await client.invalidateQueries({ queryKey: ASSISTANCE });
    if (roster) await client.invalidateQueries({ queryKey: ROSTER });
  };
}

export interface AssistanceStream {
  connected: boolean;
  /** The requests changed since the screen opened (newest change last). */
  changed: readonly string[];
}

/** Listens to /api/v1/assistance/requests/stream: each `changed` event names the requests whose picture
 *  changed (an offer, a decision, a deployment's work arrived from any node); their pages, their
 *  deployments and the board are refreshed. */
export function useAssistanceStream(): AssistanceStream {
  const client = useQueryClient();
  const [state, setState] = useState<AssistanceStream>({ connected: false, changed: [] });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/assistance/requests/stream');
    const connected = (): void => setState((s) => (s.connected ? s : { ...s, connected: true }));
    source.addEventListener('open', connected);
    source.addEventListener('ready', connected);
    source.addEventListener('changed', (e: MessageEvent<string>) => {
      const body = JSON.parse(e.data) as { requestIds?: unknown; ids?: unknown };
      const raw = body.requestIds ?? body.ids;
      const ids = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
      for (const id of ids) void client.invalidateQueries({ queryKey: [...ASSISTANCE, 'request', id] });
      // A deployment's page is refreshed whatever request changed: the stream names requests only.
      for (const key of ['board', 'deployment', 'proposal']) void client.invalidateQueries({ queryKey: [...ASSISTANCE, key] });
      setState((s) => ({ connected: true, changed: [...s.changed.filter((x) => !ids.includes(x)), ...ids] }));
    });
    // EventSource reconnects by itself; meanwhile the screens poll.
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => source.close();
  }, [client]);
  return state;
}
