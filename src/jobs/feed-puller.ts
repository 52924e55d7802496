// Pulls every feed whose interval has passed while `concord serve` runs (issue 4, item 3). One
// pull at a time per feed: this process never starts a feed twice, and the store's lease keeps
// a `concord feed pull` in another process from running beside it.
import { CLI } from '../domain/identity/principal.ts';
import { ConflictError } from '../errors.ts';
import type { FeedPullResult, Feed } from '../domain/feeds/types.ts';

/** What the scheduler needs of the feed service. */
export interface FeedSource {
  due(now: Date): Promise<Feed[]>;
  pull(principal: typeof CLI, id: string, options: { signal?: AbortSignal }): Promise<FeedPullResult>;
}

/** Where the scheduler reports (pino's shape). */
export interface PullerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Checks for due feeds every `tickMs` and pulls them in the background. */
export class FeedPuller {
  private readonly feeds: FeedSource;
  private readonly log: PullerLog;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private ticking: Promise<void> = Promise.resolve();

  constructor(deps: { feeds: FeedSource; log: PullerLog; tickMs?: number }) {
    this.feeds = deps.feeds;
    this.log = deps.log;
    this.tickMs = deps.tickMs ?? 10_000;
  }

  /** Starts checking, at once and then every tick. */
  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      this.ticking = this.tick().catch((e: unknown) => this.log.error({ err: e }, 'feed scheduler: listing due feeds failed'));
    };
    this.timer = setInterval(tick, this.tickMs);
    this.timer.unref();
    tick();
  }

  /** Stops scheduling, aborts running pulls (their committed pages stay) and waits for them. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.abort.abort();
    await this.ticking;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Starts a pull of every due feed that is not already being pulled here. */
  async tick(): Promise<void> {
    if (this.abort.signal.aborted) return;
    for (const feed of await this.feeds.due(new Date())) {
      if (this.running.has(feed.id)) continue;
      const run = this.pullOne(feed).finally(() => this.running.delete(feed.id));
      this.running.set(feed.id, run);
    }
  }

  /** Resolves when every pull started so far has finished (tests). */
  async idle(): Promise<void> {
    await this.ticking;
    await Promise.allSettled([...this.running.values()]);
  }

  private async pullOne(feed: Feed): Promise<void> {
    try {
      const r = await this.feeds.pull(CLI, feed.id, { signal: this.abort.signal });
      const counts = {
        feed: feed.id,
        pages: r.pages,
        objects: r.objects,
        accepted: r.accepted,
        unchanged: r.unchanged,
        quarantined: r.quarantined,
      };
      if (r.ok) this.log.info(counts, `feed ${feed.id} pulled`);
      else this.log.warn({ ...counts, error: r.error }, `feed ${feed.id} pull failed`);
    } catch (e) {
      // Another process holds the feed's lease: it is its turn; ours comes at the next tick.
      if (e instanceof ConflictError) this.log.info({ feed: feed.id }, `feed ${feed.id} is being pulled elsewhere`);
      else this.log.error({ err: e, feed: feed.id }, `feed ${feed.id} pull failed`);
    }
  }
}
