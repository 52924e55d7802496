// Reminders of a request's response clocks (issue 18, must 5: the same reminders as incident
// reports): before each deadline and when it passes, each once however the job ticks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type ResponseFacts, responseClocks } from './clocks.ts';
import { DEFAULT_RESPONSE_REMINDERS, dueResponseReminders } from './reminders.ts';
import { buildResponseFacts as facts, CLOCK_START as CREATED, hoursIn as at } from './fixtures.ts';

const HOUR = 3_600_000;

describe('response reminders', () => {
  test('6 h and 1 h before the first offer is due, then when it passes; an offer silences it', () => {
    const remind = (f: ResponseFacts, until: number) =>
      dueResponseReminders('req', responseClocks(f, new Date(at(until))), DEFAULT_RESPONSE_REMINDERS, new Date(at(0)), new Date(at(until)))
        .filter((r) => r.clock === 'first-offer')
        .map((r) => [r.kind, r.at]);
    assert.deepEqual(remind(facts(), 23.5), [
      ['before', at(18)],
      ['before', at(23)],
    ]);
    assert.deepEqual(remind(facts(), 25), [['passed', at(24)]]);
    assert.deepEqual(remind(facts({ firstOfferAt: at(2) }), 25), []);
  });

  test('ticking in steps of every size sends each reminder exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 * HOUR }), { minLength: 1, maxLength: 40 }), (steps) => {
        const f = facts({ deploymentEndedAt: at(100) });
        const seen: string[] = [];
        let since = CREATED;
        for (const step of steps) {
          const now = new Date(since + step);
          for (const r of dueResponseReminders('req', responseClocks(f, now), DEFAULT_RESPONSE_REMINDERS, new Date(since), now))
            seen.push(r.key);
          since = now.getTime();
        }
        assert.equal(new Set(seen).size, seen.length);
        // However it ticks, a deadline that has passed was reminded when it passed.
        if (since >= Date.parse(at(24))) assert.ok(seen.includes(`req/first-offer/passed/0/${at(24)}`));
        if (since >= Date.parse(at(72))) assert.ok(seen.includes(`req/team-ready/passed/0/${at(72)}`));
      }),
    );
  });
});
