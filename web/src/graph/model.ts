// The graph view's model (issue 15, must 6): the objects the reader has brought onto the graph
// by expanding nodes, the markings each came with (must 1), and the projection of that model
// into nodes and edges. Pure: the page keeps one model in state and replaces it on each change.
import { displayName, type Edge, type Neighbourhood, type ObjectMarking, type Stix } from '../api/objects.ts';

export interface GraphModel {
  objects: ReadonlyMap<string, Stix>;
  /** The marking of each object, as its neighbourhood (or the write that made it) brought it. */
  markings: ReadonlyMap<string, ObjectMarking>;
  /** Embedded references between objects (`created_by_ref`, `object_refs`…). */
  refs: readonly Edge[];
  expanded: ReadonlySet<string>;
}

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  expanded: boolean;
  /** Edges drawn to or from the node: the level-of-detail rules keep hubs labelled. */
  degree: number;
}

export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  /** The relationship type (`uses`), or the embedded reference's property without `_ref(s)`. */
  label: string;
  /** A STIX relationship (an SRO, with its own id and marking), or an embedded reference. */
  kind: 'relationship' | 'reference';
}

export const EMPTY_MODEL: GraphModel = { objects: new Map(), markings: new Map(), refs: [], expanded: new Set() };

/** Objects that are never drawn: they mark or define other objects rather than being intelligence. */
const HIDDEN = new Set(['marking-definition', 'extension-definition']);
/** Relationship-like objects drawn as edges between their ends. */
const EDGE_TYPES = new Set(['relationship']);

const refKey = (e: Edge): string => `${e.source}|${e.property}|${e.target}`;

/** The model with `n` (the neighbourhood of `nodeId`) merged in; `nodeId` becomes expanded. */
export function mergeNeighbourhood(m: GraphModel, nodeId: string, n: Pick<Neighbourhood, 'objects' | 'edges' | 'markings'>): GraphModel {
  const objects = new Map(m.objects);
  for (const o of n.objects) objects.set(o.id, o);
  const markings = new Map([...m.markings, ...Object.entries(n.markings ?? {})]);
  const seen = new Set(m.refs.map(refKey));
  const refs = [...m.refs];
  for (const e of n.edges) {
    if (seen.has(refKey(e))) continue;
    seen.add(refKey(e));
    refs.push(e);
  }
  return { objects, markings, refs, expanded: new Set([...m.expanded, nodeId]) };
}

/** The model with one object added (a relationship just created), with its marking. */
export function addObject(m: GraphModel, o: Stix, marking: ObjectMarking): GraphModel {
  return { ...m, objects: new Map(m.objects).set(o.id, o), markings: new Map(m.markings).set(o.id, marking) };
}

const isNode = (o: Stix | undefined): o is Stix => o !== undefined && !EDGE_TYPES.has(o.type) && !HIDDEN.has(o.type);

/** Nodes and edges to draw: relationships become labelled edges between their ends. */
export function project(m: GraphModel): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const edges: GraphEdge[] = [];
  for (const o of m.objects.values()) {
    if (!EDGE_TYPES.has(o.type)) continue;
    const a = String(o['source_ref'] ?? ''),
      b = String(o['target_ref'] ?? '');
    if (isNode(m.objects.get(a)) && isNode(m.objects.get(b)))
      edges.push({ key: o.id, source: a, target: b, label: String(o['relationship_type'] ?? 'related-to'), kind: 'relationship' });
  }
  for (const e of m.refs) {
    // A relationship's own ends are the relationship edge; markings are the banner's, not links.
    if (EDGE_TYPES.has(m.objects.get(e.source)?.type ?? '') || e.property === 'object_marking_refs') continue;
    if (isNode(m.objects.get(e.source)) && isNode(m.objects.get(e.target)))
      edges.push({ key: refKey(e), source: e.source, target: e.target, label: e.property.replace(/_refs?$/, ''), kind: 'reference' });
  }
  // Authorship links every object of a source to its author: counted, a publisher would be
  // the hub of every graph and every object a little hub of its own.
  const degree = new Map<string, number>();
  for (const e of edges) if (!isAuthorship(e)) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
  const nodes: GraphNode[] = [];
  for (const o of m.objects.values())
    if (isNode(o))
      nodes.push({ id: o.id, type: o.type, label: displayName(o), expanded: m.expanded.has(o.id), degree: degree.get(o.id) ?? 0 });
  return { nodes, edges };
}

/** Labels of the references that name who wrote or last changed an object. */
export const AUTHORSHIP = ['created_by', 'x_mitre_modified_by'];

/** Whether `e` only says who wrote or changed an object (`created_by_ref` and the like). */
export const isAuthorship = (e: GraphEdge): boolean => e.kind === 'reference' && /(^|_)(created|modified)_by$/.test(e.label);

/** Ids of what a graph shows that carries its own marking: its nodes and its relationships. */
export const markedIds = (g: { nodes: GraphNode[]; edges: GraphEdge[] }): string[] =>
  g.nodes.map((n) => n.id).concat(g.edges.filter((e) => e.kind === 'relationship').map((e) => e.key));
