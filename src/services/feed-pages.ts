// A TAXII 2.1 feed as a source of the pull engine (pull-engine.ts): pages of one collection's Get
// Objects (§5.4 with `added_after`, §3.5 `more`/`next`) into normal ingestion, so that invalid
// objects land in quarantine as they would from a file.
import { emptyPullSummary, laterTimestamp, type Feed, type FeedProgress, type FeedPullSummary } from '../domain/feeds/types.ts';
import type { ImportSummary } from '../domain/imports/types.ts';
import type { FeedRepo } from '../store/repositories.ts';
import { RunSource, type ImportOptions, type ImportOwner } from './ingest.service.ts';
import { rowLease, type LeaseRow, type PullSource } from './pull-engine.ts';
import { FeedHttpError, type TaxiiClient, type TaxiiResponse } from './taxii-client.ts';

/** How long a feed pull's lease lasts without a committed page. */
const LEASE_MS = 10 * 60_000;

/** A fetched page: the progress it was asked after, the envelope and the response. */
export interface FeedPage {
  from: FeedProgress;
  objects: unknown[];
  more: boolean;
  next: string | null;
  res: TaxiiResponse;
}

export interface FeedPagesDeps {
  feeds: FeedRepo;
  ingest: { importStream(input: Iterable<string>, options: ImportOptions): Promise<ImportSummary> };
  owner: (o: { tlp?: string | undefined; distribution?: string | undefined }) => Promise<ImportOwner>;
  client: TaxiiClient;
  pageLimit: number;
  /** Once the lease is held (the pull is shown as running from then). */
  onStart: () => void;
  /** Once the pull is over, still holding the lease. */
  onEnd: () => void;
}

function envelope(body: unknown): { objects: unknown[]; more: boolean; next: string | null } {
  const b = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  // §3.7: objects, more and next are all optional; an empty envelope is `{}`.
  const objects = Array.isArray(b['objects']) ? b['objects'] : [];
  const next = typeof b['next'] === 'string' && b['next'] !== '' ? b['next'] : null;
  return { objects, more: b['more'] === true, next };
}

function add(into: FeedPullSummary, s: ImportSummary): void {
  into.accepted += s.accepted;
  into.unchanged += s.unchanged;
  into.quarantined += s.quarantined;
  for (const [r, n] of Object.entries(s.reasons)) into.reasons[r] = (into.reasons[r] ?? 0) + n;
}

/** One pull of `feed`: what it has committed so far is in `summary` and `bytes`. */
export class FeedPages implements PullSource<FeedProgress, FeedPage> {
  readonly what: string;
  readonly lease: LeaseRow;
  readonly leaseMs = LEASE_MS;
  readonly summary: FeedPullSummary = emptyPullSummary();
  bytes = 0;
  startedAt = new Date().toISOString();
  private readonly feed: Feed;
  private readonly deps: FeedPagesDeps;
  private owner: ImportOwner | undefined;
  /** The run's source, one for all its pages: the feed by its name (issue 15, musts 3 and 9). */
  private readonly from: RunSource;

  constructor(feed: Feed, deps: FeedPagesDeps) {
    this.feed = feed;
    this.from = new RunSource({ kind: 'feed', label: feed.name, jobId: feed.id });
    this.deps = deps;
    this.what = `feed ${feed.name}`;
    this.lease = rowLease(deps.feeds, feed.id);
  }

  async start(): Promise<FeedProgress> {
    this.startedAt = new Date().toISOString();
    this.deps.onStart();
    const f = this.feed;
    this.owner = await this.deps.owner({ tlp: f.tlp ?? undefined, distribution: f.distribution ?? undefined });
    return { cursor: f.cursor, next: f.next, runLast: f.runLast };
  }

  async fetch(state: FeedProgress): Promise<FeedPage> {
    let res: TaxiiResponse;
    try {
      res = await this.deps.client.get(this.pageUrl(state));
    } catch (e) {
      // A `next` kept from an interrupted run may have expired on the peer (§3.5 leaves its
      // lifetime to the server): start the run again from the committed cursor. What comes
      // again is counted unchanged.
      if (state.next === null || !(e instanceof FeedHttpError) || e.httpStatus !== 400) throw e;
      const again: FeedProgress = { cursor: state.cursor, next: null, runLast: null };
      await this.deps.feeds.saveProgress(this.feed.id, again);
      return this.fetch(again);
    }
    return { from: state, res, ...envelope(res.body) };
  }

  async commit(page: FeedPage): Promise<{ cursor: FeedProgress; more: boolean }> {
    const { from, res } = page;
    if (page.objects.length > 0) {
      // The envelope's objects as one array: ingestion validates each and quarantines what fails.
      const s = await this.deps.ingest.importStream([JSON.stringify(page.objects)], {
        source: `feed ${this.feed.name}`,
        from: this.from,
        owner: this.ownerOf(),
      });
      add(this.summary, s);
    }
    this.summary.pages++;
    this.summary.objects += page.objects.length;
    this.bytes += res.bytes;
    // §3.2: the date added of the page's last object is where the next run starts. A peer that
    // sends no header: its clock at the response, which is no earlier than any object served.
    const last = laterTimestamp(from.runLast, res.dateAddedLast ?? (page.objects.length > 0 ? res.serverDate : null));
    let state: FeedProgress;
    if (page.more && page.next !== null) {
      // Paging with `next` keeps the run's `added_after` (§3.5: the same request with `next`);
      // the cursor itself moves when the run ends.
      state = { cursor: from.cursor, next: page.next, runLast: last };
    } else {
      if (page.more && (last === null || last === from.cursor)) {
        throw new FeedHttpError(
          `GET ${this.feed.objectsUrl}: the peer says more=true but gives neither next nor a later X-TAXII-Date-Added-Last to page with`,
          { url: this.feed.objectsUrl },
        );
      }
      // No `next`: page on with `added_after` alone (§3.4), or the run is over.
      state = { cursor: last ?? from.cursor, next: null, runLast: null };
    }
    // Only now, with the page's objects committed, does the cursor move.
    await this.deps.feeds.saveProgress(this.feed.id, state);
    return { cursor: state, more: page.more };
  }

  async finish(): Promise<void> {
    this.deps.onEnd();
  }

  private ownerOf(): ImportOwner {
    if (this.owner === undefined) throw new Error('the feed pull has not started');
    return this.owner;
  }

  private pageUrl(s: FeedProgress): string {
    const u = new URL(this.feed.objectsUrl);
    u.searchParams.set('limit', String(this.deps.pageLimit));
    if (s.cursor !== null) u.searchParams.set('added_after', s.cursor);
    if (s.next !== null) u.searchParams.set('next', s.next);
    return u.href;
  }
}
