// The pull engine (services/pull-engine.ts) with a fake source, then as feeds use it over a real
// store (SQLite and PostgreSQL) with a fake HTTP transport: pages are committed with their cursor,
// a pull that fails mid-way resumes after the last committed page with nothing lost or doubled,
// one pull at a time per source, a dead local holder's lease is taken over, --force takes any.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { CLI } from '../src/domain/identity/principal.ts';
import { ConflictError } from '../src/errors.ts';
import { FeedService } from '../src/services/feed.service.ts';
import { emptySummary } from '../src/services/ingest.service.ts';
import { runPull, type LeaseRow, type PullSource } from '../src/services/pull-engine.ts';
import type { Store } from '../src/store/repositories.ts';
import { ENGINES, type StoreLocation } from './helpers/store-engines.ts';
import { buildFeed } from './helpers/feeds.ts';

/** A lease row in memory, with the store's rule (store/shared/lease.ts): taken when free, run
 *  out before `now`, or held by the same holder. */
function memoryLease(): LeaseRow & { held: { holder: string; until: string } | null } {
  const row = {
    held: null as { holder: string; until: string } | null,
    async claim(holder: string, now: string, until: string) {
      if (row.held !== null && row.held.until >= now && row.held.holder !== holder) return false;
      row.held = { holder, until };
      return true;
    },
    async holder() {
      return row.held?.holder ?? null;
    },
    async release(holder: string) {
      if (row.held?.holder === holder) row.held = null;
    },
  };
  return row;
}

/** A server of `total` numbered objects, `size` a page, with the puller's committed state. */
function numbered(total: number, size: number) {
  const stored: number[] = [];
  const state = { committed: 0, fetches: 0, failAt: new Set<number>() };
  const lease = memoryLease();
  const source: PullSource<number, { from: number; objects: number[] }> = {
    what: 'feed numbers',
    lease,
    leaseMs: 60_000,
    start: async () => state.committed,
    async fetch(from) {
      state.fetches++;
      if (state.failAt.delete(from)) throw new Error(`page after ${from}: HTTP 503 Service Unavailable`);
      return { from, objects: Array.from({ length: Math.min(size, total - from) }, (_, i) => from + i) };
    },
    async commit(page) {
      for (const n of page.objects) if (!stored.includes(n)) stored.push(n);
      state.committed = page.from + page.objects.length;
      return { cursor: state.committed, more: state.committed < total };
    },
  };
  return { source, stored, state, lease };
}

/** A pid of this host that no longer runs: a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const inAMinute = (): string => new Date(Date.now() + 60_000).toISOString();

describe('the pull engine', () => {
  test('commits page by page with the cursor, reporting each, and releases the lease', async () => {
    const { source, stored, lease } = numbered(10, 4);
    const seen: number[] = [];
    const outcome = await runPull(source, { onPage: (c) => seen.push(c) });
    assert.deepEqual(outcome, {});
    assert.deepEqual(seen, [4, 8, 10]);
    assert.deepEqual(stored, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(lease.held, null);
  });

  test('a pull that fails mid-way says why, and the next resumes after the last committed page', async () => {
    const { source, stored, state } = numbered(10, 4);
    state.failAt.add(8);
    const first = await runPull(source);
    assert.match(first.error ?? '', /page after 8: HTTP 503/);
    assert.equal(state.committed, 8);
    const fetches = state.fetches;
    assert.deepEqual(await runPull(source), {});
    assert.equal(state.fetches - fetches, 1, 'only the page after the committed cursor is fetched again');
    assert.deepEqual(stored, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a second pull is refused while the first holds the lease', async () => {
    const { source } = numbered(4, 4);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = {
      ...source,
      fetch: async (from: number) => {
        await gate;
        return source.fetch(from);
      },
    };
    const first = runPull(slow);
    await new Promise((r) => setImmediate(r));
    await assert.rejects(
      runPull(source),
      (e) => e instanceof ConflictError && /feed numbers is being pulled by another process.*--force/.test(e.message),
    );
    release();
    assert.deepEqual(await first, {});
    assert.deepEqual(await runPull(source), {}, 'the first released it');
  });

  test("a dead process of this host: its lease is taken over; a live one's only with force", async () => {
    const { source, lease, stored } = numbered(4, 4);
    lease.held = { holder: `${hostname()}:${deadPid()}:killed`, until: inAMinute() };
    assert.deepEqual(await runPull(source), {});
    assert.equal(stored.length, 4);
    lease.held = { holder: `${hostname()}:${process.pid}:alive`, until: inAMinute() };
    await assert.rejects(runPull(source), ConflictError);
    lease.held = { holder: `elsewhere:${process.pid}:alive`, until: inAMinute() };
    await assert.rejects(runPull(source), ConflictError, 'a holder of another host is not judged by pid');
    assert.deepEqual(await runPull(source, { force: true }), {});
    assert.equal(lease.held, null);
  });

  test('an abort stops the pull after the page it was committing', async () => {
    const { source, state, lease } = numbered(12, 4);
    const abort = new AbortController();
    const outcome = await runPull(source, { signal: abort.signal, onPage: () => abort.abort() });
    assert.ok(outcome.error !== undefined);
    assert.equal(state.committed, 4);
    assert.equal(lease.held, null);
  });

  test('finish runs under the lease, told whether the pages failed', async () => {
    const { source, state, lease } = numbered(8, 4);
    const finished: [boolean, string | undefined][] = [];
    const withFinish = { ...source, finish: async (failed: boolean) => void finished.push([failed, lease.held?.holder]) };
    state.failAt.add(4);
    await runPull(withFinish);
    await runPull(withFinish);
    assert.deepEqual(
      finished.map(([f, h]) => [f, h !== undefined]),
      [
        [true, true],
        [false, true],
      ],
    );
  });
});

const FEED = buildFeed();

/** A TAXII server of one page, over a fake transport. */
const onePage: typeof fetch = async () =>
  new Response(JSON.stringify({ more: false, objects: [{ a: 1 }] }), {
    status: 200,
    headers: { 'content-type': 'application/taxii+json;version=2.1', 'x-taxii-date-added-last': '2024-02-01T00:00:00.000000Z' },
  });

for (const engine of ENGINES) {
  describe(`feeds under the pull engine's lease (${engine.name})`, { skip: engine.skip }, () => {
    let location: StoreLocation;
    let store: Store;
    let feeds: FeedService;
    before(async () => {
      location = await engine.create();
      store = await location.open();
      await store.feeds.create(FEED);
      feeds = new FeedService({
        feeds: store.feeds,
        audit: { record: async () => {} },
        owner: async () => ({ orgId: 'o', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:cli' }),
        client: { fetch: onePage, wait: async () => {} },
        ingest: { importStream: async () => ({ ...emptySummary(), accepted: 1 }) },
      });
    });
    after(async () => {
      await store.close();
      await location.dispose();
    });

    test('a pull killed on this host is taken over at once; a live one refuses until --force', async () => {
      await store.feeds.claim(FEED.id, `${hostname()}:${deadPid()}:killed`, new Date().toISOString(), inAMinute());
      const taken = await feeds.pull(CLI, FEED.id);
      assert.equal(taken.ok, true, taken.error ?? '');
      assert.equal(await store.feeds.leaseHolder(FEED.id), null, 'released after the pull');
      assert.equal((await store.feeds.get(FEED.id))?.cursor, '2024-02-01T00:00:00.000000Z');

      await store.feeds.claim(FEED.id, `${hostname()}:${process.pid}:alive`, new Date().toISOString(), inAMinute());
      await assert.rejects(feeds.pull(CLI, FEED.id), /feed f1 is being pulled by another process.*--force/);
      const forced = await feeds.pull(CLI, FEED.id, { force: true });
      assert.equal(forced.ok, true, forced.error ?? '');
      assert.equal(await store.feeds.leaseHolder(FEED.id), null);
    });
  });
}
