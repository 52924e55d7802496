// A live event stream outlives the request that opened it: the caller's access is asked again
// on an interval, so that a revoked token, an ended session or a disabled account stops the
// stream, and a changed clearance or membership applies to what it sends next.
import type { Principal } from '../../domain/identity/principal.ts';

export interface AccessWatch {
  stop(): void;
}

/**
 * Every `intervalMs`, `current()` gives the caller's principal as it stands (undefined, or a
 * throw: refused now). On a different principal `changed` runs; on refusal `gone`, once.
 */
export function watchAccess(
  first: Principal,
  current: () => Promise<Principal | undefined>,
  on: { changed: (p: Principal) => void; gone: () => void },
  intervalMs: number,
): AccessWatch {
  let held = first;
  let stopped = false;
  const timer = setInterval(() => {
    void current()
      .catch(() => undefined)
      .then((p) => {
        if (stopped) return;
        if (p === undefined) {
          stopped = true;
          clearInterval(timer);
          on.gone();
        } else if (p !== held) {
          held = p;
          on.changed(p);
        }
      });
  }, intervalMs);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
