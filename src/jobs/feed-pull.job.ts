// Pulls every feed whose interval has passed while `concord serve` runs (issue 4, item 3). One
// pull at a time per feed: the runner never starts a feed twice in this process, and the store's
// lease keeps a `concord feed pull` in another process from running beside it.
import type { SystemPrincipal } from '../domain/identity/principal.ts';
import { ConflictError } from '../errors.ts';
import type { Feed, FeedPullResult } from '../domain/feeds/types.ts';
import type { JobLog, PeriodicJob } from './runner.ts';

/** What the job needs of the feed service. */
export interface FeedSource {
  due(now: Date): Promise<Feed[]>;
  pull(principal: SystemPrincipal, id: string, options: { signal?: AbortSignal }): Promise<FeedPullResult>;
}

/** Who the audit log says pulled a feed on schedule (issue 15, must 9). */
const SCHEDULER: SystemPrincipal = Object.freeze({ kind: 'system', name: 'feed-scheduler' });

/** Checks for due feeds every `tickMs` (default 10 s) and pulls each in the background. */
export function feedPullJob(deps: { feeds: FeedSource; log: JobLog; tickMs?: number }): PeriodicJob {
  const { feeds, log } = deps;
  const pullOne = async (feed: Feed, signal: AbortSignal): Promise<void> => {
    try {
      const r = await feeds.pull(SCHEDULER, feed.id, { signal });
      const counts = {
        feed: feed.name,
        pages: r.pages,
        objects: r.objects,
        accepted: r.accepted,
        unchanged: r.unchanged,
        quarantined: r.quarantined,
      };
      if (r.ok) log.info(counts, `feed ${feed.name} pulled`);
      else log.warn({ ...counts, error: r.error }, `feed ${feed.name} pull failed`);
    } catch (e) {
      // Another process holds the feed's lease: it is its turn; ours comes at the next tick.
      if (e instanceof ConflictError) log.info({ feed: feed.id }, `feed ${feed.id} is being pulled elsewhere`);
      else log.error({ err: e, feed: feed.id }, `feed ${feed.id} pull failed`);
    }
  };
  return {
    name: 'feeds',
    everyMs: deps.tickMs ?? 10_000,
    async tick(runner) {
      let due: Feed[];
      try {
        due = await feeds.due(new Date());
      } catch (e) {
        log.error({ err: e }, 'feed scheduler: listing due feeds failed');
        return;
      }
      // A feed still being pulled here is skipped: its next pull is due from when this one ends.
      for (const feed of due) runner.run(`feed:${feed.id}`, (signal) => pullOne(feed, signal));
    },
  };
}
