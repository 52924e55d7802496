// Relationship types (STIX 2.1 §5.1) and sighting fields (§5.2) as the write API checks them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relationshipKind, sightingBody } from './relations.ts';

const field = (f: string) => (e: Error & { details?: { field?: string } }) => e.details?.field === f;

test('relationship types: the suggested ones, custom lower-case hyphenated ones, nothing else', () => {
  assert.equal(relationshipKind('indicates'), 'stix');
  assert.equal(relationshipKind('shares-infrastructure-with'), 'custom');
  for (const bad of ['Uses', 'uses it', 'uses--x', '-uses', 'x_y', ''])
    assert.throws(() => relationshipKind(bad), field('relationship_type'), bad);
});

test('sightings: where sighted is an identity or location, last_seen not before first_seen, count bounded', () => {
  const of = 'indicator--7e0c5b2a-1f6d-4e4b-9b0a-2d7c9f1e3a44';
  const ok = sightingBody({ sighting_of_ref: of, where_sighted_refs: ['location--7e0c5b2a-1f6d-4e4b-9b0a-2d7c9f1e3a44'], count: 0 });
  assert.equal(ok['count'], 0);
  assert.throws(() => sightingBody({ sighting_of_ref: of, where_sighted_refs: [of] }), field('where_sighted_refs[0]'));
  assert.throws(
    () => sightingBody({ sighting_of_ref: of, first_seen: '2026-01-02T00:00:00Z', last_seen: '2026-01-01T00:00:00Z' }),
    field('last_seen'),
  );
  assert.throws(() => sightingBody({ sighting_of_ref: of, count: 1_000_000_000 }), field('count'));
  assert.throws(() => sightingBody({ sighting_of_ref: of, first_seen: 'yesterday' }), field('first_seen'));
});
