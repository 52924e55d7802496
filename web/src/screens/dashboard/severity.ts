// Incidents by severity over the dashboard's period, in the dashboard's buckets (a day, a week
// beyond a month; domain/dashboard/range.ts): what the severity chart draws (issue 16, must 9).
import { bucketOf, bucketStarts } from '../../../../src/domain/dashboard/range.ts';
import type { Dashboard } from '../../api/dashboard.ts';
import type { IncidentPanels } from '../../api/incidents.ts';

export const SEVERITIES = [
  { key: 'critical', label: 'Critical', colour: '#ff6b6b' },
  { key: 'high', label: 'High', colour: '#f0883e' },
  { key: 'medium', label: 'Medium', colour: '#d29922' },
  { key: 'low', label: 'Low', colour: '#3fb950' },
  { key: 'unknown', label: 'Not given', colour: '#8b949e' },
] as const;

type Counts = Record<string, number>;

/** The counts of each bucket of `range`, by severity (an unknown severity counts as "not given"). */
export function bucketed(points: IncidentPanels['severityOverTime'], range: Dashboard['range']): { start: string; counts: Counts }[] {
  const starts = bucketStarts(range);
  const by = new Map(starts.map((s): [string, Counts] => [s, {}]));
  for (const p of points) {
    if (p.day < range.from || p.day > range.to) continue;
    const counts = by.get(bucketOf(starts, p.day));
    if (!counts) continue;
    const key = SEVERITIES.some((s) => s.key === p.severity) ? p.severity : 'unknown';
    counts[key] = (counts[key] ?? 0) + p.count;
  }
  return starts.map((start) => ({ start, counts: by.get(start) ?? {} }));
}

export const total = (c: Counts): number => Object.values(c).reduce((a, b) => a + b, 0);
