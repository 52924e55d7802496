// Each signed node request is admitted once (domain/federation/request-signature.ts): its nonce
// is kept for as long as its date would still be accepted, so a captured request sent again
// within that window is refused. The nonces are kept in the store (migrations/0023), so every
// `serve` process on one database refuses a replay, and so does a node just restarted.
import { MAX_SKEW_MS } from '../../domain/federation/request-signature.ts';
import type { NonceRepo } from '../../store/repositories.ts';

/** Expired nonces are cleared once per this many admissions. */
const FORGET_EVERY = 1000;

export class ReplayGuard {
  private readonly nonces: NonceRepo;
  private admitted = 0;

  constructor(nonces: NonceRepo) {
    this.nonces = nonces;
  }

  /** True the first time a (key, nonce) is seen; `date` is the request's signed date (ms). */
  async admit(keyId: string, nonce: string, date: number, now: number = Date.now()): Promise<boolean> {
    if (++this.admitted % FORGET_EVERY === 1) await this.nonces.forget(now);
    // Its date stays acceptable until date + MAX_SKEW_MS; a little more covers clock steps.
    return this.nonces.admit(keyId, nonce, Math.max(date, now) + MAX_SKEW_MS + 1000);
  }
}
