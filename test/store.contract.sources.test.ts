// The store contract for import runs (SourceRepo, migrations/0030_ingest_sources.ts; issue 15,
// must 3): a run is recorded once, each version written with its id names it, on every engine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildNextVersion, buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const AT = '2026-12-07T14:02:00.000Z';

contractSuite('store contract: import runs', (ctx) => {
  const repo = () => ctx.store.sources;

  it('records runs with distinct ids, and names the run of each version written with one', async () => {
    const upload = await repo().create({ kind: 'upload', label: 'grid-iocs.json', jobId: 'job-1', actor: 'alice' }, AT);
    const feed = await repo().create({ kind: 'feed', label: 'https://feeds.example/taxii2/' }, AT);
    assert.notEqual(upload, feed);
    const a = buildPrepared();
    const b = buildPrepared();
    const a2 = buildNextVersion(a);
    const unnamed = buildPrepared();
    const results = await ctx.store.objects.insertBatch([
      { ...a, sourceId: upload },
      { ...b, sourceId: upload },
      { ...a2, sourceId: feed },
      unnamed,
    ]);
    const seqs = results.map((r) => (r.status === 'inserted' ? r.seq : -1));
    assert.ok(
      seqs.every((s) => s > 0),
      JSON.stringify(results),
    );
    const [sa, sb, sa2, su] = seqs as [number, number, number, number];
    const runs = await repo().ofVersions([sa, sb, sa2, su, 999_999]);
    assert.deepEqual(runs.get(sa), {
      id: upload,
      kind: 'upload',
      label: 'grid-iocs.json',
      jobId: 'job-1',
      actor: 'alice',
      createdAt: AT,
    });
    assert.equal(runs.get(sb)?.id, upload);
    assert.deepEqual(runs.get(sa2), {
      id: feed,
      kind: 'feed',
      label: 'https://feeds.example/taxii2/',
      jobId: null,
      actor: null,
      createdAt: AT,
    });
    // A version written without a run (before migration 0030, or by a store-level tool) names none.
    assert.equal(runs.has(su), false);
    assert.equal(runs.has(999_999), false);
    assert.equal(runs.size, 3);
  });

  it('answers an empty map for no versions', async () => {
    assert.equal((await repo().ofVersions([])).size, 0);
  });
});
