// Provenance on every way in (issue 14): an object claiming a node's provenance is verified
// against that node's pinned key whether it comes from a peer's page, an import, TAXII add or a
// quarantine retry; the origin serves and exports its own objects signed, so `concord verify`
// passes on its export; a retracted object imported again is refused as retracted; and
// GET /api/v1/node lists the organisations the node hosts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import { publicKeyBytes } from '../src/domain/federation/keys.ts';
import { provenanceOf, travelsUnsigned, verifyObject } from '../src/domain/federation/provenance.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../src/domain/markings/concord-markings.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import type { PeerRecord } from '../src/domain/federation/types.ts';
import type { ImportSummary } from '../src/domain/imports/types.ts';
import { pin, startFedNode, type FedNode } from './helpers/federation.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { bundle, buildIndicator } from './helpers/stix.ts';

const TAXII = 'application/taxii+json;version=2.1';

/** A copy of a signed object whose distribution was widened, its provenance and signature kept. */
function widened(o: StixObject, distribution: string): StixObject {
  const copy = JSON.parse(JSON.stringify(o)) as StixObject;
  const ext = (copy['extensions'] as Record<string, Record<string, unknown>>)[CONCORD_OBJECT_EXTENSION_ID];
  assert.ok(ext && typeof ext['signature'] === 'string', 'the object leaves its origin signed');
  ext['distribution'] = distribution;
  return copy;
}

describe('provenance on every way in', { timeout: 120_000 }, () => {
  let a: FedNode, b: FedNode, c: FedNode;
  let cOnB: PeerRecord;
  let analyst: Person;

  before(async () => {
    a = await startFedNode({ CONCORD_ORG_NAME: 'CERT-FR', CONCORD_ORG_COUNTRY: 'FR' });
    b = await startFedNode({ CONCORD_ORG_NAME: 'NCIRC' });
    c = await startFedNode({ CONCORD_ORG_NAME: 'CERT-EU' });
    // B knows A's key (without syncing from it) and relays to C.
    await pin(b, a, { sync: false });
    cOnB = await pin(b, c);
    await pin(c, b);
    analyst = await buildPerson(b.services, { org: b.org });
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
    await c?.dispose();
  });

  /** Objects imported on `node` as its administrator, with default markings. */
  const importOn = async (node: FedNode, objects: unknown[], tlp: string, distribution: string): Promise<ImportSummary> => {
    const owner = await node.services.importOwner(CLI, { tlp, distribution });
    return node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
  };
  /** The node's own export (GET /api/v1/export) as its administrator. */
  const exportOf = async (node: FedNode, type: string): Promise<StixObject[]> => {
    const res = await node.api({ method: 'GET', url: `/api/v1/export?type=${type}` });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { objects: StixObject[] }).objects;
  };
  /** Uploads a bundle through POST /api/v1/imports and waits for its summary. */
  const upload = async (node: FedNode, objects: unknown[]): Promise<{ id: string; summary: ImportSummary }> => {
    const res = await node.api({ method: 'POST', url: '/api/v1/imports', payload: bundle(objects) });
    assert.equal(res.statusCode, 202, res.body);
    const id = (res.json() as { id: string }).id;
    await node.services.imports.idle();
    const job = (await node.api({ method: 'GET', url: `/api/v1/imports/${id}` })).json() as { state: string; summary: ImportSummary };
    assert.equal(job.state, 'done', JSON.stringify(job));
    return { id, summary: job.summary };
  };
  /** Whether B would send `id` to C. */
  const relayedToC = async (id: string): Promise<boolean> =>
    (await b.services.federation.egress.page(cOnB, 0, 1000)).objects.some((t) => t.includes(id));

  test('an export carries the signed form of what the node originated, and verifies', async () => {
    const x = buildIndicator({ name: 'exported signed' });
    assert.equal((await importOn(a, [x], 'green', 'organization')).accepted, 1);
    const exported = await exportOf(a, 'indicator,marking-definition');
    const keys = new Map([[a.keyId, publicKeyBytes(a.publicKey)]]);
    const checked = exported.filter((o) => !travelsUnsigned(o));
    assert.ok(checked.some((o) => o.id === x.id));
    // What `concord verify` does with the export (cli/verify.ts): every object signed and intact.
    for (const o of checked) assert.deepEqual(verifyObject(o, (k) => keys.get(k)).ok, true, `${o.id} verifies`);
    assert.equal(provenanceOf(checked.find((o) => o.id === x.id) as StixObject)?.distribution, 'organization');
    // The REST read of the same object is the same signed text.
    const read = await a.api({ method: 'GET', url: `/api/v1/objects/${x.id}` });
    assert.equal(provenanceOf(read.json() as StixObject)?.keyId, a.keyId);
    // Importing its own export again changes nothing.
    const again = await importOn(a, exported, 'green', 'organization');
    assert.deepEqual([again.accepted, again.quarantined], [0, 0], JSON.stringify(again));
  });

  test('the trial: an imported copy with a widened distribution is quarantined, unread and not relayed', async () => {
    const x = buildIndicator({ name: 'for CERT-FR only' });
    assert.equal((await importOn(a, [x], 'green', 'organization')).accepted, 1);
    const signed = (await exportOf(a, 'indicator')).find((o) => o.id === x.id) as StixObject;
    const { summary } = await upload(b, [widened(signed, 'federation')]);
    assert.deepEqual([summary.accepted, summary.reasons], [0, { PEER_SIGNATURE_INVALID: 1 }]);
    const entry = (await b.services.quarantine.list({ limit: 100 }, { reason: 'PEER_SIGNATURE_INVALID' })).items.find(
      (e) => e.objectId === x.id,
    );
    assert.ok(entry, 'kept in quarantine with the reason a peer pull gives');
    assert.match(entry.source, /^upload:/);
    const read = await b.app.inject({ method: 'GET', url: `/api/v1/objects/${x.id}`, headers: analyst.auth });
    assert.equal(read.statusCode, 404, "B's analysts do not read it");
    assert.equal(await relayedToC(x.id), false, 'B does not relay it');

    // Retried, it is checked again exactly the same way.
    const retried = await b.api({ method: 'POST', url: `/api/v1/quarantine/${entry.id}/retry` });
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal((retried.json() as { outcome: string }).outcome, 'quarantined');
    assert.equal(await b.store.objects.get(x.id), undefined);

    // The copy as A signed it is stored as A's (its origin), with the distribution A gave it.
    const intact = await upload(b, [signed]);
    assert.equal(intact.summary.accepted, 1, JSON.stringify(intact.summary));
    assert.equal((await b.store.access.latest([x.id])).get(x.id)?.ownerOrg, a.org.id);
    assert.equal((await b.app.inject({ method: 'GET', url: `/api/v1/objects/${x.id}`, headers: analyst.auth })).statusCode, 404);
  });

  test('TAXII add refuses a widened copy with the same reason', async () => {
    const x = buildIndicator({ name: 'via TAXII' });
    assert.equal((await importOn(a, [x], 'green', 'organization')).accepted, 1);
    const signed = (await exportOf(a, 'indicator')).find((o) => o.id === x.id) as StixObject;
    const org = `org:${b.org.id}`;
    const inbox = await b.services.collections.add(CLI, { title: 'Inbox', kind: 'target', read: [org], write: [org] });
    const res = await b.app.inject({
      method: 'POST',
      url: `/taxii2/api/collections/${inbox.id}/objects/`,
      headers: { authorization: `Bearer ${b.adminToken}`, accept: TAXII, 'content-type': TAXII },
      payload: JSON.stringify({ objects: [widened(signed, 'federation')] }),
    });
    assert.equal(res.statusCode, 202, res.body);
    await b.services.taxii.idle();
    const status = (
      await b.app.inject({
        method: 'GET',
        url: `/taxii2/api/status/${(res.json() as { id: string }).id}/`,
        headers: { authorization: `Bearer ${b.adminToken}`, accept: TAXII },
      })
    ).json() as { failure_count: number; failures: { id: string; message: string }[] };
    assert.equal(status.failure_count, 1);
    assert.match(status.failures[0]?.message ?? '', /^PEER_SIGNATURE_INVALID/);
    assert.equal(await b.store.objects.get(x.id), undefined);
  });

  test("a forged copy claiming this node's origin is refused", async () => {
    const y = buildIndicator({ name: 'held by B' });
    assert.equal((await importOn(b, [y], 'green', 'organization')).accepted, 1);
    const signed = (await exportOf(b, 'indicator')).find((o) => o.id === y.id) as StixObject;
    const forged = { ...widened(signed, 'federation'), modified: '2030-01-01T00:00:00.000Z', name: 'rewritten' };
    const s = await importOn(b, [forged], 'green', 'organization');
    assert.deepEqual([s.accepted, s.reasons], [0, { PEER_SIGNATURE_INVALID: 1 }], JSON.stringify(s));
    assert.equal(JSON.parse((await b.store.objects.get(y.id))?.json ?? '{}').name, 'held by B');
    // The node's own signed object, unaltered, is held already.
    assert.deepEqual((await importOn(b, [signed], 'green', 'organization')).unchanged, 1);
  });

  test('a retracted object imported again is refused as retracted, with when and why', async () => {
    const r = buildIndicator({ name: 'shared by mistake' });
    assert.equal((await importOn(a, [r], 'green', 'federation')).accepted, 1);
    const signed = (await exportOf(a, 'indicator')).find((o) => o.id === r.id) as StixObject;
    await a.services.federation.retractions.retract(CLI, [r.id], 'wrong customer');
    // A new version of it is refused as well: it is never accepted again (DESIGN.md, Federation).
    const newer = { ...r, modified: new Date(Date.parse(r.modified as string) + 1000).toISOString() };
    for (const copy of [r, signed, newer]) {
      const s = await importOn(a, [copy], 'green', 'federation');
      assert.deepEqual(s.reasons, { RETRACTED: 1 }, JSON.stringify(s));
    }
    const entries = (await a.services.quarantine.list({ limit: 100 }, { reason: 'RETRACTED' })).items.filter((e) => e.objectId === r.id);
    assert.equal(entries.length, 3);
    for (const e of entries) {
      assert.match(String((e.details as { message: string }).message), /was retracted on .* by node key/);
      assert.ok(!e.raw.includes('shared by mistake'), 'the purged content is not kept again');
    }
    assert.ok(
      entries.some((e) => /wrong customer/.test(String((e.details as { message: string }).message))),
      'with the reason given',
    );
  });

  test('GET /api/v1/node lists the organisations the node hosts', async () => {
    const res = await a.api({ method: 'GET', url: '/api/v1/node' });
    assert.equal(res.statusCode, 200, res.body);
    const info = res.json() as { keyId: string; organisations: { id: string; name: string }[] };
    assert.equal(info.keyId, a.keyId);
    assert.ok(
      info.organisations.some((o) => o.id === a.org.id && o.name === 'CERT-FR'),
      JSON.stringify(info),
    );
  });
});
