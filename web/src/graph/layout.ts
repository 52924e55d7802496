// Placing new nodes with d3-force (issue 15, must 6: expand without losing the reader's place).
// Every node already on the graph is pinned where it is (fx, fy), so only the newcomers move:
// they start on a ring around the node that brought them and settle by repulsion, links and a
// collision radius that keeps nodes and their labels apart. The simulation runs to rest here,
// synchronously (a few milliseconds for hundreds of nodes), so the graph never animates under
// the reader and the same data gives the same drawing (d3-force's jiggle is seeded).
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface Point {
  x: number;
  y: number;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
}

/** Distance a node keeps from any other (its shape and the start of its label). */
export const COLLIDE_RADIUS = 30;
const LINK_DISTANCE = 90;

/**
 * Positions for every node of `ids`: those in `placed` keep theirs exactly; the others are placed
 * near `around` (the expanded node), or around the origin for a first drawing.
 */
export function place(
  ids: readonly string[],
  links: readonly { source: string; target: string }[],
  placed: ReadonlyMap<string, Point>,
  around: string | null,
): Map<string, Point> {
  const out = new Map(placed);
  const fresh = ids.filter((id) => !placed.has(id));
  if (fresh.length === 0) return out;
  const anchor = (around && placed.get(around)) || { x: 0, y: 0 };
  // The ring grows with the newcomers so that they start apart rather than all in one point.
  const ring = Math.max(LINK_DISTANCE, (fresh.length * COLLIDE_RADIUS * 2) / (2 * Math.PI));
  const centre = awayFrom(anchor, placed, ring);
  const nodes: SimNode[] = ids.map((id) => {
    const p = placed.get(id);
    return p ? { id, x: p.x, y: p.y, fx: p.x, fy: p.y } : { id };
  });
  let i = 0;
  for (const n of nodes) {
    if (n.fx !== undefined) continue;
    if (n.id === around) {
      // The root of a first drawing stays at the centre: the view is fitted around it.
      n.x = n.fx = anchor.x;
      n.y = n.fy = anchor.y;
    } else {
      const a = (2 * Math.PI * i) / fresh.length;
      n.x = centre.x + ring * Math.cos(a);
      n.y = centre.y + ring * Math.sin(a);
    }
    i++;
  }
  const known = new Set(ids);
  const simLinks = links.filter((l) => known.has(l.source) && known.has(l.target)).map((l) => ({ ...l }));
  const sim = forceSimulation<SimNode>(nodes)
    .force(
      'link',
      forceLink<SimNode, { source: string | SimNode; target: string | SimNode }>(simLinks)
        .id((n) => n.id)
        .distance(LINK_DISTANCE)
        .strength(0.4),
    )
    .force('charge', forceManyBody<SimNode>().strength(-260).distanceMax(600))
    .force('collide', forceCollide<SimNode>(COLLIDE_RADIUS).iterations(2))
    // A weak pull towards the expanded node keeps newcomers beside what brought them.
    .force('x', forceX<SimNode>(centre.x).strength(0.04))
    .force('y', forceY<SimNode>(centre.y).strength(0.04))
    .stop();
  sim.tick(300);
  for (const n of nodes) if (!placed.has(n.id)) out.set(n.id, { x: n.x ?? centre.x, y: n.y ?? centre.y });
  return out;
}

/** Where newcomers gather: beside `anchor`, on the side away from the rest of the drawing, so
 *  that they settle in free space rather than inside what is already drawn. */
function awayFrom(anchor: Point, placed: ReadonlyMap<string, Point>, distance: number): Point {
  if (placed.size < 2) return anchor;
  let sx = 0,
    sy = 0;
  for (const p of placed.values()) {
    sx += p.x;
    sy += p.y;
  }
  const dx = anchor.x - sx / placed.size,
    dy = anchor.y - sy / placed.size;
  const len = Math.hypot(dx, dy);
  // An anchor at the middle of the drawing has no outside: gather around it.
  if (len < 1) return anchor;
  return { x: anchor.x + (dx / len) * distance, y: anchor.y + (dy / len) * distance };
}
