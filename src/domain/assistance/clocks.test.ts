// The response clocks of a request (issue 18, must 5): the incident reports'
// states and words, a first offer within 24 hours and the team within 72 by default, the
// after-action report one month after the deployment ends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { STATUS_WORDS } from '../incidents/clock-words.ts';
import { afterActionDue, type ResponseFacts, responseClocks } from './clocks.ts';
import { buildResponseFacts as facts, hoursIn as at } from './fixtures.ts';

const HOUR = 3_600_000;
const byName = (f: ResponseFacts, now: Date) => Object.fromEntries(responseClocks(f, now).map((c) => [c.name, c]));

describe('response clocks', () => {
  test('by default a first offer is due within 24 hours and the team within 72', () => {
    const c = byName(facts(), new Date(at(30)));
    assert.equal(c['first-offer']?.dueAt, at(24));
    assert.equal(c['first-offer']?.status, 'overdue');
    assert.equal(c['first-offer']?.text, 'deadline exceeded · exceeded by 6 h 0 min');
    assert.equal(c['team-ready']?.dueAt, at(72));
    assert.equal(c['team-ready']?.text, 'due · due in 1 d 18 h');
    assert.deepEqual(c['after-action'], { name: 'after-action', dueAt: null, metAt: null, status: 'not-started', text: 'not started' });
  });

  test('the after-action report is due one calendar month after the deployment ends', () => {
    assert.equal(afterActionDue('2026-01-31T17:00:00.000Z'), '2026-02-28T17:00:00.000Z');
    assert.equal(afterActionDue('2026-05-15T09:30:00.000Z'), '2026-06-15T09:30:00.000Z');
    const c = byName(facts({ deploymentEndedAt: '2026-05-15T09:30:00.000Z' }), new Date('2026-05-20T00:00:00Z'));
    assert.equal(c['after-action']?.status, 'due');
    assert.equal(c['after-action']?.dueAt, '2026-06-15T09:30:00.000Z');
  });

  test('each clock stands as its deadline and the time it was met say', () => {
    const met = fc.option(fc.integer({ min: 0, max: 200 }), { nil: null });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 96 }),
        fc.integer({ min: 1, max: 200 }),
        met,
        met,
        fc.integer({ min: 0, max: 300 }),
        (firstOfferHours, teamReadyHours, offer, ready, nowHours) => {
          const now = new Date(at(nowHours));
          const f = facts({
            firstOfferHours,
            teamReadyHours,
            firstOfferAt: offer === null ? null : at(offer),
            teamReadyAt: ready === null ? null : at(ready),
          });
          for (const [c, target, metAt] of [
            [byName(f, now)['first-offer'], firstOfferHours, offer],
            [byName(f, now)['team-ready'], teamReadyHours, ready],
          ] as const) {
            const expected =
              metAt === null ? (nowHours <= target ? 'due' : 'overdue') : metAt <= target ? 'submitted-on-time' : 'submitted-late';
            assert.equal(c?.status, expected);
            assert.equal(c?.dueAt, at(target));
            assert.ok(c?.text.startsWith(STATUS_WORDS[expected]));
          }
        },
      ),
    );
  });

  test('the after-action clock waits for the deployment to end, then runs a month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (ended) => {
        const due = Date.parse(afterActionDue(ended.toISOString()));
        const days = (due - ended.getTime()) / (24 * HOUR);
        assert.ok(days >= 28 && days <= 31, `${days} days`);
        assert.equal(new Date(due).getUTCHours(), ended.getUTCHours());
      }),
    );
  });
});
