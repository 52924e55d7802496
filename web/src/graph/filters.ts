// Filters of the graph by object type and by relationship type (issue 15, must 6): the choices
// are the legend's entries (graph/legend.ts), each with its count; a hidden object type takes its
// nodes and every edge that touches them off the graph, a hidden relationship type its edges.
import { AUTHORSHIP, type GraphEdge, type GraphNode } from './model.ts';

export interface GraphFilter {
  hiddenTypes: ReadonlySet<string>;
  hiddenRelations: ReadonlySet<string>;
}

export const NO_FILTER: GraphFilter = { hiddenTypes: new Set(), hiddenRelations: new Set() };

/** The filter a graph opens with: authorship references hidden (a line from every object of a
 *  source to its author says little and hides the relationships); the legend can show them. */
export const DEFAULT_FILTER: GraphFilter = { hiddenTypes: new Set(), hiddenRelations: new Set(AUTHORSHIP) };

/** What stays on the graph under `f`. */
export function applyFilter<N extends GraphNode, E extends GraphEdge>(
  g: { nodes: readonly N[]; edges: readonly E[] },
  f: GraphFilter,
): { nodes: N[]; edges: E[] } {
  const nodes = g.nodes.filter((n) => !f.hiddenTypes.has(n.type));
  const shown = new Set(nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => !f.hiddenRelations.has(e.label) && shown.has(e.source) && shown.has(e.target));
  return { nodes, edges };
}

/** `set` with `value` added or removed. */
export function toggle(set: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}
