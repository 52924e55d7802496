import { CONCORD_SIGHTING_EXTENSION_ID } from '../sightings/api.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
} from '../incidents/types.ts';
import { validateObject } from '../stix/validate.ts';
import type { StixObject } from '../stix/types.ts';
import { EU_SCHEME, NATO_SCHEME, buildSchemeRegistry } from './classification.ts';
import {
  CONCORD_IDENTITY_ID,
  CONCORD_MARKING_EXTENSION_ID,
  CONCORD_OBJECT_EXTENSION_ID,
  CONCORD_PUBLISHED_IDS,
  CONCORD_RETRACTION_EXTENSION_ID,
  classificationMarking,
  concordPublishedObjects,
  concordUuid,
  exerciseMarking,
  releasabilityMarking,
} from './concord-markings.ts';
import { TLP2_MARKING_IDS } from './tlp.ts';

function assertValid(o: StixObject): void {
  const result = validateObject(o);
  assert.deepEqual(result.issues, [], `${o.id} has issues`);
  assert.equal(result.ok, true);
}

test('every object Concord publishes passes validateObject without a single issue (STIX 2.1 §7.2.1, §7.3)', () => {
  const objects = concordPublishedObjects();
  assert.equal(
    objects.length,
    26,
    'identity, 19 Concord extension definitions (1 for sightings, 2 for alerts, 9 for rapid response), TLP 2.0 extension definition, 5 TLP markings',
  );
  for (const o of objects) assertValid(o);
  for (const id of Object.values(TLP2_MARKING_IDS)) assert.ok(CONCORD_PUBLISHED_IDS.has(id));
  assert.ok(CONCORD_PUBLISHED_IDS.has(CONCORD_IDENTITY_ID));
});

test('every marking a factory makes passes validateObject without a single issue', () => {
  const fr = buildSchemeRegistry([{ id: 'fr', name: 'France', levels: ['DIFFUSION RESTREINTE', 'SECRET'] }]).get('fr');
  assert.ok(fr !== undefined);
  const markings = [
    ...NATO_SCHEME.levels.map((l) => classificationMarking(NATO_SCHEME, l)),
    ...EU_SCHEME.levels.map((l) => classificationMarking(EU_SCHEME, l)),
    classificationMarking(fr, 'DIFFUSION RESTREINTE'),
    releasabilityMarking(['FR', 'nato', 'DE']),
    releasabilityMarking(['eu']),
    exerciseMarking('locked-shields-2025'),
  ];
  for (const m of markings) assertValid(m);
});

test('the Concord extension-definitions are created by the Concord identity and declare property extensions', () => {
  const defs = concordPublishedObjects().filter((o) => o.id === CONCORD_MARKING_EXTENSION_ID || o.id === CONCORD_OBJECT_EXTENSION_ID);
  assert.equal(defs.length, 2);
  for (const d of defs) {
    assert.equal(d['created_by_ref'], CONCORD_IDENTITY_ID);
    assert.deepEqual(d['extension_types'], ['property-extension']);
    assert.equal(typeof d['schema'], 'string');
    assert.match(String(d['version']), /^1\.\d+\.0$/);
  }
});

test('the retraction SDO is declared by a new-sdo extension-definition with a UUIDv5 id', () => {
  const def = concordPublishedObjects().find((o) => o.id === CONCORD_RETRACTION_EXTENSION_ID);
  assert.deepEqual(def?.['extension_types'], ['new-sdo']);
  assert.equal(CONCORD_RETRACTION_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-retraction')}`);
  assertValid(def as StixObject);
});

test('the fixed Concord ids are the UUIDv5 of their names in the Concord namespace', () => {
  assert.equal(CONCORD_IDENTITY_ID, `identity--${concordUuid('identity:concord')}`);
  assert.equal(CONCORD_MARKING_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-marking')}`);
  assert.equal(CONCORD_OBJECT_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-object')}`);
  // RFC 4122 §4.3: version 5, variant 10xx.
  assert.match(concordUuid('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('marking ids are deterministic: same meaning → same object, another meaning → another id', () => {
  assert.deepEqual(classificationMarking(NATO_SCHEME, 'NATO SECRET'), classificationMarking(NATO_SCHEME, 'NATO SECRET'));
  assert.notEqual(classificationMarking(NATO_SCHEME, 'NATO SECRET').id, classificationMarking(NATO_SCHEME, 'NATO CONFIDENTIAL').id);
  assert.notEqual(exerciseMarking('a').id, exerciseMarking('b').id);
  assert.notEqual(releasabilityMarking(['FR']).id, exerciseMarking('FR').id);
});

test('a releasability id is taken over the sorted, de-duplicated set', () => {
  const a = releasabilityMarking(['nato', 'FR', 'DE']);
  const b = releasabilityMarking(['DE', 'nato', 'FR', 'FR']);
  assert.equal(a.id, b.id);
  assert.deepEqual(a, b);
  assert.equal(a['name'], 'REL TO DE, FR, nato');
  const ext = (a['extensions'] as Record<string, Record<string, unknown>>)[CONCORD_MARKING_EXTENSION_ID];
  assert.deepEqual(ext, { extension_type: 'property-extension', marking_type: 'releasability', releasable_to: ['DE', 'FR', 'nato'] });
  assert.notEqual(releasabilityMarking(['FR', 'DE']).id, a.id);
});

test('factories refuse what they cannot mark, naming the value', () => {
  const invalid = (f: () => unknown, message: RegExp): void => {
    assert.throws(f, (e: unknown) => e instanceof InvalidInputError && message.test(e.message));
  };
  invalid(
    () => classificationMarking(NATO_SCHEME, 'SECRET UE/EU SECRET'),
    /'SECRET UE\/EU SECRET' is not a level of classification scheme 'nato'/,
  );
  invalid(() => releasabilityMarking([]), /at least one/);
  invalid(() => releasabilityMarking(['Fr']), /'Fr' is neither a country code nor a community id/);
  invalid(() => releasabilityMarking(['FRA']), /'FRA' is neither/);
  invalid(() => releasabilityMarking(['FR', 'rel to']), /'rel to' is neither/);
  invalid(() => exerciseMarking(''), /exercise id ""/);
  invalid(() => exerciseMarking('two words'), /exercise id "two words"/);
});

test('the NIS2 incident extension is declared like the markings one, with a UUIDv5 id (issue 16, must 1)', () => {
  const def = concordPublishedObjects().find((o) => o.id === CONCORD_NIS2_EXTENSION_ID);
  assert.equal(CONCORD_NIS2_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-nis2-incident')}`);
  assert.equal(def?.['created_by_ref'], CONCORD_IDENTITY_ID);
  assert.deepEqual(def?.['extension_types'], ['property-extension']);
  assert.match(String(def?.['schema']), /aware_at/);
  assertValid(def as StixObject);
});

test('the NIS2 report, answer and task extensions are declared alike, with UUIDv5 ids (issue 16, musts 4 and 5)', () => {
  const ids: [string, string, RegExp][] = [
    [CONCORD_NIS2_REPORT_EXTENSION_ID, 'concord-nis2-report', /stage/],
    [CONCORD_NIS2_ANSWER_EXTENSION_ID, 'concord-nis2-answer', /intermediate-request/],
    [CONCORD_TASK_EXTENSION_ID, 'concord-task-assignment', /assignee/],
  ];
  for (const [id, name, schema] of ids) {
    assert.equal(id, `extension-definition--${concordUuid(`extension-definition:${name}`)}`);
    const def = concordPublishedObjects().find((o) => o.id === id);
    assert.equal(def?.['created_by_ref'], CONCORD_IDENTITY_ID);
    assert.deepEqual(def?.['extension_types'], ['property-extension']);
    assert.match(String(def?.['schema']), schema);
    assertValid(def as StixObject);
  }
});

test('the sighting extension is declared alike, with a UUIDv5 id (issue 17, musts 1 and 2)', () => {
  assert.equal(CONCORD_SIGHTING_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-sighting')}`);
  const def = concordPublishedObjects().find((o) => o.id === CONCORD_SIGHTING_EXTENSION_ID);
  assert.equal(def?.['created_by_ref'], CONCORD_IDENTITY_ID);
  assert.deepEqual(def?.['extension_types'], ['property-extension']);
  assert.match(String(def?.['schema']), /sighter_token/);
  assertValid(def as StixObject);
});
