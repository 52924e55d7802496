import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NATO_SCHEME } from '../markings/classification.ts';
import { classificationMarking, exerciseMarking, releasabilityMarking } from '../markings/concord-markings.ts';
import { MarkingRegistry } from '../markings/registry.ts';
import { TLP2_MARKING_IDS } from '../markings/tlp.ts';
import { selectorResolves } from '../stix/markings.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import { SCHEMES, buildLabel, buildReader } from './fixtures.ts';
import { redact } from './redact.ts';

const NS = classificationMarking(NATO_SCHEME, 'NATO SECRET');
const REL_DE = releasabilityMarking(['DE']);
const EX = exerciseMarking('ex1');
const REGISTRY = MarkingRegistry.builtIn().with([NS, REL_DE, EX]);
const LABEL = buildLabel({ tlp: 'green' });

function report(granular: JsonObject[]): StixObject {
  return {
    type: 'report',
    spec_version: '2.1',
    id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Campaign against energy operators',
    description: 'Source: a liaison officer in Vilnius',
    published: '2024-01-01T00:00:00.000Z',
    object_refs: ['malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc', 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abd'],
    external_references: [
      { source_name: 'a', external_id: 'A-1', url: 'https://a.example/1' },
      { source_name: 'b', external_id: 'B-2', url: 'https://b.example/2' },
      { source_name: 'c', external_id: 'C-3', url: 'https://c.example/3' },
    ],
    granular_markings: granular,
  };
}

const mark = (ref: string, ...selectors: string[]): JsonObject => ({ marking_ref: ref, selectors });

test("§7.2.3: content under a classification above the reader's clearance is withheld", () => {
  const o = report([mark(NS.id, 'description')]);
  const denied = redact(o, buildReader(), REGISTRY, SCHEMES, LABEL);
  assert.equal(denied.object['description'], undefined);
  assert.deepEqual(denied.withheld, ['description']);
  assert.equal(denied.object['granular_markings'], undefined, 'the withheld marking goes with its content');
  assert.deepEqual(validateObject(denied.object).issues, []);
  const cleared = redact(o, buildReader({ clearances: { nato: 'NATO SECRET' } }), REGISTRY, SCHEMES, LABEL);
  assert.deepEqual(cleared, { object: o, withheld: [] });
});

test('§7.2.3.1: list entries are removed and the remaining selectors renumbered', () => {
  const o = report([
    mark(REL_DE.id, 'external_references.[0]', 'external_references.[1].url'),
    mark(TLP2_MARKING_IDS.green, 'external_references.[2].url', 'name'),
  ]);
  const snapshot = structuredClone(o);
  const { object, withheld } = redact(o, buildReader(), REGISTRY, SCHEMES, LABEL);
  assert.deepEqual(o, snapshot, 'the input is never changed');
  assert.deepEqual(withheld, ['external_references.[0]', 'external_references.[1].url']);
  assert.deepEqual(object['external_references'], [
    { source_name: 'b', external_id: 'B-2' },
    { source_name: 'c', external_id: 'C-3', url: 'https://c.example/3' },
  ]);
  assert.deepEqual(object['granular_markings'], [mark(TLP2_MARKING_IDS.green, 'external_references.[1].url', 'name')]);
  assert.deepEqual(validateObject(object).issues, []);
});

test('a list emptied by redaction is removed (STIX 2.1 §2.12: lists are never empty)', () => {
  const o = report([mark(EX.id, 'object_refs.[0]', 'object_refs.[1]'), mark(TLP2_MARKING_IDS.clear, 'object_refs.[1]', 'name')]);
  const { object, withheld } = redact(o, buildReader(), REGISTRY, SCHEMES, LABEL);
  assert.equal(object['object_refs'], undefined);
  assert.deepEqual(withheld, ['object_refs.[0]', 'object_refs.[1]']);
  assert.deepEqual(object['granular_markings'], [mark(TLP2_MARKING_IDS.clear, 'name')]);
  const participant = redact(o, buildReader({ exercises: ['ex1'] }), REGISTRY, SCHEMES, LABEL);
  assert.deepEqual(participant.withheld, []);
});

test("a granular TLP stricter than the object's binds everyone outside the owner organisation", () => {
  const o = report([mark(TLP2_MARKING_IDS.amber, 'description'), mark(TLP2_MARKING_IDS.clear, 'name')]);
  assert.deepEqual(redact(o, buildReader(), REGISTRY, SCHEMES, LABEL).withheld, ['description']);
  assert.deepEqual(redact(o, buildReader({ orgIds: ['org-owner'] }), REGISTRY, SCHEMES, LABEL).withheld, []);
  assert.deepEqual(
    redact(o, buildReader(), REGISTRY, SCHEMES, buildLabel({ tlp: 'amber', distribution: { kind: 'community', id: 'eu' } })).withheld,
    [],
  );
});

test('releasability and unknown markings withhold; language markings and type/id never do', () => {
  const unknown = 'marking-definition--00000000-0000-4000-8000-00000000beef';
  const o = report([mark(REL_DE.id, 'name'), mark(unknown, 'description', 'id', 'type'), { lang: 'fr', selectors: ['published'] }]);
  const { object, withheld } = redact(o, buildReader({ countries: ['FR'] }), REGISTRY, SCHEMES, LABEL);
  assert.deepEqual(withheld, ['description', 'name']);
  assert.equal(object.id, o.id);
  assert.equal(object.type, 'report');
  assert.deepEqual(object['granular_markings'], [{ lang: 'fr', selectors: ['published'] }]);
  assert.deepEqual(redact(o, buildReader({ countries: ['DE'] }), REGISTRY, SCHEMES, LABEL).withheld, ['description']);
});

// ---- property: redact removes exactly what unsatisfied markings select --------------------------

type Tree = JsonValue;
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant('leaf'),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(fc.constantFrom('alpha', 'beta', 'gamma'), tie('node'), { minKeys: 1, maxKeys: 3 }),
  ),
})).node;

/** Replaces every leaf with a unique token, so that content can be traced through redaction. */
function number(value: Tree, next: { n: number }): Tree {
  if (Array.isArray(value)) return value.map((v) => number(v, next));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, number(v, next)]));
  return `tok${next.n++}`;
}

function selectorsOf(value: Tree, path: string, out: string[]): string[] {
  if (path !== '') out.push(path);
  const join = (c: string): string => (path === '' ? c : `${path}.${c}`);
  if (Array.isArray(value))
    value.forEach((v, i) => {
      selectorsOf(v, join(`[${i}]`), out);
    });
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) selectorsOf(v, join(k), out);
  return out;
}

function at(root: Tree, selector: string): Tree | undefined {
  let node: Tree | undefined = root;
  for (const c of selector.split('.')) {
    const m = /^\[(\d+)\]$/.exec(c);
    if (m !== null) node = Array.isArray(node) ? node[Number(m[1])] : undefined;
    else node = node !== null && typeof node === 'object' && !Array.isArray(node) ? node[c] : undefined;
  }
  return node;
}

function tokens(value: Tree | undefined): string[] {
  return JSON.stringify(value ?? null).match(/tok\d+/g) ?? [];
}

const scenario = fc
  .dictionary(fc.constantFrom('description', 'labels', 'external_references', 'x_data'), tree, { minKeys: 1, maxKeys: 4 })
  .map((body) => number(body, { n: 0 }))
  .chain((body) => {
    const paths = selectorsOf(body, '', []);
    const granular = fc.array(fc.subarray(paths, { minLength: 1 }), { minLength: 1, maxLength: 4 });
    return fc.tuple(fc.constant(body), granular, fc.subarray([0, 1, 2, 3]));
  });

test('property: redact never leaves content an unsatisfied marking selects, and keeps all the rest', () => {
  fc.assert(
    fc.property(scenario, ([body, selections, joined]) => {
      const markings = selections.map((selectors, i) => ({ def: exerciseMarking(`ex${i}`), selectors, satisfied: joined.includes(i) }));
      const registry = MarkingRegistry.builtIn().with(markings.map((m) => m.def));
      const input: StixObject = {
        type: 'x-test',
        id: 'x-test--2f1d3b8e-4b7f-4a47-9b0e-6f4f1d2c3b4a',
        ...(body as JsonObject),
        granular_markings: markings.map((m) => mark(m.def.id, ...m.selectors)),
      };
      const snapshot = structuredClone(input);
      const { object, withheld } = redact(input, buildReader({ exercises: joined.map((i) => `ex${i}`) }), registry, SCHEMES, LABEL);
      assert.deepEqual(input, snapshot);

      const removedSelectors = [...new Set(markings.flatMap((m) => (m.satisfied ? [] : m.selectors)))].sort();
      assert.deepEqual(withheld, removedSelectors);
      const removed = new Set(removedSelectors.flatMap((s) => tokens(at(input, s))));
      const all = tokens(body);
      const content = { ...object, granular_markings: null };
      assert.deepEqual(tokens(content).sort(), all.filter((t) => !removed.has(t)).sort(), 'exactly the unselected content remains');

      const outMarkings = (object['granular_markings'] ?? []) as { marking_ref: string; selectors: string[] }[];
      for (const m of markings) {
        const out = outMarkings.filter((g) => g.marking_ref === m.def.id).flatMap((g) => g.selectors);
        if (!m.satisfied) assert.deepEqual(out, [], 'an unsatisfied marking is dropped');
        const surviving = m.satisfied
          ? m.selectors.map((s) => tokens(at(input, s)).filter((t) => !removed.has(t))).filter((ts) => ts.length > 0)
          : [];
        assert.equal(out.length, surviving.length, 'one selector per surviving selection');
        out.forEach((s, i) => {
          assert.ok(selectorResolves(object, s), `${s} resolves`);
          assert.deepEqual(tokens(at(object, s)), surviving[i], `${s} selects the same content`);
        });
      }
    }),
    { numRuns: 1000 },
  );
});
