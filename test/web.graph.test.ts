// The graph view's pure rules (issue 15, must 6): merging neighbourhoods, filters with counts,
// legend entries, level of detail, placement that never moves a placed node, and who may draw
// a relationship.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Me } from '../web/src/api/session.ts';
import type { ObjectMarking, Stix } from '../web/src/api/objects.ts';
import { mayRelate } from '../web/src/graph/access.ts';
import { applyFilter, DEFAULT_FILTER, toggle } from '../web/src/graph/filters.ts';
import { place } from '../web/src/graph/layout.ts';
import { edgeStyle, legendEntries, nodeStyle, REFERENCE_STYLE } from '../web/src/graph/legend.ts';
import { attention, showEdgeLabel, showNodeLabel, truncate } from '../web/src/graph/lod.ts';
import { addObject, EMPTY_MODEL, markedIds, mergeNeighbourhood, project } from '../web/src/graph/model.ts';

const obj = (type: string, n: number, extra: Record<string, unknown> = {}): Stix => ({
  type,
  id: `${type}--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `${type} ${n}`,
  ...extra,
});
const rel = (n: number, s: Stix, type: string, t: Stix): Stix =>
  obj('relationship', n, { name: undefined, source_ref: s.id, target_ref: t.id, relationship_type: type });
const green: ObjectMarking = { tlp: 'green', classification: null, releasableTo: null };
const amber: ObjectMarking = { tlp: 'amber', classification: null, releasableTo: null };

const group = obj('intrusion-set', 1);
const malware = obj('malware', 2);
const technique = obj('attack-pattern', 3);
const identity = obj('identity', 4);
const marking = obj('marking-definition', 5);
const uses1 = rel(10, group, 'uses', malware);
const uses2 = rel(11, group, 'uses', technique);

const first = mergeNeighbourhood(EMPTY_MODEL, group.id, {
  objects: [group, malware, technique, uses1, uses2, marking],
  edges: [
    { source: uses1.id, property: 'source_ref', target: group.id },
    { source: group.id, property: 'object_marking_refs', target: marking.id },
  ],
  markings: { [group.id]: green, [uses1.id]: amber },
});

test('a neighbourhood becomes nodes and edges; relationships and markings are not nodes', () => {
  const g = project(first);
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), [group.id, malware.id, technique.id].sort());
  assert.deepEqual(
    g.edges.map((e) => [e.label, e.kind]),
    [
      ['uses', 'relationship'],
      ['uses', 'relationship'],
    ],
  );
  assert.equal(g.nodes.find((n) => n.id === group.id)?.degree, 2);
  assert.equal(g.nodes.find((n) => n.id === group.id)?.expanded, true);
  assert.equal(g.nodes.find((n) => n.id === malware.id)?.expanded, false);
  // The banner covers the nodes and the relationships drawn.
  assert.deepEqual(markedIds(g).sort(), [group.id, malware.id, technique.id, uses1.id, uses2.id].sort());
});

test('merging a second neighbourhood adds what is new once, and keeps what was there', () => {
  const next = mergeNeighbourhood(first, malware.id, {
    objects: [malware, group, uses1, identity],
    edges: [
      { source: malware.id, property: 'created_by_ref', target: identity.id },
      { source: malware.id, property: 'created_by_ref', target: identity.id },
    ],
    markings: { [malware.id]: green },
  });
  const g = project(next);
  assert.equal(g.nodes.length, 4);
  assert.deepEqual(
    g.edges.filter((e) => e.kind === 'reference').map((e) => e.label),
    ['created_by'],
  );
  assert.deepEqual([...next.expanded].sort(), [group.id, malware.id].sort());
  // Authorship is drawn (when asked) but makes no hub: the author's degree stays 0.
  assert.equal(g.nodes.find((n) => n.id === identity.id)?.degree, 0);
  assert.equal(g.nodes.find((n) => n.id === malware.id)?.degree, 1);
  assert.deepEqual(
    applyFilter(g, DEFAULT_FILTER).edges.map((e) => e.label),
    ['uses', 'uses'],
    'authorship references are hidden until the reader shows them',
  );
  assert.equal(next.markings.get(uses1.id)?.tlp, 'amber');
  assert.equal(first.objects.has(identity.id), false, 'the earlier model is not changed');
});

test('a created relationship appears as an edge, with its marking', () => {
  const made = rel(12, malware, 'targets', technique);
  const g = project(addObject(first, made, amber));
  assert.ok(g.edges.some((e) => e.key === made.id && e.label === 'targets'));
  assert.ok(markedIds(g).includes(made.id));
});

test('the legend counts the graph; hiding a type takes its edges away, hiding a relationship type its edges', () => {
  const g = project(
    mergeNeighbourhood(first, technique.id, { objects: [rel(13, malware, 'targets', technique)], edges: [], markings: {} }),
  );
  const f = legendEntries(g);
  assert.deepEqual(
    f.relations.map((r) => [r.label, r.count]),
    [
      ['uses', 2],
      ['targets', 1],
    ],
  );
  assert.equal(f.types.length, 3);
  const noMalware = applyFilter(g, { hiddenTypes: new Set(['malware']), hiddenRelations: new Set() });
  assert.equal(noMalware.nodes.length, 2);
  assert.deepEqual(
    noMalware.edges.map((e) => e.target),
    [technique.id],
  );
  const noUses = applyFilter(g, { hiddenTypes: new Set(), hiddenRelations: new Set(['uses']) });
  assert.equal(noUses.nodes.length, 3, 'nodes stay when only a relationship type is hidden');
  assert.deepEqual(
    noUses.edges.map((e) => e.label),
    ['targets'],
  );
  assert.deepEqual([...toggle(toggle(new Set(['a']), 'b'), 'a')], ['b']);
});

test('legend: one entry per type and relationship type on the graph, styled as drawn', () => {
  const l = legendEntries({
    nodes: [{ type: 'intrusion-set' }, { type: 'malware' }, { type: 'malware' }],
    edges: [
      { label: 'uses', kind: 'relationship' },
      { label: 'created_by', kind: 'reference' },
    ],
  });
  assert.deepEqual(
    l.types.map((t) => [t.type, t.style.shape, t.count]),
    [
      ['malware', 'diamond', 2],
      ['intrusion-set', 'hexagon', 1],
    ],
  );
  assert.deepEqual(
    l.relations.map((r) => r.label),
    ['created_by', 'uses'],
  );
  assert.equal(l.relations[0]?.style, REFERENCE_STYLE);
  assert.notEqual(edgeStyle('targets', 'relationship').colour, edgeStyle('mitigates', 'relationship').colour);
  assert.equal(nodeStyle('x-unknown').shape, 'circle');
});

test('level of detail: zoomed out only hubs and the focus are named; labels are cut with the full name kept', () => {
  assert.equal(showNodeLabel(1, 1.3), true);
  assert.equal(showNodeLabel(1, 0.5), false);
  assert.equal(showNodeLabel(12, 0.5), true);
  assert.equal(showNodeLabel(1, 0.2, 'primary'), true);
  assert.equal(showNodeLabel(1, 0.5, 'neighbour'), false, "the selection's neighbours are named only when near");
  assert.equal(showNodeLabel(1, 1, 'neighbour'), true);
  assert.equal(showEdgeLabel(1, false), false);
  assert.equal(showEdgeLabel(0.3, true), false, 'too far to read, even for the selection');
  assert.equal(showEdgeLabel(1, true, 3), true);
  assert.equal(showEdgeLabel(1, true, 40), false, 'a hub selected: its many links are told by colour');
  assert.equal(showEdgeLabel(1.5, false), true);
  assert.equal(truncate('Programmable Logic Controller (PLC)'), 'Programmable Logic Co…');
  assert.equal(truncate('PLC'), 'PLC');
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'c', target: 'a' },
    { source: 'c', target: 'd' },
  ];
  assert.deepEqual([...attention(edges, 'a', [null, 'r'])].sort(), [
    ['a', 'primary'],
    ['b', 'neighbour'],
    ['c', 'neighbour'],
    ['r', 'primary'],
  ]);
});

test('placement: placed nodes keep their exact place, newcomers settle near what brought them, apart', () => {
  const hub = 'hub';
  const spokes = Array.from({ length: 40 }, (_, i) => `n${i}`);
  const links = spokes.map((s) => ({ source: hub, target: s }));
  const firstPlace = place([hub, ...spokes], links, new Map(), hub);
  assert.deepEqual(firstPlace.get(hub), { x: 0, y: 0 });
  const more = Array.from({ length: 30 }, (_, i) => `m${i}`);
  const second = place([hub, ...spokes, ...more], [...links, ...more.map((m) => ({ source: 'n3', target: m }))], firstPlace, 'n3');
  for (const [id, p] of firstPlace) assert.deepEqual(second.get(id), p, `${id} did not move`);
  const all = [...second.values()];
  let closest = Infinity;
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i],
        b = all[j];
      if (a && b) closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
    }
  assert.ok(closest > 20, `no two nodes overlap (closest ${closest.toFixed(1)})`);
  const n3 = second.get('n3') ?? { x: 0, y: 0 };
  const meanDistance =
    more.reduce((s, m) => s + Math.hypot((second.get(m)?.x ?? 0) - n3.x, (second.get(m)?.y ?? 0) - n3.y), 0) / more.length;
  assert.ok(meanDistance < 400, `newcomers stay near the expanded node (${meanDistance.toFixed(0)})`);
  assert.equal(place([hub], [], firstPlace, hub).get(hub), firstPlace.get(hub));
});

test('only writers may draw relationships', () => {
  const me = (roles: string[]): Me => ({
    user: { id: 'u', username: 'u', displayName: 'u', roles, clearances: {}, orgId: 'o', mustChangePassword: false },
    org: { id: 'o', name: 'o', country: null, communities: [], defaultTlp: 'amber', defaultDistribution: 'organization' },
  });
  assert.equal(mayRelate(me(['analyst'])), true);
  assert.equal(mayRelate(me(['admin'])), true);
  assert.equal(mayRelate(me(['viewer'])), false);
  assert.equal(mayRelate(null), false);
});
