// How the graph draws STIX (issue 15, must 6): one colour and shape per object type, grouped by
// meaning (adversaries are hexagons, their tools diamonds, detection triangles, defence and
// context squares, behaviour circles), one stroke per relationship type, and the legend entries
// for what is on the graph. Pure: the drawing and the legend both read these tables.

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon';

export interface NodeStyle {
  colour: string;
  shape: Shape;
}

const NODE_STYLES: Record<string, NodeStyle> = {
  'intrusion-set': { colour: '#e5534b', shape: 'hexagon' },
  'threat-actor': { colour: '#f47067', shape: 'hexagon' },
  campaign: { colour: '#e0823d', shape: 'hexagon' },
  malware: { colour: '#d29922', shape: 'diamond' },
  tool: { colour: '#c2a25a', shape: 'diamond' },
  'attack-pattern': { colour: '#986ee2', shape: 'circle' },
  'x-mitre-tactic': { colour: '#dcbdfb', shape: 'circle' },
  indicator: { colour: '#539bf5', shape: 'triangle' },
  'observed-data': { colour: '#6cb6ff', shape: 'triangle' },
  sighting: { colour: '#96d0ff', shape: 'triangle' },
  'x-mitre-data-component': { colour: '#39c5cf', shape: 'triangle' },
  'x-mitre-detection-strategy': { colour: '#56d4dd', shape: 'triangle' },
  'x-mitre-analytic': { colour: '#76e3ea', shape: 'triangle' },
  'x-mitre-data-source': { colour: '#2b9aa3', shape: 'triangle' },
  'course-of-action': { colour: '#57ab5a', shape: 'square' },
  vulnerability: { colour: '#ff938a', shape: 'square' },
  identity: { colour: '#8ddb8c', shape: 'square' },
  location: { colour: '#b4f1b4', shape: 'square' },
  'x-mitre-asset': { colour: '#c69026', shape: 'square' },
  report: { colour: '#adbac7', shape: 'square' },
  note: { colour: '#adbac7', shape: 'square' },
  'x-mitre-matrix': { colour: '#768390', shape: 'square' },
};

const OTHER: NodeStyle = { colour: '#768390', shape: 'circle' };

/** The colour and shape of an object type (grey circle for types the table does not name). */
export const nodeStyle = (type: string): NodeStyle => NODE_STYLES[type] ?? OTHER;

export interface EdgeStyle {
  colour: string;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash: string;
}

const EDGE_STYLES: Record<string, EdgeStyle> = {
  uses: { colour: '#768390', dash: '' },
  targets: { colour: '#e5534b', dash: '' },
  indicates: { colour: '#539bf5', dash: '6 3' },
  detects: { colour: '#39c5cf', dash: '6 3' },
  mitigates: { colour: '#57ab5a', dash: '' },
  'attributed-to': { colour: '#e0823d', dash: '' },
  'subtechnique-of': { colour: '#986ee2', dash: '2 3' },
  'variant-of': { colour: '#d29922', dash: '2 3' },
  'derived-from': { colour: '#adbac7', dash: '2 3' },
  'revoked-by': { colour: '#636e7b', dash: '2 3' },
  'related-to': { colour: '#adbac7', dash: '6 3' },
};

/** Embedded references (`created_by_ref`, `object_refs`) are drawn thin and dotted. */
export const REFERENCE_STYLE: EdgeStyle = { colour: '#545d68', dash: '1 3' };
const OTHER_EDGE: EdgeStyle = { colour: '#909dab', dash: '' };

/** The stroke of an edge: by relationship type, or the one reference stroke. */
export const edgeStyle = (label: string, kind: 'relationship' | 'reference'): EdgeStyle =>
  kind === 'reference' ? REFERENCE_STYLE : (EDGE_STYLES[label] ?? OTHER_EDGE);

/** The SVG path of a shape of radius `r` centred on 0,0 (circles are drawn as <circle>). */
export function shapePath(shape: Shape, r: number): string {
  const poly = (n: number, turn: number): string =>
    Array.from({ length: n }, (_, i) => {
      const a = turn + (2 * Math.PI * i) / n;
      return `${(r * Math.cos(a)).toFixed(2)},${(r * Math.sin(a)).toFixed(2)}`;
    }).join(' ');
  switch (shape) {
    case 'square':
      return poly(4, Math.PI / 4);
    case 'diamond':
      return poly(4, 0);
    case 'triangle':
      return poly(3, -Math.PI / 2);
    case 'hexagon':
      return poly(6, 0);
    default:
      return '';
  }
}

export interface LegendEntries {
  types: { type: string; style: NodeStyle; count: number }[];
  relations: { label: string; kind: 'relationship' | 'reference'; style: EdgeStyle; count: number }[];
}

/** Legend entries for the types and relationship types on the graph, most frequent first, with
 *  their counts: the legend is also the filter's list of choices (graph/filters.ts). */
export function legendEntries(g: {
  nodes: readonly { type: string }[];
  edges: readonly { label: string; kind: 'relationship' | 'reference' }[];
}): LegendEntries {
  const types = countBy(g.nodes.map((n) => n.type)).map(([type, count]) => ({ type, count, style: nodeStyle(type) }));
  // A label that names a relationship type somewhere is styled as one.
  const kinds = new Map<string, 'relationship' | 'reference'>();
  for (const e of g.edges) if (kinds.get(e.label) !== 'relationship') kinds.set(e.label, e.kind);
  const relations = countBy(g.edges.map((e) => e.label)).map(([label, count]) => {
    const kind = kinds.get(label) ?? 'relationship';
    return { label, kind, count, style: edgeStyle(label, kind) };
  });
  return { types, relations };
}

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
