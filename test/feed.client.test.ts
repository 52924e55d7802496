// The feed client and puller without a peer process: retries and their schedule, failures that
// name the URL and status, paging by `added_after` alone when a server sends no `next`, and one
// pull at a time per feed in the scheduler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Feed, FeedPullResult, FeedProgress } from '../src/domain/feeds/types.ts';
import { feedPullJob } from '../src/jobs/feed-pull.job.ts';
import { JobRunner } from '../src/jobs/runner.ts';
import { TaxiiClient, TAXII_ACCEPT } from '../src/services/taxii-client.ts';
import { FeedService } from '../src/services/feed.service.ts';
import { emptySummary } from '../src/services/ingest.service.ts';
import type { ImportOwner } from '../src/services/labeller.ts';
import type { FeedRepo } from '../src/store/repositories.ts';
import { buildFeed } from './helpers/feeds.ts';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records the requests. */
function scripted(replies: Reply[]): { fetch: typeof fetch; requests: { url: string; headers: Headers }[] } {
  const requests: { url: string; headers: Headers }[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    const r = replies.shift();
    if (r === undefined) throw new Error('no more replies scripted');
    if (r instanceof Error) throw r;
    return new Response(r.body === undefined ? '' : JSON.stringify(r.body), { status: r.status, headers: r.headers ?? {} });
  };
  return { fetch: fake, requests };
}

test('retries network errors, 429 and 5xx with growing pauses, honouring Retry-After', async () => {
  const { fetch, requests } = scripted([
    new TypeError('fetch failed'),
    { status: 503 },
    { status: 429, headers: { 'retry-after': '7' } },
    { status: 200, body: { title: 'ok' } },
  ]);
  const waits: number[] = [];
  const client = new TaxiiClient({ auth: { kind: 'basic', user: 'u', password: 'p' }, fetch, wait: async (ms) => void waits.push(ms) });
  const r = await client.get('https://peer/taxii2/');
  assert.deepEqual(r.body, { title: 'ok' });
  assert.equal(requests.length, 4);
  assert.ok(waits[0] !== undefined && waits[0] >= 500 && waits[0] <= 1000, `first pause ${waits[0]}`);
  assert.ok(waits[1] !== undefined && waits[1] >= 1000 && waits[1] <= 2000, `second pause ${waits[1]}`);
  assert.equal(waits[2], 7000);
  assert.equal(requests[0]?.headers.get('accept'), TAXII_ACCEPT);
  assert.equal(requests[0]?.headers.get('authorization'), `Basic ${Buffer.from('u:p').toString('base64')}`);
});

test('gives up after five tries, and at once on a 4xx other than 429, naming URL and status', async () => {
  const five = scripted(Array.from({ length: 5 }, () => ({ status: 502 })));
  const client = new TaxiiClient({ auth: { kind: 'token', token: 't' }, fetch: five.fetch, wait: async () => {} });
  await assert.rejects(client.get('https://peer/x/'), /GET https:\/\/peer\/x\/: HTTP 502 Bad Gateway \(after 5 tries\)/);
  assert.equal(five.requests.length, 5);
  const denied = scripted([{ status: 403, body: { title: 'Forbidden', description: 'not yours' } }]);
  const c2 = new TaxiiClient({ auth: { kind: 'token', token: 't' }, fetch: denied.fetch, wait: async () => {} });
  await assert.rejects(c2.get('https://peer/y/'), /GET https:\/\/peer\/y\/: HTTP 403 Forbidden: Forbidden \(not yours\)$/);
  assert.equal(denied.requests[0]?.headers.get('authorization'), 'Bearer t');
});

/** A feed repository in memory. */
function memoryFeeds(feed: Feed): FeedRepo & { feed: Feed; progress: FeedProgress[] } {
  const progress: FeedProgress[] = [];
  return {
    feed,
    progress,
    async create() {},
    async get(id) {
      return id === feed.id ? feed : undefined;
    },
    async list() {
      return [feed];
    },
    async findByName(name) {
      return name === feed.name ? feed : undefined;
    },
    async rename() {
      return true;
    },
    async remove() {
      return true;
    },
    async saveProgress(_id, p) {
      progress.push(p);
      Object.assign(feed, p);
    },
    async saveResult(_id, r) {
      feed.lastResult = r;
      feed.lastPullAt = r.finishedAt;
    },
    async claim() {
      return true;
    },
    async leaseHolder() {
      return null;
    },
    async release() {},
  };
}

const FEED = buildFeed({ cursor: '2024-01-01T00:00:00.000000Z' });

test('a server without `next` is paged with added_after = X-TAXII-Date-Added-Last (§3.4)', async () => {
  const t1 = '2024-02-01T00:00:00.000000Z';
  const t2 = '2024-03-01T00:00:00.000000Z';
  const { fetch, requests } = scripted([
    { status: 200, body: { more: true, objects: [{ a: 1 }, { a: 2 }] }, headers: { 'x-taxii-date-added-last': t1 } },
    { status: 503 },
    { status: 200, body: { more: false, objects: [{ a: 3 }] }, headers: { 'x-taxii-date-added-last': t2 } },
  ]);
  const feeds = memoryFeeds({ ...FEED });
  const ingested: unknown[][] = [];
  const owner: ImportOwner = { orgId: 'o', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:cli' };
  const service = new FeedService({
    feeds,
    audit: { record: async () => {} },
    owner: async () => owner,
    client: { fetch, wait: async () => {} },
    pageLimit: 2,
    ingest: {
      async importStream(input) {
        const objects = JSON.parse([...input].join('')) as unknown[];
        ingested.push(objects);
        return { ...emptySummary(), accepted: objects.length };
      },
    },
  });
  const r = await service.pull(CLI, 'f1');
  assert.equal(r.ok, true, r.error ?? '');
  assert.deepEqual([r.pages, r.objects, r.accepted], [2, 3, 3]);
  assert.deepEqual(ingested, [[{ a: 1 }, { a: 2 }], [{ a: 3 }]]);
  const params = requests.map((q) => Object.fromEntries(new URL(q.url).searchParams));
  assert.deepEqual(params, [
    { limit: '2', added_after: FEED.cursor },
    { limit: '2', added_after: t1 },
    { limit: '2', added_after: t1 },
  ]);
  assert.deepEqual(feeds.progress, [
    { cursor: t1, next: null, runLast: null },
    { cursor: t2, next: null, runLast: null },
  ]);
});

test('a failing page leaves the cursor at the last committed page and the result says why', async () => {
  const { fetch } = scripted([
    {
      status: 200,
      body: { more: true, next: 'n1', objects: [{ a: 1 }] },
      headers: { 'x-taxii-date-added-last': '2024-02-01T00:00:00.000000Z' },
    },
    { status: 404, body: { title: 'Not Found' } },
  ]);
  const feeds = memoryFeeds({ ...FEED });
  const owner: ImportOwner = { orgId: 'o', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:cli' };
  const service = new FeedService({
    feeds,
    audit: { record: async () => {} },
    owner: async () => owner,
    client: { fetch, wait: async () => {} },
    ingest: { importStream: async () => emptySummary() },
  });
  const r = await service.pull(CLI, 'f1');
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /next=n1: HTTP 404 Not Found/);
  // The run's added_after stays; the next pull continues with `next` after the committed page.
  assert.deepEqual([feeds.feed.cursor, feeds.feed.next, feeds.feed.runLast], [FEED.cursor, 'n1', '2024-02-01T00:00:00.000000Z']);
  assert.equal(feeds.feed.lastResult?.ok, false);
});

test('the scheduler pulls a due feed once at a time, and stop waits for it', async () => {
  let pulls = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => (finish = r));
  const result: FeedPullResult = {
    ok: true,
    pages: 1,
    objects: 0,
    accepted: 0,
    unchanged: 0,
    quarantined: 0,
    reasons: {},
    startedAt: '',
    finishedAt: '',
  };
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const runner = new JobRunner({ log });
  const puller = feedPullJob({
    log,
    tickMs: 60_000,
    feeds: {
      due: async () => [FEED],
      pull: async () => {
        pulls++;
        await done;
        return result;
      },
    },
  });
  runner.add(puller);
  await runner.tick(puller.name);
  await runner.tick(puller.name);
  assert.equal(pulls, 1);
  finish();
  await runner.idle();
  await runner.tick(puller.name);
  assert.equal(pulls, 2);
  await runner.stop();
});
