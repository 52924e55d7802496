// The store contract (src/store/repositories.ts), written once and run on every engine: SQLite in a
// temporary directory, PostgreSQL in a fresh database when CONCORD_TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { InvalidInputError, NotFoundError, type QuarantineReason } from '../src/errors.ts';
import type { Observable } from '../src/domain/observables/types.ts';
import type { ImportJob } from '../src/domain/imports/types.ts';
import type { ObjectFilter, StoredObject } from '../src/domain/objects/types.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { Store } from '../src/store/repositories.ts';
import { buildNextVersion, buildPrepared } from './helpers/prepared.ts';
import { ENGINES, type Engine, type StoreLocation } from './helpers/store-engines.ts';
import { buildFeed } from './helpers/feeds.ts';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ipv4 = (value: string): Observable => ({ kind: 'ipv4', value });

/** Every page of a filtered list, following `next` until it is null. */
async function allPages(store: Store, filter: ObjectFilter, limit: number): Promise<StoredObject[][]> {
  const pages: StoredObject[][] = [];
  let after: number | undefined;
  for (;;) {
    const page = await store.objects.list(filter, after === undefined ? { limit } : { after, limit });
    pages.push(page.items);
    if (page.next === null) return pages;
    after = page.next;
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const ids = (objects: { id: string }[]): string[] => objects.map((o) => o.id);
const jsons = (objects: { json: string }[]): string[] => objects.map((o) => o.json);

for (const engine of ENGINES) {
  describe(`store contract on ${engine.name}`, { skip: engine.skip }, () => {
    let location: StoreLocation;
    let store: Store;
    beforeEach(async () => {
      location = await engine.create();
      store = await location.open();
    });
    afterEach(async () => {
      await store.close();
      await location.dispose();
    });
    const insert = (...objects: PreparedObject[]) => store.objects.insertBatch(objects);

    it('stores a batch and returns each version with its JSON byte for byte', async () => {
      const a = { ...buildPrepared({ name: 'Alpha' }), json: '{"name":"naïve — 東京 \\u00e9","type":"indicator" }' };
      const b = buildPrepared({ type: 'malware', name: 'Beta' });
      const [ra, rb] = await insert(a, b);
      assert.ok(ra?.status === 'inserted' && rb?.status === 'inserted');
      assert.ok(rb.seq > ra.seq);
      const got = await store.objects.get(a.id);
      assert.deepEqual(Object.keys(got ?? {}).sort(), ['addedAt', 'id', 'json', 'seq', 'type', 'version']);
      assert.equal(got?.json, a.json);
      assert.equal(got?.seq, ra.seq);
      assert.equal(got?.version, a.version);
      assert.match(got?.addedAt ?? '', ISO_MS);
      assert.deepEqual(await insert(), []);
    });

    it('keeps a sharing group with the node that manages it (null: this node)', async () => {
      const base = {
        name: 'Circle',
        description: '',
        ownerOrg: 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
        members: ['identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01'],
        disabled: false,
        createdAt: '2026-11-22T00:00:00.000Z',
        updatedAt: '2026-11-22T00:00:00.000Z',
      };
      await store.orgs.putSharingGroup({ ...base, id: 'g-local', origin: null });
      await store.orgs.putSharingGroup({ ...base, id: 'g-peer', name: 'Peer circle', origin: '0123456789abcdef0123456789abcdef' });
      assert.equal((await store.orgs.getSharingGroup('g-local'))?.origin, null);
      assert.deepEqual(await store.orgs.getSharingGroup('g-peer'), {
        ...base,
        id: 'g-peer',
        name: 'Peer circle',
        origin: '0123456789abcdef0123456789abcdef',
      });
    });

    it("keeps the origin node a version was received with; the first received version names the object's origin", async () => {
      const a = { ...buildPrepared(), originKey: 'key-of-node-a' };
      const local = buildPrepared();
      await insert(a, local);
      await insert({ ...buildNextVersion(a), originKey: 'key-of-node-c' });
      const origins = await store.federation.origins.get([a.id, local.id, 'indicator--00000000-0000-4000-8000-000000000000']);
      assert.deepEqual([...origins], [[a.id, { keyId: 'key-of-node-a' }]]);
    });

    it('migration 0021 moves the origins of a store that kept them in object_origins onto their versions', async () => {
      const a = buildPrepared();
      const b = buildPrepared();
      await insert(a, b);
      await insert(buildNextVersion(a));
      await store.close();
      // The store as it was before 0021: origins in a table of their own.
      await location.exec([
        'alter table objects drop column origin_key',
        'create table object_origins (object_id text primary key, key_id text not null, origin_org text not null)',
        `insert into object_origins values ('${a.id}', 'key-of-node-a', 'identity--x')`,
        "delete from kysely_migration where name = '0021_origin_key'",
      ]);
      store = await location.open();
      const origins = await store.federation.origins.get([a.id, b.id]);
      assert.deepEqual([...origins], [[a.id, { keyId: 'key-of-node-a' }]]);
      assert.ok((await location.migrations()).includes('0021_origin_key'));
    });

    it("admits a signed request's nonce once, for every process on the store, until it may be forgotten", async () => {
      const n = store.federation.nonces;
      assert.equal(await n.admit('k1', 'nonce-1', 2000), true);
      assert.equal(await n.admit('k1', 'nonce-1', 2000), false, 'the same request again is a replay');
      assert.equal(await n.admit('k2', 'nonce-1', 2000), true, 'nonces are per key');
      const other = await location.open();
      try {
        assert.equal(await other.federation.nonces.admit('k1', 'nonce-1', 2000), false, 'another process on the store refuses it too');
      } finally {
        await other.close();
      }
      await n.forget(1000);
      assert.equal(await n.admit('k1', 'nonce-1', 2000), false, 'kept while its date is accepted');
      await n.forget(3000);
      assert.equal(await n.admit('k1', 'nonce-1', 4000), true, 'forgotten once its date is refused anyway');
    });

    it('a pull lease goes to one holder at a time until it runs out or is given back', async () => {
      await store.feeds.create(buildFeed());
      const t = (m: number) => new Date(Date.UTC(2026, 10, 22, 12, m)).toISOString();
      assert.equal(await store.feeds.claim('f1', 'a', t(0), t(10)), true);
      assert.equal(await store.feeds.claim('f1', 'b', t(5), t(15)), false, 'held by a until minute 10');
      assert.equal(await store.feeds.claim('f1', 'a', t(5), t(15)), true, 'its holder renews it');
      assert.equal(await store.feeds.claim('f1', 'b', t(16), t(26)), true, 'run out: b takes it');
      await store.feeds.release('f1', 'a');
      assert.equal(await store.feeds.claim('f1', 'c', t(17), t(27)), false, 'a no longer held it: nothing was given back');
      await store.feeds.release('f1', 'b');
      assert.equal(await store.feeds.claim('f1', 'c', t(17), t(27)), true);
      assert.equal(await store.feeds.claim('missing', 'c', t(17), t(27)), false);
    });

    it('stores a batch of 5,000 objects in one call', async () => {
      const batch = Array.from({ length: 5000 }, (_, i) =>
        buildPrepared({
          name: `bulk ${i}`,
          labels: ['bulk'],
          createdByRef: 'identity--bulk',
          observables: [ipv4(`10.0.${i >> 8}.${i & 255}`)],
        }),
      );
      const results = await insert(...batch);
      assert.equal(results.filter((r) => r.status === 'inserted').length, 5000);
      assert.equal(await store.objects.count({ labels: ['bulk'], createdByRefs: ['identity--bulk'] }), 5000);
      assert.equal((await store.objects.lookup([ipv4('10.0.19.135')]))[0]?.object.json, batch[5000 - 1]?.json);
    });

    it('stores the access labels given with a batch in the same call, and none for versions not added', async () => {
      const a = buildPrepared();
      const b = buildPrepared();
      await insert(a);
      const label = { ownerOrg: 'org-1', tlp: 'green' as const, distribution: { kind: 'community' as const, id: 'nato' } };
      const results = await store.objects.insertBatch([a, b, buildPrepared()], [label, label, null]);
      const seqs = results.map((r) => (r.status === 'inserted' ? r.seq : -1));
      assert.equal(seqs[0], -1);
      const held = await store.access.labels(seqs.filter((s) => s > 0));
      assert.deepEqual([...held.entries()], [[seqs[1], label]]);
    });

    it('reports an (id, version) already held with the stored JSON and changes nothing', async () => {
      const a = buildPrepared({ name: 'first' });
      await insert(a);
      const again = { ...a, json: a.json.replace('first', 'second'), labels: ['changed'] };
      assert.deepEqual(await insert(again), [{ status: 'exists', existingJson: a.json }]);
      assert.deepEqual(jsons(await store.objects.versions(a.id)), [a.json]);
      assert.equal(await store.objects.count({ labels: ['changed'] }), 0);
    });

    it('reports a duplicate inside one batch as held, with the first occurrence', async () => {
      const a = buildPrepared();
      const b = buildPrepared();
      const results = await insert(a, { ...a, json: `${a.json} ` }, b);
      assert.equal(results[0]?.status, 'inserted');
      assert.deepEqual(results[1], { status: 'exists', existingJson: a.json });
      assert.equal(results[2]?.status, 'inserted');
      assert.equal(await store.objects.count({}), 2);
    });

    it('makes a newer version the latest and replaces its refs, observables, labels and words', async () => {
      const v1 = buildPrepared({
        name: 'alpha oldword',
        labels: ['old-label'],
        createdByRef: 'identity--1',
        observables: [ipv4('192.0.2.1')],
      });
      const v2 = buildNextVersion(v1, {
        name: 'alpha newword',
        labels: ['new-label'],
        createdByRef: 'identity--2',
        observables: [ipv4('192.0.2.2')],
      });
      await insert(v1);
      await insert(v2);
      assert.equal((await store.objects.get(v1.id))?.json, v2.json);
      assert.equal((await store.objects.get(v1.id, v1.version))?.json, v1.json);
      assert.deepEqual(jsons(await store.objects.versions(v1.id)), [v1.json, v2.json]);
      assert.deepEqual(await store.objects.lookup([ipv4('192.0.2.1')]), []);
      assert.deepEqual(jsons((await store.objects.lookup([ipv4('192.0.2.2')])).map((h) => h.object)), [v2.json]);
      assert.deepEqual(await store.objects.edges([v1.id]), [{ source: v1.id, property: 'created_by_ref', target: 'identity--2' }]);
      assert.deepEqual(await store.objects.edges(['identity--1']), []);
      assert.equal(await store.objects.count({ labels: ['old-label'] }), 0);
      assert.equal(await store.objects.count({ text: 'oldword' }), 0);
      assert.equal(await store.objects.count({ createdByRefs: ['identity--1'] }), 0);
      assert.deepEqual(jsons((await store.objects.list({ labels: ['new-label'], text: 'NEWWORD alpha' }, { limit: 10 })).items), [v2.json]);
      assert.equal(await store.objects.count({}), 1);
    });

    it('stores an older version arriving later without changing the latest', async () => {
      const v1 = buildPrepared({ name: 'early', observables: [ipv4('192.0.2.10')] });
      const v2 = buildNextVersion(v1, { name: 'late', observables: [ipv4('192.0.2.20')] });
      const [r2] = await insert(v2);
      const [r1] = await insert(v1);
      assert.ok(r1?.status === 'inserted' && r2?.status === 'inserted' && r1.seq > r2.seq);
      assert.equal((await store.objects.get(v1.id))?.json, v2.json);
      assert.deepEqual(jsons(await store.objects.versions(v1.id)), [v1.json, v2.json]);
      assert.deepEqual(await store.objects.lookup([ipv4('192.0.2.10')]), []);
      assert.equal((await store.objects.lookup([ipv4('192.0.2.20')])).length, 1);
      assert.deepEqual(
        (await store.objects.list({}, { limit: 10 })).items.map((o) => o.seq),
        [r2.seq],
      );
      assert.equal(await store.objects.count({ text: 'early' }), 0);
    });

    it('resolves several versions of one id within a batch, in either order', async () => {
      const v1 = buildPrepared({ observables: [ipv4('192.0.2.31')] });
      const v2 = buildNextVersion(v1, { observables: [ipv4('192.0.2.32')] });
      const w1 = buildPrepared({ observables: [ipv4('192.0.2.41')] });
      const w2 = buildNextVersion(w1, { observables: [ipv4('192.0.2.42')] });
      await insert(v1, v2, w2, w1);
      assert.equal((await store.objects.get(v1.id))?.json, v2.json);
      assert.equal((await store.objects.get(w1.id))?.json, w2.json);
      const hits = await store.objects.lookup(['192.0.2.31', '192.0.2.32', '192.0.2.41', '192.0.2.42'].map(ipv4));
      assert.deepEqual(
        hits.map((h) => h.observable.value),
        ['192.0.2.32', '192.0.2.42'],
      );
      assert.equal(await store.objects.count({}), 2);
    });

    it('numbers versions in order and never lets added_at go back', async () => {
      for (let i = 0; i < 3; i++) {
        await insert(buildPrepared(), buildPrepared());
        await sleep(3);
      }
      const all = await collect(store.objects.scan({}, { allVersions: true }));
      assert.equal(all.length, 6);
      for (let i = 1; i < all.length; i++) {
        assert.ok((all[i]?.seq ?? 0) > (all[i - 1]?.seq ?? 0));
        assert.ok((all[i]?.addedAt ?? '') >= (all[i - 1]?.addedAt ?? ''));
      }
      assert.ok((all[2]?.addedAt ?? '') > (all[1]?.addedAt ?? ''), 'a later batch is added later');
    });

    it('lists latest versions in seq order, a new version moving its object to the end', async () => {
      const [a, b, c] = [buildPrepared(), buildPrepared(), buildPrepared()];
      await insert(a, b, c);
      const a2 = buildNextVersion(a);
      await insert(a2);
      assert.deepEqual(jsons((await store.objects.list({}, { limit: 10 })).items), [b.json, c.json, a2.json]);
    });

    it('pages through a filtered list with keyset cursors', async () => {
      const batch: PreparedObject[] = [];
      for (let i = 0; i < 35; i++)
        batch.push(buildPrepared({ type: i % 7 < 5 ? 'indicator' : 'malware', name: i % 3 ? 'common' : 'common rare' }));
      await insert(...batch);
      const indicators = batch.filter((o) => o.type === 'indicator');
      const pages = await allPages(store, { types: ['indicator'] }, 7);
      assert.deepEqual(
        pages.map((p) => p.length),
        [7, 7, 7, 4],
      );
      assert.deepEqual(jsons(pages.flat()), jsons(indicators));
      // 25 items in pages of 5: the fifth page is the last, not an empty sixth.
      assert.deepEqual(
        (await allPages(store, { types: ['indicator'] }, 5)).map((p) => p.length),
        [5, 5, 5, 5, 5],
      );
      const malware = await allPages(store, { types: ['malware'] }, 100);
      assert.deepEqual(ids(malware.flat()), ids(batch.filter((o) => o.type === 'malware')));
      assert.equal(await store.objects.count({ types: ['indicator'] }), 25);
      const rare = batch.filter((_, i) => i % 3 === 0);
      const words = await allPages(store, { text: 'rare' }, 4);
      assert.deepEqual(
        words.map((p) => p.length),
        [4, 4, 4],
      );
      assert.deepEqual(ids(words.flat()), ids(rare));
      const rareIndicators = await allPages(store, { text: 'Rare common', types: ['indicator'] }, 3);
      assert.deepEqual(ids(rareIndicators.flat()), ids(rare.filter((o) => o.type === 'indicator')));
    });

    it('filters by ids, types, creator, labels (any), modified range and revoked', async () => {
      const a = buildPrepared({ type: 'indicator', createdByRef: 'identity--a', labels: ['l1'], modified: '2024-01-01T00:00:00Z' });
      const b = buildPrepared({ type: 'malware', createdByRef: 'identity--b', labels: ['l2', 'l3'], modified: '2024-02-01T00:00:00.5Z' });
      const c = buildPrepared({ type: 'tool', createdByRef: null, revoked: true, modified: '2024-03-01T00:00:00Z' });
      const d = buildPrepared({ type: 'indicator', createdByRef: 'identity--b', labels: ['l3'], modified: '2024-04-01T00:00:00Z' });
      await insert(a, b, c, d);
      const expect = async (filter: ObjectFilter, want: PreparedObject[]) => {
        assert.deepEqual(ids((await store.objects.list(filter, { limit: 100 })).items), ids(want), JSON.stringify(filter));
        assert.equal(await store.objects.count(filter), want.length, JSON.stringify(filter));
      };
      await expect({ ids: [d.id, a.id, 'indicator--missing'] }, [a, d]);
      await expect({ ids: [] }, []);
      await expect({ types: ['malware', 'tool'] }, [b, c]);
      await expect({ createdByRefs: ['identity--b'] }, [b, d]);
      await expect({ labels: ['l1', 'l2'] }, [a, b]);
      await expect({ labels: ['l3'] }, [b, d]);
      await expect({ modifiedFrom: b.version }, [b, c, d]);
      await expect({ modifiedTo: b.version }, [a, b]);
      await expect({ modifiedFrom: b.version, modifiedTo: c.version }, [b, c]);
      await expect({ modifiedFrom: '2024-02-01T00:00:00.5Z', modifiedTo: '2024-03-01T00:00:00Z' }, [b, c]);
      await expect({ revoked: true }, [c]);
      await expect({ revoked: false }, [a, b, d]);
      await expect({ types: ['indicator'], labels: ['l3'], createdByRefs: ['identity--b'] }, [d]);
      await assert.rejects(store.objects.count({ modifiedFrom: '2024-02-30T00:00:00Z' }), InvalidInputError);
    });

    it('filters by added time, from inclusive and to exclusive', async () => {
      const batches = [[buildPrepared()], [buildPrepared(), buildPrepared()], [buildPrepared()]];
      for (const batch of batches) {
        await insert(...batch);
        await sleep(3);
      }
      const stored = await collect(store.objects.scan({}));
      const t = [0, 1, 3].map((i) => stored[i]?.addedAt ?? '');
      const expect = async (filter: ObjectFilter, want: number[]) => {
        const wanted = want.flatMap((i) => ids(batches[i] ?? []));
        assert.deepEqual(ids((await store.objects.list(filter, { limit: 10 })).items), wanted, JSON.stringify(filter));
        assert.deepEqual(ids(await collect(store.objects.scan(filter, { allVersions: true }))), wanted);
      };
      await expect({ addedFrom: t[1] }, [1, 2]);
      await expect({ addedTo: t[1] }, [0]);
      await expect({ addedFrom: t[1], addedTo: t[2] }, [1]);
      await expect({ addedFrom: '2999-01-01T00:00:00Z' }, []);
      await expect({ addedTo: '2000-01-01T00:00:00Z' }, []);
      await expect({ addedFrom: '2000-01-01T00:00:00Z', addedTo: '2999-01-01T00:00:00+00:00' }, [0, 1, 2]);
      await assert.rejects(store.objects.list({ addedFrom: 'yesterday' }, { limit: 1 }), InvalidInputError);
    });

    it('finds objects having every word of the text, in any case', async () => {
      const a = buildPrepared({ name: 'Sandworm Team phishing', description: 'seen at evil.com' });
      const b = buildPrepared({ type: 'malware', name: 'Phishing kit', labels: ['crimeware'] });
      const c = buildPrepared({ name: 'Élan vital', description: 'ransomware' });
      await insert(a, b, c);
      const found = async (text: string, filter: ObjectFilter = {}) =>
        ids((await store.objects.list({ ...filter, text }, { limit: 10 })).items);
      assert.deepEqual(await found('PHISHING'), [a.id, b.id]);
      assert.deepEqual(await found('phishing sandworm'), [a.id]);
      assert.deepEqual(await found('sandworm ransomware'), []);
      assert.deepEqual(await found('evil.com'), [a.id]);
      assert.deepEqual(await found('com'), [a.id]);
      assert.deepEqual(await found('crimeware'), [b.id]);
      assert.deepEqual(await found('ÉLAN'), [c.id]);
      assert.deepEqual(await found('phishing', { types: ['malware'] }), [b.id]);
      assert.equal(await store.objects.count({ text: 'phishing' }), 2);
    });

    it('gets one version, many latest versions in the order asked, and every version', async () => {
      const [a, b, c] = [buildPrepared(), buildPrepared(), buildPrepared()];
      await insert(a, b, c);
      assert.deepEqual(jsons(await store.objects.getMany([c.id, 'indicator--missing', a.id, c.id])), [c.json, a.json]);
      assert.deepEqual(await store.objects.getMany([]), []);
      assert.equal(await store.objects.get('indicator--missing'), undefined);
      assert.equal(await store.objects.get(a.id, '2000-01-01T00:00:00.000000000Z'), undefined);
      assert.deepEqual(await store.objects.versions('indicator--missing'), []);
    });

    it('returns the edges whose source or target is asked for, each once', async () => {
      const ident = buildPrepared({ type: 'identity' });
      const [m, t] = [buildPrepared({ type: 'malware', createdByRef: ident.id }), buildPrepared({ type: 'tool' })];
      const rel = buildPrepared({
        type: 'relationship',
        refs: [
          { property: 'source_ref', target: m.id },
          { property: 'target_ref', target: t.id },
          { property: 'target_ref', target: t.id },
        ],
      });
      await insert(ident, m, t, rel);
      const sorted = (edges: { source: string; property: string; target: string }[]) =>
        [...edges].sort((x, y) => (x.source + x.property + x.target < y.source + y.property + y.target ? -1 : 1));
      const relEdges = sorted([
        { source: rel.id, property: 'source_ref', target: m.id },
        { source: rel.id, property: 'target_ref', target: t.id },
      ]);
      assert.deepEqual(await store.objects.edges([t.id]), [{ source: rel.id, property: 'target_ref', target: t.id }]);
      assert.deepEqual(await store.objects.edges([rel.id]), relEdges);
      assert.deepEqual(
        await store.objects.edges([rel.id, m.id, t.id]),
        sorted([...relEdges, { source: m.id, property: 'created_by_ref', target: ident.id }]),
      );
      assert.deepEqual(await store.objects.edges([]), []);
    });

    it('looks up exact observables on latest versions, in the order asked', async () => {
      const a = buildPrepared({ observables: [ipv4('198.51.100.1'), { kind: 'domain', value: 'evil.example' }] });
      const b = buildPrepared({ observables: [ipv4('198.51.100.1')] });
      const c = buildPrepared({ observables: [{ kind: 'hash:sha256', value: 'ab'.repeat(32) }] });
      await insert(a, b, c);
      const one = await store.objects.lookup([ipv4('198.51.100.1')]);
      assert.deepEqual(
        one.map((h) => [h.observable, h.object.json]),
        [
          [ipv4('198.51.100.1'), a.json],
          [ipv4('198.51.100.1'), b.json],
        ],
      );
      const many = await store.objects.lookup([
        { kind: 'hash:sha256', value: 'ab'.repeat(32) },
        { kind: 'domain', value: 'EVIL.example' },
        { kind: 'ipv4', value: 'evil.example' },
        ipv4('198.51.100.1'),
        ipv4('198.51.100.1'),
      ]);
      assert.deepEqual(jsons(many.map((h) => h.object)), [c.json, a.json, b.json]);
      assert.deepEqual(await store.objects.lookup([ipv4('198.51.100.1'), ipv4('203.0.113.9')]), one);
      assert.deepEqual(await store.objects.lookup([]), []);
    });

    it('knows the prefix lengths of the IP networks it indexes', async () => {
      assert.deepEqual(await store.objects.networkPrefixes('ipv4'), new Set());
      await insert(buildPrepared({ observables: [ipv4('10.0.0.0/24'), ipv4('192.168.0.0/16'), ipv4('198.51.100.1')] }));
      await insert(buildPrepared({ observables: [ipv4('10.1.0.0/24'), { kind: 'ipv6', value: '2001:db8::/32' }] }));
      assert.deepEqual(await store.objects.networkPrefixes('ipv4'), new Set([24, 16]));
      assert.deepEqual(await store.objects.networkPrefixes('ipv6'), new Set([32]));
    });

    it('scans latest or all versions in seq order, a batch at a time', async () => {
      const batch = Array.from({ length: 23 }, (_, i) => buildPrepared({ type: i % 2 ? 'malware' : 'indicator' }));
      await insert(...batch);
      const newer = batch.slice(0, 3).map((o) => buildNextVersion(o));
      await insert(...newer);
      const latest = await collect(store.objects.scan({}, { batchSize: 5 }));
      assert.deepEqual(jsons(latest), jsons([...batch.slice(3), ...newer]));
      const every = await collect(store.objects.scan({}, { allVersions: true, batchSize: 4 }));
      assert.deepEqual(jsons(every), jsons([...batch, ...newer]));
      const malware = await collect(store.objects.scan({ types: ['malware'] }, { batchSize: 2 }));
      assert.deepEqual(ids(malware), ids(latest.filter((o) => o.type === 'malware')));
      await assert.rejects(collect(store.objects.scan({ labels: ['x'] }, { allVersions: true })), InvalidInputError);
    });

    it('refuses page requests it cannot serve', async () => {
      await assert.rejects(store.objects.list({}, { limit: 0 }), InvalidInputError);
      await assert.rejects(store.objects.list({}, { limit: 10, after: -1 }), InvalidInputError);
      await assert.rejects(store.quarantine.list({ limit: 1.5 }), InvalidInputError);
    });

    it('keeps quarantined input with its reason, newest first', async () => {
      const entry = (i: number, reason: QuarantineReason, source: string) => ({
        source,
        objectId: i % 2 ? `indicator--${i}` : null,
        reason,
        details: { issues: [{ path: '$.pattern', n: i }], note: 'ünïcode' },
        raw: `{"broken": ${i}`,
      });
      await store.quarantine.add([entry(1, 'STIX_INVALID', 'a.json'), entry(2, 'JSON_MALFORMED', 'a.json')]);
      await store.quarantine.add([entry(3, 'STIX_INVALID', 'feed:x'), entry(4, 'STIX_INVALID', 'a.json')]);
      await store.quarantine.add([]);
      assert.equal(await store.quarantine.count(), 4);
      await store.quarantine.add([{ ...entry(5, 'JSON_MALFORMED', 'junk\u0000.bin'), raw: 'a\u0000b', details: { raw: 'a\u0000b' } }]);
      const [junk] = (await store.quarantine.list({ limit: 1 })).items;
      assert.deepEqual([junk?.raw, junk?.source, junk?.details], ['a\ufffdb', 'junk\ufffd.bin', { raw: 'a\u0000b' }]);
      assert.equal(await store.quarantine.remove(junk?.id ?? 0), true);
      const first = await store.quarantine.list({ limit: 3 });
      assert.deepEqual(
        first.items.map((e) => e.raw),
        ['{"broken": 4', '{"broken": 3', '{"broken": 2'],
      );
      assert.notEqual(first.next, null);
      const rest = await store.quarantine.list({ limit: 3, after: first.next ?? 0 });
      assert.deepEqual(
        rest.items.map((e) => e.raw),
        ['{"broken": 1'],
      );
      assert.equal(rest.next, null);
      const invalid = await store.quarantine.list({ limit: 10 }, { reason: 'STIX_INVALID', source: 'a.json' });
      assert.deepEqual(
        invalid.items.map((e) => e.raw),
        ['{"broken": 4', '{"broken": 1'],
      );
      const e1 = rest.items[0];
      assert.ok(e1);
      assert.deepEqual(await store.quarantine.get(e1.id), e1);
      assert.deepEqual(e1.details, { issues: [{ path: '$.pattern', n: 1 }], note: 'ünïcode' });
      assert.equal(e1.objectId, 'indicator--1');
      assert.match(e1.receivedAt, ISO_MS);
      assert.equal(await store.quarantine.remove(e1.id), true);
      assert.equal(await store.quarantine.remove(e1.id), false);
      assert.equal(await store.quarantine.get(e1.id), undefined);
      assert.equal(await store.quarantine.count(), 3);
    });

    it('records import jobs and their summaries', async () => {
      const job = (id: string, createdAt: string): ImportJob => ({
        id,
        state: 'queued',
        source: 'upload:x',
        createdAt,
        updatedAt: createdAt,
        bytesTotal: 6_000_000_000,
        bytesRead: 0,
        objectsRead: 0,
        summary: null,
        orgId: 'identity--00000000-0000-4000-8000-000000000001',
        fileName: 'ics-attack.json',
        uploadedBy: 'alice',
      });
      await store.imports.create(job('job-1', '2024-01-01T00:00:00.000Z'));
      await store.imports.create(job('job-2', '2024-01-02T00:00:00.000Z'));
      const summary = {
        accepted: 5,
        unchanged: 1,
        upgraded: 2,
        quarantined: 1,
        reasons: { STIX_INVALID: 1 },
        upgrades: { 'spec_version added': 2 },
      };
      await store.imports.update('job-1', {
        state: 'done',
        bytesRead: 6_000_000_000,
        objectsRead: 9,
        summary,
        updatedAt: '2024-01-01T00:01:00.000Z',
      });
      assert.deepEqual(await store.imports.get('job-1'), {
        ...job('job-1', '2024-01-01T00:00:00.000Z'),
        state: 'done',
        bytesRead: 6_000_000_000,
        objectsRead: 9,
        summary,
        updatedAt: '2024-01-01T00:01:00.000Z',
      });
      assert.deepEqual(
        (await store.imports.list({ limit: 10 })).map((j) => j.id),
        ['job-2', 'job-1'],
      );
      assert.deepEqual(
        (await store.imports.list({ limit: 10, after: 1 })).map((j) => j.id),
        ['job-1'],
      );
      assert.equal(await store.imports.get('job-3'), undefined);
      await assert.rejects(store.imports.update('job-3', { state: 'failed' }), NotFoundError);
    });

    it('reopens with its data, running each migration once', async () => {
      const a = buildPrepared({ name: 'persisted', observables: [ipv4('192.0.2.99')] });
      const [ra] = await insert(a);
      const applied = await location.migrations();
      assert.ok(applied.includes('0001_objects'));
      await store.close();
      store = await location.open();
      await store.close();
      store = await location.open();
      assert.deepEqual(await location.migrations(), applied);
      assert.equal((await store.objects.get(a.id))?.json, a.json);
      assert.equal((await store.objects.lookup([ipv4('192.0.2.99')])).length, 1);
      assert.deepEqual(ids((await store.objects.list({ text: 'persisted' }, { limit: 5 })).items), [a.id]);
      const [rb] = await insert(buildPrepared());
      assert.ok(ra?.status === 'inserted' && rb?.status === 'inserted' && rb.seq > ra.seq);
    });
  });
}

/** The same calls on every available engine, made from empty stores, return the same values. */
describe('engines agree', { skip: ENGINES.find((e) => e.skip !== false)?.skip ?? false }, () => {
  async function scenario(engine: Engine): Promise<unknown[]> {
    const location = await engine.create();
    const store = await location.open();
    try {
      const a = buildPrepared({
        id: 'indicator--a',
        name: 'Shared words',
        labels: ['x'],
        observables: [ipv4('192.0.2.1')],
        createdByRef: 'identity--i',
      });
      const b = buildPrepared({ id: 'malware--b', type: 'malware', name: 'shared', modified: '2024-05-01T00:00:00.123456Z' });
      const a2 = buildNextVersion(a, { name: 'Shared again', observables: [ipv4('192.0.2.1'), ipv4('192.0.2.2')] });
      const out: unknown[] = [await store.objects.insertBatch([a, b, a, a2]), await store.objects.insertBatch([a, b])];
      const strip = (o: StoredObject | undefined) => o && { ...o, addedAt: ISO_MS.test(o.addedAt) };
      out.push((await store.objects.list({ text: 'shared' }, { limit: 1 })).next);
      out.push((await collect(store.objects.scan({}, { allVersions: true }))).map(strip));
      out.push(strip(await store.objects.get('indicator--a')), await store.objects.count({ revoked: false }));
      out.push((await store.objects.lookup([ipv4('192.0.2.2'), ipv4('192.0.2.1')])).map((h) => [h.observable, strip(h.object)]));
      out.push(await store.objects.edges(['identity--i']));
      return out;
    } finally {
      await store.close();
      await location.dispose();
    }
  }

  it('returns identical results from SQLite and PostgreSQL', async () => {
    const [first, ...others] = await Promise.all(ENGINES.map(scenario));
    for (const other of others) assert.deepEqual(other, first);
  });
});
