// The store contract for retraction and the federation's bookkeeping (TombstoneRepo: the purge
// and its tombstones; WitnessRepo: peers' audit heads kept as their witness), on every engine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { HeadStatement } from '../src/domain/federation/audit-witness.ts';
import type { Observable } from '../src/domain/observables/types.ts';
import { buildNextVersion, buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const T = (minute: number): string => new Date(Date.UTC(2026, 10, 22, 12, minute)).toISOString();
const ip = (value: string): Observable => ({ kind: 'ipv4', value });
const LABEL: AccessLabel = { ownerOrg: 'identity--org', tlp: 'green', distribution: { kind: 'federation' } };

contractSuite('store contract: tombstones and witnesses', (ctx) => {
  const tombstones = () => ctx.store.federation.tombstones;

  it('purges every version of a retracted object: the rows stay, their content and everything derived from it go', async () => {
    const spec = { name: 'secret beacon', labels: ['apt-x'], observables: [ip('203.0.113.9')] };
    const gone = buildPrepared(spec);
    const gone2 = buildNextVersion(gone, spec);
    const kept = buildPrepared({ ...spec, observables: [ip('203.0.113.10')] });
    const results = await ctx.store.objects.insertBatch([gone, gone2, kept], [LABEL, LABEL, LABEL]);
    const seqs = results.map((r) => (r.status === 'inserted' ? r.seq : -1));
    await ctx.store.federation.forms.put([{ seq: seqs[1] ?? -1, keyId: 'k', json: gone2.json }]);
    await ctx.store.quarantine.add([{ source: 'peer:x', objectId: gone.id, reason: 'VERSION_CONFLICT', details: {}, raw: gone.json }]);

    assert.equal(await tombstones().purge([gone.id, gone.id], 'key-origin', 'retraction--1', T(1)), 2, 'both versions purged');

    const versions = await ctx.store.objects.versions(gone.id);
    assert.deepEqual(
      versions.map((v) => v.seq),
      seqs.slice(0, 2),
      'store sequences never go back',
    );
    for (const v of versions) {
      const body = JSON.parse(v.json) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['created', 'id', 'modified', 'spec_version', 'type', 'x_concord_retracted']);
      assert.equal(JSON.stringify(body).includes('secret'), false);
    }
    assert.equal((await ctx.store.access.labels(seqs)).size, 1, 'no one reads a purged version any more');
    assert.deepEqual(await ctx.store.objects.count({ labels: ['apt-x'] }), 1);
    assert.deepEqual(
      (await ctx.store.objects.list({ text: 'beacon' }, { limit: 10 })).items.map((o) => o.id),
      [kept.id],
    );
    assert.deepEqual(await ctx.store.objects.lookup([ip('203.0.113.9')]), []);
    assert.equal((await ctx.store.federation.forms.get(seqs)).size, 0);
    assert.equal(await ctx.store.quarantine.count(), 0, 'the quarantined copy held the content too');
    assert.equal(JSON.parse((await ctx.store.objects.get(kept.id))?.json ?? '{}').name, 'secret beacon', 'other objects are untouched');
  });

  it('a tombstoned id stays tombstoned by its first retraction; unknown ids are not', async () => {
    const a = buildPrepared();
    await ctx.store.objects.insertBatch([a]);
    await tombstones().purge([a.id], 'key-1', 'retraction--1', T(1));
    assert.equal(await tombstones().purge([a.id], 'key-2', 'retraction--2', T(2)), 1);
    const held = await tombstones().get([a.id, 'indicator--00000000-0000-4000-8000-000000000000']);
    assert.deepEqual([...held], [[a.id, { objectId: a.id, retractedAt: T(1), retractedBy: 'key-1', retractionId: 'retraction--1' }]]);
    assert.equal(await tombstones().purge([], 'key-1', 'retraction--3', T(3)), 0);
  });

  it('keeps a tombstone for an id never held, so that it is refused when it arrives later', async () => {
    const id = 'malware--8b4f4f4e-1c1d-4c8e-9a2b-5d8d3c7f0a11';
    assert.equal(await tombstones().purge([id], 'key-1', 'retraction--1', T(1)), 0);
    assert.equal((await tombstones().get([id])).get(id)?.retractionId, 'retraction--1');
  });

  it('lists the latest tombstones first, at most as many as asked', async () => {
    const [a, b, c] = [buildPrepared(), buildPrepared(), buildPrepared()];
    await ctx.store.objects.insertBatch([a, b, c]);
    await tombstones().purge([b.id], 'k', 'retraction--b', T(2));
    await tombstones().purge([a.id], 'k', 'retraction--a', T(1));
    await tombstones().purge([c.id], 'k', 'retraction--c', T(3));
    assert.deepEqual(
      (await tombstones().list(2)).map((t) => t.objectId),
      [c.id, b.id],
    );
  });

  it("keeps each peer's highest audit head statement, never a lower one", async () => {
    const w = ctx.store.federation.witnesses;
    const statement = (keyId: string, seq: number): HeadStatement => ({
      node: `identity--${keyId}`,
      keyId,
      seq,
      hash: `hash-${seq}`,
      statedAt: T(seq),
      signature: `sig-${seq}`,
    });
    assert.equal(await w.get('k1'), undefined);
    await w.keep(statement('k1', 5), T(10));
    await w.keep(statement('k1', 3), T(11));
    await w.keep(statement('k2', 1), T(11));
    assert.deepEqual(await w.get('k1'), statement('k1', 5), 'a lower head is weaker evidence');
    await w.keep(statement('k1', 7), T(12));
    assert.deepEqual(await w.get('k1'), statement('k1', 7));
    assert.deepEqual(await w.get('k2'), statement('k2', 1));
  });
});
