// Sightings' anonymity on every read path (issue 17, must 2 and must 9): fast-check builds random
// worlds (helpers/sighting-world.ts) of organisations in random countries and sectors sighting one
// indicator with each disclosure; for every reader, no read path tells a partner the organisation
// (id or name) of a sighting that does not disclose it, nor the country or sectors of an anonymous
// one, and the organisation still sees its own; nor does a peer's egress page (federation.sightings.test.ts
// follows hidden sightings to a second node).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CONCORD_SIGHTING_EXTENSION_ID, type SightingAggregate } from '../src/domain/sightings/api.ts';
import type { ObjectAccess } from '../src/domain/objects/access.ts';
import { generateNodeKey } from '../src/domain/federation/keys.ts';
import type { Peer } from '../src/domain/federation/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Person } from './helpers/people.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import {
  buildSightingWorld,
  knowsPlace,
  knowsSighter,
  type ModelSighting,
  secretsOf,
  sightingWorldArb,
  type SightingWorld,
} from './helpers/sighting-world.ts';
import { ENGINES } from './helpers/store-engines.ts';
import type { Obj } from './helpers/stix.ts';

type Listed = {
  objects: Obj[];
  owners: Record<string, string>;
  total?: { count: number };
  facets?: { owner: { value: string; count: number }[] };
};

/** Asserts that the text about sighting `s` tells `reader` nothing the disclosure hides. */
function tellsNothing(text: string, s: ModelSighting, reader: string, where: string): void {
  for (const secret of secretsOf(s, reader)) assert.ok(!text.includes(secret), `${where} tells ${reader} the sighter of ${s.id}`);
}

/** Asserts the same of a sighting's STIX form, and that an anonymous one carries no place. */
function objectTellsNothing(o: Obj, s: ModelSighting, reader: string, where: string): void {
  tellsNothing(JSON.stringify(o), s, reader, where);
  const ext = (o['extensions'] as Record<string, Record<string, unknown>> | undefined)?.[CONCORD_SIGHTING_EXTENSION_ID];
  if (!knowsPlace(s, reader)) {
    assert.equal(ext?.['country'], undefined, `${where}: country of anonymous ${s.id}`);
    assert.equal(ext?.['sectors'], undefined, `${where}: sectors of anonymous ${s.id}`);
  }
}

/** Of the world's sightings, those `owner` disclosed to everyone (what a partner may count as its). */
const disclosedBy = (w: SightingWorld, owner: string): ModelSighting[] =>
  w.sightings.filter((s) => s.owner.id === owner && s.disclosure === 'organization');

/** A peer of the node, hosting an organisation of its own. */
const peerOrg = 'identity--7d2c1b0a-3e4f-4a5b-8c6d-9e0f1a2b3c4d';

async function pinPeer(node: TestNode): Promise<Peer> {
  const key = generateNodeKey();
  const added = await node.services.federation.peers.add(CLI, {
    url: 'http://127.0.0.1:9',
    key: key.publicKey,
    name: 'peer',
    orgs: [peerOrg],
  });
  return node.services.federation.peers.get(CLI, added.id);
}

/** The federation egress page of a peer hosting none of the world's organisations: every
 *  sighting leaves, none telling the peer more than its disclosure. */
async function checkEgress(node: TestNode, w: SightingWorld, peer: Peer): Promise<void> {
  const byId = new Map(w.sightings.map((s) => [s.id, s]));
  const page = await node.services.federation.egress.page(peer, 0, 1000);
  const sent = page.objects.map((t) => JSON.parse(t) as Obj).filter((o) => byId.has(o.id));
  assert.equal(sent.length, w.sightings.length, 'every sighting leaves');
  for (const o of sent) objectTellsNothing(o, byId.get(o.id) as ModelSighting, peerOrg, 'the federation egress page');
}

async function checkReader(node: TestNode, w: SightingWorld, who: Person): Promise<void> {
  const me = who.org.id;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await node.app.inject({ method: 'GET', url, headers: { ...who.auth, ...headers } });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res;
  };
  const byId = new Map(w.sightings.map((s) => [s.id, s]));

  // One object, and the access panel, per sighting.
  for (const s of w.sightings) {
    const one = await get(`/api/v1/objects/${s.id}`);
    objectTellsNothing(one.json() as Obj, s, me, 'GET /objects/:id');
    const access = (await get(`/api/v1/objects/${s.id}/access`)).json() as ObjectAccess;
    tellsNothing(JSON.stringify(access), s, me, 'GET /objects/:id/access');
    if (s.owner.id === me) assert.equal(access.owner.id, me, 'the organisation sees it owns its sighting');
  }

  // The Explorer list: objects, owner column, total and owner facet.
  const list = (await get('/api/v1/objects?type=sighting&limit=1000')).json() as Listed;
  assert.deepEqual(new Set(list.objects.map((o) => o.id)), new Set(byId.keys()), 'every sighting is listed');
  for (const o of list.objects) {
    const s = byId.get(o.id) as ModelSighting;
    objectTellsNothing(o, s, me, 'GET /objects');
    tellsNothing(list.owners[o.id] ?? '', s, me, 'the owner column');
    if (s.owner.id === me) assert.equal(list.owners[o.id], who.org.name, 'the owner column names its own organisation');
  }
  for (const org of w.orgs) {
    if (org.id === me) continue;
    const facet = list.facets?.owner.find((f) => f.value === org.id)?.count ?? 0;
    assert.ok(facet <= disclosedBy(w, org.id).length, `the owner facet counts ${org.name}'s hidden sightings for ${me}`);
    // Filtered by the partner as owner: only what it disclosed is found, listed or counted.
    const owned = (await get(`/api/v1/objects?type=sighting&owner=${org.id}&limit=1000`)).json() as Listed;
    const disclosed = new Set(disclosedBy(w, org.id).map((s) => s.id));
    for (const o of owned.objects) assert.ok(disclosed.has(o.id), `owner=${org.name} finds hidden ${o.id} for ${me}`);
    assert.ok((owned.total?.count ?? 0) <= disclosed.size, `owner=${org.name} counts hidden sightings for ${me}`);
  }

  // The exports: STIX and CSV.
  const exported = JSON.parse((await get('/api/v1/export?type=sighting')).body) as { objects: Obj[] };
  for (const o of exported.objects) {
    const s = byId.get(o.id);
    if (s) objectTellsNothing(o, s, me, 'the STIX export');
  }
  const csv = (await get('/api/v1/export?type=sighting&format=csv')).body.split('\n');
  for (const s of w.sightings) for (const line of csv.filter((l) => l.includes(s.id))) tellsNothing(line, s, me, 'the CSV export');

  // TAXII objects and manifest.
  const taxii = { accept: 'application/taxii+json;version=2.1' };
  const objects = (await get(`/taxii2/api/collections/${w.collection}/objects/?limit=1000`, taxii)).json() as { objects?: Obj[] };
  assert.equal(objects.objects?.length ?? 0, w.sightings.length, 'TAXII serves every sighting');
  for (const o of objects.objects ?? []) objectTellsNothing(o, byId.get(o.id) as ModelSighting, me, 'TAXII objects');
  const manifest = (await get(`/taxii2/api/collections/${w.collection}/manifest/?limit=1000`, taxii)).body;
  for (const s of w.sightings) tellsNothing(manifest, s, me, 'the TAXII manifest');

  // Dashboard: sightings are placed only by the places they disclose.
  const dash = (await get('/api/v1/dashboard?days=30')).json() as { places: { sighted: { key: string; count: number }[] } };
  for (const c of dash.places.sighted) {
    const may = w.sightings.filter(
      (s) => (s.disclosure === 'organization' && s.owner.country === c.key) || (knowsPlace(s, me) && s.country === c.key),
    );
    assert.ok(c.count <= may.length, `the dashboard places sightings in ${c.key} that ${me} may not place there`);
  }

  // The aggregate of the indicator (must 3), as far as the reader may know who sighted.
  const agg = (await get(`/api/v1/objects/${w.indicator.id}/sightings`)).json() as SightingAggregate;
  assert.equal(agg.sightings, w.sightings.length, 'the aggregate counts every sighting');
  checkAggregate(agg, w, me, byId);
}

function checkAggregate(a: SightingAggregate, w: SightingWorld, me: string, byId: Map<string, ModelSighting>): void {
  for (const org of w.orgs) {
    if (org.id === me) continue;
    const counted = a.byOrg.find((b) => b.org?.id === org.id)?.count ?? 0;
    assert.ok(counted <= disclosedBy(w, org.id).length, `the aggregate counts ${org.name}'s hidden sightings for ${me}`);
  }
  for (const v of a.recent) {
    const s = byId.get(v.id);
    if (!s) continue;
    tellsNothing(JSON.stringify(v), s, me, 'the aggregate');
    if (!knowsSighter(s, me)) assert.equal(v.sighter.org, null);
    if (!knowsPlace(s, me)) assert.deepEqual([v.sighter.country, v.sighter.sectors], [null, []]);
    if (s.owner.id === me) assert.equal(v.sighter.org?.id, me, 'the organisation sees its own sighting as its');
  }
}

for (const engine of ENGINES) {
  const runs = engine.name === 'sqlite' ? 5 : 2;
  describe(`sightings' anonymity on every read path (${engine.name})`, { skip: engine.skip }, () => {
    test('a partner never learns the organisation a sighting hides; the organisation sees its own', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(sightingWorldArb, async (spec) => {
          const node = await startNode({}, engine);
          try {
            const world = await buildSightingWorld(node, spec, ++run);
            for (const who of world.people) await checkReader(node, world, who);
            await checkEgress(node, world, await pinPeer(node));
          } finally {
            await node.dispose();
          }
        }),
        { numRuns: runs, endOnFailure: true },
      );
    });
  });
}
