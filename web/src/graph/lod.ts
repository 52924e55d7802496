// Level of detail (issue 15, must 6: readable at 100 nodes): which labels to draw at a zoom
// level. Zoomed out, only hubs keep their names, so that a hundred labels do not overprint each
// other; what the reader is looking at (the selection, its neighbours, the focused or hovered
// node, the graph's root) is always named. Full names stay in each node's title.

/** Longest label drawn in full; longer ones are cut with an ellipsis. */
export const LABEL_MAX = 22;

/** `label` cut to `max` characters, with an ellipsis when cut. */
export function truncate(label: string, max = LABEL_MAX): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

/** The fewest edges a node needs for its label to show at zoom `k` (0: every label). */
export function minDegreeForLabel(k: number): number {
  if (k >= 1.2) return 0;
  if (k >= 0.8) return 3;
  if (k >= 0.5) return 8;
  return 20;
}

/** How much the reader attends to a node: the one looked at (selected, hovered, focused, the
 *  root), a neighbour of the selection, or neither. */
export type Attention = 'primary' | 'neighbour' | 'none';

/** Whether a node's label is drawn at zoom `k`: the node looked at always; the selection's
 *  neighbours once near enough for their names not to overprint; others by their degree. */
export function showNodeLabel(degree: number, k: number, attention: Attention = 'none'): boolean {
  if (attention === 'primary') return true;
  if (attention === 'neighbour' && k >= 0.9) return true;
  return degree >= minDegreeForLabel(k);
}

/** Most links of the selection whose types are written along them: past it, the words pile up
 *  around the hub and the colours (the legend's) say the type better. */
export const MAX_FOCUS_EDGE_LABELS = 15;

/** Whether an edge's relationship type is written along it: close up, or when it is one of the
 *  selection's few links and the view is near enough for the words to be read. */
export function showEdgeLabel(k: number, focus: boolean, focusEdges = 0): boolean {
  return k >= 1.4 || (focus && k >= 0.8 && focusEdges <= MAX_FOCUS_EDGE_LABELS);
}

/** Each node's attention: `primary` for the selection and `extra` (hovered, focused, root),
 *  `neighbour` for the selection's neighbours; absent nodes are `none`. */
export function attention(
  edges: readonly { source: string; target: string }[],
  selected: string | null,
  extra: readonly (string | null)[],
): Map<string, Attention> {
  const out = new Map<string, Attention>();
  if (selected)
    for (const e of edges) {
      if (e.source === selected) out.set(e.target, 'neighbour');
      if (e.target === selected) out.set(e.source, 'neighbour');
    }
  for (const id of [selected, ...extra]) if (id) out.set(id, 'primary');
  return out;
}
