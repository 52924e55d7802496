// The period every dashboard panel answers for (issue 15, must 7), and its buckets: a bar per day
// up to a month, per seven days beyond, so that 90 days still read as a chart, not a comb.
import type { DashboardRange } from './types.ts';

/** The periods the UI offers; the API takes any `days` in [1, MAX_DAYS]. */
export const RANGE_CHOICES = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The `days` calendar days (UTC) ending on `now`'s day. */
export function rangeOf(now: Date, days: number): DashboardRange {
  const n = Math.min(MAX_DAYS, Math.max(1, Math.floor(days)));
  return { days: n, from: isoDay(now.getTime() - (n - 1) * DAY_MS), to: isoDay(now.getTime()), bucket: n > 31 ? 'week' : 'day' };
}

/** Whether `day` (`YYYY-MM-DD`) falls in `range`. */
export function inRange(range: DashboardRange, day: string | null): day is string {
  return day !== null && day >= range.from && day <= range.to;
}

/** The first day of every bucket, oldest first. Weekly buckets end on `to`; the first one may be
 *  shorter and starts on `from`. */
export function bucketStarts(range: DashboardRange): string[] {
  const step = range.bucket === 'week' ? 7 : 1;
  const end = Date.parse(`${range.to}T00:00:00Z`);
  const first = Date.parse(`${range.from}T00:00:00Z`);
  const out: string[] = [];
  for (let t = end - (step - 1) * DAY_MS; t > first - step * DAY_MS; t -= step * DAY_MS) out.push(isoDay(Math.max(t, first)));
  return out.reverse();
}

/** The start of the bucket holding `day` (in range), given `starts` from bucketStarts. */
export function bucketOf(starts: readonly string[], day: string): string {
  let lo = 0;
  let hi = starts.length - 1;
  // The last start not after `day` (starts are sorted).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? '') <= day) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo] ?? day;
}
