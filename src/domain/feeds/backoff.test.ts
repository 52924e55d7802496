// The retry schedule of feed requests and the feed interval syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, retryAfterMs } from './backoff.ts';
import { intervalText, laterTimestamp, parseInterval } from './types.ts';

test('the pause doubles from 1s, capped at the maximum, with half of it jittered', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((a) => backoffDelay(a, DEFAULT_BACKOFF, 0)),
    [500, 1000, 2000, 4000],
  );
  assert.deepEqual(
    [1, 2, 3, 4].map((a) => backoffDelay(a, DEFAULT_BACKOFF, 0.999999)),
    [1000, 2000, 4000, 8000],
  );
  assert.equal(backoffDelay(20, DEFAULT_BACKOFF, 0.999999), DEFAULT_BACKOFF.maxMs);
  for (let i = 0; i < 100; i++) {
    const d = backoffDelay(3, DEFAULT_BACKOFF);
    assert.ok(d >= 2000 && d <= 4000, String(d));
  }
});

test('network-side statuses are retried; other client errors are not', () => {
  assert.deepEqual([408, 429, 500, 502, 503, 504].map(isRetryableStatus), [true, true, true, true, true, true]);
  assert.deepEqual([400, 401, 403, 404, 406, 422].map(isRetryableStatus), [false, false, false, false, false, false]);
});

test('Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), capped, never negative', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
  assert.equal(retryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  assert.equal(retryAfterMs('100000', now), 300_000);
  assert.equal(retryAfterMs(null, now), undefined);
  assert.equal(retryAfterMs('soon', now), undefined);
});

test('intervals: 30s, 15m, 2h, 1d or seconds; at least 10s', () => {
  assert.deepEqual(['30s', '15m', '2h', '1d', '90'].map(parseInterval), [30, 900, 7200, 86400, 90]);
  assert.deepEqual(['5s', '15x', '', '-1m'].map(parseInterval), [undefined, undefined, undefined, undefined]);
  assert.deepEqual([900, 7200, 90].map(intervalText), ['15m', '2h', '90s']);
});

test('the later of two TAXII timestamps, by instant then by text', () => {
  assert.equal(laterTimestamp(null, '2024-01-01T00:00:00.000000Z'), '2024-01-01T00:00:00.000000Z');
  assert.equal(laterTimestamp('2024-01-02T00:00:00.000Z', '2024-01-01T00:00:00.000000Z'), '2024-01-02T00:00:00.000Z');
  assert.equal(laterTimestamp('2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00.000000Z'), '2024-01-01T00:00:00.000001Z');
  assert.equal(laterTimestamp(null, null), null);
});
