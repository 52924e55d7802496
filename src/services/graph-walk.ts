// The neighbourhood walk (issue 2, §6; issue 3, item 4): hop by hop from an object through its
// references and relationships, entering only objects the reader may see, so that nothing
// unseen is walked through, returned or hinted at. A relationship counts as one hop, and is
// entered only when it and every one of its ends are visible (DESIGN.md).
import type { Edge } from '../domain/objects/types.ts';
import type { ObjectRepo } from '../store/repositories.ts';

/** Nodes at most; past it the walk stops and says it was cut. */
export const MAX_NODES = 500;
/** Expanding through these would pull in everything an author or a marking touches. */
const NO_EXPAND_PROPERTIES = new Set(['created_by_ref', 'object_marking_refs', 'granular_markings.marking_ref']);
const RELATIONSHIP_TYPES = new Set(['relationship', 'sighting']);
/** The properties that hold a relationship's ends. */
const END_PROPERTIES = new Set(['source_ref', 'target_ref', 'sighting_of_ref']);

/** Whether `id` names a relationship or a sighting. */
export function isRelationshipId(id: string): boolean {
  return RELATIONSHIP_TYPES.has(id.slice(0, id.indexOf('--')));
}

/** A walk in progress: visible nodes, the edges between them, and references out of them. */
export class GraphWalk {
  readonly nodes: Set<string>;
  private readonly kept = new Map<string, Edge>();
  /** Every edge whose source is a visible node, kept to name referenced ids that are not shown. */
  readonly references: Edge[] = [];
  truncated = false;
  private frontier: string[];
  private readonly objects: ObjectRepo;
  private readonly visible: (ids: string[]) => Promise<Set<string>>;

  constructor(objects: ObjectRepo, visible: (ids: string[]) => Promise<Set<string>>, root: string) {
    this.objects = objects;
    this.visible = visible;
    this.nodes = new Set([root]);
    this.frontier = [root];
  }

  /** Edges between visible nodes. */
  get edges(): Edge[] {
    return [...this.kept.values()];
  }

  /** Walks one hop further; false when there is nothing left to expand. */
  async step(): Promise<boolean> {
    const found = await this.objects.edges(this.frontier);
    const rels = [...new Set(found.map((e) => e.source).filter((s) => isRelationshipId(s) && !this.nodes.has(s)))];
    const through = rels.length > 0 ? await this.objects.edges(rels) : [];
    const all = [...found, ...through];
    const candidates = [...new Set(all.flatMap((e) => [e.source, e.target]).filter((n) => !this.nodes.has(n)))];
    const vis = candidates.length > 0 ? await this.visible(candidates) : new Set<string>();
    const enterable = (id: string): boolean =>
      this.nodes.has(id) || (vis.has(id) && (!isRelationshipId(id) || this.endsVisible(id, all, vis)));
    const next: string[] = [];
    for (const e of all) {
      if (!enterable(e.source)) continue;
      this.references.push(e);
      if (!enterable(e.target)) continue;
      this.kept.set(`${e.source}|${e.property}|${e.target}`, e);
      for (const end of [e.source, e.target]) {
        if (this.nodes.has(end)) continue;
        if (this.nodes.size >= MAX_NODES) {
          this.truncated = true;
          continue;
        }
        this.nodes.add(end);
        const expand = !(end === e.target && NO_EXPAND_PROPERTIES.has(e.property)) && !isRelationshipId(end);
        if (expand) next.push(end);
      }
    }
    this.frontier = next;
    return next.length > 0;
  }

  private endsVisible(rel: string, edges: Edge[], vis: Set<string>): boolean {
    return edges
      .filter((e) => e.source === rel && END_PROPERTIES.has(e.property))
      .every((e) => this.nodes.has(e.target) || vis.has(e.target));
  }
}
