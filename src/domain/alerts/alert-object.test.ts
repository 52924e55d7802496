// An alert grows instead of repeating (issue 17, must 4): a new version only when its facts grew,
// and what it said is kept when the window has moved past the sightings that first made it fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grow, placesOf, seriesOf } from './alert-object.ts';
import type { AlertFacts } from './engine.ts';

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  id: 'x-concord-alert--1',
  ruleId: 'x-concord-alert-rule--1',
  subject: { kind: 'value', key: 'ipv4:192.0.2.1', label: '192.0.2.1' },
  exercise: null,
  objectRefs: ['indicator--1'],
  sightingRefs: ['sighting--a', 'sighting--b', 'sighting--c'],
  organisations: 3,
  countries: ['DE', 'EE', 'FR'],
  sectors: [],
  sightings: 3,
  firstSeen: '2026-12-07T08:00:00.000Z',
  lastSeen: '2026-12-07T10:00:00.000Z',
  ...over,
});

test('the same facts make no new version; more sightings do, and nothing said before is lost', () => {
  assert.equal(grow(undefined, facts()).grew, true);
  assert.equal(grow(facts(), facts()).grew, false);
  const later = facts({
    sightingRefs: ['sighting--c', 'sighting--d'],
    countries: ['BE', 'FR'],
    organisations: 2,
    lastSeen: '2026-12-07T12:00:00.000Z',
  });
  const { facts: grown, grew } = grow(facts(), later);
  assert.equal(grew, true);
  assert.deepEqual(grown.sightingRefs, ['sighting--a', 'sighting--b', 'sighting--c', 'sighting--d']);
  assert.deepEqual(grown.countries, ['BE', 'DE', 'EE', 'FR']);
  assert.equal(grown.sightings, 4);
  assert.equal(grown.organisations, 3);
  assert.equal(grown.firstSeen, '2026-12-07T08:00:00.000Z');
  assert.equal(grown.lastSeen, '2026-12-07T12:00:00.000Z');
});

test('places count sightings per country, most first; the series counts them per hour', () => {
  const s = [
    { country: 'FR', lastSeen: '2026-12-07T10:05:00.000Z' },
    { country: 'FR', lastSeen: '2026-12-07T10:55:00.000Z' },
    { country: 'DE', lastSeen: '2026-12-07T12:00:00.000Z' },
    { country: null, lastSeen: '2026-12-07T12:30:00.000Z' },
  ];
  assert.deepEqual(placesOf(s), [
    { country: 'FR', count: 2 },
    { country: 'DE', count: 1 },
  ]);
  assert.deepEqual(seriesOf(s), [
    { at: '2026-12-07T10:00:00.000Z', count: 2 },
    { at: '2026-12-07T12:00:00.000Z', count: 2 },
  ]);
});
