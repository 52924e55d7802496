// Property tests of the decay model (issue 17, must 9: "the decay model as pure domain code with
// property tests ... the score is monotone in age").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DECAY_KINDS, type DecayModel } from './api.ts';
import { scoreOf, type DecayFacts, type SightingTally } from './model.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const model: fc.Arbitrary<DecayModel> = fc.record({
  kind: fc.constantFrom(...DECAY_KINDS),
  lifetimeDays: fc.integer({ min: 1, max: 3650 }),
  decaySpeed: fc.double({ min: 0.05, max: 100, noNaN: true }),
  baseScore: fc.integer({ min: 0, max: 100 }),
  threshold: fc.integer({ min: 0, max: 100 }),
  sightingBoost: fc.integer({ min: 0, max: 100 }),
  falsePositivePenalty: fc.integer({ min: 0, max: 100 }),
});

/** A time within ±4000 days of NOW (some in the future: reports may run ahead of the clock). */
const time = fc.integer({ min: -4000 * DAY, max: 100 * DAY }).map((d) => NOW + d);

const tally: fc.Arbitrary<SightingTally> = fc.record({
  type: fc.constantFrom('sighting', 'false-positive', 'expired'),
  sightings: fc.integer({ min: 1, max: 20 }),
  lastSeen: time.map(iso),
});
const tallies = fc.array(tally, { maxLength: 6 });

const facts: fc.Arbitrary<DecayFacts> = fc.record(
  { kind: fc.constantFrom(...DECAY_KINDS), validFrom: time.map(iso), validUntil: time.map(iso) },
  { requiredKeys: ['kind', 'validFrom'] },
);

test('the score is monotone non-increasing in age, sightings fixed', () => {
  fc.assert(
    fc.property(model, facts, tallies, fc.integer({ min: 0, max: 4000 * DAY }), (m, f, t, older) => {
      const young = scoreOf(m, f, t, NOW);
      const old = scoreOf(m, { ...f, validFrom: iso(Date.parse(f.validFrom) - older) }, t, NOW);
      assert.ok(old.score <= young.score, `${old.score} > ${young.score}`);
    }),
  );
});

test('without false positives, the score never rises as time passes', () => {
  fc.assert(
    fc.property(model, facts, tallies, fc.integer({ min: 0, max: 4000 * DAY }), (m, f, t, later) => {
      const kept = t.filter((x) => x.type !== 'false-positive');
      assert.ok(scoreOf(m, f, kept, NOW + later).score <= scoreOf(m, f, kept, NOW).score);
    }),
  );
});

test('the score stays within 0 and 100, and expired means below the threshold', () => {
  fc.assert(
    fc.property(model, facts, tallies, (m, f, t) => {
      const s = scoreOf(m, f, t, NOW);
      assert.ok(s.score >= 0 && s.score <= 100, String(s.score));
      assert.equal(s.expired, s.score < m.threshold);
      assert.ok(s.reasons.length >= 2);
    }),
  );
});

test('a true sighting never lowers the score; a false positive never raises it', () => {
  fc.assert(
    fc.property(model, facts, tallies, time, fc.integer({ min: 1, max: 5 }), (m, f, t, seen, n) => {
      const before = scoreOf(m, f, t, NOW).score;
      const sighted = scoreOf(m, f, [...t, { type: 'sighting', sightings: n, lastSeen: iso(seen) }], NOW).score;
      const refuted = scoreOf(m, f, [...t, { type: 'false-positive', sightings: n, lastSeen: iso(seen) }], NOW).score;
      assert.ok(sighted >= before, `sighting: ${sighted} < ${before}`);
      assert.ok(refuted <= before, `false positive: ${refuted} > ${before}`);
    }),
  );
});

test('a changed model changes the score of every live indicator without touching it', () => {
  fc.assert(
    fc.property(model, fc.integer({ min: 0, max: 10_000 }), (m, ageMinutes) => {
      fc.pre(m.baseScore > 0 && ageMinutes * 60_000 < m.lifetimeDays * DAY * 0.9);
      const f: DecayFacts = Object.freeze({ kind: m.kind, validFrom: iso(NOW - ageMinutes * 60_000) });
      const copy = structuredClone(f);
      const before = scoreOf(m, f, [], NOW);
      // A lower base lowers every score that had not already decayed to 0.
      const after = scoreOf({ ...m, baseScore: m.baseScore / 2 }, f, [], NOW);
      assert.deepEqual(f, copy);
      if (before.score >= 0.2) assert.ok(after.score < before.score, `${after.score} ≥ ${before.score}`);
    }),
  );
});
