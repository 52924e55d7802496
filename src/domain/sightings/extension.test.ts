// Concord's sighting extension and the STIX rules of a sighting (issue 17, must 1; STIX 2.1 §5.2):
// each refusal names the property at fault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateObject } from '../stix/validate.ts';
import type { JsonObject, StixObject } from '../stix/types.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from './api.ts';
import { buildSighting, checkNewSighting } from './build.ts';

const ORG = { id: 'identity--6b0b1b8e-1111-4111-8111-111111111111', country: 'DE', sectors: ['energy/electricity'] };
const OF = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const NOW = '2026-12-07T12:00:00.000Z';
const ctx = { now: NOW, uuid: () => 'ee20065d-2555-424f-ad9e-0f8428623c75', tokenKey: Buffer.alloc(32, 7) };
const built = (disclosure: 'organization' | 'country-sector' | 'anonymous'): StixObject =>
  buildSighting(checkNewSighting({ of: OF }, NOW), disclosure, ORG, ctx);
const ext = (o: StixObject): JsonObject => (o['extensions'] as Record<string, JsonObject>)[CONCORD_SIGHTING_EXTENSION_ID] ?? {};
const withExt = (o: StixObject, change: JsonObject): StixObject => ({
  ...o,
  extensions: { [CONCORD_SIGHTING_EXTENSION_ID]: { ...ext(o), ...change } },
});

/** The paths of the errors validateObject reports. */
const errors = (o: StixObject): string[] =>
  validateObject(o)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.path);

test('every disclosure builds a sighting that validates without an issue', () => {
  for (const d of ['organization', 'country-sector', 'anonymous'] as const) {
    const r = validateObject(built(d));
    assert.deepEqual(r.issues, [], d);
  }
});

test('sighting_type and disclosure are closed; country is ISO 3166-1 alpha-2', () => {
  const ext = `$.extensions['${CONCORD_SIGHTING_EXTENSION_ID}']`;
  assert.deepEqual(errors(withExt(built('organization'), { sighting_type: 'maybe' })), [`${ext}.sighting_type`]);
  assert.deepEqual(errors(withExt(built('organization'), { disclosure: 'secret' })), [`${ext}.disclosure`]);
  assert.deepEqual(errors(withExt(built('organization'), { country: 'Germany' })), [`${ext}.country`]);
  assert.deepEqual(errors(withExt(built('anonymous'), { country: 'DE' })), [`${ext}.country`]);
});

test('an undisclosed sighting naming an organisation is refused at the property that names it', () => {
  const anon = built('anonymous');
  assert.deepEqual(errors({ ...anon, created_by_ref: ORG.id }), ['$.created_by_ref']);
  assert.deepEqual(errors({ ...built('country-sector'), where_sighted_refs: ['location--a2f4b2a9-6d3e-4a3a-9d1b-2b2b2b2b2b2b', ORG.id] }), [
    '$.where_sighted_refs[1]',
  ]);
  // A location may stay.
  assert.deepEqual(errors({ ...anon, where_sighted_refs: ['location--a2f4b2a9-6d3e-4a3a-9d1b-2b2b2b2b2b2b'] }), []);
});

test('STIX 2.1 §5.2: count from 0 to 999,999,999 and last_seen not before first_seen, named by field', () => {
  const o = built('organization');
  assert.deepEqual(errors({ ...o, count: 1_000_000_000 }), ['$.count']);
  assert.deepEqual(errors({ ...o, count: -1 }), ['$.count']);
  assert.deepEqual(errors({ ...o, first_seen: '2026-12-02T00:00:00.000Z', last_seen: '2026-12-01T00:00:00.000Z' }), ['$.last_seen']);
});
