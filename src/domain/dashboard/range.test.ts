import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf, bucketStarts, inRange, rangeOf } from './range.ts';
import { ownDay } from './own-time.ts';

const NOW = new Date('2026-12-07T15:00:00Z');

test('a period is the calendar days ending today, by day up to a month and by week beyond', () => {
  assert.deepEqual(rangeOf(NOW, 7), { days: 7, from: '2026-12-01', to: '2026-12-07', bucket: 'day' });
  assert.deepEqual(rangeOf(NOW, 90), { days: 90, from: '2026-09-09', to: '2026-12-07', bucket: 'week' });
  assert.equal(rangeOf(NOW, 0).days, 1);
  assert.equal(rangeOf(NOW, 10_000).days, 366);
});

test('buckets cover the period exactly, the last ending today', () => {
  assert.deepEqual(bucketStarts(rangeOf(NOW, 3)), ['2026-12-05', '2026-12-06', '2026-12-07']);
  const weeks = bucketStarts(rangeOf(NOW, 90));
  assert.equal(weeks.length, 13);
  assert.equal(weeks[0], '2026-09-09', 'the first (shorter) bucket starts on the first day');
  assert.equal(weeks.at(-1), '2026-12-01', 'the last holds the last seven days');
  assert.equal(bucketOf(weeks, '2026-12-07'), '2026-12-01');
  assert.equal(bucketOf(weeks, '2026-09-09'), '2026-09-09');
  assert.equal(bucketOf(weeks, '2026-11-30'), '2026-11-24');
});

test('inRange takes the first and the last day and nothing without a day', () => {
  const r = rangeOf(NOW, 7);
  assert.ok(inRange(r, '2026-12-01') && inRange(r, '2026-12-07'));
  assert.ok(!inRange(r, '2026-11-30') && !inRange(r, '2026-12-08') && !inRange(r, null));
});

test('an object happens at its own time: sighted, first seen or observed before created, never stored', () => {
  const created = '2019-05-01T00:00:00.000Z';
  assert.equal(ownDay({ type: 'malware', created }), '2019-05-01');
  assert.equal(ownDay({ type: 'sighting', created, first_seen: '2026-12-01T10:00:00Z', last_seen: '2026-12-03T10:00:00Z' }), '2026-12-03');
  assert.equal(ownDay({ type: 'sighting', created, first_seen: '2026-12-01T10:00:00Z' }), '2026-12-01');
  assert.equal(ownDay({ type: 'campaign', created, first_seen: '2018-01-01T00:00:00Z' }), '2018-01-01');
  assert.equal(ownDay({ type: 'observed-data', created, first_observed: '2020-02-02T00:00:00Z' }), '2020-02-02');
  assert.equal(ownDay({ type: 'ipv4-addr', value: '192.0.2.1' }), null);
});
