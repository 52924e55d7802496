// When to try a TAXII request again (issue 4, item 3): network errors, 429 and 5xx are worth
// another try after an exponentially growing, jittered pause; a Retry-After the server sends
// (RFC 9110 §10.2.3, seconds or an HTTP date) is honoured instead. Pure, so it is tested alone.

export interface BackoffPolicy {
  /** How many tries in all, the first included. */
  tries: number;
  /** The pause after the first failure, in ms; it doubles on each failure after that. */
  baseMs: number;
  /** No pause is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ tries: 5, baseMs: 1000, maxMs: 30_000 });

/** Whether a response status is worth retrying: 408, 429 and every 5xx. Other 4xx will not change. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The pause before try `attempt + 1` after `attempt` failures (1-based): base·2^(attempt-1)
 * capped at max, with "equal jitter" (half fixed, half random) so that many clients failing
 * together do not come back together. `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: number = Math.random()): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** A Retry-After header as a pause in ms (capped at `maxMs`), or undefined when absent or malformed. */
export function retryAfterMs(header: string | null, now: number, maxMs: number = 5 * 60_000): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxMs);
}
