// The REST API as an analyst uses it: upload, list and search, read versions, graph, lookup,
// export, and clear errors (issue 2, §6).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildIdentity, buildIndicator, buildMalware, buildRelationship, buildSco, bundle, nextVersion, type Obj } from './helpers/stix.ts';

for (const engine of ENGINES)
  describe(`REST API /api/v1 on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    const author = buildIdentity({ name: 'CERT-EU' });
    const malware = buildMalware({ created_by_ref: author.id, labels: ['ics'], description: 'Targets electric grid substations' });
    const indicator = buildIndicator({
      created_by_ref: author.id,
      pattern: "[ipv4-addr:value = '198.51.100.0/24'] OR [domain-name:value = 'Evil.Example.COM']",
    });
    const rel = buildRelationship(indicator, 'indicates', malware);
    const ip = buildSco('ipv4-addr', { value: '203.0.113.9' });
    const indicator2 = nextVersion(indicator, { name: 'Bad network, revised' });
    // The node also holds what it publishes itself (its organisation's identity, marking
    // definitions); the assertions look at the test's own objects.
    const fixtures = new Set([author, malware, indicator, rel, ip].map((o) => o.id));
    const own = (objects: Obj[]): Obj[] => objects.filter((o) => fixtures.has(o.id));

    before(async () => {
      node = await startNode({}, engine);
      await node.load([author, malware, indicator, rel, ip]);
      await node.load([indicator2]);
    });
    after(() => node.dispose());

    const get = async (url: string) => {
      const res = await node.api({ method: 'GET', url });
      return {
        status: res.statusCode,
        type: String(res.headers['content-type']),
        body: res.json() as Record<string, unknown> & { objects: Obj[] },
      };
    };

    test('lists the latest versions, filtered by type and label', async () => {
      const all = await get('/api/v1/objects');
      assert.equal(all.status, 200);
      assert.equal(own(all.body.objects).length, 5);
      assert.equal(all.body.objects.find((o) => o.id === indicator.id)?.['name'], 'Bad network, revised');
      const byType = await get('/api/v1/objects?type=malware,identity');
      assert.deepEqual(
        own(byType.body.objects)
          .map((o) => o.type)
          .sort(),
        ['identity', 'malware'],
      );
      const byLabel = await get('/api/v1/objects?label=ics');
      assert.deepEqual(
        byLabel.body.objects.map((o) => o.id),
        [malware.id],
      );
      const byAuthor = await get(`/api/v1/objects?created_by_ref=${author.id}`);
      assert.equal(byAuthor.body.objects.length, 2);
    });

    test('full-text search finds words in description and name', async () => {
      const r = await get('/api/v1/objects?q=substations');
      assert.deepEqual(
        r.body.objects.map((o) => o.id),
        [malware.id],
      );
      assert.equal((await get('/api/v1/objects?q=revised')).body.objects[0]?.id, indicator.id);
    });

    test('pages with an opaque cursor until next is null', async () => {
      const seen: string[] = [];
      let url = '/api/v1/objects?limit=2';
      for (;;) {
        const r = await get(url);
        seen.push(...own(r.body.objects).map((o) => o.id));
        if (r.body['next'] === null) break;
        url = `/api/v1/objects?limit=2&cursor=${String(r.body['next'])}`;
      }
      assert.equal(new Set(seen).size, 5);
      assert.equal(seen.length, 5);
    });

    test('reads one object, a given version, and all versions', async () => {
      assert.equal((await get(`/api/v1/objects/${indicator.id}`)).body['name'], 'Bad network, revised');
      assert.equal((await get(`/api/v1/objects/${indicator.id}?version=${String(indicator['modified'])}`)).body['name'], 'Bad IP');
      const versions = await get(`/api/v1/objects/${indicator.id}/versions`);
      const list = versions.body['versions'] as { version: string; object: Obj }[];
      assert.deepEqual(
        list.map((v) => v.object['name']),
        ['Bad IP', 'Bad network, revised'],
      );
      assert.equal(list[0]?.version, indicator['modified']);
    });

    test('the neighbourhood takes a relationship as one hop', async () => {
      const r = await get(`/api/v1/objects/${malware.id}/neighbourhood`);
      const ids = r.body.objects.map((o) => o.id);
      assert.ok(ids.includes(rel.id) && ids.includes(indicator.id) && ids.includes(author.id));
      const edges = r.body['edges'] as { source: string; property: string; target: string }[];
      assert.ok(edges.some((e) => e.source === rel.id && e.property === 'source_ref' && e.target === indicator.id));
    });

    test('lookup matches indicator patterns (CIDR containment, case) and SCOs', async () => {
      const inNet = await get('/api/v1/lookup?value=198.51.100.77');
      assert.equal(inNet.body['kind'], 'ipv4');
      assert.deepEqual(
        (inNet.body['matches'] as { object: Obj }[]).map((m) => m.object.id),
        [indicator.id],
      );
      const domain = await get('/api/v1/lookup?value=evil.example.com.');
      assert.equal((domain.body['matches'] as unknown[]).length, 1);
      const sco = await get('/api/v1/lookup?value=203.0.113.9');
      assert.deepEqual(
        (sco.body['matches'] as { object: Obj }[]).map((m) => m.object.id),
        [ip.id],
      );
      const none = await get('/api/v1/lookup?value=192.0.2.1');
      assert.deepEqual(none.body['matches'], []);
    });

    test('batch lookup answers each value in order', async () => {
      const res = await node.api({
        method: 'POST',
        url: '/api/v1/lookup',
        payload: { values: ['198.51.100.1', 'nothing.example', '203.0.113.9'] },
      });
      const results = res.json().results as { value: string; matches: unknown[] }[];
      assert.deepEqual(
        results.map((r) => [r.value, r.matches.length]),
        [
          ['198.51.100.1', 1],
          ['nothing.example', 0],
          ['203.0.113.9', 1],
        ],
      );
    });

    test('export streams a STIX 2.1 bundle of the latest versions', async () => {
      const res = await node.api({ method: 'GET', url: '/api/v1/export?type=indicator' });
      assert.match(String(res.headers['content-type']), /application\/stix\+json/);
      const b = res.json() as { type: string; objects: Obj[] };
      assert.equal(b.type, 'bundle');
      assert.deepEqual(
        b.objects.map((o) => o['name']),
        ['Bad network, revised'],
      );
    });

    test('errors are problem+json naming what is wrong and where', async () => {
      const missing = await get('/api/v1/objects/malware--00000000-0000-4000-8000-000000000000');
      assert.equal(missing.status, 404);
      assert.match(missing.type, /application\/problem\+json/);
      assert.equal(missing.body['code'], 'NOT_FOUND');
      const badParam = await get('/api/v1/objects?limit=5000');
      assert.equal(badParam.status, 400);
      assert.equal(badParam.body['code'], 'INVALID_INPUT');
      assert.match(String(badParam.body['detail']), /querystring\.limit/);
      const badTime = await get('/api/v1/objects?modified_after=yesterday');
      assert.equal(badTime.body['code'], 'INVALID_INPUT');
      assert.match(String(badTime.body['detail']), /modified_after/);
      const badCursor = await get('/api/v1/objects?cursor=zzz');
      assert.equal(badCursor.body['parameter'], 'cursor');
      const badId = await get('/api/v1/objects/not-an-id');
      assert.equal(badId.status, 400);
      assert.ok(typeof badId.body['requestId'] === 'string');
    });

    test('an OpenAPI document describes the API', async () => {
      const doc = await get('/api/docs');
      assert.equal(doc.status, 200);
      const paths = Object.keys(doc.body['paths'] as object);
      for (const p of [
        '/api/v1/objects',
        '/api/v1/objects/{id}',
        '/api/v1/objects/{id}/versions',
        '/api/v1/objects/{id}/neighbourhood',
        '/api/v1/lookup',
        '/api/v1/imports',
        '/api/v1/imports/{id}',
        '/api/v1/export',
        '/api/v1/quarantine',
      ]) {
        assert.ok(paths.includes(p), `${p} is documented`);
      }
    });
  });

describe('bundle upload as an asynchronous job', () => {
  let node: TestNode;
  before(async () => {
    node = await startNode();
  });
  after(() => node.dispose());

  async function waitFor(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const job = (await node.api({ method: 'GET', url: `/api/v1/imports/${id}` })).json() as Record<string, unknown>;
      if (job['state'] === 'done' || job['state'] === 'failed') return job;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the import job did not finish');
  }

  test('accepts a bundle, reports progress and a summary with quarantine reasons', async () => {
    const good = Array.from({ length: 50 }, (_, i) => buildIndicator({ name: `ind ${i}` }));
    const bad = { ...buildMalware(), is_family: 'yes' };
    const payload = JSON.stringify(bundle([...good, bad]));
    const res = await node.api({
      method: 'POST',
      url: '/api/v1/imports?filename=cert%20bundle.json',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 202);
    const job = await waitFor(res.json().id);
    assert.equal(job['state'], 'done');
    assert.equal(job['bytesTotal'], Buffer.byteLength(payload));
    // Every object read counts, the quarantined one included, even for a job shorter than a progress tick.
    assert.equal(job['objectsRead'], 51);
    assert.equal(job['fileName'], 'cert bundle.json');
    assert.equal(job['uploadedBy'], 'admin');
    const recent = (await node.api({ method: 'GET', url: '/api/v1/imports' })).json() as { jobs: Record<string, unknown>[] };
    assert.deepEqual(
      recent.jobs.filter((j) => j['id'] === job['id']).map((j) => [j['fileName'], j['uploadedBy'], j['objectsRead']]),
      [['cert bundle.json', 'admin', 51]],
    );
    const summary = job['summary'] as Record<string, unknown>;
    assert.equal(summary['accepted'], 50);
    assert.equal(summary['quarantined'], 1);
    assert.deepEqual(summary['reasons'], { STIX_INVALID: 1 });
    const q = (await node.api({ method: 'GET', url: '/api/v1/quarantine' })).json() as {
      entries: { id: number; objectId: string; raw: string }[];
    };
    assert.equal(q.entries[0]?.objectId, bad.id);
    assert.deepEqual(JSON.parse(q.entries[0]?.raw ?? ''), bad);
  });

  test('a quarantined entry can be read and retried; a new failure keeps it quarantined with its reason', async () => {
    const list = (await node.api({ method: 'GET', url: '/api/v1/quarantine?reason=STIX_INVALID' })).json() as { entries: { id: number }[] };
    const id = list.entries[0]?.id;
    const shown = (await node.api({ method: 'GET', url: `/api/v1/quarantine/${id}` })).json() as {
      reason: string;
      details: { issues: { path: string; rule: string; section: string }[] };
    };
    assert.equal(shown.reason, 'STIX_INVALID');
    assert.deepEqual(
      shown.details.issues.map((i) => [i.path, i.rule]),
      [['$.is_family', 'type-mismatch']],
    );
    const retry = (await node.api({ method: 'POST', url: `/api/v1/quarantine/${id}/retry` })).json() as { outcome: string };
    assert.equal(retry.outcome, 'quarantined');
    assert.equal((await node.api({ method: 'GET', url: `/api/v1/quarantine/${id}` })).statusCode, 404);
    const after = (await node.api({ method: 'GET', url: '/api/v1/quarantine?reason=STIX_INVALID' })).json() as { entries: unknown[] };
    assert.equal(after.entries.length, list.entries.length);
  });

  test('a broken upload keeps what came before the break and says at which byte', async () => {
    const ok = buildIndicator();
    const text = JSON.stringify(bundle([ok, buildMalware()]));
    const cut = text.slice(0, text.lastIndexOf('"malware"'));
    const res = await node.api({
      method: 'POST',
      url: '/api/v1/imports',
      payload: cut,
      headers: { 'content-type': 'application/stix+json' },
    });
    const job = await waitFor(res.json().id);
    assert.equal(job['state'], 'failed');
    const summary = job['summary'] as { accepted: number; error: { code: string; offset: number } };
    assert.equal(summary.accepted, 1);
    assert.equal(summary.error.code, 'JSON_MALFORMED');
    assert.equal(summary.error.offset, Buffer.byteLength(cut));
    assert.equal((await node.api({ method: 'GET', url: `/api/v1/objects/${ok.id}` })).statusCode, 200);
  });

  test('an upload over the limit is refused with 413', async () => {
    const small = await startNode({ CONCORD_MAX_UPLOAD_BYTES: '2048' });
    try {
      const res = await small.api({
        method: 'POST',
        url: '/api/v1/imports',
        payload: 'x'.repeat(4096),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().code, 'BODY_TOO_LARGE');
    } finally {
      await small.dispose();
    }
  });
});
