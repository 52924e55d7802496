// The Explorer's state is its URL query (issue 15, must 5): a search can be bookmarked, saved by
// name and exported exactly as it is shown.
import { FILTER_KEYS, type SearchFilters } from '../../api/objects.ts';

/** The filters of an Explorer URL. Without `q` or `sort` the list shows the latest changes first. */
export function filtersOf(q: URLSearchParams): SearchFilters {
  const out: SearchFilters = {};
  for (const k of FILTER_KEYS) {
    const v = q.get(k);
    if (v) out[k] = v;
  }
  if (!out.sort && !out.q) out.sort = '-modified';
  return out;
}

/** The query string of filters, in FILTER_KEYS order (what a saved search keeps). */
export function queryOf(f: SearchFilters, extra: Record<string, string> = {}): string {
  const u = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) u.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) u.set(k, v);
  return u.toString();
}

/** The Explorer URL of these filters. */
export const explorePath = (f: SearchFilters): string => {
  const q = queryOf(f);
  return `/explore${q ? `?${q}` : ''}`;
};

/** The export of what the Explorer shows: the same filters and hidden kinds (the export shows
 *  everything when `include` is absent, so the Explorer always says). */
export function exportHref(f: SearchFilters, format: 'stix' | 'csv'): string {
  const { sort: _sort, ...rest } = f;
  return `/api/v1/export?${queryOf({ ...rest, include: f.include || 'none' }, { format })}`;
}

/** The order after a click on a column header: the same column flips, another starts ascending
 *  (dates start with the latest). */
export function nextSort(current: string | undefined, key: string): string {
  const by = current?.replace(/^-/, '');
  if (by === key) return current?.startsWith('-') ? key : `-${key}`;
  return key === 'modified' || key === 'created' ? `-${key}` : key;
}

/** A list parameter with `value` added, or removed when it was there (a facet click). */
export function toggled(list: string | undefined, value: string): string | undefined {
  const items = new Set((list ?? '').split(',').filter((s) => s !== ''));
  if (items.has(value)) items.delete(value);
  else items.add(value);
  return items.size === 0 ? undefined : [...items].join(',');
}
