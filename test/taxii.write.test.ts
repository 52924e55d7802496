// Adding objects to and deleting them from TAXII 2.1 collections (issue 4; TAXII 2.1 §4.3, §5.5,
// §5.7), and configuring collections through the administration API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, nextVersion, type Obj } from './helpers/stix.ts';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';

type Json = Record<string, unknown>;

// Run on both engines: TAXII paging and filters are SQL in store/, which differs per engine.
for (const engine of ENGINES)
  describe(`TAXII 2.1 add and delete objects (${engine.name})`, { skip: engine.skip }, () => {
    let node: TestNode;
    let writer: Person, colleague: Person, outsider: Person, viewer: Person;
    let inbox: Collection, board: Collection;

    function call(
      who: Person,
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      body?: unknown,
      type = TAXII,
    ): Promise<LightMyRequestResponse> {
      const headers: Record<string, string> = { ...who.auth, accept: TAXII, ...(body === undefined ? {} : { 'content-type': type }) };
      return node.app.inject({
        method,
        url,
        headers,
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    }
    async function post(who: Person, objects: unknown[], to = inbox.id): Promise<Json> {
      const res = await call(who, 'POST', `${ROOT}/collections/${to}/objects/`, { objects });
      assert.equal(res.statusCode, 202, res.body);
      return res.json() as Json;
    }
    async function settled(who: Person, id: string): Promise<Json> {
      await node.services.taxii.idle();
      const res = await call(who, 'GET', `${ROOT}/status/${id}/`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Json;
    }

    before(async () => {
      node = await startNode({ CONCORD_MAX_BODY_BYTES: '4096' }, engine);
      writer = await buildPerson(node.services);
      colleague = await buildPerson(node.services, { org: writer.org });
      outsider = await buildPerson(node.services);
      viewer = await buildPerson(node.services, { org: writer.org, roles: ['viewer'] });
      const org = `org:${writer.org.id}`;
      inbox = await node.services.collections.add(CLI, { title: 'Inbox', kind: 'target', read: [org], write: [org] });
      board = await node.services.collections.add(CLI, { title: 'Board', kind: 'target', read: ['*'] });
    });
    after(() => node.dispose());

    test('§5.5, §4.3.1: POST answers 202 with a status; the status settles with successes and failures with reasons', async () => {
      const good = buildIndicator();
      const bad = buildIndicator({ pattern: "[ipv4-addr:value = '" });
      const status = await post(writer, [good, bad]);
      assert.match(String(status['id']), /^[0-9a-f-]{36}$/);
      assert.equal(status['total_count'], 2);
      assert.ok(status['status'] === 'pending' || status['status'] === 'complete');
      const done = await settled(writer, String(status['id']));
      assert.equal(done['status'], 'complete');
      assert.deepEqual([done['success_count'], done['failure_count'], done['pending_count']], [1, 1, 0]);
      assert.deepEqual(done['successes'], [{ id: good.id, version: good['modified'] }]);
      const failure = (done['failures'] as Json[])[0];
      assert.equal(failure?.['id'], bad.id);
      assert.match(String(failure?.['message']), /STIX|PATTERN|pattern/i);
      assert.equal(done['pendings'], undefined, '§2: empty lists are omitted');
      const objects = (await call(writer, 'GET', `${ROOT}/collections/${inbox.id}/objects/`)).json() as { objects: Obj[] };
      assert.deepEqual(
        objects.objects.map((o) => o.id),
        [good.id],
        'the target collection shows what was added to it',
      );
      // The object page names the TAXII add: collection, status, user (issue 15, must 3).
      const source = (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${good.id}/access`, headers: writer.auth })).json() as {
        source: { run: unknown };
      };
      assert.deepEqual(
        { ...(source.source.run as object), at: undefined },
        {
          kind: 'taxii',
          label: 'Inbox',
          jobId: status['id'],
          actor: writer.user.username,
          actorHidden: false,
          at: undefined,
        },
      );
    });

    test('§5.5: an exact duplicate of an object already in the collection is not an error', async () => {
      const o = buildMalware();
      await settled(writer, String((await post(writer, [o]))['id']));
      const again = await settled(writer, String((await post(writer, [o]))['id']));
      assert.deepEqual([again['success_count'], again['failure_count']], [1, 0]);
    });

    test('§5.5, §3.1: a body that is not application/taxii+json is 415; no Content-Type is 415', async () => {
      const res = await call(writer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, { objects: [] }, 'application/json');
      assert.equal(res.statusCode, 415);
      assert.equal(res.headers['content-type'], TAXII);
      assert.equal((res.json() as Json)['http_status'], '415');
      const none = await node.app.inject({
        method: 'POST',
        url: `${ROOT}/collections/${inbox.id}/objects/`,
        headers: { ...writer.auth, accept: TAXII },
      });
      assert.equal(none.statusCode, 415);
      assert.equal(
        (await call(writer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, { objects: [] }, 'application/taxii+json')).statusCode,
        202,
      );
    });

    test('§4.2.1, §5.5: a body over max_content_length is 413; one under it is not', async () => {
      const max = ((await call(writer, 'GET', `${ROOT}/`)).json() as Json)['max_content_length'];
      assert.equal(max, 4096);
      const big = { objects: [buildIndicator({ description: 'x'.repeat(5000) })] };
      const res = await call(writer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, big);
      assert.equal(res.statusCode, 413);
      assert.equal((res.json() as Json)['http_status'], '413');
      assert.equal(
        (
          await call(writer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, {
            objects: [buildIndicator({ description: 'x'.repeat(3000) })],
          })
        ).statusCode,
        202,
      );
    });

    test('§5.5: a body that is not an envelope, or not JSON, is 422', async () => {
      for (const body of ['[1,2]', '{"objects": 3}', '{"objects": [']) {
        const res = await call(writer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, body);
        assert.equal(res.statusCode, 422, body);
        assert.equal((res.json() as Json)['http_status'], '422');
      }
    });

    test('§5.5: can_write false is 403; neither right is 404; a viewer or a read-only token may not write', async () => {
      assert.equal((await call(writer, 'POST', `${ROOT}/collections/${board.id}/objects/`, { objects: [] })).statusCode, 403);
      assert.equal((await call(outsider, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, { objects: [] })).statusCode, 404);
      assert.equal((await call(viewer, 'POST', `${ROOT}/collections/${inbox.id}/objects/`, { objects: [] })).statusCode, 403);
      const c = (await call(viewer, 'GET', `${ROOT}/collections/${inbox.id}/`)).json() as Json;
      assert.deepEqual([c['can_read'], c['can_write']], [true, false]);
    });

    test("§4.3: a status is visible to its creator's organisation only; an unknown status is 404", async () => {
      const id = String((await post(writer, [buildIndicator()]))['id']);
      await node.services.taxii.idle();
      assert.equal((await call(colleague, 'GET', `${ROOT}/status/${id}/`)).statusCode, 200);
      assert.equal((await call(outsider, 'GET', `${ROOT}/status/${id}/`)).statusCode, 404);
      assert.equal((await call(writer, 'GET', `${ROOT}/status/2d086da7-4bdc-4f91-900e-d77486753710/`)).statusCode, 404);
    });

    test('§5.7: DELETE removes the object from the collection; afterwards get is 404 and the manifest omits it; the store keeps it', async () => {
      const v1 = buildIndicator({ name: 'to delete' });
      const v2 = nextVersion(v1, { name: 'to delete, v2' });
      await settled(writer, String((await post(writer, [v1, v2]))['id']));
      const one = `${ROOT}/collections/${inbox.id}/objects/${v1.id}/`;
      const versions = (await call(writer, 'GET', `${one}versions/`)).json() as Json;
      assert.deepEqual(versions['versions'], [v1['modified'], v2['modified']]);
      // One version first (match[version]), then the rest.
      assert.equal((await call(writer, 'DELETE', `${one}?match[version]=${String(v1['modified'])}`)).statusCode, 200);
      assert.deepEqual(((await call(writer, 'GET', `${one}versions/`)).json() as Json)['versions'], [v2['modified']]);
      const del = await call(writer, 'DELETE', one);
      assert.equal(del.statusCode, 200);
      assert.equal(del.headers['content-type'], TAXII);
      assert.equal((await call(writer, 'GET', one)).statusCode, 404);
      const manifest = (await call(writer, 'GET', `${ROOT}/collections/${inbox.id}/manifest/`)).json() as { objects?: Json[] };
      assert.ok(!(manifest.objects ?? []).some((r) => r['id'] === v1.id));
      assert.equal((await call(writer, 'DELETE', one)).statusCode, 404);
      assert.ok(await node.store.objects.get(v1.id), 'the store keeps every version');
    });

    test('§5.7: DELETE without write is 403, without read or write 404', async () => {
      const o = buildIndicator();
      await settled(writer, String((await post(writer, [o]))['id']));
      assert.equal((await call(viewer, 'DELETE', `${ROOT}/collections/${inbox.id}/objects/${o.id}/`)).statusCode, 403);
      assert.equal((await call(outsider, 'DELETE', `${ROOT}/collections/${inbox.id}/objects/${o.id}/`)).statusCode, 404);
    });

    test('administration API: node administrators add, change and remove collections; others get 403', async () => {
      const admin = { authorization: `Bearer ${node.adminToken}` };
      const add = await node.app.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: admin,
        payload: { title: 'Feeds', types: ['indicator'], read: ['*'], alias: 'feeds' },
      });
      assert.equal(add.statusCode, 201, add.body);
      const c = add.json() as Collection;
      assert.equal(c.kind, 'query');
      const patch = await node.app.inject({ method: 'PATCH', url: '/api/v1/collections/feeds', headers: admin, payload: { read: [] } });
      assert.deepEqual((patch.json() as Collection).read, []);
      assert.equal((await call(writer, 'GET', `${ROOT}/collections/feeds/`)).statusCode, 404, 'an empty grant list grants nobody');
      const refused = await node.app.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: writer.auth,
        payload: { title: 'Mine' },
      });
      assert.equal(refused.statusCode, 403);
      const bad = await node.app.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: admin,
        payload: { title: 'Bad', read: ['everyone'] },
      });
      assert.equal(bad.statusCode, 400);
      const writeQuery = await node.app.inject({
        method: 'POST',
        url: '/api/v1/collections',
        headers: admin,
        payload: { title: 'Bad', write: ['*'] },
      });
      assert.equal(writeQuery.statusCode, 400, 'a query collection cannot be written to');
      assert.equal((await node.app.inject({ method: 'DELETE', url: `/api/v1/collections/${c.id}`, headers: admin })).statusCode, 204);
      assert.equal((await node.app.inject({ method: 'GET', url: `/api/v1/collections/${c.id}`, headers: admin })).statusCode, 404);
    });
  });
