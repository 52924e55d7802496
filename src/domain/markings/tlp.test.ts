import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, skipUnlessShared } from '../../../test/helpers/shared.ts';
import { validateObject } from '../stix/validate.ts';
import {
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  isTlp,
  mostRestrictiveTlp,
  tlp2ExtensionDefinition,
  tlp2MarkingDefinition,
  tlpOfMarkingId,
  tlpRank,
} from './tlp.ts';

const TLP2_BUNDLE = sharedPath('standards/tlp/tlp2-marking-definitions.bundle.json');
const TLP1_BUNDLE = sharedPath('standards/tlp/tlp1-marking-definitions.bundle.json');

function bundleObjects(path: string): { id: string; [k: string]: unknown }[] {
  const bundle: { objects: { id: string }[] } = JSON.parse(readFileSync(path, 'utf8'));
  return bundle.objects;
}

test('the five TLP 2.0 marking definitions are built exactly as the standard bundle defines them', {
  skip: skipUnlessShared(TLP2_BUNDLE),
}, () => {
  const standard = bundleObjects(TLP2_BUNDLE);
  const built = [tlp2ExtensionDefinition(), ...TLP_LEVELS.map(tlp2MarkingDefinition)];
  assert.deepEqual(built, standard);
});

test('TLP 1.0 ids of STIX 2.1 §7.2.1.4 map to TLP 2.0, WHITE becoming CLEAR (DESIGN.md)', { skip: skipUnlessShared(TLP1_BUNDLE) }, () => {
  const expected: Record<string, string> = { white: 'clear', green: 'green', amber: 'amber', red: 'red' };
  const objects = bundleObjects(TLP1_BUNDLE);
  assert.equal(objects.length, 4);
  for (const o of objects) {
    const definition = o['definition'] as { tlp: string };
    assert.equal(tlpOfMarkingId(o.id), expected[definition.tlp], o.id);
  }
  assert.equal(TLP1_MARKING_IDS.size, 4);
});

test('tlpOfMarkingId recognises the TLP 2.0 ids and nothing else', () => {
  for (const level of TLP_LEVELS) assert.equal(tlpOfMarkingId(TLP2_MARKING_IDS[level]), level);
  assert.equal(tlpOfMarkingId('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'), 'clear', 'TLP:WHITE');
  assert.equal(tlpOfMarkingId('marking-definition--00000000-0000-4000-8000-000000000001'), undefined);
});

test('TLP 2.0 levels are ordered CLEAR < GREEN < AMBER < AMBER+STRICT < RED', () => {
  assert.deepEqual(
    [...TLP_LEVELS].sort((a, b) => tlpRank(a) - tlpRank(b)),
    ['clear', 'green', 'amber', 'amber+strict', 'red'],
  );
  assert.ok(tlpRank('amber+strict') > tlpRank('amber'));
});

test('mostRestrictiveTlp picks the strictest of several markings, undefined for none', () => {
  assert.equal(mostRestrictiveTlp(['green', 'amber+strict', 'amber']), 'amber+strict');
  assert.equal(mostRestrictiveTlp(['clear', 'red', 'green']), 'red');
  assert.equal(mostRestrictiveTlp([]), undefined);
  assert.equal(isTlp('amber+strict'), true);
  assert.equal(isTlp('white'), false);
});

test('the TLP 2.0 definitions pass the STIX validator', () => {
  for (const o of [tlp2ExtensionDefinition(), ...TLP_LEVELS.map(tlp2MarkingDefinition)]) {
    assert.deepEqual(validateObject(o).issues, [], o.id);
  }
});
