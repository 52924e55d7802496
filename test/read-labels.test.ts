// Lookups and TAXII pages read each version's access label in the same statement as the version
// (store/*/object.repo.ts, store/shared/collection.repo.ts), so that the access gate needs no
// second query: on both engines, and on each of the lookup's statements (one value; one address
// and its covering networks; many values of several kinds) and both kinds of collection, every
// version must carry its own label, and a version that was never labelled must carry none.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { Observable } from '../src/domain/observables/types.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import type { LookupHit } from '../src/domain/objects/types.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { Store } from '../src/store/repositories.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { ENGINES, type StoreLocation } from './helpers/store-engines.ts';

const ipv4 = (value: string): Observable => ({ kind: 'ipv4', value });
const GREEN: AccessLabel = { ownerOrg: 'org-a', tlp: 'green', distribution: { kind: 'federation' } };
const RED: AccessLabel = {
  ownerOrg: 'org-b',
  tlp: 'red',
  distribution: { kind: 'organization' },
  classification: { scheme: 'nato', level: 'NATO SECRET' },
};

/** Each hit's object id with its label, in the order returned. */
const labelsOf = (hits: LookupHit[]): [string, AccessLabel | null][] => hits.map((h) => [h.object.id, h.label]);

for (const engine of ENGINES) {
  describe(`reads carry their versions' labels on ${engine.name}`, { skip: engine.skip }, () => {
    let location: StoreLocation;
    let store: Store;
    let green: PreparedObject;
    let red: PreparedObject;
    let unlabelled: PreparedObject;
    beforeEach(async () => {
      location = await engine.create();
      store = await location.open();
      const shared = [ipv4('198.51.100.1'), { kind: 'domain', value: 'evil.example' } satisfies Observable];
      green = buildPrepared({ id: 'indicator--00000000-0000-4000-8000-000000000001', observables: [...shared, ipv4('203.0.113.0/24')] });
      red = buildPrepared({ id: 'indicator--00000000-0000-4000-8000-000000000002', observables: shared });
      unlabelled = buildPrepared({ id: 'indicator--00000000-0000-4000-8000-000000000003', observables: shared });
      const seqs = (await store.objects.insertBatch([green, red, unlabelled])).map((r) => (r.status === 'inserted' ? r.seq : -1));
      await store.access.put([
        { seq: seqs[0] ?? -1, label: GREEN },
        { seq: seqs[1] ?? -1, label: RED },
      ]);
    });
    afterEach(async () => {
      await store.close();
      await location.dispose();
    });

    it('gives each hit of one value its own label, and none to an unlabelled version', async () => {
      const hits = await store.objects.lookup([ipv4('198.51.100.1')]);
      assert.deepEqual(labelsOf(hits), [
        [green.id, GREEN],
        [red.id, RED],
        [unlabelled.id, null],
      ]);
    });

    it('does the same for an address and its covering networks', async () => {
      const hits = await store.objects.lookup([ipv4('203.0.113.7'), ipv4('203.0.113.0/24')]);
      assert.deepEqual(labelsOf(hits), [[green.id, GREEN]]);
    });

    it('does the same for many values of several kinds', async () => {
      const hits = await store.objects.lookup([{ kind: 'domain', value: 'evil.example' }, ipv4('198.51.100.1'), ipv4('192.0.2.1')]);
      assert.deepEqual(labelsOf(hits), [
        [green.id, GREEN],
        [red.id, RED],
        [unlabelled.id, null],
        [green.id, GREEN],
        [red.id, RED],
        [unlabelled.id, null],
      ]);
    });

    it('gives each entry of a query and of a target collection its own label', async () => {
      const now = new Date().toISOString();
      const collection = (id: string, kind: Collection['kind']): Collection => ({
        id,
        title: id,
        description: '',
        alias: null,
        kind,
        query: {},
        read: ['*'],
        write: [],
        mediaTypes: [],
        createdAt: now,
        updatedAt: now,
      });
      await store.collections.create(collection('q', 'query'));
      await store.collections.create(collection('t', 'target'));
      const all = await store.objects.list({}, { limit: 10 });
      await store.collections.addMembers('t', all.items.map((o) => o.seq).reverse(), now);
      const read = { select: { all: true } as const, limit: 10 };
      const expected = [
        [green.id, GREEN],
        [red.id, RED],
        [unlabelled.id, null],
      ];
      // The target's members were added newest first, so its positions run the other way.
      for (const [ref, order] of [
        ['q', expected],
        ['t', [...expected].reverse()],
      ] as const) {
        const c = await store.collections.find(ref);
        assert.ok(c);
        assert.deepEqual(
          (await store.collections.entries(c, read)).map((e) => [e.object.id, e.label]),
          order,
          ref,
        );
      }
    });

    it('sees a network prefix length stored after it was last asked for', async () => {
      assert.deepEqual(await store.objects.networkPrefixes('ipv4'), new Set([24]));
      await store.objects.insertBatch([buildPrepared({ observables: [ipv4('10.0.0.0/8')] })]);
      assert.deepEqual(await store.objects.networkPrefixes('ipv4'), new Set([8, 24]));
    });
  });
}
