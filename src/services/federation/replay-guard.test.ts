import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SKEW_MS } from '../../domain/federation/request-signature.ts';
import { ReplayGuard } from './replay-guard.ts';

test('a nonce is admitted once per key while its date is acceptable, then forgotten', () => {
  const g = new ReplayGuard();
  const t = Date.parse('2026-11-22T12:00:00.000Z');
  assert.equal(g.admit('k1', 'nonce-aaaaaaaaaaaaaaaa', t, t), true);
  assert.equal(g.admit('k1', 'nonce-aaaaaaaaaaaaaaaa', t, t + 60_000), false, 'the same request again is a replay');
  assert.equal(g.admit('k2', 'nonce-aaaaaaaaaaaaaaaa', t, t), true, 'nonces are per key');
  // Past the window the date itself is refused (request-signature.ts), so the nonce may go.
  assert.equal(g.admit('k1', 'nonce-aaaaaaaaaaaaaaaa', t, t + 2 * MAX_SKEW_MS), true);
});

test('the memory is bounded: the oldest nonces go first', () => {
  const g = new ReplayGuard(3);
  const t = Date.now();
  for (const n of ['a', 'b', 'c', 'd']) assert.equal(g.admit('k', n, t, t), true);
  assert.equal(g.admit('k', 'd', t, t), false);
  assert.equal(g.admit('k', 'a', t, t), true, 'evicted to stay within capacity');
});
