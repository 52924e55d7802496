// Each signed node request is admitted once (domain/federation/request-signature.ts): its nonce
// is remembered for as long as its date would still be accepted, so a captured request sent
// again within that window is refused. The memory is this process's: several `serve` processes
// on one database each keep their own.
import { MAX_SKEW_MS } from '../../domain/federation/request-signature.ts';

/** Nonces kept at most; beyond this the oldest go first (a peer would need to send thousands
 *  of requests a second to reach it within the date window). */
const CAPACITY = 200_000;

export class ReplayGuard {
  /** `keyId nonce` → when it may be forgotten (ms); in insertion order, so roughly by time. */
  private readonly seen = new Map<string, number>();
  private readonly capacity: number;

  constructor(capacity = CAPACITY) {
    this.capacity = capacity;
  }

  /** True the first time a (key, nonce) is seen; `date` is the request's signed date (ms). */
  admit(keyId: string, nonce: string, date: number, now: number = Date.now()): boolean {
    this.forget(now);
    const key = `${keyId} ${nonce}`;
    if (this.seen.has(key)) return false;
    // Its date stays acceptable until date + MAX_SKEW_MS; a little more covers clock steps.
    this.seen.set(key, Math.max(date, now) + MAX_SKEW_MS + 1000);
    return true;
  }

  private forget(now: number): void {
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size < this.capacity) break;
      this.seen.delete(key);
    }
  }
}
