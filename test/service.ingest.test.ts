// IngestService on a real store (issue 14: service-level tests): what a bundle's valid, invalid
// and conflicting objects become, the summary an importer reads, re-imports, and the markings
// that label what is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildIndicator, buildMalware, bundle, nextVersion } from './helpers/stix.ts';

describe('IngestService', () => {
  let node: TestNode;
  before(async () => {
    node = await startNode();
  });
  after(() => node?.dispose());

  const importBundle = async (objects: unknown[], source: string, overrides: { tlp?: string; distribution?: string } = {}) => {
    const owner = await node.services.importOwner(CLI, overrides);
    return node.services.ingest.importStream([JSON.stringify(bundle(objects))], { source, owner });
  };

  it('stores the valid objects of a bundle and quarantines the invalid and conflicting ones with their reasons', async () => {
    const good = buildIndicator({ name: 'good' });
    const v2 = nextVersion(good, { name: 'good, revised' });
    const invalid = buildIndicator({ pattern: undefined, name: 'no pattern' });
    const conflicting = { ...good, name: 'same version, other content' };
    const mal = buildMalware();
    const summary = await importBundle([good, invalid, v2, conflicting, mal], 'file:mixed.json');
    assert.deepEqual(
      { accepted: summary.accepted, unchanged: summary.unchanged, quarantined: summary.quarantined, reasons: summary.reasons },
      { accepted: 3, unchanged: 0, quarantined: 2, reasons: { STIX_INVALID: 1, VERSION_CONFLICT: 1 } },
    );
    assert.equal(summary.error, undefined);
    assert.equal((await node.store.objects.versions(good.id)).length, 2);
    assert.equal(
      JSON.parse((await node.store.objects.get(good.id))?.json ?? '{}').name,
      'good, revised',
      'the newer version is the latest',
    );
    assert.equal(await node.store.objects.get(invalid.id), undefined);
    const held = (await node.store.quarantine.list({ limit: 10 }, { source: 'file:mixed.json' })).items;
    const byReason = new Map(held.map((q) => [q.reason, q]));
    assert.equal(byReason.get('STIX_INVALID')?.objectId, invalid.id);
    assert.match(JSON.stringify(byReason.get('STIX_INVALID')?.details), /pattern/);
    assert.equal(byReason.get('VERSION_CONFLICT')?.objectId, good.id);
    assert.equal(JSON.parse(byReason.get('VERSION_CONFLICT')?.raw ?? '{}').name, 'same version, other content', 'the refused text is kept');
  });

  it('counts a re-import as unchanged and stores nothing twice', async () => {
    const objects = [buildIndicator(), buildMalware()];
    assert.equal((await importBundle(objects, 'file:once.json')).accepted, 2);
    const seqBefore = await node.store.dashboard.maxSeq();
    const again = await importBundle(objects, 'file:twice.json');
    assert.deepEqual([again.accepted, again.unchanged, again.quarantined], [0, 2, 0]);
    assert.equal(await node.store.dashboard.maxSeq(), seqBefore);
  });

  it("labels unmarked objects with the importer's markings, and marked ones with their own TLP", async () => {
    const plain = buildIndicator({ name: 'unmarked' });
    const red = buildIndicator({ name: 'marked red', object_marking_refs: [TLP2_MARKING_IDS.red] });
    await importBundle([plain, red], 'file:marked.json', { tlp: 'amber', distribution: 'organization' });
    const defaulted = buildIndicator({ name: 'org defaults' });
    await importBundle([defaulted], 'file:defaults.json');
    const labels = await node.store.access.latest([plain.id, red.id, defaulted.id]);
    assert.deepEqual(labels.get(plain.id), { ownerOrg: node.org.id, tlp: 'amber', distribution: { kind: 'organization' } });
    assert.equal(labels.get(red.id)?.tlp, 'red');
    assert.equal(labels.get(defaulted.id)?.tlp, node.org.defaultTlp);
    assert.equal(labels.get(defaulted.id)?.ownerOrg, node.org.id);
  });

  it('keeps what came before broken JSON and reports where it broke', async () => {
    const first = buildIndicator({ name: 'before the break' });
    const text = `{"type":"bundle","id":"bundle--6f1e7b8a-3c2d-4e5f-8a9b-0c1d2e3f4a5b","objects":[${JSON.stringify(first)},{"type":`;
    const progress: number[] = [];
    const summary = await node.services.ingest.importStream([text], {
      source: 'file:broken.json',
      owner: await node.services.importOwner(CLI),
      onProgress: (p) => progress.push(p.objectsRead),
    });
    assert.equal(summary.accepted, 1);
    assert.ok(summary.error, 'the summary says the input broke off');
    assert.ok(await node.store.objects.get(first.id));
    assert.equal(progress.at(-1), 1);
  });

  it('stores nobody-readable objects when no owner is given (store-level tools only)', async () => {
    const x = buildIndicator();
    const s = await node.services.ingest.importStream([JSON.stringify([x])], { source: 'bench' });
    assert.equal(s.accepted, 1);
    assert.equal((await node.store.access.latest([x.id])).size, 0);
  });
});
