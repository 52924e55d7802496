// Sightings in words and columns (web/src/format/sightings.ts), the sighting form's checks
// (web/src/screens/sightings/check.ts) and the decay table's (web/src/screens/admin/decay-check.ts):
// issue 17, musts 1–3, 6 and 7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sightingColumns, sighterText } from '../web/src/format/sightings.ts';
import { sightingOf } from '../web/src/screens/sightings/check.ts';
import { cellName, modelsOf, textOf } from '../web/src/screens/admin/decay-check.ts';

const NOW = Date.parse('2026-12-07T20:00:00Z');

test('who sighted: the organisation when disclosed, else "undisclosed" with what the sighting gave', () => {
  assert.equal(sighterText({ org: { id: 'identity--a', name: 'Grid CERT' }, country: 'DE', sectors: [], own: false }), 'Grid CERT');
  assert.equal(
    sighterText({ org: null, country: 'EE', sectors: ['energy/electricity'], own: false }),
    'undisclosed, Estonia, Energy: Electricity',
  );
  assert.equal(sighterText({ org: null, country: null, sectors: [], own: false }), 'undisclosed');
});

test('the series has a column for every day, quiet days at zero, at least a month up to today', () => {
  const { unit, columns } = sightingColumns([{ day: '2026-12-01', sightings: 2, falsePositives: 1, expired: 0 }], NOW);
  assert.equal(unit, 'day');
  assert.equal(columns.length, 30);
  assert.equal(columns.at(-1)?.start, '2026-12-07');
  assert.deepEqual(columns.find((c) => c.start === '2026-12-01')?.counts, { sightings: 2, falsePositives: 1, expired: 0 });
  assert.deepEqual(columns.find((c) => c.start === '2026-12-02')?.counts, { sightings: 0, falsePositives: 0, expired: 0 });
});

test('a long series goes by week from Monday and loses no sighting', () => {
  const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(NOW - d * 86_400_000).toISOString().slice(0, 10));
  const entry = fc.record({ day, sightings: fc.nat(9), falsePositives: fc.nat(9), expired: fc.nat(9) });
  fc.assert(
    fc.property(fc.uniqueArray(entry, { selector: (e) => e.day, minLength: 1, maxLength: 40 }), (series) => {
      const { unit, columns } = sightingColumns(series, NOW);
      const sum = (k: 'sightings' | 'falsePositives' | 'expired') => series.reduce((n, d) => n + d[k], 0);
      for (const k of ['sightings', 'falsePositives', 'expired'] as const)
        assert.equal(
          columns.reduce((n, c) => n + (c.counts[k] ?? 0), 0),
          sum(k),
        );
      if (unit === 'week') for (const c of columns) assert.equal(new Date(`${c.start}T00:00:00Z`).getUTCDay(), 1);
    }),
  );
});

test('a sighting of nothing, or last seen before first seen, is named at its field before sending', () => {
  const now = '2026-12-07T20:00:00.000Z';
  const base = { type: 'sighting' as const, count: '1', firstSeen: '', lastSeen: '', disclosure: 'anonymous' as const };
  assert.deepEqual(sightingOf('indicator--x', base, now), {
    request: { of: 'indicator--x', type: 'sighting', disclosure: 'anonymous', count: 1 },
    errors: new Map(),
  });
  assert.match(sightingOf('indicator--x', { ...base, count: '0' }, now).errors.get('count') ?? '', /count must be a whole number from 1/);
  assert.match(sightingOf('indicator--x', { ...base, count: 'two' }, now).errors.get('count') ?? '', /count must be a whole number/);
  const reversed = sightingOf('indicator--x', { ...base, firstSeen: '2026-12-07', lastSeen: '2026-12-06 10:00' }, now);
  assert.match(reversed.errors.get('lastSeen') ?? '', /lastSeen must not be before firstSeen/);
  assert.match(
    sightingOf('indicator--x', { ...base, firstSeen: 'yesterday' }, now).errors.get('firstSeen') ?? '',
    /firstSeen must be a timestamp/,
  );
  const typed = sightingOf('indicator--x', { ...base, firstSeen: '2026-12-06 10:00' }, now);
  assert.equal(typed.request.firstSeen, '2026-12-06T10:00:00Z');
  assert.equal(typed.errors.size, 0);
});

test('a decay model out of the API’s ranges is named at its cell, as the API names it', () => {
  const model = {
    kind: 'url' as const,
    lifetimeDays: 180,
    decaySpeed: 3,
    baseScore: 80,
    threshold: 20,
    sightingBoost: 10,
    falsePositivePenalty: 25,
  };
  assert.equal(modelsOf([textOf(model)]).errors.size, 0);
  assert.deepEqual(modelsOf([textOf(model)]).models, [model]);
  const bad = modelsOf([{ ...textOf(model), lifetimeDays: '0', threshold: '150' }]).errors;
  assert.deepEqual([...bad.keys()], [cellName(0, 'lifetimeDays'), cellName(0, 'threshold')]);
  assert.equal(cellName(0, 'threshold'), 'models[0].threshold');
});
