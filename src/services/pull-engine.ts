// The paged pull with a committed cursor and a lease (issue 14), for everything that pages another
// server: TAXII feeds (feed.service.ts) and peers (federation/sync.service.ts) are two sources of
// it. A page's cursor is committed only after its objects were: a pull that dies resumes from the
// last committed page, and what it fetches again is counted unchanged, never stored twice. One
// pull at a time per source across processes, by a lease kept in the source's row.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConflictError } from '../errors.ts';

/** A row's pull lease (store/shared/lease.ts). */
export interface LeaseRow {
  /** Takes the lease for `holder` until `until` unless another holder's runs after `now`. */
  claim(holder: string, now: string, until: string): Promise<boolean>;
  /** Who holds it now, if anyone. */
  holder(): Promise<string | null>;
  /** Gives it back, if `holder` still holds it. */
  release(holder: string): Promise<void>;
}

/** The lease of row `id` of a repository that keeps leases (feeds, peers). */
export function rowLease(
  repo: {
    claim(id: string, holder: string, now: string, until: string): Promise<boolean>;
    leaseHolder(id: string): Promise<string | null>;
    release(id: string, holder: string): Promise<void>;
  },
  id: string,
): LeaseRow {
  return {
    claim: (holder, now, until) => repo.claim(id, holder, now, until),
    holder: () => repo.leaseHolder(id),
    release: (holder) => repo.release(id, holder),
  };
}

/** What a pull pages through: `C` is its cursor, `P` a fetched page. */
export interface PullSource<C, P> {
  /** What is pulled, for messages: `feed 1a2b3c4d`, `peer alpha`. */
  readonly what: string;
  readonly lease: LeaseRow;
  /** How long the lease lasts without a committed page. */
  readonly leaseMs: number;
  /** Where the pull starts: the committed cursor. Read once the lease is held. */
  start(): Promise<C>;
  /** The page after `cursor`. */
  fetch(cursor: C): Promise<P>;
  /** Stores the page's objects, then the cursor after it; says whether more pages follow. */
  commit(page: P): Promise<{ cursor: C; more: boolean }>;
  /** After the last page, still holding the lease; `failed` when something stopped the pages
   *  (then only clean-up is due). What it throws fails the pull. */
  finish?(failed: boolean): Promise<void>;
}

export interface PullRunOptions<C> {
  signal?: AbortSignal | undefined;
  /** Takes the lease whoever holds it: an operator's `--force`, for a pull process that was killed
   *  on another host (on this host, a dead holder's lease is taken over anyway). */
  force?: boolean | undefined;
  /** After each committed page, with the cursor committed. */
  onPage?: ((cursor: C) => void) | undefined;
}

/** How a pull ended: `error` says why it stopped early. */
export interface PullOutcome {
  error?: string;
}

/** Later than any lease: a claim with this as "now" takes a lease whoever holds it. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** A lease holder's name: `host:pid:uuid`, so that a process of this host can tell a dead one's. */
export function leaseHolderName(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/** Whether a lease holder (`host:pid:…`) is a process of this host that no longer runs. */
export function deadLocalHolder(holder: string | null): boolean {
  if (holder === null) return false;
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function duration(ms: number): string {
  if (ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

/**
 * Takes `source`'s lease for `holder`: free or run out, held by a dead process of this host, or
 * with `force`. Otherwise ConflictError: another live process is pulling it.
 */
export async function takeLease(
  source: Pick<PullSource<unknown, unknown>, 'what' | 'lease' | 'leaseMs'>,
  holder: string,
  force = false,
): Promise<void> {
  const until = new Date(Date.now() + source.leaseMs).toISOString();
  if (await source.lease.claim(holder, force ? END_OF_TIME : new Date().toISOString(), until)) return;
  // A process of this host killed mid-pull left its lease: take it over at once.
  if (deadLocalHolder(await source.lease.holder()) && (await source.lease.claim(holder, END_OF_TIME, until))) return;
  throw new ConflictError(
    `${source.what} is being pulled by another process; try again when it has finished (if that process died, its lease runs out within ${duration(source.leaseMs)}, or pull with --force)`,
  );
}

/**
 * Pulls `source` page by page from its committed cursor under its lease. Throws ConflictError
 * when another live process holds the lease; every other failure (the peer's, the network's, an
 * abort) ends the pull with `error`, after the pages committed before it.
 */
export async function runPull<C, P>(source: PullSource<C, P>, options: PullRunOptions<C> = {}): Promise<PullOutcome> {
  const holder = leaseHolderName();
  await takeLease(source, holder, options.force);
  let failure: unknown;
  let failed = false;
  try {
    try {
      await pages(source, holder, options);
    } catch (e) {
      failure = e;
      failed = true;
    }
    await source.finish?.(failed);
  } catch (e) {
    if (!failed) failure = e;
    failed = true;
  } finally {
    await source.lease.release(holder);
  }
  return failed ? { error: failure instanceof Error ? failure.message : String(failure) } : {};
}

async function pages<C, P>(source: PullSource<C, P>, holder: string, options: PullRunOptions<C>): Promise<void> {
  let cursor: C = await source.start();
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await source.fetch(cursor);
    const step = await source.commit(page);
    cursor = step.cursor;
    // Renewed with each committed page: a long pull keeps its lease, a dead one loses it soon.
    await source.lease.claim(holder, new Date().toISOString(), new Date(Date.now() + source.leaseMs).toISOString());
    options.onPage?.(cursor);
    if (!step.more) return;
  }
}
