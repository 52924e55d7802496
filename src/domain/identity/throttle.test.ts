import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit, CLEARED, FREE_FAILURES, LOCK_AFTER, LOCK_MS, recordFailure, type FailureState } from './throttle.ts';

function fail(times: number, start: number, gapMs: number): FailureState {
  let s: FailureState = CLEARED;
  for (let i = 0; i < times; i++) s = recordFailure(s, start + i * gapMs);
  return s;
}

test('the first failures are not slowed', () => {
  const s = fail(FREE_FAILURES, 0, 10);
  assert.deepEqual(admit(s, 30), { allowed: true });
});

test('after the free failures each attempt waits twice as long as the last (slowed)', () => {
  const s4 = fail(FREE_FAILURES + 1, 0, 0);
  assert.deepEqual(admit(s4, 500), { allowed: false, locked: false, wait: 1 });
  assert.deepEqual(admit(s4, 1000), { allowed: true });
  const s6 = fail(FREE_FAILURES + 3, 0, 0);
  assert.equal(admit(s6, 3000).allowed, false);
  assert.equal(admit(s6, 4000).allowed, true);
});

test('an account is locked after LOCK_AFTER consecutive failures, until the lock runs out', () => {
  const s = fail(LOCK_AFTER, 0, 0);
  const a = admit(s, 1000);
  assert.equal(a.allowed, false);
  assert.equal(a.allowed === false && a.locked, true);
  assert.equal(admit(s, LOCK_MS + 1).allowed, true);
  // One failure after the lock ran out counts from one again.
  const after = recordFailure(s, LOCK_MS + 1);
  assert.equal(after.failedLogins, 1);
  assert.equal(after.lockedUntil, null);
});
