// Activity over the dashboard's period by the objects' own time (issue 15, must 7): stacked columns
// (new objects, relationships, sightings), a bar per day or per week, ISO dates on the axis, the
// largest bar's total on the scale, and a table of the same numbers for screen readers.
import type { ActivityBucket } from '../api/dashboard.ts';

const KINDS = [
  { key: 'objects', label: 'New objects', className: 'k-objects' },
  { key: 'relationships', label: 'Relationships', className: 'k-relationships' },
  { key: 'sightings', label: 'Sightings', className: 'k-sightings' },
] as const;

const totalOf = (b: ActivityBucket): number => b.objects + b.relationships + b.sightings;

/** Every `step`-th bucket gets a date under the axis, the last one always. */
function tickStep(n: number): number {
  return Math.max(1, Math.ceil(n / 7));
}

/** Whether bucket `i` of `n` carries a date: every `step`-th and the last, dropping a regular tick
 *  that would crowd the last. */
function isTick(i: number, n: number, step: number): boolean {
  if (i === n - 1) return true;
  return i % step === 0 && n - 1 - i >= step * 0.6;
}

export function ActivityChart({ buckets, bucket }: { buckets: ActivityBucket[]; bucket: 'day' | 'week' }) {
  const max = Math.max(1, ...buckets.map(totalOf));
  const w = 700;
  const h = 160;
  const bw = w / Math.max(1, buckets.length);
  const step = tickStep(buckets.length);
  const unit = bucket === 'week' ? 'week' : 'day';
  const sum = buckets.reduce((a, b) => a + totalOf(b), 0);
  return (
    <figure className="activity" data-testid="activity">
      <ul className="legend-keys" aria-label="Activity kinds">
        {KINDS.map((k) => (
          <li key={k.key}>
            <span className={`swatch ${k.className}`} aria-hidden="true" />
            {k.label}
          </li>
        ))}
      </ul>
      <div className="activity-plot">
        <div className="y-axis" aria-hidden="true">
          <span>{max.toLocaleString('en')}</span>
          <span>0</span>
        </div>
        <div className="activity-area">
          <svg
            viewBox={`0 0 ${w} ${h}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`Activity: ${sum} in ${buckets.length} ${unit}s`}
          >
            <line x1="0" x2={w} y1={h / 2} y2={h / 2} className="grid-line" />
            <line x1="0" x2={w} y1={h} y2={h} className="axis" />
            {buckets.map((b, i) => {
              let y = h;
              return (
                <g key={b.start}>
                  {KINDS.map((k) => {
                    const bh = (h - 2) * (b[k.key] / max);
                    y -= bh;
                    return bh > 0 ? (
                      <rect key={k.key} x={i * bw + bw * 0.12} y={y} width={Math.max(1, bw * 0.76)} height={bh} className={k.className} />
                    ) : null;
                  })}
                  <rect x={i * bw} y={0} width={bw} height={h} className="hover-target">
                    <title>{`${unit === 'week' ? 'Week from ' : ''}${b.start}: ${b.objects} new objects, ${b.relationships} relationships, ${b.sightings} sightings`}</title>
                  </rect>
                </g>
              );
            })}
          </svg>
          <div className="x-axis" aria-hidden="true">
            {buckets.map((b, i) =>
              isTick(i, buckets.length, step) ? (
                <span key={b.start} style={{ left: `${((i + 0.5) * 100) / buckets.length}%` }}>
                  {b.start}
                </span>
              ) : null,
            )}
          </div>
        </div>
      </div>
      <table className="sr-only" aria-label={`Activity per ${unit}`}>
        <thead>
          <tr>
            <th scope="col">{unit === 'week' ? 'Week from' : 'Day'}</th>
            {KINDS.map((k) => (
              <th key={k.key} scope="col">
                {k.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.start}>
              <th scope="row">{b.start}</th>
              {KINDS.map((k) => (
                <td key={k.key}>{b[k.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
