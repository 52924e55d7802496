// The incidents list's state is its URL query (issue 16, must 9): a filtered list can be
// bookmarked and shared. The parameters are the API's own (GET /api/v1/incidents), so the URL of
// a list reads like the request that fills it.
import type { IncidentFilter, IncidentSort, InvestigationStatus, StageStatus } from '../../api/incidents.ts';
import type { IncidentDetermination } from '../../../../src/domain/incidents/types.ts';

export const STATUSES: readonly InvestigationStatus[] = ['new', 'open', 'closed'];
export const DETERMINATIONS: readonly IncidentDetermination[] = ['suspected', 'confirmed', 'blocked', 'failed-attempt', 'false-positive'];
export const STANDINGS: readonly StageStatus[] = ['overdue', 'due', 'submitted-late', 'submitted-on-time'];
export const SORTS: readonly (readonly [IncidentSort, string])[] = [
  ['newest', 'Newest (aware at)'],
  ['due', 'Next deadline'],
  ['modified', 'Last modified'],
];

/** The list-valued filters, in the order the URL writes them. */
export const LIST_KEYS = ['status', 'sector', 'country', 'rsitClass', 'severity', 'determination', 'stageStatus'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export interface ListState {
  filter: IncidentFilter;
  sort: IncidentSort;
}

const split = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The filters and order of an incidents URL; unknown values are kept (the server names them). */
export function stateOf(q: URLSearchParams): ListState {
  const filter: IncidentFilter = {};
  const lists = filter as Record<ListKey, string[] | undefined>;
  for (const k of LIST_KEYS) {
    const v = split(q.get(k));
    if (v.length > 0) lists[k] = k === 'country' ? v.map((c) => c.toUpperCase()) : v;
  }
  const hours = Number(q.get('dueWithinHours'));
  if (q.has('dueWithinHours') && Number.isInteger(hours) && hours > 0) filter.dueWithinHours = hours;
  if (q.get('crossBorder') === 'true') filter.crossBorder = true;
  else if (q.get('crossBorder') === 'false') filter.crossBorder = false;
  const text = q.get('q')?.trim();
  if (text) filter.text = text;
  const owner = q.get('owner');
  if (owner) filter.owner = owner;
  const sort = q.get('sort');
  return { filter, sort: SORTS.some(([s]) => s === sort) ? (sort as IncidentSort) : 'newest' };
}

/** The URL of a list state (the default order is left out). */
export function listPath({ filter, sort }: ListState): string {
  const u = new URLSearchParams();
  if (filter.text) u.set('q', filter.text);
  for (const k of LIST_KEYS) {
    const v = filter[k];
    if (v && v.length > 0) u.set(k, v.join(','));
  }
  if (filter.dueWithinHours !== undefined) u.set('dueWithinHours', String(filter.dueWithinHours));
  if (filter.crossBorder !== undefined) u.set('crossBorder', String(filter.crossBorder));
  if (filter.owner) u.set('owner', filter.owner);
  if (sort !== 'newest') u.set('sort', sort);
  const s = u.toString();
  return `/incidents${s ? `?${s}` : ''}`;
}

/** `values` with `value` added, or removed when it was there. */
export function toggle(values: readonly string[] | undefined, value: string): string[] | undefined {
  const set = new Set(values ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return set.size === 0 ? undefined : [...set];
}

/** Whether any filter is set (the empty state then says so, and offers to clear them). */
export const isFiltered = (f: IncidentFilter): boolean => Object.values(f).some((v) => v !== undefined);
