// A TAXII 2.1 feed this node pulls from (issue 4, item 3): where, as whom, how often, and how far
// it has got. The cursor fields move only after the objects they cover were committed.

/** How the feed authenticates to the peer (TAXII 2.1 §1.6.9: HTTP Basic or a bearer token). */
export type FeedAuth = { kind: 'none' } | { kind: 'basic'; user: string; password: string } | { kind: 'token'; token: string };

/** What one pull did. */
export interface FeedPullSummary {
  pages: number;
  objects: number;
  accepted: number;
  unchanged: number;
  quarantined: number;
  /** Quarantine reasons and how often each occurred. */
  reasons: Record<string, number>;
}

/** A pull under way in the serving process: what it has committed so far, page by page. */
export interface FeedRunning extends FeedPullSummary {
  startedAt: string;
  /** Bytes of the pages received. */
  bytes: number;
}

/** The outcome of the last pull, kept with the feed. */
export interface FeedPullResult extends FeedPullSummary {
  ok: boolean;
  /** Why the pull stopped, when it failed (what it committed before that stays committed). */
  error?: string;
  startedAt: string;
  finishedAt: string;
}

/** A feed as stored. */
export interface Feed {
  id: string;
  /** What people call it, unique on the node (issue 15, must 9). */
  name: string;
  /** The URL as the operator gave it. */
  url: string;
  /** The resolved Get Objects URL (TAXII 2.1 §5.4), ending in `/objects/`. */
  objectsUrl: string;
  collectionId: string;
  auth: FeedAuth;
  intervalSeconds: number;
  /** Markings of what arrives unmarked; null: the operating organisation's defaults. */
  tlp: string | null;
  distribution: string | null;
  /** `added_after` of the next pull run (TAXII 2.1 §3.4): the date added of the last object committed. */
  cursor: string | null;
  /** The `next` token of a run interrupted after a committed page (§3.5), with the latest date
   *  added committed in that run; both null between runs. */
  next: string | null;
  runLast: string | null;
  lastPullAt: string | null;
  lastResult: FeedPullResult | null;
  createdAt: string;
}

/** An empty pull summary. */
export function emptyPullSummary(): FeedPullSummary {
  return { pages: 0, objects: 0, accepted: 0, unchanged: 0, quarantined: 0, reasons: {} };
}

/** The later of two TAXII timestamps (both §2 timestamps in UTC, so they compare as text once
 *  padded to the same precision); either may be missing. */
export function laterTimestamp(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) > Date.parse(b) || (Date.parse(a) === Date.parse(b) && a > b) ? a : b;
}

const INTERVAL = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `15m`, `30s`, `2h`, `1d` or plain seconds, as seconds; undefined when malformed or under 10s. */
export function parseInterval(text: string): number | undefined {
  const m = INTERVAL.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * (UNIT[m[2] ?? 's'] ?? 1);
  return Number.isSafeInteger(seconds) && seconds >= 10 ? seconds : undefined;
}

/** An interval for people: `15m`, `2h`, `90s`. */
export function intervalText(seconds: number): string {
  for (const [unit, n] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  return `${seconds}s`;
}

/** Where a pull has got: written after the objects it covers were committed. */
export interface FeedProgress {
  cursor: string | null;
  next: string | null;
  runLast: string | null;
}
