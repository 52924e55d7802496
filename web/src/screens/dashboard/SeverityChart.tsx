// Incidents by severity over the dashboard's period (issue 16, must 9): stacked columns per day
// (per week beyond a month, as the activity chart), a legend in words, and a table of the same
// numbers for screen readers: colour is never the only signal.
import type { Dashboard } from '../../api/dashboard.ts';
import type { IncidentPanels } from '../../api/incidents.ts';
import { StackedColumns } from '../../components/StackedColumns.tsx';
import { bucketed, SEVERITIES } from './severity.ts';

export function SeverityChart({ points, range }: { points: IncidentPanels['severityOverTime']; range: Dashboard['range'] }) {
  return (
    <StackedColumns
      series={SEVERITIES}
      columns={bucketed(points, range)}
      unit={range.bucket === 'week' ? 'week' : 'day'}
      title="Incidents by severity"
      legend="Severities"
      describe={(c) => SEVERITIES.map((s) => `${c.counts[s.key] ?? 0} ${s.label.toLowerCase()}`).join(', ')}
      testId="severity-chart"
      ticks={false}
      width={500}
      height={140}
    />
  );
}
