// Objects stored per day (the last 30 days), as SVG columns with an accessible table fallback.
export function ActivityChart({ days }: { days: { day: string; count: number }[] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const w = 600;
  const h = 120;
  const bw = w / Math.max(1, days.length);
  return (
    <figure className="activity" aria-label="Objects stored per day, last 30 days">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Activity: ${days.reduce((a, d) => a + d.count, 0)} objects in ${days.length} days`}
      >
        <line x1="0" x2={w} y1={h} y2={h} className="axis" />
        {days.map((d, i) => {
          const bh = (h - 4) * (d.count / max);
          return (
            <rect key={d.day} x={i * bw + 1} y={h - bh} width={Math.max(1, bw - 2)} height={bh} className="col">
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="ticks">
        <span>{days[0]?.day}</span>
        <span>max {max.toLocaleString('en')} / day</span>
        <span>{days.at(-1)?.day}</span>
      </figcaption>
    </figure>
  );
}
