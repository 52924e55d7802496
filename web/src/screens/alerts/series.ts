// The alert's sightings over time as columns (issue 17, must 4: "the time series"): the API gives
// the buckets that hold sightings; every hour (or day) between the first and the last is drawn,
// empty ones included, so that a gap in time shows as a gap and not as neighbouring columns.
import { formatDate, formatDateTime } from '../../format/dates.ts';
import type { AlertView } from '../../api/alerts.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Up to three days are drawn hour by hour; longer series day by day. */
const MAX_HOURS = 72;

export interface SeriesColumns {
  unit: 'hour' | 'day';
  columns: { start: string; counts: { sightings: number } }[];
}

/** Every hour (up to three days) or day from the first bucket to the last, with its count. */
export function seriesColumns(series: AlertView['series']): SeriesColumns {
  const points = series.map((s) => ({ t: Date.parse(s.at), n: s.count })).filter((p) => !Number.isNaN(p.t));
  if (points.length === 0) return { unit: 'day', columns: [] };
  const first = Math.min(...points.map((p) => p.t));
  const last = Math.max(...points.map((p) => p.t));
  const daily = last - first > MAX_HOURS * HOUR_MS || points.every((p) => p.t % DAY_MS === 0 && points.length > 1);
  const step = daily ? DAY_MS : HOUR_MS;
  const floor = (t: number): number => t - (t % step);
  const counts = new Map<number, number>();
  for (const p of points) counts.set(floor(p.t), (counts.get(floor(p.t)) ?? 0) + p.n);
  const columns: SeriesColumns['columns'] = [];
  for (let t = floor(first); t <= floor(last); t += step) {
    const start = daily ? formatDate(t) : formatDateTime(t).replace(' UTC', '');
    columns.push({ start, counts: { sightings: counts.get(t) ?? 0 } });
  }
  return { unit: daily ? 'day' : 'hour', columns };
}
