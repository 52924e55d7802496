// Reminders before and at NIS2 deadlines (issue 16, must 7).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clocks, type ClockFacts } from './clocks.ts';
import { DEFAULT_REMINDERS, dueReminders } from './reminders.ts';

const facts: ClockFacts = { awareAt: '2026-03-02T08:00:00.000Z', trustServiceProvider: false };
const t = (s: string): Date => new Date(s);

describe('NIS2 reminders', () => {
  test('12 h and 1 h before the early warning, then when it passes', () => {
    const now = t('2026-03-03T09:00:00Z');
    const all = dueReminders('incident--1', clocks(facts, now), DEFAULT_REMINDERS, t('2026-03-02T08:00:00Z'), now).filter(
      (r) => r.stage === 'early-warning',
    );
    // At 09:00 the deadline (08:00) has passed: only the "passed" reminder is still worth sending.
    assert.deepEqual(
      all.map((r) => [r.kind, r.at]),
      [['passed', '2026-03-03T08:00:00.000Z']],
    );
    const early = dueReminders(
      'incident--1',
      clocks(facts, t('2026-03-03T07:30:00Z')),
      DEFAULT_REMINDERS,
      t('2026-03-02T08:00:00Z'),
      t('2026-03-03T07:30:00Z'),
    );
    assert.deepEqual(
      early.filter((r) => r.stage === 'early-warning').map((r) => [r.kind, r.at]),
      [
        ['before', '2026-03-02T20:00:00.000Z'],
        ['before', '2026-03-03T07:00:00.000Z'],
      ],
    );
  });

  test('a submitted report silences its stage', () => {
    const now = t('2026-03-03T09:00:00Z');
    const submitted = { ...facts, earlyWarningAt: '2026-03-02T12:00:00Z' };
    const all = dueReminders('incident--1', clocks(submitted, now), DEFAULT_REMINDERS, t('2026-03-02T08:00:00Z'), now);
    assert.ok(all.every((r) => r.stage !== 'early-warning'));
  });

  test('ticking in any steps sends each reminder exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 * 3_600_000 }), { minLength: 1, maxLength: 30 }), (steps) => {
        const start = Date.parse(facts.awareAt);
        const seen: string[] = [];
        let since = start;
        for (const step of steps) {
          const now = new Date(since + step);
          for (const r of dueReminders('i', clocks(facts, now), DEFAULT_REMINDERS, new Date(since), now)) seen.push(r.key);
          since = now.getTime();
        }
        assert.equal(new Set(seen).size, seen.length);
      }),
    );
  });
});
