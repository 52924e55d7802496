// Sightings through the REST API as two organisations' analysts record and read them (issue 17,
// musts 1–3 and 8): one sighting, a batch of observed values, an object's aggregate, refusals that
// name the field, a sighting of what one cannot read answered as a missing object, and each
// anonymity choice as the sighting organisation and a partner see it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { BatchResult, SightingAggregate, SightingView } from '../src/domain/sightings/api.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from '../src/domain/sightings/api.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Json = Record<string, unknown>;
interface Recorded {
  object: Json & { id: string };
  sighting: SightingView;
}

for (const engine of ENGINES)
  describe(`sighting API on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let fr: Person, de: Person, viewer: Person;
    let shared: string, malware: string, hidden: string;

    const post = (url: string, who: Person, payload: unknown) =>
      node.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.auth, payload: payload as Json });
    const get = (url: string, who: Person) => node.app.inject({ url: `/api/v1${url}`, headers: who.auth });
    const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as T;
    };
    const field = (res: LightMyRequestResponse): unknown => {
      assert.equal(res.statusCode, 400, res.body);
      const p = res.json() as Json;
      assert.equal(p['code'], 'INVALID_INPUT', res.body);
      return p['field'];
    };
    const create = async (who: Person, object: Json, extra: Json = {}): Promise<string> =>
      ok<{ object: { id: string } }>(await post('/objects', who, { object, ...extra }), 201).object.id;

    before(async () => {
      node = await startNode({}, engine);
      fr = await buildPerson(node.services, { country: 'FR', roles: ['analyst'] });
      de = await buildPerson(node.services, { country: 'DE', roles: ['analyst'] });
      viewer = await buildPerson(node.services, { org: fr.org, roles: ['viewer'] });
      const shareable = { tlp: 'green', distribution: 'federation' };
      shared = await create(
        fr,
        {
          type: 'indicator',
          name: 'C2',
          pattern: "[ipv4-addr:value = '203.0.113.9']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00Z',
        },
        shareable,
      );
      malware = await create(fr, { type: 'malware', name: 'Industroyer', is_family: true }, shareable);
      await create(fr, { type: 'relationship', relationship_type: 'indicates', source_ref: shared, target_ref: malware }, shareable);
      hidden = await create(fr, { type: 'malware', name: 'Private', is_family: true }, { tlp: 'amber', distribution: 'organization' });
    });
    after(() => node.dispose());

    test('records one sighting: a STIX sighting naming the organisation, and its view', async () => {
      const r = ok<Recorded>(
        await post('/sightings', fr, {
          of: shared,
          count: 3,
          firstSeen: '2026-12-01T10:00:00.000Z',
          lastSeen: '2026-12-01T11:00:00.000Z',
          tlp: 'green',
          distribution: 'federation',
        }),
        201,
      );
      assert.equal(r.object['type'], 'sighting');
      assert.equal(r.object['sighting_of_ref'], shared);
      assert.equal(r.object['created_by_ref'], fr.org.id);
      assert.deepEqual(r.object['where_sighted_refs'], [fr.org.id]);
      assert.equal(r.object['count'], 3);
      assert.equal(r.sighting.count, 3);
      assert.equal(r.sighting.disclosure, 'organization');
      assert.deepEqual(r.sighting.sighter.org, { id: fr.org.id, name: fr.org.name });
      assert.equal(r.sighting.sighter.own, true);
      // Stored like every object: it reads back.
      ok(await get(`/objects/${r.object.id}`, fr));
    });

    test('refusals name the field; nothing is stored', async () => {
      const before = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, fr));
      assert.equal(field(await post('/sightings', fr, { of: shared, count: 0 })), 'count');
      assert.equal(
        field(await post('/sightings', fr, { of: shared, firstSeen: '2026-12-02T00:00:00.000Z', lastSeen: '2026-12-01T00:00:00.000Z' })),
        'lastSeen',
      );
      assert.equal(field(await post('/sightings', fr, { of: shared, type: 'maybe' })), 'type');
      assert.equal(field(await post('/sightings', fr, { of: shared, disclosure: 'secret' })), 'disclosure');
      assert.equal(
        field(await post('/sightings/batch', fr, { observed: [{ value: '203.0.113.9' }, { value: '203.0.113.9', count: 0 }] })),
        'observed[1].count',
      );
      assert.equal(field(await post('/sightings/batch', fr, { observed: [] })), 'observed');
      const many = Array.from({ length: 10_001 }, (_, i) => ({ value: `10.9.${i >> 8}.${i & 255}` }));
      assert.equal(field(await post('/sightings/batch', fr, { observed: many })), 'observed');
      const after = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, fr));
      assert.equal(after.sightings, before.sightings);
    });

    test('a sighting of what the caller cannot read answers as a missing object', async () => {
      const missing = 'malware--00000000-0000-4000-8000-000000000000';
      const unknown = await post('/sightings', de, { of: missing });
      const unreadable = await post('/sightings', de, { of: hidden });
      assert.equal(unreadable.statusCode, 404, unreadable.body);
      assert.equal(unknown.statusCode, 404);
      assert.equal((unreadable.json() as Json)['code'], (unknown.json() as Json)['code']);
      assert.equal((await get(`/objects/${hidden}/sightings`, de)).statusCode, 404);
      // A viewer may read but not record.
      assert.equal((await post('/sightings', viewer, { of: shared })).statusCode, 403);
    });

    test('anonymity: the partner learns only what the sighting organisation chose; the organisation sees its own whole', async () => {
      const marks = { tlp: 'green', distribution: 'federation' };
      const anon = ok<Recorded>(await post('/sightings', de, { of: shared, disclosure: 'anonymous', ...marks }), 201);
      assert.equal(anon.object['created_by_ref'], undefined);
      assert.equal(anon.object['where_sighted_refs'], undefined);
      const ext = (anon.object['extensions'] as Json)[CONCORD_SIGHTING_EXTENSION_ID] as Json;
      assert.equal(ext['disclosure'], 'anonymous');
      assert.match(String(ext['sighter_token']), /^[0-9a-f]{64}$/);
      assert.equal(ext['country'], undefined);
      const place = ok<Recorded>(await post('/sightings', de, { of: shared, disclosure: 'country-sector', ...marks }), 201);
      assert.equal(((place.object['extensions'] as Json)[CONCORD_SIGHTING_EXTENSION_ID] as Json)['country'], 'DE');

      const byFr = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, fr));
      const seenByFr = (id: string) => byFr.recent.find((s) => s.id === id);
      assert.equal(seenByFr(anon.object.id)?.sighter.org, null);
      assert.equal(seenByFr(anon.object.id)?.sighter.country, null);
      assert.equal(seenByFr(place.object.id)?.sighter.org, null);
      assert.equal(seenByFr(place.object.id)?.sighter.country, 'DE');
      assert.ok(!byFr.byOrg.some((o) => o.org?.id === de.org.id), 'the partner never learns the undisclosed organisation');
      assert.ok(byFr.byOrg.some((o) => o.org === null));

      const byDe = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, de));
      const own = byDe.recent.find((s) => s.id === anon.object.id);
      assert.deepEqual(own?.sighter.org, { id: de.org.id, name: de.org.name });
      assert.equal(own?.sighter.own, true);
      // Distinct sighters: FR and DE (DE's two undisclosed sightings count once, by their token).
      assert.equal(byDe.organisations, 2);
    });

    test('a batch matches observed values to readable indicators and records one sighting per match', async () => {
      const res = ok<BatchResult>(
        await post('/sightings/batch', de, {
          observed: [{ value: '203.0.113.9', lastSeen: '2026-12-03T08:00:00.000Z' }, { value: 'nothing-here.example' }],
          disclosure: 'country-sector',
          tlp: 'green',
          distribution: 'federation',
        }),
      );
      assert.equal(res.received, 2);
      assert.equal(res.matched, 1);
      assert.equal(res.recorded, 1);
      assert.deepEqual(
        res.results[0]?.matches.map((m) => m.id),
        [shared],
      );
      assert.equal(res.results[0]?.sightings.length, 1);
      assert.deepEqual(res.results[1]?.matches, []);
      const agg = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, fr));
      assert.ok(agg.recent.some((s) => s.id === res.results[0]?.sightings[0]));
      assert.ok(agg.series.some((d) => d.day === '2026-12-03'));
    });

    test("a malware family's aggregate includes its indicators' sightings", async () => {
      const agg = ok<SightingAggregate>(await get(`/objects/${malware}/sightings`, de));
      assert.deepEqual(agg.includes, [malware, shared]);
      assert.ok(agg.sightings >= 3);
      assert.ok(agg.byCountry.some((c) => c.country === 'DE'));
    });
    test("an observable's aggregate counts the sightings of the indicators holding its value; it is not sighted itself", async () => {
      const sco = await create(fr, { type: 'ipv4-addr', value: '203.0.113.9' }, { tlp: 'green', distribution: 'federation' });
      const agg = ok<SightingAggregate>(await get(`/objects/${sco}/sightings`, de));
      assert.deepEqual(agg.includes, [sco, shared]);
      assert.ok(agg.sightings >= 1);
      assert.equal(field(await post('/sightings', fr, { of: sco })), 'of');
    });

    test("listeners learn which objects' sightings changed after each catch-up", async () => {
      const heard: string[][] = [];
      node.services.sightings.onProjected((ids) => heard.push(ids));
      ok(await post('/sightings', fr, { of: malware, type: 'expired' }), 201);
      await node.services.sightings.idle();
      assert.ok(heard.some((ids) => ids.includes(malware)));
      const agg = ok<SightingAggregate>(await get(`/objects/${malware}/sightings`, fr));
      assert.equal(agg.expired, 1);
      assert.equal(agg.banner?.tlp !== undefined, true);
    });

    test("an organisation's default disclosure applies when a sighting chooses none", async () => {
      const admin = await buildPerson(node.services, { roles: ['admin'] });
      const patch = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/orgs/${de.org.id}`,
        headers: admin.auth,
        payload: { sightingDisclosure: 'country-sector' },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      assert.equal((patch.json() as Json)['sightingDisclosure'], 'country-sector');
      const bad = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/orgs/${de.org.id}`,
        headers: admin.auth,
        payload: { sightingDisclosure: 'secret' },
      });
      assert.equal(field(bad), 'sightingDisclosure');
      const r = ok<Recorded>(await post('/sightings', de, { of: shared }), 201);
      assert.equal(r.sighting.disclosure, 'country-sector');
      assert.equal(r.object['created_by_ref'], undefined);
    });

    test('the sighting endpoints are in the OpenAPI document', async () => {
      const doc = (await node.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
      for (const [path, method] of [
        ['/api/v1/sightings', 'post'],
        ['/api/v1/sightings/batch', 'post'],
        ['/api/v1/objects/{id}/sightings', 'get'],
      ] as const)
        assert.ok(doc.paths[path]?.[method]?.summary, `${method} ${path}`);
    });
    test('lookup matches carry their sightings as the reader may see them', async () => {
      const seen = ok<{ matches: { object: { id: string }; sightings: { count: number; lastSeen: string | null } | null }[] }>(
        await get('/lookup?value=203.0.113.9', de),
      );
      const match = seen.matches.find((m) => m.object.id === shared);
      const agg = ok<SightingAggregate>(await get(`/objects/${shared}/sightings`, de));
      assert.equal(match?.sightings?.count, agg.sightings);
      assert.equal(match?.sightings?.lastSeen, agg.lastSeen);
    });
    test('a revoked sighting leaves the aggregate; the others stay, each with its own time', async () => {
      const a = ok<Recorded>(await post('/sightings', fr, { of: malware, lastSeen: '2026-11-01T00:00:00.000Z' }), 201);
      const b = ok<Recorded>(await post('/sightings', fr, { of: malware, lastSeen: '2026-11-02T00:00:00.000Z' }), 201);
      const before = ok<SightingAggregate>(await get(`/objects/${malware}/sightings`, fr));
      assert.ok(before.series.some((d) => d.day === '2026-11-01') && before.series.some((d) => d.day === '2026-11-02'));
      ok(await post(`/objects/${a.object.id}/revoke`, fr, {}), 201);
      await node.services.sightings.idle();
      const after = ok<SightingAggregate>(await get(`/objects/${malware}/sightings`, fr));
      assert.equal(after.sightings, before.sightings - 1);
      assert.ok(!after.recent.some((s) => s.id === a.object.id));
      assert.ok(after.recent.some((s) => s.id === b.object.id));
    });
  });
