// Writing objects through the REST API as analysts, coordinators and viewers of two
// organisations do (issue 15, must 4; must 5 for bulk): what is stored, what is refused and why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { CheckResult } from '../src/domain/writing/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Json = Record<string, unknown>;
interface Written {
  object: Json & { id: string; type: string; modified: string };
  marking: { tlp: string };
}

for (const engine of ENGINES)
  describe(`write API on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let analyst: Person, coordinator: Person, viewer: Person, other: Person, readOnly: { authorization: string };

    before(async () => {
      node = await startNode({}, engine);
      analyst = await buildPerson(node.services, { roles: ['analyst'] });
      coordinator = await buildPerson(node.services, { org: analyst.org, roles: ['coordinator'] });
      viewer = await buildPerson(node.services, { org: analyst.org, roles: ['viewer'] });
      other = await buildPerson(node.services, { roles: ['analyst'] });
      const { secret } = await node.services.users.createToken(CLI, { userId: analyst.user.id, name: 'ro', scope: 'read' });
      readOnly = { authorization: `Bearer ${secret}` };
    });
    after(() => node.dispose());

    const post = (url: string, who: { auth: { authorization: string } } | { authorization: string }, payload: unknown) =>
      node.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: 'auth' in who ? who.auth : who, payload: payload as Json });
    const ok = <T = Written>(res: LightMyRequestResponse, status = 201): T => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as T;
    };
    const problem = (res: LightMyRequestResponse, status: number, code: string): Json => {
      assert.equal(res.statusCode, status, res.body);
      const p = res.json() as Json;
      assert.equal(p['code'], code, res.body);
      return p;
    };
    const create = async (who: Person, object: Json, extra: Json = {}) => ok(await post('/objects', who, { object, ...extra }));
    const indicator = (name = 'C2 server') => ({
      type: 'indicator',
      name,
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    });

    test('creates each common type, filling in what STIX asks of a producer', async () => {
      const malware = await create(analyst, { type: 'malware', name: 'Industroyer', is_family: true });
      assert.match(malware.object.id, /^malware--[0-9a-f-]{36}$/);
      assert.equal(malware.object['spec_version'], '2.1');
      assert.equal(malware.object['created_by_ref'], analyst.org.id);
      assert.equal(malware.object['created'], malware.object.modified);
      assert.match(malware.object.modified, /\.\d{3}Z$/);
      // Without markings: the organisation's defaults, as an import by the same user.
      assert.equal(malware.marking.tlp, analyst.org.defaultTlp);
      const ind = await create(analyst, indicator(), { tlp: 'green' });
      assert.deepEqual(ind.object['object_marking_refs'], [TLP2_MARKING_IDS.green]);
      assert.equal(ind.marking.tlp, 'green');
      const made = [malware.object, ind.object];
      for (const o of [
        { type: 'intrusion-set', name: 'Sandworm' },
        { type: 'threat-actor', name: 'Sandworm Team', threat_actor_types: ['nation-state'] },
        { type: 'campaign', name: 'Grid 2026' },
        { type: 'vulnerability', name: 'CVE-2026-0001', external_references: [{ source_name: 'cve', external_id: 'CVE-2026-0001' }] },
        { type: 'ipv4-addr', value: '198.51.100.7' },
        { type: 'report', name: 'Grid intrusions', published: '2026-02-01T00:00:00Z', object_refs: [malware.object.id, ind.object.id] },
        { type: 'note', content: 'Seen at two substations', object_refs: [malware.object.id] },
        { type: 'opinion', opinion: 'agree', object_refs: [ind.object.id] },
      ])
        made.push((await create(analyst, o)).object);
      for (const o of made) {
        const read = await node.app.inject({ url: `/api/v1/objects/${o.id}`, headers: analyst.auth });
        assert.equal(read.statusCode, 200, `${o.type} reads back`);
        assert.equal((read.json() as Json)['id'], o.id);
      }
      // Another organisation does not see organisation defaults (amber, organisation).
      assert.equal((await node.app.inject({ url: `/api/v1/objects/${malware.object.id}`, headers: other.auth })).statusCode, 404);
      // The write is in the audit log, naming the object.
      const audit = await node.services.audit.list({ limit: 200 });
      assert.ok(audit.items.some((e) => e.action === 'object.create' && e.target === malware.object.id));
    });

    test('the write endpoints are in the OpenAPI document', async () => {
      const doc = (await node.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
      for (const path of [
        '/objects',
        '/objects/check',
        '/objects/bulk',
        '/objects/{id}/versions',
        '/objects/{id}/revoke',
        '/objects/{id}/markings',
        '/relationships',
        '/sightings',
      ])
        assert.ok(doc.paths[`/api/v1${path}`]?.['post']?.summary, `POST /api/v1${path}`);
    });

    test('an observable already held is a conflict, said as such by the check too', async () => {
      await create(analyst, { type: 'domain-name', value: 'held.example' });
      const again = problem(await post('/objects', analyst, { object: { type: 'domain-name', value: 'held.example' } }), 409, 'CONFLICT');
      assert.match(String(again['detail']), /held already/);
      const check = ok<CheckResult>(await post('/objects/check', analyst, { object: { type: 'domain-name', value: 'held.example' } }), 200);
      assert.equal(check.ok, false);
      assert.deepEqual(
        check.issues.map((i) => i.path),
        ['$.id'],
      );
      // Held by another organisation, unseen: stored under a random id, nothing said about the other.
      const mine = await create(analyst, { type: 'domain-name', value: 'mine.example' });
      const unseen = await create(other, { type: 'domain-name', value: 'mine.example' });
      assert.notEqual(unseen.object.id, mine.object.id);
      assert.match(unseen.object.id, /^domain-name--/);
    });

    test('an invalid pattern is refused with 422 and its JSON path, and nothing is stored or quarantined', async () => {
      const before = (await node.services.quarantine.list({ limit: 100 })).items.length;
      const p = problem(
        await post('/objects', analyst, { object: { ...indicator(), pattern: "[ipv4-addr:value = '" } }),
        422,
        'STIX_INVALID',
      );
      const issues = p['issues'] as { path: string; rule: string }[];
      assert.ok(
        issues.some((i) => i.path === '$.pattern' && i.rule === 'pattern-syntax'),
        JSON.stringify(issues),
      );
      assert.equal((await node.services.quarantine.list({ limit: 100 })).items.length, before);
      // The check endpoint reports the same without storing.
      const check = ok<CheckResult>(await post('/objects/check', analyst, { object: { ...indicator(), pattern: '[x' } }), 200);
      assert.equal(check.ok, false);
      assert.ok(check.issues.some((i) => i.path === '$.pattern'));
      const good = ok<CheckResult>(await post('/objects/check', analyst, { object: indicator() }), 200);
      assert.equal(good.ok, true);
      problem(
        await post('/objects', analyst, { object: indicator(), tlp: 'red', distribution: 'federation' }),
        422,
        'DISTRIBUTION_INCONSISTENT',
      );
      problem(await post('/objects', analyst, { object: { ...indicator(), created_by_ref: other.org.id } }), 400, 'INVALID_INPUT');
    });

    test('revises: changes overlaid, null removes, modified increases, a stale base is a conflict', async () => {
      const first = await create(analyst, { ...indicator('Rev'), description: 'first' });
      const id = first.object.id;
      const second = ok(
        await post(`/objects/${id}/versions`, analyst, { changes: { name: 'Rev 2', description: null }, base: first.object.modified }),
      );
      assert.equal(second.object['name'], 'Rev 2');
      assert.equal(second.object['description'], undefined);
      assert.equal(second.object['created'], first.object['created']);
      assert.ok(second.object.modified > first.object.modified);
      problem(await post(`/objects/${id}/versions`, analyst, { changes: { name: 'lost' }, base: first.object.modified }), 409, 'CONFLICT');
      const p = problem(
        await post(`/objects/${id}/versions`, analyst, { changes: { created: '2020-01-01T00:00:00Z' } }),
        400,
        'INVALID_INPUT',
      );
      assert.equal(p['field'], 'changes.created');
      const versions = (await node.app.inject({ url: `/api/v1/objects/${id}/versions`, headers: analyst.auth })).json() as {
        versions: unknown[];
      };
      assert.equal(versions.versions.length, 2);
    });

    test('revokes once; a revoked object gets no further version', async () => {
      const { object } = await create(analyst, { type: 'campaign', name: 'To revoke' });
      const revoked = ok(await post(`/objects/${object.id}/revoke`, analyst, {}));
      assert.equal(revoked.object['revoked'], true);
      problem(await post(`/objects/${object.id}/revoke`, analyst, {}), 409, 'CONFLICT');
      problem(await post(`/objects/${object.id}/versions`, analyst, { changes: { name: 'x' } }), 409, 'CONFLICT');
    });

    test("markings change; lowering is the owner's, audited; another organisation's object is NOT_OWNER", async () => {
      const { object } = await create(analyst, indicator('Marked'), { tlp: 'amber' });
      const raised = ok(await post(`/objects/${object.id}/markings`, analyst, { tlp: 'red' }));
      assert.equal(raised.marking.tlp, 'red');
      const lowered = ok(await post(`/objects/${object.id}/markings`, analyst, { tlp: 'clear', distribution: 'federation' }));
      assert.equal(lowered.marking.tlp, 'clear');
      const audit = await node.services.audit.list({ limit: 500 });
      assert.ok(audit.items.some((e) => e.action === 'marking.lowered' && e.target === object.id));
      // Now readable by the other organisation, which still may not change it.
      problem(await post(`/objects/${object.id}/markings`, other, { tlp: 'clear' }), 403, 'NOT_OWNER');
      problem(await post(`/objects/${object.id}/versions`, other, { changes: { name: 'mine' } }), 403, 'NOT_OWNER');
      problem(await post(`/objects/${object.id}/revoke`, other, {}), 403, 'NOT_OWNER');
    });

    test('relationships: refs must be readable (unseen answers as missing), types checked', async () => {
      const a = await create(analyst, { type: 'malware', name: 'A', is_family: false });
      const b = await create(analyst, indicator('B'));
      const rel = ok(
        await post('/relationships', analyst, { source_ref: b.object.id, target_ref: a.object.id, relationship_type: 'indicates' }),
      );
      assert.equal(rel.object['relationship_type'], 'indicates');
      ok(
        await post('/relationships', analyst, {
          source_ref: b.object.id,
          target_ref: a.object.id,
          relationship_type: 'shares-infrastructure-with',
        }),
      );
      const bad = problem(
        await post('/relationships', analyst, { source_ref: b.object.id, target_ref: a.object.id, relationship_type: 'Uses It' }),
        400,
        'INVALID_INPUT',
      );
      assert.equal(bad['field'], 'relationship_type');
      // The same rule when the relationship is written as an object.
      const asObject = problem(
        await post('/objects', analyst, {
          object: { type: 'relationship', source_ref: b.object.id, target_ref: a.object.id, relationship_type: 'USES' },
        }),
        422,
        'STIX_INVALID',
      );
      assert.ok((asObject['issues'] as { path: string }[]).some((i) => i.path === '$.relationship_type'));
      // The other organisation cannot see A's amber objects: its relationship's source is "not found".
      const theirs = await create(other, { type: 'malware', name: 'Theirs', is_family: true });
      const unseen = problem(
        await post('/relationships', other, { source_ref: b.object.id, target_ref: theirs.object.id, relationship_type: 'uses' }),
        404,
        'NOT_FOUND',
      );
      assert.equal(unseen['field'], 'source_ref');
      const missing = problem(
        await post('/relationships', other, {
          source_ref: theirs.object.id,
          target_ref: 'malware--00000000-0000-4000-8000-000000000000',
          relationship_type: 'uses',
        }),
        404,
        'NOT_FOUND',
      );
      assert.equal(missing['field'], 'target_ref');
    });

    test('sightings by a coordinator; indicators by a coordinator, anything by a viewer or a read-only token are refused', async () => {
      const ind = await create(analyst, indicator('Sighted'));
      const s = ok(
        await post('/sightings', coordinator, {
          sighting_of_ref: ind.object.id,
          where_sighted_refs: [coordinator.org.id],
          count: 3,
          first_seen: '2026-03-01T00:00:00Z',
          last_seen: '2026-03-02T00:00:00Z',
        }),
      );
      assert.equal(s.object.type, 'sighting');
      assert.equal(s.object['count'], 3);
      const order = problem(
        await post('/sightings', coordinator, {
          sighting_of_ref: ind.object.id,
          first_seen: '2026-03-02T00:00:00Z',
          last_seen: '2026-03-01T00:00:00Z',
        }),
        400,
        'INVALID_INPUT',
      );
      assert.equal(order['field'], 'last_seen');
      const where = problem(
        await post('/sightings', coordinator, { sighting_of_ref: ind.object.id, where_sighted_refs: [ind.object.id] }),
        400,
        'INVALID_INPUT',
      );
      assert.equal(where['field'], 'where_sighted_refs[0]');
      ok(await post('/objects', coordinator, { object: { type: 'note', content: 'seen here too', object_refs: [ind.object.id] } }));
      problem(await post('/objects', coordinator, { object: indicator() }), 403, 'ACCESS_DENIED');
      problem(
        await post('/relationships', coordinator, {
          source_ref: ind.object.id,
          target_ref: ind.object.id,
          relationship_type: 'related-to',
        }),
        403,
        'ACCESS_DENIED',
      );
      problem(await post('/objects', viewer, { object: indicator() }), 403, 'ACCESS_DENIED');
      problem(await post('/sightings', viewer, { sighting_of_ref: ind.object.id }), 403, 'ACCESS_DENIED');
      problem(await post('/objects', readOnly, { object: indicator() }), 403, 'ACCESS_DENIED');
      problem(await post(`/objects/${ind.object.id}/revoke`, readOnly, {}), 403, 'ACCESS_DENIED');
      // A coordinator may not publish versions of the organisation's indicator.
      problem(await post(`/objects/${ind.object.id}/revoke`, coordinator, {}), 403, 'ACCESS_DENIED');
      // Another organisation's coordinator-free analyst cannot sight what it cannot read.
      problem(await post('/sightings', other, { sighting_of_ref: ind.object.id }), 404, 'NOT_FOUND');
    });

    test('bulk: each id its own outcome with a stable code', async () => {
      const mine = await create(analyst, indicator('bulk 1'));
      const revoked = await create(analyst, indicator('bulk 2'));
      ok(await post(`/objects/${revoked.object.id}/revoke`, analyst, {}));
      const theirs = await create(
        other,
        { type: 'malware', name: 'bulk theirs', is_family: true },
        { tlp: 'clear', distribution: 'federation' },
      );
      const unseen = await create(other, { type: 'malware', name: 'bulk unseen', is_family: true });
      const ids = [mine.object.id, revoked.object.id, theirs.object.id, unseen.object.id];
      const res = await post('/objects/bulk', analyst, { ids, action: { kind: 'labels', add: ['triaged'] } });
      assert.equal(res.statusCode, 200, res.body);
      const { results } = res.json() as { results: { id: string; ok: boolean; code?: string }[] };
      assert.deepEqual(
        results.map((r) => [r.ok, r.code ?? null]),
        [
          [true, null],
          [false, 'CONFLICT'],
          [false, 'NOT_OWNER'],
          [false, 'NOT_FOUND'],
        ],
      );
      const read = (await node.app.inject({ url: `/api/v1/objects/${mine.object.id}`, headers: analyst.auth })).json() as Json;
      assert.deepEqual(read['labels'], ['triaged']);
      const marked = (await post('/objects/bulk', analyst, { ids: [mine.object.id], action: { kind: 'markings', tlp: 'red' } })).json() as {
        results: { ok: boolean }[];
      };
      assert.equal(marked.results[0]?.ok, true);
      problem(await post('/objects/bulk', coordinator, { ids, action: { kind: 'revoke' } }), 403, 'ACCESS_DENIED');
    });
  });
