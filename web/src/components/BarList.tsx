// Horizontal bars: a label, a bar proportional to the largest count, the count.
export interface Bar {
  key: string;
  label?: string;
  count: number;
  colour?: string;
}

export function BarList({ bars, label, testId }: { bars: Bar[]; label: string; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <ul className="bars" aria-label={label} data-testid={testId}>
      {bars.map((b) => (
        <li key={b.key} className="bar-row">
          <span className="bar-label" title={b.label ?? b.key}>
            {b.label ?? b.key}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(100 * b.count) / max}%`, background: b.colour ?? 'var(--accent)' }} />
          </span>
          <span className="bar-count" data-key={b.key}>
            {b.count.toLocaleString('en')}
          </span>
        </li>
      ))}
    </ul>
  );
}
