// TAXII 2.1 feeds (issue 4, item 3): resolving what the operator gave to one collection's Get
// Objects URL, and pulling it page by page into normal ingestion, so that invalid objects land
// in quarantine as they would from a file. The cursor moves only after a page's objects were
// committed: a pull that dies resumes from the last committed page, and what it fetches again
// is counted unchanged, never stored twice.
import { randomBytes } from 'node:crypto';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import { checkFeedName } from '../domain/feeds/name.ts';
import type { Feed, FeedAuth, FeedPullResult, FeedPullSummary, FeedRunning } from '../domain/feeds/types.ts';
import { apiRootFromDiscovery, classifyTaxiiUrl, isDiscovery, listedCollections, objectsUrl, pickCollection } from '../domain/feeds/url.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { FeedRepo } from '../store/repositories.ts';
import type { ImportSummary } from '../domain/imports/types.ts';
import type { AuditSink } from './audit.service.ts';
import { pullOutcome } from './import-audit.ts';
import type { ImportOptions, ImportOwner } from './ingest.service.ts';
import { TaxiiClient, type TaxiiClientOptions } from './taxii-client.ts';
import { FeedPages } from './feed-pages.ts';
import { runPull } from './pull-engine.ts';

/** What `feed add` takes. */
export interface FeedInput {
  /** Unique on the node (issue 15, must 9). */
  name: string;
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

/** Feeds: add, rename, list, remove, pull. */
export class FeedService {
  private readonly deps: FeedDeps;
  /** Pulls under way in this process (scheduled or asked for), shown while they run. */
  private readonly running = new Map<string, FeedPages>();

  constructor(deps: FeedDeps) {
    this.deps = deps;
  }

  /** Resolves the URL to a readable collection, checks the markings, and stores the feed. */
  async add(principal: Principal, input: FeedInput): Promise<Feed> {
    authorize(principal, 'feed.manage');
    const name = checkFeedName(input.name);
    await this.nameFree(name);
    await this.deps.owner({ tlp: input.tlp, distribution: input.distribution });
    const resolved = await this.resolve(input.url, input.collection, this.client(input.auth));
    const feed: Feed = {
      id: randomBytes(4).toString('hex'),
      name,
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
      details: { name: feed.name, url: feed.objectsUrl, auth: feed.auth.kind },
    });
    return feed;
  }

  /** Renames a feed; ConflictError when another feed has the name. */
  async rename(principal: Principal, id: string, newName: string): Promise<Feed> {
    authorize(principal, 'feed.manage');
    const f = await this.get(principal, id);
    const name = checkFeedName(newName);
    if (name === f.name) return f;
    await this.nameFree(name);
    await this.deps.feeds.rename(f.id, name);
    await this.deps.audit.record({ action: 'feed.rename', actor: actorName(principal), target: f.id, details: { name, was: f.name } });
    return { ...f, name };
  }

  private async nameFree(name: string): Promise<void> {
    if (await this.deps.feeds.findByName(name)) throw new ConflictError(`a feed is already named ${name}`, { field: 'name' });
  }

  async list(principal: Principal): Promise<Feed[]> {
    authorize(principal, 'feed.read');
    return this.deps.feeds.list();
  }

  async get(principal: Principal, id: string): Promise<Feed> {
    authorize(principal, 'feed.read');
    // By id or by name: the command line names feeds as people do (issue 15, must 9).
    const f = (await this.deps.feeds.get(id)) ?? (await this.deps.feeds.findByName(id));
    if (!f) throw new NotFoundError(`feed ${id}`);
    return f;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    authorize(principal, 'feed.manage');
    const f = await this.get(principal, id);
    await this.deps.feeds.remove(f.id);
    await this.deps.audit.record({
      action: 'feed.remove',
      actor: actorName(principal),
      target: f.id,
      details: { name: f.name, url: f.objectsUrl },
    });
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
   * and is kept with the feed. Throws ConflictError when another live process pulls it; `force`
   * takes its lease whoever holds it (pull-engine.ts).
   */
  async pull(
    principal: Principal,
    id: string,
    options: { signal?: AbortSignal; onPage?: (p: PullProgress) => void; force?: boolean } = {},
  ): Promise<FeedPullResult> {
    authorize(principal, 'feed.manage');
    const feed = await this.get(principal, id);
    const source: FeedPages = new FeedPages(feed, {
      feeds: this.deps.feeds,
      ingest: this.deps.ingest,
      owner: this.deps.owner,
      client: this.client(feed.auth, options.signal),
      pageLimit: this.deps.pageLimit ?? 500,
      // The run's own summary, which it adds each committed page to, is what progress() shows.
      onStart: () => this.running.set(feed.id, source),
      onEnd: () => this.running.delete(feed.id),
    });
    const outcome = await runPull(source, {
      signal: options.signal,
      force: options.force,
      onPage: () => options.onPage?.({ summary: { ...source.summary, reasons: { ...source.summary.reasons } }, bytes: source.bytes }),
    });
    const result: FeedPullResult = {
      ok: outcome.error === undefined,
      ...source.summary,
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      startedAt: source.startedAt,
      finishedAt: new Date().toISOString(),
    };
    await this.deps.feeds.saveResult(feed.id, result);
    // One entry per pull, not per object (issue 15, must 9); the scheduler's principal is
    // `system:feed-scheduler` (jobs/feed-pull.job.ts).
    await this.deps.audit.record({
      action: 'feed.pull',
      actor: actorName(principal),
      target: feed.id,
      details: { name: feed.name, ...pullOutcome(result) },
    });
    return result;
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
