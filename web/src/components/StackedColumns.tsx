// Stacked columns over the dashboard's buckets (a day, or a week beyond a month): a legend in
// words, the largest column's total on the scale, a title per column, and a table of the same
// numbers for screen readers, so that colour is never the only signal. The activity chart (issue
// 15, must 7) and incidents by severity (issue 16, must 9) are two uses of it.

/** One stacked series: its key in each bucket's counts, its name, and its colour (a class or a fill). */
export interface Series {
  key: string;
  label: string;
  className?: string;
  colour?: string;
}

export interface Column {
  start: string;
  counts: Readonly<Record<string, number>>;
}

export interface StackedColumnsProps {
  series: readonly Series[];
  columns: readonly Column[];
  /** The columns' span: an hour (an alert's first day), a day, or a week beyond a month. */
  unit: 'hour' | 'day' | 'week';
  /** What is counted ("Activity", "Incidents by severity"): names the chart and its table. */
  title: string;
  /** The legend's name ("Activity kinds", "Severities"). */
  legend: string;
  /** The column's title: its numbers in words. */
  describe: (c: Column) => string;
  testId: string;
  /** Dates under every few columns (else the first and the last only), and a mid-height grid line. */
  ticks?: boolean;
  width?: number;
  height?: number;
}

const totalOf = (c: Column): number => Object.values(c.counts).reduce((a, b) => a + b, 0);

/** Whether column `i` of `n` carries a date: every `step`-th and the last, dropping a regular tick
 *  that would crowd the last. */
function isTick(i: number, n: number, step: number): boolean {
  if (i === n - 1) return true;
  return i % step === 0 && n - 1 - i >= step * 0.6;
}

function XAxis({ columns, ticks }: { columns: readonly Column[]; ticks: boolean }) {
  if (!ticks)
    return (
      <div className="x-axis" aria-hidden="true">
        <span style={{ left: 0, transform: 'none' }}>{columns[0]?.start}</span>
        <span style={{ right: 0, left: 'auto', transform: 'none' }}>{columns.at(-1)?.start}</span>
      </div>
    );
  const step = Math.max(1, Math.ceil(columns.length / 7));
  return (
    <div className="x-axis" aria-hidden="true">
      {columns.map((c, i) =>
        isTick(i, columns.length, step) ? (
          <span key={c.start} style={{ left: `${((i + 0.5) * 100) / columns.length}%` }}>
            {c.start}
          </span>
        ) : null,
      )}
    </div>
  );
}

export function StackedColumns(p: StackedColumnsProps) {
  const { series, columns, unit, width: w = 700, height: h = 160, ticks = true } = p;
  const max = Math.max(1, ...columns.map(totalOf));
  const bw = w / Math.max(1, columns.length);
  const sum = columns.reduce((a, c) => a + totalOf(c), 0);
  return (
    <figure className="activity" data-testid={p.testId}>
      <ul className="legend-keys" aria-label={p.legend}>
        {series.map((s) => (
          <li key={s.key}>
            <span className={`swatch ${s.className ?? ''}`} style={s.colour ? { background: s.colour } : undefined} aria-hidden="true" />
            {s.label}
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
            aria-label={`${p.title}: ${sum} in ${columns.length} ${unit}s`}
          >
            {ticks ? <line x1="0" x2={w} y1={h / 2} y2={h / 2} className="grid-line" /> : null}
            <line x1="0" x2={w} y1={h} y2={h} className="axis" />
            {columns.map((c, i) => {
              let y = h;
              return (
                <g key={c.start}>
                  {series.map((s) => {
                    const bh = (h - 2) * ((c.counts[s.key] ?? 0) / max);
                    y -= bh;
                    return bh > 0 ? (
                      <rect
                        key={s.key}
                        x={i * bw + bw * 0.12}
                        y={y}
                        width={Math.max(1, bw * 0.76)}
                        height={bh}
                        {...(s.className ? { className: s.className } : { fill: s.colour })}
                      />
                    ) : null;
                  })}
                  <rect x={i * bw} y={0} width={bw} height={h} className="hover-target">
                    <title>{`${unit === 'week' ? 'Week from ' : ''}${c.start}: ${p.describe(c)}`}</title>
                  </rect>
                </g>
              );
            })}
          </svg>
          <XAxis columns={columns} ticks={ticks} />
        </div>
      </div>
      {/* In a box: a table grows to its content whatever its own height, and would lengthen the page. */}
      <div className="sr-only">
        <table aria-label={`${p.title} per ${unit}`}>
          <thead>
            <tr>
              <th scope="col">{unit === 'week' ? 'Week from' : unit === 'hour' ? 'Hour (UTC)' : 'Day'}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.start}>
                <th scope="row">{c.start}</th>
                {series.map((s) => (
                  <td key={s.key}>{c.counts[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
