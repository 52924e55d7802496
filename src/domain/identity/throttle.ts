// Login throttling (issue 3, items 1 and 7): failed logins on one account are first slowed, then
// the account is locked. Per-account rather than per-address because an attacker rotates
// addresses; the per-address limit in the service catches spraying across many accounts.

/** Failures allowed before attempts are slowed. */
export const FREE_FAILURES = 3;
/** Consecutive failures after which the account is locked. */
export const LOCK_AFTER = 10;
/** How long a lock lasts unless an administrator unlocks the account earlier. */
export const LOCK_MS = 15 * 60_000;

/** What the store knows of an account's recent failures. */
export interface FailureState {
  failedLogins: number;
  lastFailedAt: string | null;
  lockedUntil: string | null;
}

/** Whether a login attempt may be checked now: `wait` seconds left when slowed or locked. */
export type Admission = { allowed: true } | { allowed: false; locked: boolean; wait: number };

/** Decides whether an attempt may proceed at `now` (ms since the epoch). */
export function admit(state: FailureState, now: number): Admission {
  if (state.lockedUntil !== null) {
    const until = Date.parse(state.lockedUntil);
    if (until > now) return { allowed: false, locked: true, wait: Math.ceil((until - now) / 1000) };
  }
  const over = state.failedLogins - FREE_FAILURES - 1;
  if (over < 0 || state.lastFailedAt === null || state.failedLogins >= LOCK_AFTER) return { allowed: true };
  // Exponential back-off: 1 s after the 4th failure, 2 s after the 5th, … 32 s after the 9th.
  const delay = 1000 * 2 ** over;
  const ready = Date.parse(state.lastFailedAt) + delay;
  return ready > now ? { allowed: false, locked: false, wait: Math.ceil((ready - now) / 1000) } : { allowed: true };
}

/** The state after one more failure at `now`; locks at LOCK_AFTER consecutive failures. */
export function recordFailure(state: FailureState, now: number): FailureState {
  // A lock that has run out starts a fresh count, so one more failure does not relock at once.
  const expired = state.lockedUntil !== null && Date.parse(state.lockedUntil) <= now;
  const failedLogins = (expired ? 0 : state.failedLogins) + 1;
  const at = new Date(now).toISOString();
  return {
    failedLogins,
    lastFailedAt: at,
    lockedUntil: failedLogins >= LOCK_AFTER ? new Date(now + LOCK_MS).toISOString() : expired ? null : state.lockedUntil,
  };
}

/** The state after a successful login. */
export const CLEARED: FailureState = Object.freeze({ failedLogins: 0, lastFailedAt: null, lockedUntil: null });
