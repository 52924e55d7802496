// The TAXII 2.1 server as a TAXII client uses it (issue 4): each MUST of TAXII 2.1 §1.6, §3, §4,
// §5, §7 and §8 that a server can be held to is a test naming its section.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, buildRelationship, nextVersion, type Obj } from './helpers/stix.ts';

const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type Body = Record<string, unknown> & { objects?: Obj[] };

// Run on both engines: TAXII paging and filters are SQL in store/, which differs per engine.
for (const engine of ENGINES)
  describe(`TAXII 2.1 server (${engine.name})`, { skip: engine.skip }, () => {
    let node: TestNode;
    let reader: Person;
    let outsider: Person;
    let all: Collection, inbox: Collection, hidden: Collection, board: Collection;
    const indicator = buildIndicator();
    const indicator2 = nextVersion(indicator, { name: 'Bad IP, revised' });
    const indicator3 = nextVersion(indicator2, { name: 'Bad IP, third' });
    const malware = buildMalware();
    const rel = buildRelationship(indicator, 'indicates', malware);
    const later = buildMalware({ name: 'Later' });

    async function share(objects: Obj[]): Promise<void> {
      const owner = await node.services.importOwner(CLI, { tlp: 'clear', distribution: 'federation' });
      const s = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(s.quarantined, 0, JSON.stringify(s));
    }

    /** A TAXII request as `who` (anonymous when undefined), with the TAXII Accept header. */
    function call(
      who: Person | undefined,
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      opts: { body?: unknown; type?: string; accept?: string | null } = {},
    ): Promise<LightMyRequestResponse> {
      const headers: Record<string, string> = { ...(who ? who.auth : {}) };
      if (opts.accept !== null) headers['accept'] = opts.accept ?? TAXII;
      if (opts.body !== undefined) headers['content-type'] = opts.type ?? TAXII;
      return node.app.inject({
        method,
        url,
        headers,
        ...(opts.body === undefined ? {} : { payload: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }),
      });
    }
    const get = async (url: string, who: Person = reader): Promise<{ res: LightMyRequestResponse; body: Body }> => {
      const res = await call(who, 'GET', url);
      return { res, body: res.json() as Body };
    };
    const ids = (b: Body): string[] => (b.objects ?? []).map((o) => o.id);

    before(async () => {
      node = await startNode({ CONCORD_MAX_BODY_BYTES: '8192' }, engine);
      reader = await buildPerson(node.services);
      outsider = await buildPerson(node.services);
      await share([indicator, malware, rel]);
      await share([indicator2]);
      await new Promise((r) => setTimeout(r, 5));
      await share([indicator3, later]);
      const types = ['indicator', 'malware', 'relationship'];
      all = await node.services.collections.add(CLI, { title: 'All threat objects', types, read: ['*'], alias: 'everything' });
      inbox = await node.services.collections.add(CLI, {
        title: 'Inbox',
        kind: 'target',
        read: [`org:${reader.org.id}`],
        write: [`org:${reader.org.id}`],
      });
      hidden = await node.services.collections.add(CLI, { title: 'Hidden', read: [`org:${outsider.org.id}`] });
      board = await node.services.collections.add(CLI, { title: 'Board', kind: 'target', read: ['*'] });
    });
    after(() => node.dispose());

    test('§4.1 discovery: GET /taxii2/ names the API root, and the default is one of api_roots (§4.1.1)', async () => {
      const { res, body } = await get('/taxii2/');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], TAXII);
      assert.equal(typeof body['title'], 'string');
      assert.deepEqual(body['api_roots'], ['/taxii2/api/']);
      assert.ok((body['api_roots'] as string[]).includes(String(body['default'])));
    });

    test('§4.2 API root: versions include application/taxii+json;version=2.1 and max_content_length is a positive integer (§4.2.1)', async () => {
      const { res, body } = await get(`${ROOT}/`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(body['versions'], [TAXII]);
      assert.equal(body['max_content_length'], 8192);
    });

    test('§1.6.9, §8.2.2: without credentials 401 with WWW-Authenticate; HTTP Basic and Bearer are accepted', async () => {
      const anon = await call(undefined, 'GET', `${ROOT}/collections/`);
      assert.equal(anon.statusCode, 401);
      assert.match(String(anon.headers['www-authenticate']), /Basic/);
      assert.equal(anon.headers['content-type'], TAXII);
      const basic = `Basic ${Buffer.from(`${reader.user.username}:${reader.password}`).toString('base64')}`;
      const viaBasic = await node.app.inject({
        method: 'GET',
        url: `${ROOT}/collections/`,
        headers: { authorization: basic, accept: TAXII },
      });
      assert.equal(viaBasic.statusCode, 200);
      const wrong = await node.app.inject({
        method: 'GET',
        url: `${ROOT}/`,
        headers: { authorization: `Basic ${Buffer.from(`${reader.user.username}:nope`).toString('base64')}`, accept: TAXII },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal((await call(reader, 'GET', `${ROOT}/`)).statusCode, 200);
    });

    test('§3.1, §1.6.8: a TAXII media range in Accept is answered (with or without version); none is 406', async () => {
      assert.equal((await call(reader, 'GET', `${ROOT}/`, { accept: 'application/taxii+json' })).statusCode, 200);
      assert.equal((await call(reader, 'GET', `${ROOT}/`, { accept: `application/stix+json;version=2.1, ${TAXII}` })).statusCode, 200);
      for (const accept of ['application/json', 'application/taxii+json;version=2.0', null]) {
        const res = await call(reader, 'GET', `${ROOT}/`, { accept });
        assert.equal(res.statusCode, 406, String(accept));
        assert.equal(res.headers['content-type'], TAXII);
      }
    });

    test('§3.6.1: errors are the error resource; http_status matches the HTTP status', async () => {
      const res = await call(reader, 'GET', `${ROOT}/collections/${all.id}/objects/?limit=0`);
      assert.equal(res.statusCode, 400);
      assert.equal(res.headers['content-type'], TAXII);
      const body = res.json() as Record<string, unknown>;
      assert.equal(typeof body['title'], 'string');
      assert.equal(body['http_status'], '400');
      assert.equal(typeof body['error_code'], 'string');
      const missing = await call(reader, 'GET', `${ROOT}/no-such-endpoint/`);
      assert.equal(missing.statusCode, 404);
      assert.equal((missing.json() as Record<string, unknown>)['http_status'], '404');
    });

    test('§5.1, §5.2.1: collections lists what the caller may read or write, with can_read, can_write and media_types; §3.3 in a stable order', async () => {
      const { body } = await get(`${ROOT}/collections/`);
      const list = body['collections'] as Record<string, unknown>[];
      const byId = new Map(list.map((c) => [c['id'], c]));
      assert.ok(!byId.has(hidden.id), 'a collection without rights is not listed');
      assert.deepEqual([byId.get(all.id)?.['can_read'], byId.get(all.id)?.['can_write']], [true, false]);
      assert.deepEqual([byId.get(inbox.id)?.['can_read'], byId.get(inbox.id)?.['can_write']], [true, true]);
      assert.deepEqual([byId.get(board.id)?.['can_read'], byId.get(board.id)?.['can_write']], [true, false]);
      assert.equal(byId.get(all.id)?.['alias'], 'everything');
      assert.deepEqual(byId.get(all.id)?.['media_types'], ['application/stix+json;version=2.1']);
      assert.deepEqual((await get(`${ROOT}/collections/`)).body, body);
    });

    test('§5.2: one collection by id or alias; a collection the caller can neither read nor write is 404', async () => {
      assert.equal((await get(`${ROOT}/collections/${all.id}/`)).body['title'], 'All threat objects');
      assert.equal((await get(`${ROOT}/collections/everything/`)).body['id'], all.id);
      for (const path of ['/', '/objects/', '/manifest/', `/objects/${indicator.id}/`, `/objects/${indicator.id}/versions/`]) {
        const res = await call(reader, 'GET', `${ROOT}/collections/${hidden.id}${path}`);
        assert.equal(res.statusCode, 404, path);
        assert.equal((res.json() as Record<string, unknown>)['http_status'], '404');
      }
      assert.equal((await get(`${ROOT}/collections/${hidden.id}/`, outsider)).res.statusCode, 200);
    });

    test('§5.4, §3.3, §3.2: objects are the latest versions in an envelope, sorted by date added, with the date-added headers', async () => {
      const { res, body } = await get(`${ROOT}/collections/${all.id}/objects/`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], TAXII);
      assert.deepEqual(ids(body), [malware.id, rel.id, indicator.id, later.id]);
      assert.equal(body.objects?.find((o) => o.id === indicator.id)?.['name'], 'Bad IP, third');
      assert.equal(body['more'], false);
      assert.match(String(res.headers['x-taxii-date-added-first']), TS);
      assert.match(String(res.headers['x-taxii-date-added-last']), TS);
      assert.ok(String(res.headers['x-taxii-date-added-first']) <= String(res.headers['x-taxii-date-added-last']));
    });

    test('§3.4.1: match[type], match[id] and match[spec_version] filter, values are ORed, fields ANDed', async () => {
      const url = `${ROOT}/collections/${all.id}/objects/`;
      assert.deepEqual(ids((await get(`${url}?match[type]=malware`)).body), [malware.id, later.id]);
      assert.deepEqual(ids((await get(`${url}?match[type]=malware,relationship`)).body), [malware.id, rel.id, later.id]);
      assert.deepEqual(ids((await get(`${url}?match[id]=${indicator.id},${malware.id}&match[type]=malware`)).body), [malware.id]);
      assert.deepEqual(ids((await get(`${url}?match[type]=campaign`)).body), [], 'a STIX type without objects is not an error');
      assert.equal((await get(`${url}?match[spec_version]=2.1`)).body.objects?.length, 4);
      assert.deepEqual((await get(`${url}?match[spec_version]=2.0`)).body, {}, '§3.7: no objects, an empty envelope');
      assert.equal((await call(reader, 'GET', `${url}?match[type]=a&match[type]=b`)).statusCode, 400, '§3.4: a field MUST NOT occur twice');
    });

    test('§3.4.1 match[version]: last by default, first, all, a timestamp, several; duplicates and all-with-others are 400', async () => {
      const url = `${ROOT}/collections/${all.id}/objects/?match[id]=${indicator.id}`;
      const names = async (q: string) => ((await get(`${url}${q}`)).body.objects ?? []).map((o) => o['name']);
      assert.deepEqual(await names(''), ['Bad IP, third']);
      assert.deepEqual(await names('&match[version]=last'), ['Bad IP, third']);
      assert.deepEqual(await names('&match[version]=first'), ['Bad IP']);
      assert.deepEqual(await names('&match[version]=all'), ['Bad IP', 'Bad IP, revised', 'Bad IP, third']);
      assert.deepEqual(await names(`&match[version]=${String(indicator2['modified'])}`), ['Bad IP, revised']);
      assert.deepEqual(await names(`&match[version]=first,${String(indicator2['modified'])}`), ['Bad IP', 'Bad IP, revised']);
      for (const bad of ['first,first', 'all,last', 'yesterday']) {
        assert.equal((await call(reader, 'GET', `${url}&match[version]=${bad}`)).statusCode, 400, bad);
      }
    });

    test('§3.4 added_after: only objects added after the timestamp; malformed or repeated is 400', async () => {
      const url = `${ROOT}/collections/${all.id}/objects/`;
      const first = await get(`${url}?match[type]=relationship`);
      const after = String(first.res.headers['x-taxii-date-added-last']);
      assert.deepEqual(ids((await get(`${url}?added_after=${after}`)).body), [indicator.id, later.id]);
      assert.equal((await call(reader, 'GET', `${url}?added_after=yesterday`)).statusCode, 400);
      assert.equal((await call(reader, 'GET', `${url}?added_after=${after}&added_after=${after}`)).statusCode, 400);
    });

    test('§3.5, §3.7: limit caps the page, more and next page through everything once', async () => {
      const url = `${ROOT}/collections/${all.id}/objects/?limit=1`;
      const seen: string[] = [];
      let next: string | undefined;
      for (let i = 0; i < 10; i++) {
        const { body } = await get(next === undefined ? url : `${url}&next=${encodeURIComponent(next)}`);
        assert.ok((body.objects ?? []).length <= 1, '§3.4: never more objects than the limit');
        seen.push(...ids(body));
        if (body['more'] !== true) break;
        assert.equal(typeof body['next'], 'string');
        next = String(body['next']);
      }
      assert.deepEqual(seen, [malware.id, rel.id, indicator.id, later.id]);
      const exact = await get(`${ROOT}/collections/${all.id}/objects/?limit=4`);
      assert.equal(exact.body['more'], false, 'more is true only when something follows');
      assert.equal((await call(reader, 'GET', `${url}&next=garbage`)).statusCode, 400);
      assert.equal((await call(reader, 'GET', `${ROOT}/collections/${all.id}/objects/?limit=-1`)).statusCode, 400);
    });

    test('§5.3, §5.3.1: the manifest has one record per version with id, date_added, version and media_type; filters and headers as for objects', async () => {
      const { res, body } = await get(`${ROOT}/collections/${all.id}/manifest/?match[id]=${indicator.id}&match[version]=all`);
      assert.equal(res.statusCode, 200);
      // Manifest records are not STIX objects, but Obj's open record reads their fields just as well.
      const records = body.objects ?? [];
      assert.deepEqual(
        records.map((r) => r['version']),
        [indicator['modified'], indicator2['modified'], indicator3['modified']],
      );
      for (const r of records) {
        assert.equal(r['id'], indicator.id);
        assert.match(String(r['date_added']), TS);
        assert.equal(r['media_type'], 'application/stix+json;version=2.1');
      }
      assert.equal(res.headers['x-taxii-date-added-first'], records[0]?.['date_added']);
      assert.equal(res.headers['x-taxii-date-added-last'], records.at(-1)?.['date_added']);
      assert.deepEqual(
        (await get(`${ROOT}/collections/${all.id}/manifest/?match[type]=campaign`)).body,
        {},
        '§5.3.1: no records, an empty object',
      );
    });

    test('§5.6: get an object returns an envelope (all versions on request); an unknown id is 404', async () => {
      const one = await get(`${ROOT}/collections/${all.id}/objects/${indicator.id}/`);
      assert.equal(one.res.statusCode, 200);
      assert.deepEqual(
        one.body.objects?.map((o) => o['name']),
        ['Bad IP, third'],
      );
      assert.ok(one.res.headers['x-taxii-date-added-last']);
      const every = await get(`${ROOT}/collections/${all.id}/objects/${indicator.id}/?match[version]=all`);
      assert.equal(every.body.objects?.length, 3);
      assert.equal(
        (await call(reader, 'GET', `${ROOT}/collections/${all.id}/objects/indicator--00000000-0000-4000-8000-000000000000/`)).statusCode,
        404,
      );
    });

    test('§5.8, §5.8.1: versions lists every version in the order added, with limit and headers', async () => {
      const { res, body } = await get(`${ROOT}/collections/${all.id}/objects/${indicator.id}/versions/`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(body['versions'], [indicator['modified'], indicator2['modified'], indicator3['modified']]);
      assert.match(String(res.headers['x-taxii-date-added-first']), TS);
      const paged = await get(`${ROOT}/collections/${all.id}/objects/${indicator.id}/versions/?limit=2`);
      assert.deepEqual(paged.body['versions'], [indicator['modified'], indicator2['modified']]);
      assert.equal(paged.body['more'], true);
      assert.equal(
        (await call(reader, 'GET', `${ROOT}/collections/${all.id}/objects/malware--00000000-0000-4000-8000-000000000000/versions/`))
          .statusCode,
        404,
      );
    });
  });
