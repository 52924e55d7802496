// "Also seen in" and warninglists over HTTP (issue 17, must 5): GET /api/v1/objects/{id}/correlations,
// GET /api/v1/warninglists, GET /api/v1/warninglists/check, and what lookups gain. Counts are of
// objects the reader may read only; a value over the correlation limit or on a warninglist is
// flagged and not expanded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Distribution } from '../src/domain/access/types.ts';
import type { Correlation, CorrelatedValue } from '../src/domain/correlation/api.ts';
import type { Tlp } from '../src/domain/markings/tlp.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildIndicator, bundle, type Obj } from './helpers/stix.ts';

const LISTS = sharedPath('data', 'misp-warninglists', 'lists');
const LIMIT = 3;

function indicator(name: string, ...comparisons: string[]): Obj {
  return buildIndicator({ name, pattern: `[${comparisons.join(' OR ')}]` });
}
const ip = (v: string) => `ipv4-addr:value = '${v}'`;
const domain = (v: string) => `domain-name:value = '${v}'`;

describe('correlation and warninglists over HTTP', { skip: skipUnlessShared(LISTS) }, () => {
  let node: TestNode;
  let insider: Person, partner: Person;
  // The object whose page is read: a shared address, a common domain, a public resolver and a
  // domain that only objects the partner cannot read carry.
  const root = indicator('Root', ip('185.220.101.10'), domain('cdn.badcorp.io'), ip('8.8.8.8'), domain('hidden.badcorp.io'));
  const shared = indicator('Shared with partners', ip('185.220.101.10'));
  const own = indicator('Own organisation only', ip('185.220.101.10'));
  const common = Array.from({ length: LIMIT + 2 }, (_, i) => indicator(`Common ${i}`, domain('cdn.badcorp.io')));
  const resolver = indicator('Uses a public resolver', ip('8.8.8.8'));
  const hidden = Array.from({ length: LIMIT + 2 }, (_, i) => indicator(`Hidden ${i}`, domain('hidden.badcorp.io')));

  async function load(objects: Obj[], tlp: Tlp, distribution: Distribution): Promise<void> {
    const summary = await node.services.ingest.importStream([JSON.stringify(bundle(objects))], {
      source: 'test',
      owner: { orgId: node.org.id, tlp, distribution, actor: 'system:test' },
    });
    assert.equal(summary.quarantined, 0, JSON.stringify(summary));
  }

  before(async () => {
    node = await startNode({ CONCORD_WARNINGLISTS_DIR: LISTS, CONCORD_CORRELATION_LIMIT: String(LIMIT) });
    insider = await buildPerson(node.services, { org: node.org });
    partner = await buildPerson(node.services, { orgName: 'Partner CERT', country: 'DE' });
    await load([root, shared, ...common, resolver], 'green', { kind: 'federation' });
    await load([own, ...hidden], 'amber', { kind: 'organization' });
  });
  after(() => node.dispose());

  async function correlations(id: string, who: Person): Promise<{ status: number; body: Correlation }> {
    const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}/correlations`, headers: who.auth });
    return { status: res.statusCode, body: res.json() as Correlation };
  }
  function value(c: Correlation, v: string): CorrelatedValue {
    const found = c.values.find((x) => x.value === v);
    assert.ok(found, `${v} in ${JSON.stringify(c.values.map((x) => x.value))}`);
    return found;
  }

  test('also seen in: the other objects carrying each value, as far as each reader may read them', async () => {
    const mine = await correlations(root.id, insider);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.of, root.id);
    assert.equal(mine.body.limit, LIMIT);
    const address = value(mine.body, '185.220.101.10');
    assert.equal(address.objects, 2);
    assert.equal(address.tooCommon, false);
    assert.deepEqual(address.warninglists, []);
    assert.deepEqual(address.seenIn.map((s) => s.name).sort(), ['Own organisation only', 'Shared with partners']);
    assert.ok(address.seenIn.every((s) => s.type === 'indicator' && s.marking !== undefined));

    const theirs = await correlations(root.id, partner);
    assert.equal(theirs.status, 200);
    const seen = value(theirs.body, '185.220.101.10');
    assert.equal(seen.objects, 1);
    assert.deepEqual(
      seen.seenIn.map((s) => s.id),
      [shared.id],
    );
  });

  test('a value carried by more objects than the limit is shown too common and not expanded', async () => {
    const { body } = await correlations(root.id, partner);
    const cdn = value(body, 'cdn.badcorp.io');
    assert.equal(cdn.tooCommon, true);
    assert.equal(cdn.objects, LIMIT + 1);
    assert.deepEqual(cdn.seenIn, []);
  });

  test('a warninglisted value is flagged and not expanded', async () => {
    const { body } = await correlations(root.id, partner);
    const dns = value(body, '8.8.8.8');
    assert.deepEqual(
      dns.warninglists.map((w) => w.id),
      ['public-dns-v4'],
    );
    assert.equal(dns.objects, 1);
    assert.deepEqual(dns.seenIn, []);
  });

  test('a reader never counts objects it cannot read, nor learns that a value is common among them', async () => {
    const insiderView = value((await correlations(root.id, insider)).body, 'hidden.badcorp.io');
    assert.equal(insiderView.tooCommon, true);
    const partnerView = value((await correlations(root.id, partner)).body, 'hidden.badcorp.io');
    assert.deepEqual(partnerView, {
      kind: 'domain',
      value: 'hidden.badcorp.io',
      objects: 0,
      tooCommon: false,
      warninglists: [],
      seenIn: [],
    });
    // An object the partner cannot read answers as a missing one.
    const res = await correlations(own.id, partner);
    assert.equal(res.status, 404);
    const missing = await correlations('indicator--00000000-0000-4000-8000-000000000000', partner);
    assert.equal(missing.status, 404);
    assert.equal((res.body as unknown as { code: string }).code, (missing.body as unknown as { code: string }).code);
  });

  test('lookups say which warninglists a value is on, and per match how many other objects carry it', async () => {
    const res = await node.app.inject({ method: 'GET', url: '/api/v1/lookup?value=8.8.8.8', headers: partner.auth });
    assert.equal(res.statusCode, 200);
    const body = res.json() as {
      warninglists: { id: string; name: string }[];
      matches: { object: { id: string }; correlation: { objects: number; tooCommon: boolean } }[];
    };
    assert.deepEqual(
      body.warninglists.map((w) => w.id),
      ['public-dns-v4'],
    );
    assert.equal(body.matches.length, 2);
    for (const m of body.matches) assert.deepEqual(m.correlation, { objects: 1, tooCommon: false });
    const batch = await node.app.inject({
      method: 'POST',
      url: '/api/v1/lookup',
      headers: partner.auth,
      payload: { values: ['cdn.badcorp.io', 'hidden.badcorp.io'] },
    });
    const [cdn, hiddenResult] = (
      batch.json() as { results: { warninglists: unknown[]; matches: { correlation: { objects: number; tooCommon: boolean } }[] }[] }
    ).results;
    assert.ok(cdn && cdn.matches.length === LIMIT + 3);
    assert.ok(cdn.matches.every((m) => m.correlation.tooCommon && m.correlation.objects === LIMIT + 1));
    // Only the root carries it among what the partner may read.
    assert.deepEqual(
      hiddenResult?.matches.map((m) => m.correlation),
      [{ objects: 0, tooCommon: false }],
    );
  });

  test('GET /api/v1/warninglists lists what was loaded; /check says which lists a value is on', async () => {
    const res = await node.app.inject({ method: 'GET', url: '/api/v1/warninglists', headers: partner.auth });
    assert.equal(res.statusCode, 200);
    const body = res.json() as { lists: { id: string; type: string; entries: number }[]; limit: number };
    assert.equal(body.lists.length, 15);
    assert.equal(body.limit, LIMIT);
    const dns = body.lists.find((l) => l.id === 'public-dns-v4');
    assert.ok(dns && dns.type === 'cidr' && dns.entries > 60_000);

    const check = async (q: string) => {
      const r = await node.app.inject({ method: 'GET', url: `/api/v1/warninglists/check?${q}`, headers: partner.auth });
      assert.equal(r.statusCode, 200);
      return r.json() as { kind: string | null; normalized: string | null; warninglists: { id: string }[] };
    };
    const v = await check('value=10.20.30.40');
    assert.equal(v.kind, 'ipv4');
    assert.deepEqual(
      v.warninglists.map((w) => w.id),
      ['rfc1918', 'rfc5735'],
    );
    assert.deepEqual(
      (await check('value=HTTPS://Bit.ly/x1')).warninglists.map((w) => w.id),
      ['url-shortener'],
    );
    assert.deepEqual((await check('value=185.220.101.10')).warninglists, []);
    const bad = await node.app.inject({ method: 'GET', url: '/api/v1/warninglists/check?value=x&kind=planet', headers: partner.auth });
    assert.equal(bad.statusCode, 400);
  });
});

describe('warninglists not configured', () => {
  let node: TestNode;
  before(async () => {
    node = await startNode();
  });
  after(() => node.dispose());

  test('nothing is listed and no value is on a list', async () => {
    const lists = await node.api({ method: 'GET', url: '/api/v1/warninglists' });
    assert.deepEqual((lists.json() as { lists: unknown[] }).lists, []);
    const check = await node.api({ method: 'GET', url: '/api/v1/warninglists/check?value=8.8.8.8' });
    assert.deepEqual((check.json() as { warninglists: unknown[] }).warninglists, []);
  });
});
