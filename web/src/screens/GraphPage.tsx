// The neighbourhood graph of an object, expandable node by node: each expansion asks the API
// for that node's neighbourhood (what the user may see) and merges it in.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { bannerOf, displayName, fetchNeighbourhood, type Edge, type ObjectMarking, type Stix } from '../api/objects.ts';
import { Graph, type GraphEdge, type GraphNode } from '../components/Graph.tsx';
import { relax, type Point } from '../components/layout.ts';
import { Link } from '../components/Link.tsx';
import { MarkingBanner } from '../components/MarkingBanner.tsx';
import { Panel } from '../components/Panel.tsx';
import { objectPath } from '../router.ts';

interface State {
  objects: Map<string, Stix>;
  /** The marking of each object, as its neighbourhood brought it (issue 15, must 1). */
  markings: Map<string, ObjectMarking>;
  refs: Edge[];
  expanded: Set<string>;
  pos: Map<string, Point>;
}

const HIDDEN = new Set(['marking-definition', 'extension-definition']);

/** Nodes and edges to draw: relationships become labelled edges between their ends. */
function project(s: State): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const isNode = (o: Stix | undefined): o is Stix => o !== undefined && o.type !== 'relationship' && !HIDDEN.has(o.type);
  for (const o of s.objects.values()) {
    if (o.type === 'relationship') {
      const a = String(o['source_ref'] ?? ''),
        b = String(o['target_ref'] ?? '');
      if (isNode(s.objects.get(a)) && isNode(s.objects.get(b)))
        edges.push({ key: o.id, source: a, target: b, label: String(o['relationship_type'] ?? '') });
    } else if (isNode(o)) nodes.push({ id: o.id, type: o.type, label: displayName(o), expanded: s.expanded.has(o.id) });
  }
  for (const e of s.refs) {
    const a = s.objects.get(e.source),
      b = s.objects.get(e.target);
    if (isNode(a) && isNode(b) && e.property !== 'object_marking_refs')
      edges.push({
        key: `${e.source}|${e.property}|${e.target}`,
        source: e.source,
        target: e.target,
        label: e.property.replace(/_refs?$/, ''),
      });
  }
  return { nodes, edges };
}

export function GraphPage({ id }: { id: string }) {
  const [state, setState] = useState<State>({
    objects: new Map(),
    markings: new Map(),
    refs: [],
    expanded: new Set(),
    pos: new Map([[id, { x: 0, y: 0 }]]),
  });
  const [selected, setSelected] = useState<string | null>(id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const expand = useCallback(
    async (nodeId: string) => {
      setBusy(true);
      try {
        const n = await fetchNeighbourhood(nodeId);
        setState((s) => {
          if (s.expanded.has(nodeId)) return s;
          const objects = new Map(s.objects);
          for (const o of n.objects) objects.set(o.id, o);
          const markings = new Map([...s.markings, ...Object.entries(n.markings ?? {})]);
          const pos = new Map(s.pos);
          const centre = pos.get(nodeId) ?? { x: 0, y: 0 };
          const fresh = n.objects.filter((o) => !pos.has(o.id));
          fresh.forEach((o, i) => {
            const a = (2 * Math.PI * i) / Math.max(1, fresh.length);
            pos.set(o.id, { x: centre.x + 120 * Math.cos(a), y: centre.y + 120 * Math.sin(a) });
          });
          const seen = new Set(s.refs.map((e) => `${e.source}|${e.property}|${e.target}`));
          const refs = [...s.refs, ...n.edges.filter((e) => !seen.has(`${e.source}|${e.property}|${e.target}`))];
          const next: State = { objects, markings, refs, expanded: new Set([...s.expanded, nodeId]), pos };
          const { nodes, edges } = project(next);
          relax(
            nodes.map((x) => x.id),
            edges.map((e) => [e.source, e.target]),
            pos,
            new Set([id]),
          );
          return next;
        });
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [id],
  );

  useEffect(() => {
    void expand(id);
  }, [expand, id]);

  const { nodes, edges } = useMemo(() => project(state), [state]);
  // Of what is drawn: the nodes and the relationships drawn as edges.
  const banner = useMemo(() => {
    const drawn = nodes.map((n) => n.id).concat(edges.map((e) => e.key).filter((k) => !k.includes('|')));
    return bannerOf(drawn.flatMap((k) => state.markings.get(k) ?? []));
  }, [nodes, edges, state.markings]);
  const sel = selected ? state.objects.get(selected) : undefined;
  return (
    <div className="page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Graph: {displayName(state.objects.get(id)) || id}</h1>
        <Link to={objectPath(id)}>Back to the object</Link>
        <span className="muted" role="status">
          {busy ? 'Loading…' : `${nodes.length} objects, ${edges.length} links`}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="graph-layout">
        <Graph nodes={nodes} edges={edges} pos={state.pos} selected={selected} onSelect={setSelected} onExpand={(n) => void expand(n)} />
        <Panel title="Selected">
          {sel ? (
            <div data-testid="graph-selection">
              <p>
                <span className="type-tag">{sel.type}</span> {displayName(sel)}
              </p>
              <p className="muted">
                <code>{sel.id}</code>
              </p>
              <div className="row">
                <button type="button" disabled={state.expanded.has(sel.id) || busy} onClick={() => void expand(sel.id)}>
                  {state.expanded.has(sel.id) ? 'Expanded' : 'Expand'}
                </button>
                <Link className="button" to={objectPath(sel.id)}>
                  Open
                </Link>
              </div>
            </div>
          ) : (
            <p className="muted">Select a node (click, or Tab then Enter).</p>
          )}
          <p className="muted small">Double-click or press Enter on a node to expand it.</p>
        </Panel>
      </div>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
