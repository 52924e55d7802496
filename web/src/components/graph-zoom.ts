// Zoom and pan of the graph with d3-zoom (issue 15, must 6): the wheel and the buttons zoom,
// dragging the background pans, and "fit" frames what is drawn, only when the reader asks
// (and once, for the first drawing). Dragging a node is the graph's, not a pan.
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import type { Point } from '../graph/layout.ts';

export interface View {
  k: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;

/** d3-zoom on `svg`; the current transform, and zoom-by and fit actions for buttons. */
export function useZoom(svg: RefObject<SVGSVGElement | null>) {
  const [view, setView] = useState<View>({ k: 1, x: 0, y: 0 });
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([MIN_ZOOM, MAX_ZOOM])
      // Nodes are dragged (to move them, or to draw a relationship), never panned through.
      .filter((e: Event) => {
        if (e.type === 'wheel') return true;
        const t = e.target;
        if (t instanceof Element && t.closest('[data-node-id]')) return false;
        return !(e instanceof MouseEvent) || (e.button === 0 && !e.shiftKey);
      })
      .on('zoom', (e: { transform: ZoomTransform }) => setView({ k: e.transform.k, x: e.transform.x, y: e.transform.y }));
    behaviour.current = z;
    select(el).call(z);
    return () => {
      select(el).on('.zoom', null);
    };
  }, [svg]);

  const zoomBy = useCallback(
    (factor: number) => {
      const el = svg.current;
      if (el && behaviour.current) select(el).call(behaviour.current.scaleBy, factor);
    },
    [svg],
  );

  /** Frames `points` in the drawing, at most at 1.5× (a few nodes are not blown up). */
  const fit = useCallback(
    (points: Point[]) => {
      const el = svg.current;
      if (!el || !behaviour.current || points.length === 0) return;
      const w = el.clientWidth,
        h = el.clientHeight;
      const xs = points.map((p) => p.x),
        ys = points.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      // Room for labels under the lowest nodes and beside the outermost ones.
      const pad = 80;
      const k = Math.max(MIN_ZOOM, Math.min(1.5, w / (x1 - x0 + 2 * pad), h / (y1 - y0 + 2 * pad)));
      const t = zoomIdentity.translate(w / 2 - (k * (x0 + x1)) / 2, h / 2 - (k * (y0 + y1)) / 2).scale(k);
      select(el).call(behaviour.current.transform, t);
    },
    [svg],
  );

  return { view, zoomBy, fit };
}

/** The drawing's coordinates of a point of the window (clientX, clientY) under `view`. */
export function toDrawing(svg: SVGSVGElement, view: View, clientX: number, clientY: number): Point {
  const r = svg.getBoundingClientRect();
  return { x: (clientX - r.left - view.x) / view.k, y: (clientY - r.top - view.y) / view.k };
}
