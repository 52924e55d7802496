// The graph as text (issue 15, must 6: a text alternative for screen readers and for reading a
// large graph): the objects and the links on it, as drawn after filtering, in a collapsible pair
// of tables. Each object can be expanded or opened from here too.
import type { GraphEdge, GraphNode } from '../graph/model.ts';
import { objectPath } from '../router.ts';
import { Link } from './Link.tsx';
import { SimpleTable } from './SimpleTable.tsx';

export function GraphTable({
  nodes,
  edges,
  busy,
  onExpand,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  busy: boolean;
  onExpand: (id: string) => void;
}) {
  const name = new Map(nodes.map((n) => [n.id, n.label]));
  const sorted = [...nodes].sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
  return (
    <details className="graph-text">
      <summary>
        The graph as tables: {nodes.length} objects, {edges.length} links
      </summary>
      <div className="two-col">
        <div className="graph-table">
          <SimpleTable
            label="Objects on the graph"
            rows={sorted}
            rowKey={(n) => n.id}
            cols={[
              { header: 'Object', cell: (n) => <Link to={objectPath(n.id)}>{n.label}</Link> },
              { header: 'Type', cell: (n) => <span className="type-tag">{n.type}</span> },
              { header: 'Links', cell: (n) => n.degree },
              {
                header: 'Neighbours',
                cell: (n) =>
                  n.expanded ? (
                    <span className="muted">shown</span>
                  ) : (
                    <button type="button" className="ghost" disabled={busy} onClick={() => onExpand(n.id)} aria-label={`Expand ${n.label}`}>
                      Expand
                    </button>
                  ),
              },
            ]}
          />
        </div>
        <div className="graph-table">
          <SimpleTable
            label="Links on the graph"
            rows={edges}
            rowKey={(e) => e.key}
            cols={[
              { header: 'Source', cell: (e) => name.get(e.source) ?? e.source },
              { header: 'Link', cell: (e) => <span className="type-tag">{e.label}</span> },
              { header: 'Target', cell: (e) => name.get(e.target) ?? e.target },
            ]}
          />
        </div>
      </div>
    </details>
  );
}
