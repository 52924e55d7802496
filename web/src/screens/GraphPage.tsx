// The neighbourhood graph of an object, expanded node by node (issue 15, must 6): each expansion
// asks the API for that node's neighbourhood (what the user may see), merges it into the model
// and places only the newcomers, around the expanded node; nothing already drawn moves and the
// view is not refitted, so the reader keeps their place. A legend that filters, a table of what
// is drawn for screen readers, and, for writers, relationships drawn by dragging.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bannerOf, displayName, fetchNeighbourhood } from '../api/objects.ts';
import { useMe } from '../api/session.ts';
import type { WriteResult } from '../api/write.ts';
import { Graph } from '../components/Graph.tsx';
import { GraphLegend } from '../components/GraphLegend.tsx';
import { GraphTable } from '../components/GraphTable.tsx';
import { Link } from '../components/Link.tsx';
import { MarkingBanner } from '../components/MarkingBanner.tsx';
import { Panel } from '../components/Panel.tsx';
import { mayRelate } from '../graph/access.ts';
import { applyFilter, DEFAULT_FILTER, type GraphFilter, toggle } from '../graph/filters.ts';
import { place, type Point } from '../graph/layout.ts';
import { legendEntries } from '../graph/legend.ts';
import { addObject, EMPTY_MODEL, type GraphModel, isAuthorship, markedIds, mergeNeighbourhood, project } from '../graph/model.ts';
import { objectPath } from '../router.ts';
import { GraphRelate } from './GraphRelate.tsx';

interface View {
  model: GraphModel;
  pos: ReadonlyMap<string, Point>;
}

/** The graph of `id`: a new graph, with nothing of the last one, for each root. */
export function GraphPage({ id }: { id: string }) {
  return <GraphOf key={id} id={id} />;
}

function GraphOf({ id }: { id: string }) {
  const [view, setView] = useState<View>({ model: EMPTY_MODEL, pos: new Map() });
  const [selected, setSelected] = useState<string | null>(id);
  const [filter, setFilter] = useState<GraphFilter>(DEFAULT_FILTER);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [linking, setLinking] = useState<{ source: string; target: string } | null>(null);
  const me = useMe().data;
  // What is placed, read by an expansion when its answer comes; what is expanded or on its way,
  // so that a node is asked for once however often it is double-clicked.
  const drawnRef = useRef<ReadonlySet<string>>(new Set());
  drawnRef.current = new Set(view.pos.keys());
  const asked = useRef(new Set<string>());

  const expand = useCallback(async (nodeId: string) => {
    if (asked.current.has(nodeId)) return;
    asked.current.add(nodeId);
    setBusy(true);
    try {
      const n = await fetchNeighbourhood(nodeId);
      setView((v) => {
        if (v.model.expanded.has(nodeId)) return v;
        const model = mergeNeighbourhood(v.model, nodeId, n);
        const g = project(model);
        // Authorship ties everything to its author: as springs it would pull the graph into a ball.
        const springs = g.edges.filter((e) => !isAuthorship(e));
        return {
          model,
          pos: place(
            g.nodes.map((x) => x.id),
            springs,
            v.pos,
            nodeId,
          ),
        };
      });
      // Newcomers may land outside the view, which does not move: say how many came, and where.
      const known = drawnRef.current;
      const added = new Set(
        project(mergeNeighbourhood(EMPTY_MODEL, nodeId, n))
          .nodes.map((x) => x.id)
          .filter((x) => !known.has(x)),
      ).size;
      const name = displayName(n.objects.find((o) => o.id === nodeId));
      setNotice(
        n.truncated
          ? 'This neighbourhood is too large to show whole: some neighbours are left out.'
          : known.size === 0
            ? null
            : `${added} new ${added === 1 ? 'object' : 'objects'} around ${name}${added > 0 ? ' (Fit shows all)' : ''}.`,
      );
      setError(null);
    } catch (e) {
      asked.current.delete(nodeId);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void expand(id);
  }, [expand, id]);

  const all = useMemo(() => project(view.model), [view.model]);
  const legend = useMemo(() => legendEntries(all), [all]);
  const shown = useMemo(() => applyFilter(all, filter), [all, filter]);
  // The banner covers what is drawn: the nodes and relationships left after filtering (must 1).
  const banner = useMemo(() => bannerOf(markedIds(shown).flatMap((k) => view.model.markings.get(k) ?? [])), [shown, view.model.markings]);
  const move = useCallback((nodeId: string, p: Point) => setView((v) => ({ ...v, pos: new Map(v.pos).set(nodeId, p) })), []);
  const created = (r: WriteResult) => {
    setView((v) => ({ ...v, model: addObject(v.model, r.object, r.marking) }));
    setLinking(null);
    setNotice(`Relationship "${String(r.object['relationship_type'] ?? '')}" created.`);
  };
  const sel = selected ? view.model.objects.get(selected) : undefined;
  const [source, target] = linking ? [view.model.objects.get(linking.source), view.model.objects.get(linking.target)] : [];
  const canRelate = mayRelate(me);
  const expandNode = (nodeId: string) => void expand(nodeId);
  return (
    <div className="page graph-page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Graph: {displayName(view.model.objects.get(id)) || id}</h1>
        <Link to={objectPath(id)}>Back to the object</Link>
        <span className="muted" role="status" data-testid="graph-status">
          {busy ? 'Loading…' : `${shown.nodes.length} of ${all.nodes.length} objects, ${shown.edges.length} of ${all.edges.length} links`}
        </span>
        {notice && (
          <span className="notice" role="status">
            {notice}
          </span>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="graph-layout">
        <Graph
          nodes={shown.nodes}
          edges={shown.edges}
          pos={view.pos}
          root={id}
          selected={selected}
          onSelect={setSelected}
          onExpand={expandNode}
          onMove={move}
          {...(canRelate ? { onLink: (s: string, t: string) => setLinking({ source: s, target: t }) } : {})}
        />
        <div className="graph-side">
          <Panel title="Selected">
            {sel ? (
              <div data-testid="graph-selection">
                <p className="selection-name">
                  <span className="type-tag">{sel.type}</span> {displayName(sel)}
                </p>
                <div className="row">
                  <button type="button" disabled={view.model.expanded.has(sel.id) || busy} onClick={() => void expand(sel.id)}>
                    {view.model.expanded.has(sel.id) ? 'Expanded' : 'Expand'}
                  </button>
                  <Link className="button" to={objectPath(sel.id)}>
                    Open
                  </Link>
                </div>
              </div>
            ) : (
              <p className="muted">Select a node (click, or Tab then Enter).</p>
            )}
            <p className="muted small">
              Double-click or Enter expands a node. Drag the background to pan, the wheel to zoom; drag a node to move it.
              {canRelate && ' Hold Shift and drag a node onto another to relate them.'}
            </p>
          </Panel>
          <Panel title="Legend and filters">
            <GraphLegend
              {...legend}
              filter={filter}
              onToggleType={(t) => setFilter((f) => ({ ...f, hiddenTypes: toggle(f.hiddenTypes, t) }))}
              onToggleRelation={(r) => setFilter((f) => ({ ...f, hiddenRelations: toggle(f.hiddenRelations, r) }))}
            />
          </Panel>
        </div>
      </div>
      <GraphTable nodes={shown.nodes} edges={shown.edges} busy={busy} onExpand={expandNode} />
      {linking && source && target && <GraphRelate source={source} target={target} onDone={created} onCancel={() => setLinking(null)} />}
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
