// A Concord node pulling a TAXII 2.1 feed from another Concord node, each its own process
// (issue 4, item 3): paging with `limit`, `next` and `added_after`, quarantining what is
// invalid, nothing new on a second pull, and a pull that dies after a committed page resuming
// without losing or duplicating an object.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parseConfig } from '../src/config.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { FeedPullResult } from '../src/domain/feeds/types.ts';
import { FeedService } from '../src/services/feed.service.ts';
import { buildServices } from '../src/services/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/repositories.ts';
import { buildIndicator } from './helpers/stix.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');
const COUNT = 2500;
const ENV = { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' };

/** Opens a data directory's store and services, runs `fn`, closes them. */
async function withNode<T>(dataDir: string, fn: (s: ReturnType<typeof buildServices>, store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  const services = buildServices(store, parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent' }));
  try {
    return await fn(services, store);
  } finally {
    await services.settle();
    await store.close();
  }
}

/** Starts `concord serve --port 0` and resolves with the address it printed. */
function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...ENV, CONCORD_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({ child, url: m[1] });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('concord feed: one node pulling from another', { timeout: 240_000 }, () => {
  let peerDir: string, pullDir: string;
  let peer: { child: ChildProcess; url: string };
  let token: string;
  let collectionUrl: string;
  const broken = buildIndicator({ name: 'Tampered on the peer' });

  function concord(args: string[]): { code: number; out: string; err: string } {
    const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', pullDir], { encoding: 'utf8', env: ENV });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }
  function pull(id: string): FeedPullResult {
    const r = concord(['feed', 'pull', id, '--json']);
    assert.equal(r.code, 0, r.err + r.out);
    return JSON.parse(r.out) as FeedPullResult;
  }
  const indicatorsHeld = (): Promise<{ versions: number; ids: number }> =>
    withNode(pullDir, async (_s, store) => {
      const ids = new Set<string>();
      let versions = 0;
      for await (const o of store.objects.scan({ types: ['indicator'] }, { allVersions: true })) {
        versions++;
        ids.add(o.id);
      }
      return { versions, ids: ids.size };
    });

  before(async () => {
    peerDir = await mkdtemp(join(tmpdir(), 'concord-peer-'));
    pullDir = await mkdtemp(join(tmpdir(), 'concord-puller-'));
    // The peer: an administrator's token, a collection of every indicator, 2,500 of them and one
    // that will be served broken.
    const collectionId = await withNode(peerDir, async (s) => {
      await s.bootstrap();
      const admin = (await s.users.listUsers(CLI)).find((u) => u.username === 'admin');
      token = (await s.users.createToken(CLI, { userId: admin?.id ?? '', name: 'feed', scope: 'read' })).secret;
      const c = await s.collections.add(CLI, { title: 'Indicators', types: ['indicator'], read: ['*'] });
      const owner = await s.importOwner(CLI);
      const objects = [...Array.from({ length: COUNT }, (_, i) => buildIndicator({ name: `Bad IP ${i}` })), broken];
      const summary = await s.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(summary.accepted, COUNT + 1);
      return c.id;
    });
    // A peer that serves an invalid object: one indicator loses its required pattern (STIX 2.1 §4.7).
    const db = new Database(join(peerDir, 'concord.db'));
    const { pattern: _pattern, ...invalid } = broken;
    db.prepare('update objects set json = ? where id = ?').run(JSON.stringify(invalid), broken.id);
    db.close();
    peer = await serve(peerDir);
    collectionUrl = `${peer.url}/taxii2/api/collections/${collectionId}/`;
  });
  after(async () => {
    peer?.child.kill('SIGTERM');
    await rm(peerDir, { recursive: true, force: true });
    await rm(pullDir, { recursive: true, force: true });
  });

  let feedId: string;

  test('feed add resolves the collection; bad credentials fail naming the URL and status', () => {
    const unnamed = concord(['feed', 'add', collectionUrl, '--token', token]);
    assert.equal(unnamed.code, 2, 'a feed needs --name (issue 15, must 9)');
    assert.match(unnamed.err, /--name/);
    const refused = concord(['feed', 'add', collectionUrl, '--name', 'refused', '--token', 'wrong']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.err, new RegExp(`GET ${peer.url}/taxii2/api/collections/.*: HTTP 401`));
    const added = concord([
      'feed',
      'add',
      `${peer.url}/taxii2/`,
      '--name',
      'Peer indicators',
      '--collection',
      collectionUrl.split('/').at(-2) ?? '',
      '--token',
      token,
      '--interval',
      '1h',
      '--json',
    ]);
    assert.equal(added.code, 0, added.err);
    const feed = JSON.parse(added.out) as { id: string; objectsUrl: string; auth: Record<string, unknown> };
    assert.equal(feed.objectsUrl, `${collectionUrl}objects/`);
    assert.deepEqual(feed.auth, { kind: 'token' });
    feedId = feed.id;
    const list = concord(['feed', 'list']);
    assert.match(list.out, new RegExp(`^Peer indicators +${feedId} .* token +1h +- +never pulled`, 'm'));
    assert.ok(!list.out.includes(token) && !concord(['feed', 'list', '--json']).out.includes(token), 'feed list never shows the secret');
    // Feeds are named, and referred to, by name (issue 15, must 9).
    const renamed = concord(['feed', 'rename', 'Peer indicators', '--name', 'Peer IOCs']);
    assert.equal(renamed.code, 0, renamed.err);
    assert.match(concord(['feed', 'list']).out, /^Peer IOCs /m);
    assert.equal(concord(['feed', 'rename', feedId, '--name', 'Peer indicators']).code, 0);
  });

  test('a pull that dies after committing a page resumes from it: every object exactly once', async () => {
    // The first pull dies right after the second page was ingested, before its cursor is saved
    // (the worst moment); the pages after it are not fetched.
    const crashed = await withNode(pullDir, async (s, store) => {
      let pages = 0;
      const dying = new FeedService({
        feeds: store.feeds,
        audit: s.audit,
        owner: (o) => s.importOwner(CLI, o),
        ingest: {
          async importStream(input, options) {
            const summary = await s.ingest.importStream(input, options);
            if (++pages === 2) throw new Error('simulated crash after the ingest committed');
            return summary;
          },
        },
      });
      return dying.pull(CLI, feedId);
    });
    assert.equal(crashed.ok, false);
    assert.match(crashed.error ?? '', /simulated crash/);
    assert.deepEqual([crashed.pages, crashed.accepted], [1, 500]);
    assert.equal((await indicatorsHeld()).versions, 1000);

    const resumed = pull(feedId);
    assert.equal(resumed.ok, true, resumed.error ?? '');
    // Page 2 again (held already: unchanged), then the rest; the broken one is quarantined.
    assert.deepEqual(
      {
        pages: resumed.pages,
        objects: resumed.objects,
        accepted: resumed.accepted,
        unchanged: resumed.unchanged,
        quarantined: resumed.quarantined,
      },
      { pages: 5, objects: COUNT + 1 - 500, accepted: COUNT - 1000, unchanged: 500, quarantined: 1 },
    );
    assert.deepEqual(await indicatorsHeld(), { versions: COUNT, ids: COUNT });
  });

  test("the invalid object the peer served is in the puller's quarantine, once", () => {
    const list = JSON.parse(concord(['quarantine', 'list', '--json']).out) as { objectId: string; reason: string; source: string }[];
    const mine = list.filter((e) => e.source === 'feed Peer indicators');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.objectId, broken.id);
    assert.equal(mine[0]?.reason, 'STIX_INVALID');
  });

  test('a second pull fetches nothing new; feed list shows the last pull', async () => {
    const again = pull(feedId);
    assert.deepEqual([again.ok, again.objects, again.accepted], [true, 0, 0]);
    assert.deepEqual(await indicatorsHeld(), { versions: COUNT, ids: COUNT });
    const list = concord(['feed', 'list']);
    assert.match(list.out, /ok, 0 objects: 0 new/);
    const text = concord(['feed', 'pull', feedId]);
    assert.match(text.out, /pages +1\nobjects +0\naccepted +0/);
  });

  test('one pull at a time: a lease left by a killed pull refuses others until --force', async () => {
    await withNode(pullDir, (_s, store) =>
      store.feeds.claim(feedId, 'killed-process', new Date().toISOString(), new Date(Date.now() + 600_000).toISOString()),
    );
    const refused = concord(['feed', 'pull', feedId]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /being pulled by another process.*--force/);
    const forced = concord(['feed', 'pull', feedId, '--force', '--json']);
    assert.equal(forced.code, 0, forced.err);
    assert.equal((JSON.parse(forced.out) as FeedPullResult).ok, true);
    assert.equal(concord(['feed', 'pull', feedId]).code, 0, 'the forced pull released the lease');
  });

  test('a fresh feed pulls everything in pages of 500, and feed remove forgets it', async () => {
    const added = concord([
      'feed',
      'add',
      collectionUrl,
      '--name',
      'fresh',
      '--token',
      token,
      '--tlp',
      'green',
      '--distribution',
      'federation',
      '--json',
    ]);
    assert.equal(added.code, 0, added.err);
    const id = (JSON.parse(added.out) as { id: string }).id;
    const started = performance.now();
    const r = pull(id);
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual([r.ok, r.pages, r.objects, r.accepted, r.unchanged, r.quarantined], [true, 6, COUNT + 1, 0, COUNT, 1]);
    console.log(
      `# pulled ${r.objects} objects in ${r.pages} pages in ${seconds.toFixed(2)}s (${Math.round(r.objects / seconds)}/s, process start included)`,
    );
    assert.equal(concord(['feed', 'remove', id]).code, 0);
    assert.doesNotMatch(concord(['feed', 'list']).out, new RegExp(id));
  });

  test('concord serve pulls a due feed on its own and stops cleanly', async () => {
    const added = concord(['feed', 'add', collectionUrl, '--name', 'scheduled', '--token', token, '--interval', '1h', '--json']);
    assert.equal(added.code, 0, added.err);
    const id = (JSON.parse(added.out) as { id: string }).id;
    const node = await serve(pullDir);
    try {
      let last: FeedPullResult | null = null;
      for (let i = 0; i < 100 && last === null; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const feeds = JSON.parse(concord(['feed', 'list', '--json']).out) as { id: string; lastResult: FeedPullResult | null }[];
        last = feeds.find((f) => f.id === id)?.lastResult ?? null;
      }
      assert.deepEqual([last?.ok, last?.objects, last?.unchanged], [true, COUNT + 1, COUNT]);
      // The scheduler's pull is one audit entry, by the job (issue 15, must 9).
      const listed = concord(['audit', 'list', '--action', 'feed.pull', '--actor', 'system:feed-scheduler', '--json']);
      const entries = JSON.parse(listed.out) as { target: string; details: Record<string, unknown> }[];
      assert.deepEqual(
        entries.map((e) => [e.target, e.details['name'], e.details['outcome'], e.details['objects']]),
        [[id, 'scheduled', 'ok', COUNT + 1]],
      );
    } finally {
      const exited = new Promise((r) => node.child.once('exit', r));
      node.child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
