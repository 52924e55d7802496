// Feed administration over HTTP (issue 6, item 5; issue 4, item 3): a node administrator adds a
// TAXII feed that points at another node's collection, pulls it now, reads its last result and
// removes it. Bad input names the field at fault; credentials never come back; only node
// administrators get in (others 403, anonymous callers 401).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import type { FeedPullResult, FeedRunning } from '../src/domain/feeds/types.ts';
import { FeedService, type FeedView } from '../src/services/feed.service.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

describe('feeds over HTTP', () => {
  let source: TestNode, node: TestNode;
  let base: string;
  let collectionUrl: string;
  let analyst: Person;
  let readOnly: string;
  const indicators = [1, 2, 3].map((n) => buildIndicator({ name: `pulled over the API ${n}` }));

  before(async () => {
    source = await startNode();
    base = await source.app.listen({ host: '127.0.0.1', port: 0 });
    await source.load(indicators);
    const c = await source.services.collections.add(CLI, {
      title: 'Indicators for partners',
      alias: 'partners',
      types: ['indicator'],
      read: ['*'],
    });
    collectionUrl = `${base}/taxii2/api/collections/${c.id}/`;
    node = await startNode();
    analyst = await buildPerson(node.services, { roles: ['analyst'] });
    const admin = (await node.services.users.listUsers(CLI)).find((u) => u.username === 'admin');
    readOnly = (await node.services.users.createToken(CLI, { userId: admin?.id ?? '', name: 'read-only', scope: 'read' })).secret;
  });
  after(async () => {
    await node?.dispose();
    await source?.dispose();
  });

  // Every feed needs a unique name (issue 15, must 9); tests that are not about names get one.
  let named = 0;
  const add = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    node.api({ method: 'POST', url: '/api/v1/feeds', payload: { name: `feed ${++named}`, ...body }, headers });
  const list = async (): Promise<FeedView[]> =>
    (await node.api({ method: 'GET', url: '/api/v1/feeds' })).json<{ feeds: FeedView[] }>().feeds;

  test('adds a feed, pulls it now, shows the last pull, never returns the credential', async () => {
    const res = await add({ url: collectionUrl, token: source.adminToken, intervalSeconds: 3600 });
    assert.equal(res.statusCode, 201, res.body);
    const feed = res.json<FeedView>();
    assert.equal(feed.objectsUrl, `${collectionUrl}objects/`);
    assert.deepEqual(feed.auth, { kind: 'token' });
    assert.equal(feed.intervalSeconds, 3600);
    assert.equal(feed.lastPullAt, null);
    assert.ok(!res.body.includes(source.adminToken), 'the token is not echoed');

    const pull = await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` });
    assert.equal(pull.statusCode, 200, pull.body);
    const result = pull.json<FeedPullResult>();
    assert.equal(result.ok, true, result.error ?? '');
    assert.equal(result.accepted, indicators.length);
    for (const i of indicators)
      assert.equal((await node.api({ method: 'GET', url: `/api/v1/objects/${i.id}` })).statusCode, 200, `${i.id} arrived`);

    // The cursor moved: pulling again brings nothing new.
    const again = (await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` })).json<FeedPullResult>();
    assert.equal(again.ok, true);
    assert.equal(again.accepted, 0);

    const listed = (await list()).find((f) => f.id === feed.id);
    assert.ok(listed?.lastPullAt, 'the list shows when it was last pulled');
    assert.equal(listed.lastResult?.ok, true);
    assert.equal(listed.running, null, 'no pull is under way');
    const raw = (await node.api({ method: 'GET', url: '/api/v1/feeds' })).body;
    assert.ok(!raw.includes(source.adminToken), 'the list never shows the token');
  });

  test('while a pull runs, its progress is known page by page (the feed list shows it)', async () => {
    const more = [4, 5, 6, 7, 8].map((n) => buildIndicator({ name: `pulled page by page ${n}` }));
    await source.load(more);
    const feed = (await add({ url: collectionUrl, token: source.adminToken })).json<FeedView>();
    // The node's own service asks for 500 a page; this one for 2, so that the pull has pages.
    const feeds = new FeedService({
      feeds: node.store.feeds,
      ingest: node.services.ingest,
      audit: { record: async () => {} },
      owner: (o) => node.services.importOwner(CLI, o),
      pageLimit: 2,
    });
    const seen: (FeedRunning | null)[] = [];
    const result = await feeds.pull(CLI, feed.id, { onPage: () => seen.push(feeds.progress(feed.id)) });
    assert.equal(result.ok, true, result.error ?? '');
    assert.ok(seen.length >= 4, `${seen.length} pages`);
    assert.deepEqual(
      seen.map((p) => p?.pages),
      seen.map((_p, i) => i + 1),
      'one report per committed page',
    );
    assert.deepEqual(
      seen.map((p) => p?.objects),
      [...seen.map((p) => p?.objects ?? 0)].sort((a, b) => a - b),
      'objects only grow',
    );
    assert.equal(seen.at(-1)?.objects, result.objects);
    assert.equal(feeds.progress(feed.id), null, 'over: no progress left');
    assert.equal((await list()).find((f) => f.id === feed.id)?.running, null);
  });

  test('HTTP Basic credentials are shown by their kind and user name only; refused ones are not kept', async () => {
    const partner = await buildPerson(source.services, { roles: ['analyst'] });
    const res = await add({ url: collectionUrl, user: partner.user.username, password: partner.password });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json<FeedView>().auth, { kind: 'basic', user: partner.user.username });
    assert.ok(!res.body.includes(partner.password), 'the password is not echoed');
    // Credentials the peer refuses: the feed is not added, and the peer's answer says why.
    const before = (await list()).length;
    const refused = await add({ url: collectionUrl, user: partner.user.username, password: 'not the password' });
    assert.equal(refused.statusCode, 502, refused.body);
    assert.equal(refused.json<{ code: string }>().code, 'FEED_HTTP');
    assert.match(refused.json<{ detail: string }>().detail, /401/);
    assert.equal((await list()).length, before);
  });

  test('bad input is refused with the field at fault named', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'not a url' }, 'url'],
      [{ url: collectionUrl, token: 't', user: 'u', password: 'p' }, 'token'],
      [{ url: collectionUrl, user: 'u' }, 'password'],
      [{ url: `${base}/taxii2/api/`, collection: 'no-such-collection', token: source.adminToken }, 'collection'],
      [{ url: collectionUrl, token: source.adminToken, tlp: 'purple' }, 'tlp'],
      [{ url: collectionUrl, token: source.adminToken, tlp: 'red', distribution: 'federation' }, 'distribution'],
    ];
    for (const [body, field] of cases) {
      const res = await add(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json<{ field?: string }>().field, field, res.body);
    }
    const tooOften = await add({ url: collectionUrl, intervalSeconds: 5 });
    assert.equal(tooOften.statusCode, 400);
    assert.match(tooOften.json<{ detail: string }>().detail, /intervalSeconds/);
  });

  test('a pull that fails on the peer keeps its error with the feed', async () => {
    const gone = await source.services.collections.add(CLI, { title: 'Soon removed', types: ['indicator'], read: ['*'] });
    const feed = (await add({ url: `${base}/taxii2/api/collections/${gone.id}/`, token: source.adminToken })).json<FeedView>();
    await source.services.collections.remove(CLI, gone.id);
    const pull = await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` });
    assert.equal(pull.statusCode, 200, pull.body);
    const result = pull.json<FeedPullResult>();
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /404/);
    assert.equal((await list()).find((f) => f.id === feed.id)?.lastResult?.ok, false);
  });

  test('removing a feed stops it; what it brought stays', async () => {
    const feed = (await add({ url: collectionUrl, token: source.adminToken })).json<FeedView>();
    assert.equal((await node.api({ method: 'DELETE', url: `/api/v1/feeds/${feed.id}` })).statusCode, 204);
    assert.ok(!(await list()).some((f) => f.id === feed.id));
    assert.equal((await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` })).statusCode, 404);
    assert.equal((await node.api({ method: 'GET', url: `/api/v1/objects/${indicators[0]?.id ?? ''}` })).statusCode, 200);
  });

  test('only node administrators: others get 403, anonymous callers 401', async () => {
    const feed = (await add({ url: collectionUrl, token: source.adminToken })).json<FeedView>();
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/feeds'],
      ['POST', '/api/v1/feeds', { name: 'refused', url: collectionUrl }],
      ['POST', `/api/v1/feeds/${feed.id}/pull`],
      ['PATCH', `/api/v1/feeds/${feed.id}`, { name: 'taken over' }],
      ['DELETE', `/api/v1/feeds/${feed.id}`],
    ];
    for (const [method, url, payload] of calls) {
      const as = (headers: Record<string, string>) =>
        node.app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        });
      assert.equal((await as(analyst.auth)).statusCode, 403, `${method} ${url} as an analyst`);
      assert.equal((await as({})).statusCode, 401, `${method} ${url} anonymously`);
      if (method !== 'GET')
        assert.equal((await as({ authorization: `Bearer ${readOnly}` })).statusCode, 403, `${method} ${url} with a read-only token`);
    }
    assert.ok(
      (await list()).some((f) => f.id === feed.id),
      'the refused calls changed nothing',
    );
  });

  test('feeds have names: required, unique (409), editable, listed, and named in the audit log', async () => {
    const missing = await node.api({ method: 'POST', url: '/api/v1/feeds', payload: { url: collectionUrl, token: source.adminToken } });
    assert.equal(missing.statusCode, 400, missing.body);
    assert.match(missing.body, /name/);
    const blank = await add({ name: '   ', url: collectionUrl, token: source.adminToken });
    assert.equal(blank.statusCode, 400, blank.body);
    assert.equal(blank.json<{ field?: string }>().field, 'name');

    const res = await add({ name: 'Partner CERT indicators', url: collectionUrl, token: source.adminToken });
    assert.equal(res.statusCode, 201, res.body);
    const feed = res.json<FeedView>();
    assert.equal(feed.name, 'Partner CERT indicators');
    const taken = await add({ name: 'Partner CERT indicators', url: collectionUrl, token: source.adminToken });
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json<{ code: string }>().code, 'CONFLICT');

    const other = (await add({ name: 'Other', url: collectionUrl, token: source.adminToken })).json<FeedView>();
    const clash = await node.api({ method: 'PATCH', url: `/api/v1/feeds/${other.id}`, payload: { name: 'Partner CERT indicators' } });
    assert.equal(clash.statusCode, 409, clash.body);
    const renamed = await node.api({ method: 'PATCH', url: `/api/v1/feeds/${feed.id}`, payload: { name: 'Partner CERT (renamed)' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json<FeedView>().name, 'Partner CERT (renamed)');
    assert.equal((await list()).find((f) => f.id === feed.id)?.name, 'Partner CERT (renamed)');

    // A pull is one audit entry naming the feed, with what it did.
    assert.equal((await node.api({ method: 'POST', url: `/api/v1/feeds/${feed.id}/pull` })).statusCode, 200);
    const audit = await node.api({ method: 'GET', url: `/api/v1/audit?action=feed.pull&target=${feed.id}` });
    const [entry] = audit.json<{ entries: { actor: string; details: Record<string, unknown> }[] }>().entries;
    assert.equal(entry?.details['name'], 'Partner CERT (renamed)');
    assert.equal(entry?.details['outcome'], 'ok');
    assert.equal(typeof entry?.details['accepted'], 'number');
    assert.match(entry?.actor ?? '', /^user:admin\//);
  });
});
