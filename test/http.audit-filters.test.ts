// The audit log over HTTP with its filters (issue 15, must 9), on every engine: who, what, when,
// target and words narrow the list; keyset pages under a filter follow each other without gaps
// or repeats; an upload and a feed pull are each one entry saying who, what and the outcome.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import type { FeedView } from '../src/services/feed.service.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildIndicator, bundle } from './helpers/stix.ts';

interface Entry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}
interface AuditPage {
  entries: Entry[];
  next: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const engine of ENGINES) {
  describe(`audit filters over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let source: TestNode;
    let collectionUrl: string;
    let analyst: Person;
    let between = '';

    before(async () => {
      source = await startNode();
      const base = await source.app.listen({ host: '127.0.0.1', port: 0 });
      await source.load([1, 2].map((n) => buildIndicator({ name: `from the feed ${n}` })));
      const c = await source.services.collections.add(CLI, { title: 'Shared', types: ['indicator'], read: ['*'] });
      collectionUrl = `${base}/taxii2/api/collections/${c.id}/`;
      node = await startNode({}, engine);
      analyst = await buildPerson(node.services, { roles: ['analyst'] });
      const audit = node.services.audit;
      for (let i = 0; i < 12; i++) {
        await audit.record({ action: 'test.paging', actor: 'user:alice', target: `report--${i}`, details: { note: `early ${i}` } });
      }
      await sleep(20);
      between = new Date().toISOString();
      await sleep(20);
      for (let i = 0; i < 13; i++) {
        await audit.record({ action: 'test.paging', actor: 'system:job', target: null, details: { note: `late ${i} Sandworm` } });
      }
    });
    after(async () => {
      await node?.dispose();
      await source?.dispose();
    });

    const list = async (query: string): Promise<AuditPage> => {
      const res = await node.api({ method: 'GET', url: `/api/v1/audit?${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<AuditPage>();
    };

    test('each filter narrows the list: actor, action, since/until, target, words', async () => {
      const byActor = await list('actor=user:alice&limit=500');
      assert.equal(byActor.entries.filter((e) => e.action === 'test.paging').length, 12);
      assert.ok(byActor.entries.every((e) => e.actor === 'user:alice'));
      const byAction = await list('action=test.paging&limit=500');
      assert.equal(byAction.entries.length, 25);
      const late = await list(`action=test.paging&since=${encodeURIComponent(between)}&limit=500`);
      assert.equal(late.entries.length, 13);
      assert.ok(late.entries.every((e) => e.actor === 'system:job'));
      const early = await list(`action=test.paging&until=${encodeURIComponent(between)}&limit=500`);
      assert.equal(early.entries.length, 12);
      // A date alone in `until` is the whole day: today's entries are in.
      const today = between.slice(0, 10);
      assert.equal((await list(`action=test.paging&since=${today}&until=${today}&limit=500`)).entries.length, 25);
      assert.deepEqual(
        (await list('target=report--7')).entries.map((e) => e.details['note']),
        ['early 7'],
      );
      const words = await list('q=sandworm%20LATE&limit=500');
      assert.equal(words.entries.length, 13);
      const empty = await list('action=test.paging&actor=system:job&q=early');
      assert.deepEqual(empty, { entries: [], next: null });
    });

    test('keyset pages under a filter follow each other without gaps or repeats', async () => {
      const whole = (await list('action=test.paging&limit=500')).entries.map((e) => e.seq);
      const paged: number[] = [];
      let next: number | null = null;
      let pages = 0;
      do {
        const page: AuditPage = await list(`action=test.paging&limit=7${next === null ? '' : `&before=${next}`}`);
        paged.push(...page.entries.map((e) => e.seq));
        next = page.next;
        pages++;
      } while (next !== null);
      assert.equal(pages, 4);
      assert.deepEqual(paged, whole);
    });

    test('an upload is one entry: who, which file, what was read, stored and quarantined', async () => {
      const good = [1, 2, 3].map((n) => buildIndicator({ name: `uploaded ${n}` }));
      const bad = { ...buildIndicator({ name: 'broken' }), pattern: 'not a pattern' };
      const res = await node.api({
        method: 'POST',
        url: '/api/v1/imports?filename=cert%20bundle.json',
        payload: JSON.stringify(bundle([...good, bad])),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 202, res.body);
      const jobId = res.json<{ id: string }>().id;
      await node.services.imports.idle();
      const [entry] = (await list(`action=import&target=${jobId}`)).entries;
      assert.ok(entry, 'the upload is in the audit log');
      assert.match(entry.actor ?? '', /^user:admin/);
      assert.equal(entry.details['file'], 'cert bundle.json');
      assert.equal(entry.details['outcome'], 'ok');
      assert.deepEqual([entry.details['read'], entry.details['accepted'], entry.details['quarantined']], [4, 3, 1]);
      assert.equal((await list('q=cert%20bundle.json')).entries[0]?.seq, entry.seq, 'found by its file name');
    });

    test('a feed pull is one entry naming the feed, with what it brought', async () => {
      const add = await node.api({
        method: 'POST',
        url: '/api/v1/feeds',
        payload: { name: 'Partner indicators', url: collectionUrl, token: source.adminToken },
      });
      assert.equal(add.statusCode, 201, add.body);
      const feed = add.json<FeedView>();
      assert.equal((await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` })).statusCode, 200);
      const entries = (await list('action=feed.pull')).entries;
      assert.equal(entries.length, 1, 'one entry per pull, not per object');
      assert.deepEqual(
        [entries[0]?.target, entries[0]?.details['name'], entries[0]?.details['outcome'], entries[0]?.details['accepted']],
        [feed.id, 'Partner indicators', 'ok', 2],
      );
      const actions = (await node.api({ method: 'GET', url: '/api/v1/audit/actions' })).json<{ actions: string[] }>().actions;
      for (const a of ['feed.add', 'feed.pull', 'import', 'test.paging']) assert.ok(actions.includes(a), a);
    });

    test('bad filters name their parameter; only node administrators read the log', async () => {
      const bad = await node.api({ method: 'GET', url: '/api/v1/audit?since=12/07/2026' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ field?: string }>().field, 'since');
      const unknown = await node.api({ method: 'GET', url: '/api/v1/audit?who=alice' });
      assert.equal(unknown.statusCode, 400);
      for (const url of ['/api/v1/audit?q=x', '/api/v1/audit/actions']) {
        assert.equal((await node.app.inject({ method: 'GET', url, headers: analyst.auth })).statusCode, 403, url);
        assert.equal((await node.app.inject({ method: 'GET', url })).statusCode, 401, url);
      }
    });
  });
}
