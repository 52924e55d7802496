// Sightings leave their node as their organisation chose (issue 17, must 2): one that hides its
// organisation carries, in its signed provenance, the origin node instead of the organisation,
// is accepted so by the receiving node and held there owned by the origin node; one that names
// an organisation in its provenance anyway is refused at the boundary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disclosure } from '../src/domain/sightings/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { provenanceOf, signedText, signObject } from '../src/domain/federation/provenance.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { pin, startFedNode, type FedNode } from './helpers/federation.ts';
import { disclosedSighting } from './helpers/sighting-world.ts';
import { buildIndicator } from './helpers/stix.ts';

describe('sightings across nodes keep their disclosure', { timeout: 120_000 }, () => {
  let a: FedNode, b: FedNode;
  let aOnB: string;
  let aNode: string;

  before(async () => {
    a = await startFedNode({ CONCORD_ORG_NAME: 'CERT-EE sighter', CONCORD_ORG_COUNTRY: 'EE' });
    b = await startFedNode({ CONCORD_ORG_NAME: 'CERT-FR reader', CONCORD_ORG_COUNTRY: 'FR' });
    await pin(a, b);
    aOnB = (await pin(b, a)).id;
    aNode = (await a.services.federation.node.identity()).nodeId;
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  const importOn = async (node: FedNode, objects: object[]) => {
    const owner = await node.services.importOwner(CLI, { tlp: 'green', distribution: 'federation' });
    const s = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
    assert.equal(s.quarantined, 0, JSON.stringify(s));
  };

  test('a hidden sighting is signed in the node’s name and held by the receiver as the node’s', async () => {
    const indicator = buildIndicator({ name: 'seen on three nodes' });
    const s = (d: Disclosure) => disclosedSighting(indicator.id, a.org, d);
    const [named, countrySector, anonymous] = [s('organization'), s('country-sector'), s('anonymous')];
    await importOn(a, [indicator, named, countrySector, anonymous]);
    const r = await b.services.federation.sync.pull(aOnB);
    assert.equal(r.ok, true, r.error ?? '');
    for (const hidden of [countrySector, anonymous]) {
      const held = await b.store.objects.get(hidden.id);
      assert.ok(held, `B holds ${hidden.id}`);
      assert.equal(provenanceOf(JSON.parse(held.json) as StixObject)?.originOrg, aNode, 'the provenance names the node');
      assert.ok(!held.json.includes(a.org.id) && !held.json.includes(a.org.name), 'nothing on B names the sighter');
      assert.equal((await b.store.access.latest([hidden.id])).get(hidden.id)?.ownerOrg, aNode, 'owned by the origin node');
      // The organisation's own REST read serves the same signed form.
      const own = await a.api({ method: 'GET', url: `/api/v1/objects/${hidden.id}` });
      assert.equal(provenanceOf(own.json() as StixObject)?.originOrg, aNode);
    }
    const held = await b.store.objects.get(named.id);
    assert.equal(provenanceOf(JSON.parse(held?.json ?? '{}') as StixObject)?.originOrg, a.org.id, 'a named sighting names its org');
    assert.equal((await b.store.access.latest([named.id])).get(named.id)?.ownerOrg, a.org.id);
    // On A, the sighting still belongs to its organisation, which manages it.
    assert.equal((await a.store.access.latest([anonymous.id])).get(anonymous.id)?.ownerOrg, a.org.id);
  });

  test('retracting a hidden sighting is done in the node’s name: the retraction ties no organisation to it', async () => {
    const indicator = buildIndicator({ name: 'retracted sighting' });
    const hidden = disclosedSighting(indicator.id, a.org, 'anonymous');
    await importOn(a, [indicator, hidden]);
    assert.equal((await b.services.federation.sync.pull(aOnB)).ok, true);
    const { retraction } = await a.services.federation.retractions.retract(CLI, [hidden.id], 'sighted by mistake');
    assert.equal(retraction['created_by_ref'], aNode);
    const r = await b.services.federation.sync.pull(aOnB);
    assert.equal(r.ok, true, r.error ?? '');
    assert.equal((await b.store.access.latest([hidden.id])).size, 0, 'purged on B');
    const held = await b.store.objects.get(retraction.id);
    assert.ok(held, 'B holds the retraction');
    assert.ok(!held.json.includes(a.org.id) && !held.json.includes(a.org.name), 'the retraction names no organisation');
    assert.equal(provenanceOf(JSON.parse(held.json) as StixObject)?.originOrg, aNode);
  });

  test('a hidden sighting whose provenance names an organisation is refused', async () => {
    const indicator = buildIndicator({ name: 'leaky origin' });
    await importOn(a, [indicator]);
    const peer = await b.services.federation.peers.get(CLI, aOnB);
    const signer = (await a.services.federation.node.identity()).signer;
    const o = { ...disclosedSighting(indicator.id, a.org, 'anonymous'), object_marking_refs: [TLP2_MARKING_IDS.green] };
    const leaky = JSON.parse(signedText(signObject(o as StixObject, signer, a.org.id, 'federation'))) as StixObject;
    const r = await b.services.federation.ingress.receive(peer, [leaky]);
    assert.deepEqual(r.reasons, { PEER_ORIGIN_MISMATCH: 1 });
    assert.equal(await b.store.objects.get(o.id), undefined);
  });
});
