import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkingInvalidError } from '../../errors.ts';
import { NATO_SCHEME } from './classification.ts';
import { CONCORD_MARKING_EXTENSION_ID, classificationMarking, exerciseMarking, releasabilityMarking } from './concord-markings.ts';
import { MarkingRegistry, markingInfo } from './registry.ts';
import { TLP2_MARKING_IDS, tlp2MarkingDefinition } from './tlp.ts';
import type { JsonObject } from '../stix/types.ts';

const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const STATEMENT = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--00000000-0000-4000-8000-0000000000aa',
  created: '2024-01-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2024' },
};

function concordDef(content: JsonObject): JsonObject {
  const extension = { extension_type: 'property-extension', ...content };
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: STATEMENT.id,
    created: STATEMENT.created,
    extensions: { [CONCORD_MARKING_EXTENSION_ID]: extension },
  };
}

test('markingInfo recognises TLP 2.0 and TLP 1.0 markings by id (STIX 2.1 §7.2.1.4)', () => {
  assert.deepEqual(markingInfo(tlp2MarkingDefinition('amber+strict')), { kind: 'tlp', tlp: 'amber+strict' });
  assert.deepEqual(markingInfo({ type: 'marking-definition', id: TLP1_AMBER, definition_type: 'tlp', definition: { tlp: 'amber' } }), {
    kind: 'tlp',
    tlp: 'amber',
  });
  assert.deepEqual(markingInfo({ type: 'marking-definition', id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9' }), {
    kind: 'tlp',
    tlp: 'clear',
  });
});

test('markingInfo reads Concord markings from the Concord extension content', () => {
  assert.deepEqual(markingInfo(classificationMarking(NATO_SCHEME, 'NATO SECRET')), {
    kind: 'classification',
    scheme: 'nato',
    level: 'NATO SECRET',
  });
  assert.deepEqual(markingInfo(releasabilityMarking(['FR', 'eu'])), { kind: 'releasability', to: ['FR', 'eu'] });
  assert.deepEqual(markingInfo(exerciseMarking('cyber-coalition')), { kind: 'exercise', exercise: 'cyber-coalition' });
});

test('statement markings (§7.2.1.3) and other definitions restrict nothing', () => {
  assert.deepEqual(markingInfo(STATEMENT), { kind: 'statement' });
  assert.deepEqual(markingInfo({ ...STATEMENT, definition_type: 'x-acme', definition: { a: 1 } }), { kind: 'other' });
});

test('Concord marking content that cannot be read fails closed with MARKING_INVALID', () => {
  const bad: JsonObject[] = [
    { marking_type: 'classification', scheme: 'nato' },
    { marking_type: 'releasability', releasable_to: 'FR' },
    { marking_type: 'releasability', releasable_to: ['Fr'] },
    { marking_type: 'releasability', releasable_to: [] },
    { marking_type: 'exercise' },
    { marking_type: 'caveat', caveat: 'NOFORN' },
  ];
  for (const content of bad) {
    assert.throws(
      () => markingInfo(concordDef(content)),
      (e: unknown) => e instanceof MarkingInvalidError && e.code === 'MARKING_INVALID',
      JSON.stringify(content),
    );
  }
  assert.throws(() => markingInfo({ type: 'indicator', id: 'indicator--00000000-0000-4000-8000-000000000001' }), MarkingInvalidError);
});

test('the built-in registry knows the nine standard TLP markings and nothing else', () => {
  const registry = MarkingRegistry.builtIn();
  assert.equal(registry.size, 9);
  assert.deepEqual(registry.get(TLP2_MARKING_IDS.red), { kind: 'tlp', tlp: 'red' });
  assert.deepEqual(registry.get(TLP1_AMBER), { kind: 'tlp', tlp: 'amber' });
  assert.equal(registry.get(STATEMENT.id), undefined);
});

test('with() returns a new registry and leaves the original unchanged', () => {
  const base = MarkingRegistry.builtIn();
  const secret = classificationMarking(NATO_SCHEME, 'NATO SECRET');
  const next = base.with([secret, STATEMENT, secret]);
  assert.equal(base.get(secret.id), undefined);
  assert.deepEqual(next.get(secret.id), { kind: 'classification', scheme: 'nato', level: 'NATO SECRET' });
  assert.equal(next.size, 11);
});

test('a definition that gives a known id another meaning is refused (§7.2.1: not versioned)', () => {
  const registry = MarkingRegistry.builtIn().with([STATEMENT]);
  const forged = concordDef({ marking_type: 'classification', scheme: 'nato', level: 'NATO SECRET' });
  assert.throws(
    () => registry.with([forged]),
    (e: unknown) => e instanceof MarkingInvalidError && /already known/.test(e.message),
  );
  // A TLP id keeps its standard meaning whatever content arrives with it.
  const relabelled = { ...tlp2MarkingDefinition('red'), extensions: { x: { tlp_2_0: 'clear' } } };
  assert.deepEqual(registry.with([relabelled]).get(TLP2_MARKING_IDS.red), { kind: 'tlp', tlp: 'red' });
});
