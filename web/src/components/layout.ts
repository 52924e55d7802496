// A small force-directed layout, written by hand: repulsion between every pair, springs along
// edges, a pull to the centre. Enough for the few hundred nodes a neighbourhood view shows.
export interface Point {
  x: number;
  y: number;
}

/** Moves `pos` (in place) towards a readable layout; `fixed` nodes keep their place. */
export function relax(
  ids: string[],
  links: [string, string][],
  pos: Map<string, Point>,
  fixed: ReadonlySet<string> = new Set(),
  rounds = 220,
): void {
  const k = 90;
  for (let r = 0; r < rounds; r++) {
    const cool = 1 - r / rounds;
    const force = new Map(ids.map((id) => [id, { x: 0, y: 0 }]));
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = pos.get(ids[i] ?? ''),
          b = pos.get(ids[j] ?? '');
        if (!a || !b) continue;
        let dx = a.x - b.x,
          dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) {
          dx = Math.random() - 0.5;
          dy = Math.random() - 0.5;
          d2 = 0.5;
        }
        const f = (k * k) / d2;
        const fa = force.get(ids[i] ?? ''),
          fb = force.get(ids[j] ?? '');
        if (fa && fb) {
          fa.x += dx * f;
          fa.y += dy * f;
          fb.x -= dx * f;
          fb.y -= dy * f;
        }
      }
    }
    for (const [s, t] of links) {
      const a = pos.get(s),
        b = pos.get(t),
        fa = force.get(s),
        fb = force.get(t);
      if (!a || !b || !fa || !fb) continue;
      const dx = a.x - b.x,
        dy = a.y - b.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k) / d) * 0.5;
      fa.x -= dx * f;
      fa.y -= dy * f;
      fb.x += dx * f;
      fb.y += dy * f;
    }
    for (const id of ids) {
      const p = pos.get(id),
        f = force.get(id);
      if (!p || !f || fixed.has(id)) continue;
      f.x -= p.x * 0.02;
      f.y -= p.y * 0.02;
      const len = Math.sqrt(f.x * f.x + f.y * f.y) || 1;
      const step = Math.min(len, 30 * cool + 1);
      p.x += (f.x / len) * step;
      p.y += (f.y / len) * step;
    }
  }
}
