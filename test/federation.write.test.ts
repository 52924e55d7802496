// What is written through the API travels like what is imported (issue 15, must 4; issue 5):
// an object created and revised on A reaches B signed by A, and a sighting B's analyst records of
// it comes back to A.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONCORD_OBJECT_EXTENSION_ID } from '../src/domain/markings/concord-markings.ts';
import { pin, startFedNode, type FedNode } from './helpers/federation.ts';
import { buildPerson } from './helpers/people.ts';

describe('writes between two nodes', { timeout: 120_000 }, () => {
  let a: FedNode, b: FedNode;
  let peerOnA: string, peerOnB: string;

  before(async () => {
    a = await startFedNode({ CONCORD_ORG_NAME: 'CERT-FR', CONCORD_ORG_COUNTRY: 'FR' });
    b = await startFedNode({ CONCORD_ORG_NAME: 'CERT-EU' });
    peerOnA = (await pin(a, b)).id;
    peerOnB = (await pin(b, a)).id;
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  test('an object created and revised through the API reaches the peer, signed by its origin; a sighting comes back', async () => {
    const created = await a.api({
      method: 'POST',
      url: '/api/v1/objects',
      payload: {
        object: {
          type: 'indicator',
          name: 'Shared C2',
          pattern: "[ipv4-addr:value = '192.0.2.55']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00Z',
        },
        tlp: 'green',
        distribution: 'federation',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { object: { id: string } }).object.id;
    const revised = await a.api({
      method: 'POST',
      url: `/api/v1/objects/${id}/versions`,
      payload: { changes: { name: 'Shared C2, confirmed' } },
    });
    assert.equal(revised.statusCode, 201, revised.body);

    const pulled = await b.services.federation.sync.pull(peerOnB);
    assert.equal(pulled.ok, true, pulled.error ?? '');
    const held = await b.store.objects.get(id);
    assert.ok(held, 'the written object arrived');
    const object = JSON.parse(held.json) as Record<string, unknown> & { extensions: Record<string, Record<string, string>> };
    assert.equal(object['name'], 'Shared C2, confirmed', 'the latest version arrived');
    assert.equal(object['created_by_ref'], a.org.id);
    assert.match(object.extensions[CONCORD_OBJECT_EXTENSION_ID]?.['signature'] ?? '', /^[A-Za-z0-9_-]{86}$/);
    assert.equal((await b.store.objects.versions(id)).length, 2);

    // B's analyst reads it, may not change it (A owns it), and sights it.
    const analyst = await buildPerson(b.services, { org: b.org, roles: ['analyst'] });
    const post = (url: string, payload: Record<string, unknown>) =>
      b.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: analyst.auth, payload });
    const theirs = await post(`/objects/${id}/revoke`, {});
    assert.equal(theirs.statusCode, 403, theirs.body);
    assert.equal((theirs.json() as { code: string }).code, 'NOT_OWNER');
    const sighting = await post('/sightings', {
      sighting_of_ref: id,
      where_sighted_refs: [b.org.id],
      count: 1,
      tlp: 'green',
      distribution: 'federation',
    });
    assert.equal(sighting.statusCode, 201, sighting.body);
    const sightingId = (sighting.json() as { object: { id: string } }).object.id;
    const back = await a.services.federation.sync.pull(peerOnA);
    assert.equal(back.ok, true, back.error ?? '');
    const onA = await a.api({ method: 'GET', url: `/api/v1/objects/${sightingId}` });
    assert.equal(onA.statusCode, 200, onA.body);
    assert.equal((onA.json() as { sighting_of_ref: string }).sighting_of_ref, id);
  });
});
