// An object's sightings aggregated for one reader (issue 17, must 3): a daily series, nothing
// merged away, undisclosed sighters gathered under null.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SightingView } from './api.ts';
import { aggregateSightings, RECENT } from './aggregate.ts';

const view = (n: number, over: Partial<SightingView> = {}): SightingView => ({
  id: `sighting--${String(n).padStart(4, '0')}`,
  of: 'indicator--1',
  type: 'sighting',
  count: 2,
  firstSeen: `2026-12-0${1 + (n % 3)}T10:00:00.000Z`,
  lastSeen: `2026-12-0${1 + (n % 3)}T11:00:00.000Z`,
  disclosure: 'organization',
  sighter: { org: { id: 'identity--a', name: 'A' }, country: 'EE', sectors: ['energy'], own: false },
  exercise: null,
  description: null,
  marking: null,
  ...over,
});

test('series per day, totals, distinct sighters and the undisclosed gathered under null', () => {
  const hidden = { org: null, country: null, sectors: [], own: false };
  const seen = [
    { view: view(0), sighter: 'identity--a' },
    { view: view(1), sighter: 'identity--a' },
    { view: view(2, { sighter: hidden, disclosure: 'anonymous' }), sighter: 'tok1' },
    { view: view(3, { type: 'false-positive' }), sighter: 'identity--a' },
  ];
  const a = aggregateSightings('indicator--1', ['indicator--1'], seen);
  assert.equal(a.sightings, 3);
  assert.equal(a.total, 6);
  assert.equal(a.falsePositives, 1);
  assert.equal(a.organisations, 2);
  assert.deepEqual(
    a.series.map((d) => [d.day, d.sightings, d.falsePositives]),
    [
      ['2026-12-01', 1, 1],
      ['2026-12-02', 1, 0],
      ['2026-12-03', 1, 0],
    ],
  );
  assert.deepEqual(a.byOrg, [
    { org: { id: 'identity--a', name: 'A' }, count: 2 },
    { org: null, count: 1 },
  ]);
  assert.deepEqual(a.byCountry, [
    { country: 'EE', count: 2 },
    { country: null, count: 1 },
  ]);
  assert.equal(a.firstSeen, '2026-12-01T10:00:00.000Z');
  assert.equal(a.lastSeen, '2026-12-03T11:00:00.000Z');
});

test('recent lists the latest, newest first, at most RECENT', () => {
  const seen = Array.from({ length: 30 }, (_, n) => ({ view: view(n), sighter: 'identity--a' }));
  const a = aggregateSightings('indicator--1', ['indicator--1'], seen);
  assert.equal(a.recent.length, RECENT);
  assert.ok(a.recent.every((s, i) => i === 0 || (a.recent[i - 1]?.lastSeen ?? '') >= s.lastSeen));
  assert.equal(a.sightings, 30);
});
