// Activity over the dashboard's period by the objects' own time (issue 15, must 7): stacked columns
// (new objects, relationships, sightings), a bar per day or per week, ISO dates on the axis, the
// largest bar's total on the scale, and a table of the same numbers for screen readers.
import type { ActivityBucket } from '../api/dashboard.ts';
import { StackedColumns } from './StackedColumns.tsx';

const KINDS = [
  { key: 'objects', label: 'New objects', className: 'k-objects' },
  { key: 'relationships', label: 'Relationships', className: 'k-relationships' },
  { key: 'sightings', label: 'Sightings', className: 'k-sightings' },
] as const;

export function ActivityChart({ buckets, bucket }: { buckets: ActivityBucket[]; bucket: 'day' | 'week' }) {
  const columns = buckets.map((b) => ({
    start: b.start,
    counts: { objects: b.objects, relationships: b.relationships, sightings: b.sightings },
  }));
  return (
    <StackedColumns
      series={KINDS}
      columns={columns}
      unit={bucket === 'week' ? 'week' : 'day'}
      title="Activity"
      legend="Activity kinds"
      describe={(c) => `${c.counts['objects']} new objects, ${c.counts['relationships']} relationships, ${c.counts['sightings']} sightings`}
      testId="activity"
    />
  );
}
