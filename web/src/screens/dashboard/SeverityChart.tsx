// Incidents by severity over the dashboard's period (issue 16, must 9): stacked columns per day
// (per week beyond a month, as the activity chart), a legend in words, and a table of the same
// numbers for screen readers: colour is never the only signal.
import type { Dashboard } from '../../api/dashboard.ts';
import type { IncidentPanels } from '../../api/incidents.ts';
import { bucketed, SEVERITIES, total } from './severity.ts';

export function SeverityChart({ points, range }: { points: IncidentPanels['severityOverTime']; range: Dashboard['range'] }) {
  const buckets = bucketed(points, range);
  const max = Math.max(1, ...buckets.map((b) => total(b.counts)));
  const w = 500;
  const h = 140;
  const bw = w / Math.max(1, buckets.length);
  const unit = range.bucket === 'week' ? 'week' : 'day';
  const sum = buckets.reduce((a, b) => a + total(b.counts), 0);
  const last = buckets.at(-1)?.start;
  return (
    <figure className="activity" data-testid="severity-chart">
      <ul className="legend-keys" aria-label="Severities">
        {SEVERITIES.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="activity-plot">
        <div className="y-axis sev-axis" aria-hidden="true">
          <span>{max.toLocaleString('en')}</span>
          <span>0</span>
        </div>
        <div className="activity-area">
          <svg
            viewBox={`0 0 ${w} ${h}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`Incidents by severity: ${sum} in ${buckets.length} ${unit}s`}
          >
            <line x1="0" x2={w} y1={h} y2={h} className="axis" />
            {buckets.map((b, i) => {
              let y = h;
              return (
                <g key={b.start}>
                  {SEVERITIES.map((s) => {
                    const bh = (h - 2) * ((b.counts[s.key] ?? 0) / max);
                    y -= bh;
                    return bh > 0 ? (
                      <rect key={s.key} x={i * bw + bw * 0.12} y={y} width={Math.max(1, bw * 0.76)} height={bh} fill={s.colour} />
                    ) : null;
                  })}
                  <rect x={i * bw} y={0} width={bw} height={h} className="hover-target">
                    <title>{`${unit === 'week' ? 'Week from ' : ''}${b.start}: ${SEVERITIES.map((s) => `${b.counts[s.key] ?? 0} ${s.label.toLowerCase()}`).join(', ')}`}</title>
                  </rect>
                </g>
              );
            })}
          </svg>
          <div className="x-axis sev-x" aria-hidden="true">
            <span style={{ left: 0, transform: 'none' }}>{buckets[0]?.start}</span>
            <span style={{ right: 0, left: 'auto', transform: 'none' }}>{last}</span>
          </div>
        </div>
      </div>
      {/* In a box: a table grows to its content whatever its own height, and would lengthen the page. */}
      <div className="sr-only">
        <table aria-label={`Incidents by severity per ${unit}`}>
          <thead>
            <tr>
              <th scope="col">{unit === 'week' ? 'Week from' : 'Day'}</th>
              {SEVERITIES.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{b.start}</th>
                {SEVERITIES.map((s) => (
                  <td key={s.key}>{b.counts[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
