// The time every countdown on an incident screen is read at (issue 16, must 9): it ticks every
// 30 seconds so that "due in 3 h 20 min" moves without refetching the list; the standings stay the
// server's until the next fetch.
import { useEffect, useState } from 'react';

export const TICK_MS = 30_000;

/** Now, in epoch milliseconds, refreshed every `every` ms. */
export function useNow(every = TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), every);
    return () => window.clearInterval(timer);
  }, [every]);
  return now;
}
