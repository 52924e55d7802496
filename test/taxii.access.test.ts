// The access policy on every TAXII response (issue 4; DESIGN.md principle 2): a reader sees only
// the objects it may read, in objects, manifest, get-an-object and versions, and nothing in the
// counts, `more` or the date headers tells what was withheld.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, nextVersion, type Obj } from './helpers/stix.ts';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';

type Json = Record<string, unknown> & { objects?: Obj[] };

// Run on both engines: TAXII paging and filters are SQL in store/, which differs per engine.
for (const engine of ENGINES)
  describe(`TAXII 2.1 under the access policy (${engine.name})`, { skip: engine.skip }, () => {
    let node: TestNode;
    let reader: Person;
    let insider: Person;
    let feed: Collection, inbox: Collection;
    const shared1 = buildIndicator({ name: 'shared one' });
    const secret = buildIndicator({ name: 'operator only' });
    const shared2 = buildIndicator({ name: 'shared two' });
    // The second version is amber: a reader of the first must not learn that it exists.
    const mixed = buildIndicator({ name: 'mixed v1' });
    const mixed2 = nextVersion(mixed, { name: 'mixed v2, amber' });

    async function load(objects: Obj[], shared: boolean): Promise<void> {
      const owner = await node.services.importOwner(CLI, shared ? { tlp: 'clear', distribution: 'federation' } : {});
      const s = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(s.quarantined, 0, JSON.stringify(s));
    }
    async function get(who: Person | string, url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Json }> {
      const authorization = typeof who === 'string' ? `Bearer ${who}` : who.auth.authorization;
      const res = await node.app.inject({ method: 'GET', url, headers: { authorization, accept: TAXII } });
      return { status: res.statusCode, headers: res.headers, body: res.json() as Json };
    }
    const ids = (b: Json): string[] => (b.objects ?? []).map((o) => o.id);

    before(async () => {
      node = await startNode({}, engine);
      reader = await buildPerson(node.services);
      insider = await buildPerson(node.services, { org: node.org });
      // A few milliseconds apart, so that each has its own date added (added_after is exclusive).
      const tick = () => new Promise((r) => setTimeout(r, 3));
      await load([shared1], true);
      await tick();
      await load([secret], false);
      await tick();
      await load([shared2], true);
      await load([mixed], true);
      await load([mixed2], false);
      feed = await node.services.collections.add(CLI, { title: 'Indicators', types: ['indicator'], read: ['*'] });
      inbox = await node.services.collections.add(CLI, { title: 'Inbox', kind: 'target', read: ['*'], write: [`org:${insider.org.id}`] });
    });
    after(() => node.dispose());

    test('objects and manifest show only what the reader may read; the operating organisation sees its own too', async () => {
      const own = (list: string[]) => list.filter((id) => [shared1.id, secret.id, shared2.id, mixed.id].includes(id));
      const objects = await get(reader, `${ROOT}/collections/${feed.id}/objects/`);
      assert.deepEqual(own(ids(objects.body)), [shared1.id, shared2.id]);
      const manifest = await get(reader, `${ROOT}/collections/${feed.id}/manifest/`);
      assert.deepEqual(own(ids(manifest.body)), [shared1.id, shared2.id]);
      const admin = await get(node.adminToken, `${ROOT}/collections/${feed.id}/objects/`);
      assert.deepEqual(own(ids(admin.body)), [shared1.id, secret.id, shared2.id, mixed.id]);
    });

    test('pages are filled before they are cut: more, the page length and the headers reveal nothing withheld', async () => {
      const url = `${ROOT}/collections/${feed.id}/objects/?match[id]=${shared1.id},${secret.id},${shared2.id}`;
      const two = await get(reader, `${url}&limit=2`);
      assert.deepEqual(ids(two.body), [shared1.id, shared2.id]);
      assert.equal(two.body['more'], false, 'the withheld object does not make "more" true');
      const one = await get(reader, `${url}&limit=1`);
      assert.deepEqual(ids(one.body), [shared1.id]);
      assert.equal(one.body['more'], true);
      const rest = await get(reader, `${url}&limit=1&next=${String(one.body['next'])}`);
      assert.deepEqual(ids(rest.body), [shared2.id]);
      assert.equal(rest.body['more'], false);
      const manifest = await get(reader, `${ROOT}/collections/${feed.id}/manifest/?match[id]=${shared1.id},${secret.id},${shared2.id}`);
      const records = manifest.body.objects ?? [];
      assert.equal(manifest.headers['x-taxii-date-added-last'], records.at(-1)?.['date_added']);
      // Paging by the header (§3.5) from the first shared object skips straight to the second.
      const after = await get(reader, `${url}&added_after=${String(one.headers['x-taxii-date-added-last'])}`);
      assert.deepEqual(ids(after.body), [shared2.id]);
    });

    test('get an object and versions answer 404 for an object the reader may not read, as for a missing one', async () => {
      const missing = await get(reader, `${ROOT}/collections/${feed.id}/objects/indicator--00000000-0000-4000-8000-000000000000/`);
      const hidden = await get(reader, `${ROOT}/collections/${feed.id}/objects/${secret.id}/`);
      assert.equal(hidden.status, 404);
      assert.equal(missing.status, 404);
      assert.equal((await get(reader, `${ROOT}/collections/${feed.id}/objects/${secret.id}/versions/`)).status, 404);
      assert.equal((await get(insider, `${ROOT}/collections/${feed.id}/objects/${secret.id}/`)).status, 200);
    });

    test('versions list only the versions the reader may read; the latest-version default follows the store (REST semantics)', async () => {
      const versions = await get(reader, `${ROOT}/collections/${feed.id}/objects/${mixed.id}/versions/`);
      assert.deepEqual(versions.body['versions'], [mixed['modified']]);
      const all = await get(reader, `${ROOT}/collections/${feed.id}/objects/${mixed.id}/?match[version]=all`);
      assert.deepEqual(
        (all.body.objects ?? []).map((o) => o['name']),
        ['mixed v1'],
      );
      const insiderVersions = await get(insider, `${ROOT}/collections/${feed.id}/objects/${mixed.id}/versions/`);
      assert.deepEqual(insiderVersions.body['versions'], [mixed['modified'], mixed2['modified']]);
    });

    test('a readable target collection still shows only what each reader may read', async () => {
      const post = await node.app.inject({
        method: 'POST',
        url: `${ROOT}/collections/${inbox.id}/objects/`,
        headers: { ...insider.auth, accept: TAXII, 'content-type': TAXII },
        payload: JSON.stringify({ objects: [buildIndicator({ name: 'amber by default' })] }),
      });
      assert.equal(post.statusCode, 202);
      await node.services.taxii.idle();
      assert.equal(ids((await get(insider, `${ROOT}/collections/${inbox.id}/objects/`)).body).length, 1);
      const seen = await get(reader, `${ROOT}/collections/${inbox.id}/objects/`);
      assert.deepEqual(seen.body, {});
      assert.equal(seen.headers['x-taxii-date-added-first'], undefined);
      assert.deepEqual((await get(reader, `${ROOT}/collections/${inbox.id}/manifest/`)).body, {});
    });
  });
