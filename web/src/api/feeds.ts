// TAXII 2.1 feeds this node pulls (/api/v1/feeds, node administrators): add, list with the last
// pull and its error, pull now, remove. Credentials go in and never come back.
import { useAdminList, useCreate, usePullNow, useRemove, useUpdate } from './admin.ts';
import type { FeedPullResult, FeedRunning } from '../../../src/domain/feeds/types.ts';
export type { FeedPullResult, FeedRunning };

/** A feed as the API presents it: credentials reduced to their kind and user name. */
export interface Feed {
  id: string;
  /** Unique on the node; what the list, import sources and the audit log call it. */
  name: string;
  url: string;
  objectsUrl: string;
  collectionId: string;
  auth: { kind: 'none' | 'basic' | 'token'; user?: string };
  intervalSeconds: number;
  tlp: string | null;
  distribution: string | null;
  cursor: string | null;
  lastPullAt: string | null;
  lastResult: FeedPullResult | null;
  resuming: boolean;
  /** The pull under way on the node, with what it has committed so far. */
  running: FeedRunning | null;
  createdAt: string;
}

export interface FeedBody {
  name: string;
  url: string;
  collection?: string;
  user?: string;
  password?: string;
  token?: string;
  intervalSeconds?: number;
  tlp?: string;
  distribution?: string;
}

const PATH = '/feeds';
/** The feeds; while `watch` (a pull is under way), read again every second for its progress. */
export const useFeeds = (enabled: boolean, watch = false) => useAdminList<Feed>(PATH, 'feeds', enabled, false, watch ? 1000 : false);
export const useAddFeed = () => useCreate<FeedBody, Feed>(PATH);
export const useRemoveFeed = () => useRemove(PATH);
/** Renames a feed (409 when another feed has the name). */
export const useRenameFeed = () => useUpdate<{ name: string }, Feed>(PATH);

/** Pulls a feed now; resolves to what the pull did. */
export const usePullFeed = () => usePullNow<FeedPullResult>(PATH);
