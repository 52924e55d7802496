// Collective-threat alerts and their rules (/api/v1/alerts…, /api/v1/alert-rules…, issue 17,
// must 4): one function per endpoint, typed by the domain's views (src/domain/alerts/api.ts), and
// the live stream that brings new and updated alerts into the lists without a reload. While the
// stream is down the lists are polled instead.
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AlertRule, AlertRuleInput, AlertView } from '../../../src/domain/alerts/api.ts';
import { api, qs } from './client.ts';

export type * from '../../../src/domain/alerts/api.ts';
export { RULE_SUBJECTS } from '../../../src/domain/alerts/api.ts';

/** Every alert query starts with this key; the stream updates the lists and refreshes the pages. */
const ALERTS = ['alerts'] as const;
const LIST = [...ALERTS, 'list'] as const;
const RULES = ['alert-rules'] as const;
/** Polled this often while the live stream is not connected. */
const POLL_MS = 20_000;

const one = (id: string): string => `/alerts/${encodeURIComponent(id)}`;
const rule = (id: string): string => `/alert-rules/${encodeURIComponent(id)}`;

/** A list however the API wraps it: a bare array, or under `key` (or `items`). */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (typeof body !== 'object' || body === null) return [];
  const wrapped = body as Record<string, unknown>;
  const list = wrapped[key] ?? wrapped['items'];
  return Array.isArray(list) ? (list as T[]) : [];
}

/** Newest activity first: the latest sighting, then the id, as the API orders the list (kept when
 *  the stream adds or updates one). ISO 8601 times in UTC sort as text. */
export function byActivity(a: AlertView, b: AlertView): number {
  return b.lastSeen.localeCompare(a.lastSeen) || b.id.localeCompare(a.id);
}

/** One page of the list: its alerts and the cursor of the next, null after the last. */
export interface AlertPage {
  alerts: AlertView[];
  next: string | null;
}

// Reads.
export async function listAlerts(limit = 50, cursor?: string): Promise<AlertPage> {
  const body = await api<unknown>(`/alerts${qs({ limit, cursor })}`);
  const next = typeof body === 'object' && body !== null && 'next' in body && typeof body.next === 'string' ? body.next : null;
  return { alerts: listOf<AlertView>(body, 'alerts'), next };
}
export const getAlert = (id: string) => api<AlertView>(one(id));
export const listRules = async (): Promise<AlertRule[]> => listOf<AlertRule>(await api<unknown>('/alert-rules'), 'rules');

// Writes: each answers the rule as the writer now sees it.
export const createRule = (r: AlertRuleInput) => api<AlertRule>('/alert-rules', { method: 'POST', json: r });
export const updateRule = (id: string, r: Partial<AlertRuleInput>) => api<AlertRule>(rule(id), { method: 'PATCH', json: r });
export const deleteRule = (id: string) => api<void>(rule(id), { method: 'DELETE' });

/** The alerts the reader may read, newest activity first, `limit` a page ("More" fetches the
 *  next); polled while `live` is false. */
export function useAlerts(live: boolean, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...LIST, limit],
    queryFn: ({ pageParam }) => listAlerts(limit, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: live ? false : POLL_MS,
  });
}

/** Every alert of the pages loaded, in the list's order. */
export const alertsOf = (data: InfiniteData<AlertPage> | undefined): AlertView[] => data?.pages.flatMap((p) => p.alerts) ?? [];

export function useAlert(id: string, live: boolean) {
  return useQuery({
    queryKey: [...ALERTS, 'one', id],
    queryFn: () => getAlert(id),
    refetchInterval: live ? false : POLL_MS,
  });
}

export function useRules(enabled = true) {
  return useQuery({ queryKey: RULES, queryFn: listRules, enabled });
}

/** Saves a rule: a new one without `id`, else the changes to rule `id`. */
export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: { id?: string; input: Partial<AlertRuleInput> }): Promise<AlertRule> =>
      r.id === undefined ? createRule(r.input as AlertRuleInput) : updateRule(r.id, r.input),
    onSuccess: () => client.invalidateQueries({ queryKey: RULES }),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteRule, onSuccess: () => client.invalidateQueries({ queryKey: RULES }) });
}

/** Puts `alert` into every cached list (replacing its older state, wherever it was) on the first
 *  page, in the list's order: an alert that grows has the newest activity. */
function upsert(client: QueryClient, alert: AlertView): boolean {
  let known = false;
  client.setQueriesData<InfiniteData<AlertPage>>({ queryKey: LIST }, (old) => {
    if (!old) return old;
    known ||= old.pages.some((p) => p.alerts.some((a) => a.id === alert.id));
    const pages = old.pages.map((p, i) => {
      const rest = p.alerts.filter((a) => a.id !== alert.id);
      return { ...p, alerts: i === 0 ? [alert, ...rest].sort(byActivity) : rest };
    });
    return { ...old, pages };
  });
  return known;
}

export interface AlertStream {
  connected: boolean;
  /** Alerts raised or updated since the screen opened: id → whether it was new to the screen. */
  fresh: ReadonlyMap<string, 'new' | 'updated'>;
  /** The last change in words, for a polite live region. */
  announcement: string;
}

/** What a screen reader hears when an alert arrives. */
export function announce(a: AlertView, kind: 'new' | 'updated'): string {
  const where = a.countries.length === 1 ? '1 country' : `${a.countries.length} countries`;
  const head = kind === 'new' ? 'New collective alert' : 'Alert updated';
  return `${head}: ${a.rule.name}, ${a.subject.label}, sighted by ${a.organisations} organisations in ${where}.`;
}

/** Listens to /api/v1/alerts/stream: each `alert` (an AlertView, as far as the reader may read it)
 *  goes into the lists at once and refreshes its page. */
export function useAlertStream(): AlertStream {
  const client = useQueryClient();
  const [state, setState] = useState<AlertStream>({ connected: false, fresh: new Map(), announcement: '' });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/alerts/stream');
    const connected = (): void => setState((s) => (s.connected ? s : { ...s, connected: true }));
    source.addEventListener('open', connected);
    source.addEventListener('ready', connected);
    source.addEventListener('alert', (e: MessageEvent<string>) => {
      const alert = JSON.parse(e.data) as AlertView;
      const kind = upsert(client, alert) ? 'updated' : 'new';
      void client.invalidateQueries({ queryKey: [...ALERTS, 'one', alert.id] });
      setState((s) => {
        const fresh = new Map(s.fresh);
        fresh.set(alert.id, s.fresh.get(alert.id) === 'new' ? 'new' : kind);
        return { connected: true, fresh, announcement: announce(alert, kind) };
      });
    });
    // EventSource reconnects by itself; meanwhile the lists are polled.
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => source.close();
  }, [client]);
  return state;
}
