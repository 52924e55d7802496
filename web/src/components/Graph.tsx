// The neighbourhood graph (issue 6, item 3): objects as nodes, relationships as labelled edges.
// Nodes are buttons: click or Enter selects one; the page expands the selection on request.
import type { KeyboardEvent } from 'react';
import type { Point } from './layout.ts';

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  expanded: boolean;
}

export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  label: string;
}

const TYPE_COLOURS: Record<string, string> = {
  'intrusion-set': '#e5534b',
  'threat-actor': '#e5534b',
  malware: '#d29922',
  tool: '#c69026',
  indicator: '#539bf5',
  'attack-pattern': '#986ee2',
  identity: '#8ddb8c',
  vulnerability: '#f47067',
  campaign: '#e0823d',
  sighting: '#adbac7',
  location: '#57ab5a',
};

export const typeColour = (type: string): string => TYPE_COLOURS[type] ?? '#768390';

export function Graph({
  nodes,
  edges,
  pos,
  selected,
  onSelect,
  onExpand,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  pos: Map<string, Point>;
  selected: string | null;
  onSelect: (id: string) => void;
  onExpand: (id: string) => void;
}) {
  const xs = [...pos.values()];
  const minX = Math.min(-200, ...xs.map((p) => p.x)) - 80,
    maxX = Math.max(200, ...xs.map((p) => p.x)) + 80;
  const minY = Math.min(-150, ...xs.map((p) => p.y)) - 50,
    maxY = Math.max(150, ...xs.map((p) => p.y)) + 50;
  const key = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
      onExpand(id);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; role="group" names the drawing of nodes
    <svg
      className="graph"
      viewBox={`${minX} ${minY} ${maxX - minX} ${maxY - minY}`}
      role="group"
      aria-label="Neighbourhood graph"
      data-testid="graph"
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10z" fill="#768390" />
        </marker>
      </defs>
      {edges.map((e) => {
        const a = pos.get(e.source),
          b = pos.get(e.target);
        if (!a || !b) return null;
        return (
          <g key={e.key} className="edge">
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} markerEnd="url(#arrow)" />
            <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 3} textAnchor="middle">
              {e.label}
            </text>
          </g>
        );
      })}
      {nodes.map((n) => {
        const p = pos.get(n.id);
        if (!p) return null;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a node is an SVG <g>, where HTML <button> cannot go
          <g
            key={n.id}
            className={`node ${selected === n.id ? 'selected' : ''} ${n.expanded ? 'expanded' : ''}`}
            transform={`translate(${p.x},${p.y})`}
            tabIndex={0}
            role="button"
            aria-pressed={selected === n.id}
            aria-label={`${n.type} ${n.label}${n.expanded ? '' : ', not expanded'}`}
            data-node-id={n.id}
            onClick={() => onSelect(n.id)}
            onDoubleClick={() => onExpand(n.id)}
            onKeyDown={key(n.id)}
          >
            <circle r={n.expanded ? 13 : 10} fill={typeColour(n.type)} />
            {!n.expanded && (
              <text className="plus" y="4" textAnchor="middle">
                +
              </text>
            )}
            <text className="label" y="26" textAnchor="middle">
              {n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
