// TAXII 2.1 feeds (issue 4, item 3): resolving what the operator gave to one collection's Get
// Objects URL, and pulling it page by page into normal ingestion, so that invalid objects land
// in quarantine as they would from a file. The cursor moves only after a page's objects were
// committed: a pull that dies resumes from the last committed page, and what it fetches again
// is counted unchanged, never stored twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import {
  emptyPullSummary,
  laterTimestamp,
  type Feed,
  type FeedAuth,
  type FeedPullResult,
  type FeedPullSummary,
  type FeedRunning,
} from '../domain/feeds/types.ts';
import { apiRootFromDiscovery, classifyTaxiiUrl, isDiscovery, listedCollections, objectsUrl, pickCollection } from '../domain/feeds/url.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { FeedProgress, FeedRepo } from '../store/feed.types.ts';
import type { ImportSummary } from '../store/types.ts';
import type { AuditSink } from './audit.service.ts';
import type { ImportOptions, ImportOwner } from './ingest.service.ts';
import { FeedHttpError, TaxiiClient, type TaxiiClientOptions } from '../jobs/taxii-client.ts';

/** What `feed add` takes. */
export interface FeedInput {
  url: string;
  /** With an API root or discovery URL: which collection, by id or alias. */
  collection?: string | undefined;
  auth: FeedAuth;
  intervalSeconds: number;
  tlp?: string | undefined;
  distribution?: string | undefined;
}

/** A feed as shown to people: credentials reduced to their kind and user name; with the pull
 *  under way in this process, if any. */
export type FeedView = Omit<Feed, 'auth' | 'next' | 'runLast'> & {
  auth: { kind: FeedAuth['kind']; user?: string };
  resuming: boolean;
  running: FeedRunning | null;
};

/** Reported after each committed page. */
export interface PullProgress {
  summary: FeedPullSummary;
  bytes: number;
}

export interface FeedDeps {
  feeds: FeedRepo;
  ingest: { importStream(input: Iterable<string>, options: ImportOptions): Promise<ImportSummary> };
  /** The owner of what a feed brings: the operating organisation with the feed's markings. */
  owner: (o: { tlp?: string | undefined; distribution?: string | undefined }) => Promise<ImportOwner>;
  audit: AuditSink;
  /** Client options besides the credentials (tests: fetch, wait, policy). */
  client?: Omit<TaxiiClientOptions, 'auth'>;
  /** The `limit` asked of the peer (§3.5: the server may return fewer). */
  pageLimit?: number;
}

/** How long a pull's lease lasts without a committed page. */
const LEASE_MS = 10 * 60_000;

/** The feed without its secrets. */
export function feedView(f: Feed, running: FeedRunning | null = null): FeedView {
  const { auth, next, runLast: _runLast, ...rest } = f;
  return {
    ...rest,
    auth: auth.kind === 'basic' ? { kind: 'basic', user: auth.user } : { kind: auth.kind },
    resuming: next !== null,
    running,
  };
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

/** Feeds: add, list, remove, pull. */
export class FeedService {
  private readonly deps: FeedDeps;
  /** Pulls under way in this process (scheduled or asked for), shown while they run. */
  private readonly running = new Map<string, { startedAt: string; summary: FeedPullSummary; bytes: number }>();

  constructor(deps: FeedDeps) {
    this.deps = deps;
  }

  /** Resolves the URL to a readable collection, checks the markings, and stores the feed. */
  async add(principal: Principal, input: FeedInput): Promise<Feed> {
    authorize(principal, 'feed.manage');
    await this.deps.owner({ tlp: input.tlp, distribution: input.distribution });
    const resolved = await this.resolve(input.url, input.collection, this.client(input.auth));
    const feed: Feed = {
      id: randomBytes(4).toString('hex'),
      url: input.url,
      objectsUrl: resolved.objectsUrl,
      collectionId: resolved.collectionId,
      auth: input.auth,
      intervalSeconds: input.intervalSeconds,
      tlp: input.tlp ?? null,
      distribution: input.distribution ?? null,
      cursor: null,
      next: null,
      runLast: null,
      lastPullAt: null,
      lastResult: null,
      createdAt: new Date().toISOString(),
    };
    await this.deps.feeds.create(feed);
    await this.deps.audit.record({
      action: 'feed.add',
      actor: actorName(principal),
      target: feed.id,
      details: { url: feed.objectsUrl, auth: feed.auth.kind },
    });
    return feed;
  }

  async list(principal: Principal): Promise<Feed[]> {
    authorize(principal, 'feed.read');
    return this.deps.feeds.list();
  }

  async get(principal: Principal, id: string): Promise<Feed> {
    authorize(principal, 'feed.read');
    const f = await this.deps.feeds.get(id);
    if (!f) throw new NotFoundError(`feed ${id}`);
    return f;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    authorize(principal, 'feed.manage');
    const f = await this.get(principal, id);
    await this.deps.feeds.remove(f.id);
    await this.deps.audit.record({ action: 'feed.remove', actor: actorName(principal), target: f.id, details: { url: f.objectsUrl } });
  }

  /** The pull of feed `id` under way in this process, with what it has committed so far. */
  progress(id: string): FeedRunning | null {
    const r = this.running.get(id);
    return r === undefined ? null : { ...r.summary, reasons: { ...r.summary.reasons }, startedAt: r.startedAt, bytes: r.bytes };
  }

  /** Feeds whose interval has passed since their last pull (never pulled: due at once). */
  async due(now: Date): Promise<Feed[]> {
    const all = await this.deps.feeds.list();
    return all.filter((f) => f.lastPullAt === null || Date.parse(f.lastPullAt) + f.intervalSeconds * 1000 <= now.getTime());
  }

  /**
   * Pulls what the peer added since the cursor (§5.4 with `added_after`, §3.5 `more`/`next`).
   * Never throws for the peer's or the network's failures: the result says what went wrong,
   * and is kept with the feed. Throws ConflictError when another pull of it is running.
   */
  async pull(
    principal: Principal,
    id: string,
    options: { signal?: AbortSignal; onPage?: (p: PullProgress) => void; force?: boolean } = {},
  ): Promise<FeedPullResult> {
    authorize(principal, 'feed.manage');
    const feed = await this.get(principal, id);
    const holder = randomUUID();
    const lease = (): string => new Date(Date.now() + LEASE_MS).toISOString();
    // `force` takes the lease whoever holds it: for a pull process that was killed, whose lease
    // would otherwise block the feed until it runs out.
    const now = options.force ? '9999-12-31T23:59:59.999Z' : new Date().toISOString();
    if (!(await this.deps.feeds.claim(feed.id, holder, now, lease()))) {
      throw new ConflictError(
        `feed ${feed.id} is being pulled by another process; try again when it has finished (if that process died, its lease runs out within ${LEASE_MS / 60_000} minutes, or pull with --force)`,
      );
    }
    const startedAt = new Date().toISOString();
    const summary = emptyPullSummary();
    // The run's own summary, which it adds each committed page to, is what progress() shows.
    const live = { startedAt, summary, bytes: 0 };
    this.running.set(feed.id, live);
    const onPage = (p: PullProgress): void => {
      live.bytes = p.bytes;
      options.onPage?.(p);
    };
    let error: string | undefined;
    try {
      await this.run(feed, summary, { ...options, onPage }, async () => {
        await this.deps.feeds.claim(feed.id, holder, new Date().toISOString(), lease());
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running.delete(feed.id);
      await this.deps.feeds.release(feed.id, holder);
    }
    const result: FeedPullResult = {
      ok: error === undefined,
      ...summary,
      ...(error !== undefined ? { error } : {}),
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    await this.deps.feeds.saveResult(feed.id, result);
    return result;
  }

  /** The page loop. `renew` extends the lease after each committed page. */
  private async run(
    feed: Feed,
    summary: FeedPullSummary,
    options: { signal?: AbortSignal; onPage?: (p: PullProgress) => void },
    renew: () => Promise<void>,
  ): Promise<void> {
    const client = this.client(feed.auth, options.signal);
    const owner = await this.deps.owner({ tlp: feed.tlp ?? undefined, distribution: feed.distribution ?? undefined });
    let state: FeedProgress = { cursor: feed.cursor, next: feed.next, runLast: feed.runLast };
    let bytes = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      let res;
      try {
        res = await client.get(this.pageUrl(feed.objectsUrl, state));
      } catch (e) {
        // A `next` kept from an interrupted run may have expired on the peer (§3.5 leaves its
        // lifetime to the server): start the run again from the committed cursor. What comes
        // again is counted unchanged.
        if (state.next === null || !(e instanceof FeedHttpError) || e.httpStatus !== 400) throw e;
        state = { cursor: state.cursor, next: null, runLast: null };
        await this.deps.feeds.saveProgress(feed.id, state);
        continue;
      }
      const page = envelope(res.body);
      if (page.objects.length > 0) {
        // The envelope's objects as one array: ingestion validates each and quarantines what fails.
        add(summary, await this.deps.ingest.importStream([JSON.stringify(page.objects)], { source: `feed:${feed.id}`, owner }));
      }
      summary.pages++;
      summary.objects += page.objects.length;
      bytes += res.bytes;
      // §3.2: the date added of the page's last object is where the next run starts. A peer that
      // sends no header: its clock at the response, which is no earlier than any object served.
      const last = laterTimestamp(state.runLast, res.dateAddedLast ?? (page.objects.length > 0 ? res.serverDate : null));
      if (page.more && page.next !== null) {
        // Paging with `next` keeps the run's `added_after` (§3.5: the same request with `next`);
        // the cursor itself moves when the run ends.
        state = { cursor: state.cursor, next: page.next, runLast: last };
      } else {
        if (page.more && (last === null || last === state.cursor)) {
          throw new FeedHttpError(
            `GET ${feed.objectsUrl}: the peer says more=true but gives neither next nor a later X-TAXII-Date-Added-Last to page with`,
            { url: feed.objectsUrl },
          );
        }
        // No `next`: page on with `added_after` alone (§3.4), or the run is over.
        state = { cursor: last ?? state.cursor, next: null, runLast: null };
      }
      // Only now, with the page's objects committed, does the cursor move.
      await this.deps.feeds.saveProgress(feed.id, state);
      await renew();
      options.onPage?.({ summary: { ...summary, reasons: { ...summary.reasons } }, bytes });
      if (!page.more) return;
    }
  }

  private pageUrl(objectsUrl: string, s: FeedProgress): string {
    const u = new URL(objectsUrl);
    u.searchParams.set('limit', String(this.deps.pageLimit ?? 500));
    if (s.cursor !== null) u.searchParams.set('added_after', s.cursor);
    if (s.next !== null) u.searchParams.set('next', s.next);
    return u.href;
  }

  /** A discovery URL, an API root, its collections list or a collection, to a Get Objects URL. */
  private async resolve(
    url: string,
    collection: string | undefined,
    client: TaxiiClient,
  ): Promise<{ objectsUrl: string; collectionId: string }> {
    const t = classifyTaxiiUrl(url);
    if (t.kind === 'collection') {
      // §5.2: the collection resource says whether these credentials may read it.
      const [c] = listedCollections({
        collections: [(await client.get(new URL(`collections/${encodeURIComponent(t.collectionId)}/`, t.apiRoot).href)).body],
      });
      const chosen = pickCollection(c ? [c] : [], collection ?? t.collectionId, t.apiRoot);
      return { objectsUrl: objectsUrl(t.apiRoot, chosen.id), collectionId: chosen.id };
    }
    let apiRoot: string;
    if (t.kind === 'collections') apiRoot = t.apiRoot;
    else {
      const body = (await client.get(t.url)).body;
      apiRoot = isDiscovery(body) ? apiRootFromDiscovery(body, t.url) : t.url;
    }
    const listed = listedCollections((await client.get(new URL('collections/', apiRoot).href)).body);
    const chosen = pickCollection(listed, collection, apiRoot);
    return { objectsUrl: objectsUrl(apiRoot, chosen.id), collectionId: chosen.id };
  }

  private client(auth: FeedAuth, signal?: AbortSignal): TaxiiClient {
    return new TaxiiClient({ ...this.deps.client, auth, ...(signal ? { signal } : {}) });
  }
}
