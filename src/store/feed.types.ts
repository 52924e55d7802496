// TAXII feeds as the store keeps them (migrations/0010_feeds.ts).
import type { Feed, FeedPullResult } from '../domain/feeds/types.ts';

export type { Feed, FeedAuth, FeedPullResult } from '../domain/feeds/types.ts';

/** Where a pull has got: written after the objects it covers were committed. */
export interface FeedProgress {
  cursor: string | null;
  next: string | null;
  runLast: string | null;
}

export interface FeedRepo {
  create(feed: Feed): Promise<void>;
  get(id: string): Promise<Feed | undefined>;
  /** Every feed, oldest first. */
  list(): Promise<Feed[]>;
  /** False when there was none. */
  remove(id: string): Promise<boolean>;
  saveProgress(id: string, progress: FeedProgress): Promise<void>;
  saveResult(id: string, result: FeedPullResult): Promise<void>;
  /**
   * Takes the feed's pull lease until `until` unless another holder's lease runs after `now`:
   * one pull at a time per feed across processes (`concord serve` and `concord feed pull`).
   */
  claim(id: string, holder: string, now: string, until: string): Promise<boolean>;
  /** The current lease holder, for taking over a lease of a dead local process. */
  leaseHolder(id: string): Promise<string | null>;
  /** Gives the lease back, if `holder` still holds it. */
  release(id: string, holder: string): Promise<void>;
}
