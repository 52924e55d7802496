// The store contract for TAXII collections (CollectionRepo: configuration, membership of write
// targets read by position, saved queries, `match[version]`, status resources), on every engine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { Collection, CollectionRead, StatusRecord } from '../src/domain/collections/types.ts';
import type { VersionSelection } from '../src/domain/taxii/params.ts';
import { buildNextVersion, buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const T = (minute: number): string => new Date(Date.UTC(2026, 10, 22, 12, minute)).toISOString();
const LATEST: VersionSelection = { all: false, first: false, last: true, versions: [] };
const ALL: VersionSelection = { all: true };
const FIRST: VersionSelection = { all: false, first: true, last: false, versions: [] };
const LABEL: AccessLabel = { ownerOrg: 'identity--org', tlp: 'amber', distribution: { kind: 'organization' } };

function collection(extra: Partial<Collection> = {}): Collection {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    title: 'Shared',
    description: 'what partners add',
    alias: 'shared',
    kind: 'target',
    query: {},
    read: ['*'],
    write: ['org:identity--org'],
    mediaTypes: ['application/stix+json;version=2.1'],
    createdAt: T(0),
    updatedAt: T(0),
    ...extra,
  };
}

const read = (extra: Partial<CollectionRead> = {}): CollectionRead => ({ select: LATEST, limit: 100, ...extra });

contractSuite('store contract: collections', (ctx) => {
  const repo = () => ctx.store.collections;

  it('keeps a collection, found by id or alias, listed by title; updates it and removes it once', async () => {
    const c = collection();
    await repo().create(c);
    await repo().create(collection({ id: '22222222-2222-4222-8222-222222222222', title: 'All indicators', alias: null, kind: 'query' }));
    assert.deepEqual(await repo().find(c.id), c);
    assert.deepEqual(await repo().find('shared'), c);
    assert.equal(await repo().find('nothing'), undefined);
    assert.deepEqual(
      (await repo().list()).map((x) => x.title),
      ['All indicators', 'Shared'],
    );
    const changed = { ...c, title: 'Partners', alias: null, read: [], query: { types: ['indicator'] }, updatedAt: T(5) };
    await repo().update({ ...changed, createdAt: T(9) });
    assert.deepEqual(await repo().find(c.id), changed, 'the creation time stays');
    assert.equal(await repo().find('shared'), undefined, 'a cleared alias no longer finds it');
    assert.equal(await repo().remove(c.id), true);
    assert.equal(await repo().remove(c.id), false);
    assert.equal(await repo().find(c.id), undefined);
  });

  it('reads a write target in the order objects were added, by position, with labels and filters', async () => {
    const c = collection();
    await repo().create(c);
    const [a, b, m] = [buildPrepared(), buildPrepared(), buildPrepared({ type: 'malware' })];
    const res = await ctx.store.objects.insertBatch([a, b, m], [LABEL, null, LABEL]);
    const seq = (i: number) => {
      const r = res[i];
      assert.ok(r?.status === 'inserted');
      return r.seq;
    };
    await repo().addMembers(c.id, [seq(1)], T(1));
    await repo().addMembers(c.id, [seq(0), seq(2), seq(1)], T(2));
    const all = await repo().entries(c, read());
    assert.deepEqual(
      all.map((e) => [e.object.id, e.dateAdded]),
      [
        [b.id, T(1)],
        [a.id, T(2)],
        [m.id, T(2)],
      ],
      'added order; adding a member again keeps its first position',
    );
    assert.deepEqual(all[0]?.label, null, 'an unlabelled version is read by no one');
    assert.deepEqual(all[1]?.label, LABEL);
    const page1 = await repo().entries(c, read({ limit: 2 }));
    const page2 = await repo().entries(c, read({ limit: 2, after: page1.at(-1)?.position ?? 0 }));
    assert.deepEqual(
      [...page1, ...page2].map((e) => e.object.id),
      [b.id, a.id, m.id],
    );
    assert.deepEqual(
      (await repo().entries(c, read({ types: ['malware'] }))).map((e) => e.object.id),
      [m.id],
    );
    assert.deepEqual(
      (await repo().entries(c, read({ ids: [a.id, m.id], addedAfter: T(1) }))).map((e) => e.object.id),
      [a.id, m.id],
    );
    assert.equal((await repo().entries(c, read({ specVersions: ['2.0'] }))).length, 0);
    assert.equal(await repo().removeMembers(c.id, [seq(0), seq(0), 999_999]), 1);
    assert.deepEqual(
      (await repo().entries(c, read())).map((e) => e.object.id),
      [b.id, m.id],
    );
  });

  it('selects versions of a write target among those added to it: last, first, every one', async () => {
    const c = collection();
    await repo().create(c);
    const v1 = buildPrepared();
    const v2 = buildNextVersion(v1);
    const v3 = buildNextVersion(v2);
    const res = await ctx.store.objects.insertBatch([v1, v2, v3]);
    const seqs = res.map((r) => (r.status === 'inserted' ? r.seq : -1));
    // v3 is the store's latest but was not added: the collection's last is v2.
    await repo().addMembers(c.id, [seqs[0] ?? -1, seqs[1] ?? -1], T(1));
    const versions = async (select: CollectionRead['select']) => (await repo().entries(c, read({ select }))).map((e) => e.object.version);
    assert.deepEqual(await versions(LATEST), [v2.version]);
    assert.deepEqual(await versions(FIRST), [v1.version]);
    assert.deepEqual(await versions(ALL), [v1.version, v2.version]);
    assert.deepEqual(await versions({ all: false, first: false, last: false, versions: [v1.version] }), [v1.version]);
    const [entry] = await repo().entries(c, read());
    assert.equal(entry?.latest, false, 'v2 is not the latest version the store holds');
  });

  it('reads a query collection from the store: its saved types, authors and labels narrow it', async () => {
    const byOrg = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01';
    const a = buildPrepared({ labels: ['apt-x'], createdByRef: byOrg });
    const m = buildPrepared({ type: 'malware', labels: ['apt-x'] });
    const other = buildPrepared({ createdByRef: byOrg });
    await ctx.store.objects.insertBatch([a, m, other]);
    const a2 = buildNextVersion(a, { labels: ['apt-x'], createdByRef: byOrg });
    await ctx.store.objects.insertBatch([a2]);
    const q = (query: Collection['query']) => collection({ kind: 'query', query });
    const ids = async (c: Collection, select: CollectionRead['select'] = LATEST) =>
      (await repo().entries(c, read({ select }))).map((e) => `${e.object.id}@${e.object.version}`);
    assert.deepEqual(await ids(q({ types: ['indicator'], labels: ['apt-x'] })), [`${a.id}@${a2.version}`]);
    assert.deepEqual(await ids(q({ types: ['indicator'], labels: ['apt-x'] }), ALL), [`${a.id}@${a.version}`, `${a.id}@${a2.version}`]);
    assert.deepEqual(await ids(q({ createdByRefs: [byOrg] })), [`${other.id}@${other.version}`, `${a.id}@${a2.version}`]);
    assert.deepEqual(await ids(q({ labels: ['apt-x'] }), FIRST), [`${a.id}@${a.version}`, `${m.id}@${m.version}`]);
  });

  it('keeps a status resource and its later completion', async () => {
    const pending: StatusRecord = {
      id: 'status-1',
      collectionId: collection().id,
      orgId: 'identity--org',
      status: 'pending',
      requestTimestamp: T(0),
      updatedAt: T(0),
      totalCount: 2,
      successCount: 0,
      failureCount: 0,
      pendingCount: 2,
      successes: [],
      failures: [],
      pendings: [
        { id: 'indicator--a', version: T(0) },
        { id: 'indicator--b', version: T(0) },
      ],
    };
    await repo().putStatus(pending);
    assert.deepEqual(await repo().getStatus('status-1'), pending);
    const done: StatusRecord = {
      ...pending,
      status: 'complete',
      updatedAt: T(1),
      successCount: 1,
      failureCount: 1,
      pendingCount: 0,
      successes: [{ id: 'indicator--a', version: T(0) }],
      failures: [{ id: 'indicator--b', version: T(0), message: 'STIX_INVALID: no pattern' }],
      pendings: [],
    };
    await repo().putStatus(done);
    assert.deepEqual(await repo().getStatus('status-1'), done);
    assert.equal(await repo().getStatus('status-2'), undefined);
  });
});
