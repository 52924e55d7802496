// A node's shape, drawn the same on the graph and in its legend (graph/legend.ts).
import { nodeStyle, shapePath } from '../graph/legend.ts';

/** A node's radius: hubs are drawn a little larger, so that they read as hubs. */
export const nodeRadius = (degree: number): number => 8 + Math.min(7, Math.sqrt(degree));

export function NodeShape({ type, r }: { type: string; r: number }) {
  const s = nodeStyle(type);
  if (s.shape === 'circle') return <circle className="shape" r={r} fill={s.colour} />;
  // Polygons of the same radius look smaller than a circle: enlarge them a little.
  return <polygon className="shape" points={shapePath(s.shape, s.shape === 'hexagon' ? r * 1.05 : r * 1.2)} fill={s.colour} />;
}

/** A small drawing of a type's shape, for the legend. */
export function TypeSwatch({ type }: { type: string }) {
  return (
    <svg className="swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
      <NodeShape type={type} r={6} />
    </svg>
  );
}

/** A short line in a relationship's stroke, for the legend. */
export function EdgeSwatch({ colour, dash }: { colour: string; dash: string }) {
  return (
    <svg className="swatch" width="28" height="10" viewBox="0 0 28 10" aria-hidden="true">
      <line x1="1" y1="5" x2="22" y2="5" stroke={colour} strokeWidth="2" strokeDasharray={dash || undefined} />
      <path d="M20,1L27,5L20,9z" fill={colour} />
    </svg>
  );
}
