// The neighbourhood graph (issue 6, item 3; issue 15, must 6): objects as shaped, coloured nodes,
// relationships as arrows styled by type. Zoom and pan with d3-zoom; nodes are focusable buttons
// (Enter expands), dragged to move, or, holding Shift or in "Draw relationship" mode, dragged
// onto another node to relate the two. Labels follow the level-of-detail rules (graph/lod.ts).
import { type CSSProperties, type KeyboardEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Point } from '../graph/layout.ts';
import { edgeStyle } from '../graph/legend.ts';
import { attention, showEdgeLabel, showNodeLabel, truncate } from '../graph/lod.ts';
import type { GraphEdge, GraphNode } from '../graph/model.ts';
import { NodeShape, nodeRadius } from './GraphShapes.tsx';
import { toDrawing, useZoom } from './graph-zoom.ts';
import './graph.css';

export interface GraphProps {
  nodes: GraphNode[];
  edges: GraphEdge[];
  pos: ReadonlyMap<string, Point>;
  root: string;
  selected: string | null;
  onSelect: (id: string) => void;
  onExpand: (id: string) => void;
  onMove: (id: string, p: Point) => void;
  /** Present when the user may create relationships: called when a node is dropped on another. */
  onLink?: (source: string, target: string) => void;
}

interface Drag {
  id: string;
  link: boolean;
  start: Point;
  moved: boolean;
}

export function Graph({ nodes, edges, pos, root, selected, onSelect, onExpand, onMove, onLink }: GraphProps) {
  const svg = useRef<SVGSVGElement>(null);
  const { view, zoomBy, fit } = useZoom(svg);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [linkMode, setLinkMode] = useState(false);
  const [rubber, setRubber] = useState<{ from: string; to: Point } | null>(null);
  const drag = useRef<Drag | null>(null);
  const focus = useMemo(() => attention(edges, selected, [hovered, focused, root]), [edges, selected, hovered, focused, root]);
  const drawn = () => nodes.flatMap((n) => pos.get(n.id) ?? []);

  // The first drawing is framed once; afterwards only the Fit button reframes (the reader's place).
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current || nodes.length < 2) return;
    framed.current = true;
    fit(nodes.flatMap((n) => pos.get(n.id) ?? []));
  }, [nodes, pos, fit]);

  const startDrag = (id: string) => (e: PointerEvent<SVGGElement>) => {
    if (e.button !== 0 || !svg.current) return;
    const link = onLink !== undefined && (e.shiftKey || linkMode);
    drag.current = { id, link, start: { x: e.clientX, y: e.clientY }, moved: false };
    const move = (ev: globalThis.PointerEvent) => {
      const d = drag.current;
      if (!d || !svg.current) return;
      if (!d.moved && Math.hypot(ev.clientX - d.start.x, ev.clientY - d.start.y) < 4) return;
      d.moved = true;
      const p = toDrawing(svg.current, view, ev.clientX, ev.clientY);
      if (d.link) setRubber({ from: d.id, to: p });
      else onMove(d.id, p);
    };
    const up = (ev: globalThis.PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      const d = drag.current;
      drag.current = null;
      setRubber(null);
      if (!d?.link || !d.moved) return;
      const target = document.elementFromPoint(ev.clientX, ev.clientY)?.closest('[data-node-id]')?.getAttribute('data-node-id');
      if (target && target !== d.id) onLink?.(d.id, target);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const key = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
      onExpand(id);
    }
  };

  // Keyboard zoom for those who do not use a wheel: + and − zoom, 0 fits, Esc ends drawing.
  const viewKeys = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'Escape') setLinkMode(false);
    else if (e.key === '+' || e.key === '=') zoomBy(1.4);
    else if (e.key === '-') zoomBy(1 / 1.4);
    else if (e.key === '0') fit(drawn());
  };

  const selectedEdges = selected ? edges.filter((e) => e.source === selected || e.target === selected).length : 0;
  const degree = new Map(nodes.map((n) => [n.id, n.degree]));
  const colours = [...new Set(edges.map((e) => edgeStyle(e.label, e.kind).colour))];
  const arrow = (c: string) => `arrow-${colours.indexOf(c)}`;
  const fromPos = rubber ? pos.get(rubber.from) : undefined;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the view's keys work wherever the focus is in the graph
    <div className={`graph-canvas ${linkMode ? 'linking' : ''}`} onKeyDown={viewKeys}>
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; role="group" names the drawing */}
      <svg ref={svg} className="graph" role="group" aria-label="Neighbourhood graph" data-testid="graph">
        <defs>
          {colours.map((c) => (
            <marker
              key={c}
              id={arrow(c)}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="9"
              markerHeight="9"
              orient="auto"
            >
              <path d="M0,0L10,5L0,10z" fill={c} />
            </marker>
          ))}
        </defs>
        {/* Text keeps its size on screen whatever the zoom (--k): zooming in spreads the labels
            apart instead of enlarging them into each other. */}
        <g
          data-testid="graph-viewport"
          transform={`translate(${view.x},${view.y}) scale(${view.k})`}
          style={{ '--k': view.k } as CSSProperties}
        >
          {edges.map((e) => {
            const a = pos.get(e.source),
              b = pos.get(e.target);
            if (!a || !b) return null;
            const st = edgeStyle(e.label, e.kind);
            const hl = selected !== null && (e.source === selected || e.target === selected);
            // The arrow stops at the target's outline, not under it.
            const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
            const r = nodeRadius(degree.get(e.target) ?? 0) + 3;
            const end = { x: b.x - ((b.x - a.x) * r) / len, y: b.y - ((b.y - a.y) * r) / len };
            return (
              <g key={e.key} className={`edge ${hl ? 'hl' : selected ? 'dim' : ''}`} data-edge-type={e.label} data-edge-kind={e.kind}>
                <line
                  x1={a.x}
                  y1={a.y}
                  x2={end.x}
                  y2={end.y}
                  stroke={st.colour}
                  strokeDasharray={st.dash || undefined}
                  markerEnd={`url(#${arrow(st.colour)})`}
                >
                  <title>{e.label}</title>
                </line>
                {showEdgeLabel(view.k, hl, selectedEdges) && (
                  <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 3 / view.k} textAnchor="middle">
                    {e.label}
                  </text>
                )}
              </g>
            );
          })}
          {rubber && fromPos && <line className="rubber" x1={fromPos.x} y1={fromPos.y} x2={rubber.to.x} y2={rubber.to.y} />}
          {nodes.map((n) => {
            const p = pos.get(n.id);
            if (!p) return null;
            const r = nodeRadius(n.degree);
            return (
              // biome-ignore lint/a11y/useSemanticElements: a node is an SVG <g>, where HTML <button> cannot go
              <g
                key={n.id}
                className={`node ${selected === n.id ? 'selected' : ''} ${n.expanded ? 'expanded' : ''} ${focus.get(n.id) === 'primary' ? 'focus' : ''}`}
                transform={`translate(${p.x},${p.y})`}
                tabIndex={0}
                role="button"
                aria-pressed={selected === n.id}
                aria-label={`${n.type} ${n.label}${n.expanded ? '' : ', not expanded'}`}
                data-node-id={n.id}
                onClick={() => onSelect(n.id)}
                onDoubleClick={() => onExpand(n.id)}
                onKeyDown={key(n.id)}
                onPointerDown={startDrag(n.id)}
                onPointerEnter={() => setHovered(n.id)}
                onPointerLeave={() => setHovered((h) => (h === n.id ? null : h))}
                onFocus={() => setFocused(n.id)}
                onBlur={() => setFocused((f) => (f === n.id ? null : f))}
              >
                <title>{`${n.type}: ${n.label}`}</title>
                <NodeShape type={n.type} r={r} />
                {!n.expanded && (
                  <text className="plus" y="4" textAnchor="middle">
                    +
                  </text>
                )}
                {showNodeLabel(n.degree, view.k, focus.get(n.id)) && (
                  <text className="label" y={r + 2 + 10 / view.k} textAnchor="middle">
                    {truncate(n.label)}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <div className="graph-tools" role="toolbar" aria-label="Graph view">
        <button type="button" aria-label="Zoom in" title="Zoom in" onClick={() => zoomBy(1.4)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out" onClick={() => zoomBy(1 / 1.4)}>
          −
        </button>
        <button type="button" aria-label="Fit the graph to the view" title="Fit" onClick={() => fit(drawn())}>
          Fit
        </button>
        {onLink && (
          <button
            type="button"
            aria-pressed={linkMode}
            className={linkMode ? 'on' : ''}
            title="Drag from one node onto another to relate them (or hold Shift while dragging)"
            onClick={() => setLinkMode((m) => !m)}
          >
            Draw relationship
          </button>
        )}
        <span className="zoom-level" data-testid="zoom-level">
          {Math.round(view.k * 100)}%
        </span>
      </div>
      {linkMode && <p className="graph-hint">Drag from a node onto another to create a relationship. Esc or the button ends the mode.</p>}
    </div>
  );
}
