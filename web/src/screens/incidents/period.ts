// The summary's period (issue 16, must 8): a calendar quarter (UTC), or any [from, before) typed
// as days. Kept in the URL (`?from=2026-10-01&to=2027-01-01`) so a summary can be bookmarked.
import { isIsoDay } from '../../format/dates.ts';

export interface Period {
  /** First day, yyyy-mm-dd (UTC). */
  from: string;
  /** The day after the last, yyyy-mm-dd: the period is [from, to). */
  to: string;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** The quarter that holds `at`, `back` quarters earlier. */
export function quarter(at: Date, back = 0): Period & { label: string } {
  const first = Math.floor(at.getUTCMonth() / 3) * 3 - back * 3;
  const start = new Date(Date.UTC(at.getUTCFullYear(), first, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
  return { from: day(start), to: day(end), label: `${start.getUTCFullYear()} Q${start.getUTCMonth() / 3 + 1}` };
}

/** The current quarter and the seven before it, newest first. */
export const recentQuarters = (now: Date): (Period & { label: string })[] => Array.from({ length: 8 }, (_, i) => quarter(now, i));

/** The period in the URL; the current quarter when it has none or a wrong one. */
export function periodOf(q: URLSearchParams, now: Date): Period {
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  return isIsoDay(from) && isIsoDay(to) && from < to ? { from, to } : quarter(now);
}

/** The API's bounds: the start of each day, UTC. */
export const bounds = (p: Period): { from: string; to: string } => ({ from: `${p.from}T00:00:00Z`, to: `${p.to}T00:00:00Z` });
