// Decay over HTTP (issue 17, musts 6 and 8): the models, setting them as a node administrator
// with errors that name the field, and an indicator's score with its reasons; a changed model
// changes scores at once without a new version of any indicator; an object the caller cannot
// read answers its score as a missing object.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { DecayModel, DecayScore } from '../src/domain/decay/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Org } from '../src/domain/identity/types.ts';
import type { Services } from '../src/services/index.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, type Obj } from './helpers/stix.ts';
import { ENGINES } from './helpers/store-engines.ts';

const DAY = 86_400_000;
const daysAgo = (d: number): string => new Date(Date.now() - d * DAY).toISOString();

/** Imports `objects` as `org`'s: shared with everyone, or kept within the organisation. */
async function importAs(services: Services, org: Org, objects: Obj[], only: boolean): Promise<void> {
  const summary = await services.ingest.importStream([JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects })], {
    source: 'test:decay',
    owner: {
      orgId: org.id,
      tlp: only ? 'amber+strict' : 'green',
      distribution: only ? { kind: 'organization' } : { kind: 'federation' },
      actor: 'test',
    },
  });
  assert.equal(summary.quarantined, 0);
}

// On both engines: the models' table and the grouped sightings query are SQL in store/.
for (const engine of ENGINES)
  describe(`decay over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let analyst: Person, outsider: Person;
    const freshIp = buildIndicator({ name: 'fresh IP', valid_from: daysAgo(1), pattern: "[ipv4-addr:value = '198.51.100.20']" });
    const oldIp = buildIndicator({ name: 'old IP', valid_from: daysAgo(30), pattern: "[ipv4-addr:value = '198.51.100.21']" });
    const oldHash = buildIndicator({
      name: 'old hash',
      valid_from: daysAgo(30),
      pattern: "[file:hashes.MD5 = '0123456789abcdef0123456789abcdef']",
    });
    const secret = buildIndicator({ name: 'ours only', valid_from: daysAgo(1), pattern: "[domain-name:value = 'secret.example']" });
    const malware = buildMalware();
    // Two indicators of the same address, one fresh and one old, and the address itself as an SCO.
    const sameFresh = buildIndicator({ name: 'same, fresh', valid_from: daysAgo(0), pattern: "[ipv4-addr:value = '203.0.113.5']" });
    const sameOld = buildIndicator({ name: 'same, old', valid_from: daysAgo(50), pattern: "[ipv4-addr:value = '203.0.113.5']" });
    const sighted = buildIndicator({ name: 'sighted', valid_from: daysAgo(30), pattern: "[ipv4-addr:value = '192.0.2.77']" });
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${randomUUID()}`, value: '203.0.113.5' };

    before(async () => {
      node = await startNode({}, engine);
      analyst = await buildPerson(node.services, { roles: ['analyst'] });
      outsider = await buildPerson(node.services, { roles: ['analyst'] });
      await importAs(node.services, analyst.org, [freshIp, oldIp, oldHash, malware, sameFresh, sameOld, address, sighted], false);
      await importAs(node.services, analyst.org, [secret], true);
    });
    after(() => node.dispose());

    const score = async (who: Person, id: string) => {
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}/score`, headers: who.auth });
      return { status: res.statusCode, body: res.json() as DecayScore & { detail?: string; code?: string } };
    };

    test('every user reads the models: OpenCTI-like lifetimes by kind, and the defaults', async () => {
      const res = await node.app.inject({ method: 'GET', url: '/api/v1/decay/models', headers: outsider.auth });
      assert.equal(res.statusCode, 200);
      const { models, defaults } = res.json() as { models: DecayModel[]; defaults: DecayModel[] };
      const life = Object.fromEntries(models.map((m) => [m.kind, m.lifetimeDays]));
      assert.equal(life['ipv4'], 60);
      assert.equal(life['url'], 180);
      assert.equal(life['default'], 365);
      assert.deepEqual(models, defaults);
    });

    test('an indicator’s score falls with age by its kind’s lifetime, with reasons', async () => {
      const fresh = await score(outsider, freshIp.id);
      const old = await score(outsider, oldIp.id);
      const hash = await score(outsider, oldHash.id);
      assert.equal(fresh.status, 200);
      assert.equal(fresh.body.kind, 'ipv4');
      assert.equal(hash.body.kind, 'hash');
      assert.ok(old.body.score < fresh.body.score, 'an older IP scores lower');
      assert.ok(old.body.score < hash.body.score, 'an IP decays faster than a hash of the same age');
      assert.match(old.body.reasons.join('\n'), /from 80 to 0 over 60 days/);
    });

    test('a score of what the caller cannot read answers as a missing object; a non-indicator has none', async () => {
      assert.equal((await score(analyst, secret.id)).status, 200);
      const hidden = await score(outsider, secret.id);
      const missing = await score(outsider, `indicator--${randomUUID()}`);
      assert.equal(hidden.status, 404);
      assert.equal(missing.status, 404);
      assert.equal(hidden.body.detail?.replace(secret.id, 'ID'), missing.body.detail?.replace(/indicator--[0-9a-f-]+/, 'ID'));
      const notIndicator = await score(outsider, malware.id);
      assert.equal(notIndicator.status, 404);
      assert.match(notIndicator.body.detail ?? '', /only indicators/);
    });

    test('only a node administrator sets models; errors name models[i].field; nothing changes on error', async () => {
      const put = (headers: Record<string, string>, payload: Record<string, unknown>) =>
        node.app.inject({ method: 'PUT', url: '/api/v1/decay/models', headers, payload });
      assert.equal((await put(analyst.auth, { models: [{ kind: 'ipv4', lifetimeDays: 10 }] })).statusCode, 403);
      const admin = { authorization: `Bearer ${node.adminToken}` };
      const bad = await put(admin, {
        models: [
          { kind: 'url', lifetimeDays: 30 },
          { kind: 'ipv4', decaySpeed: 0 },
        ],
      });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { field?: string }).field, 'models[1].decaySpeed');
      const unknown = await put(admin, { models: [{ kind: 'ipv7' }] });
      assert.equal((unknown.json() as { field?: string }).field, 'models[0].kind');
      const models = (await node.api({ method: 'GET', url: '/api/v1/decay/models' })).json() as { models: DecayModel[] };
      assert.equal(models.models.find((m) => m.kind === 'url')?.lifetimeDays, 180, 'the failed request set nothing');
    });

    test('a changed model changes every score at once, without a new version of the indicator', async () => {
      const before = (await score(outsider, oldHash.id)).body.score;
      const versions = async () => (await node.api({ method: 'GET', url: `/api/v1/objects/${oldHash.id}/versions` })).json();
      const kept = await versions();
      const admin = { authorization: `Bearer ${node.adminToken}` };
      const set = await node.app.inject({
        method: 'PUT',
        url: '/api/v1/decay/models',
        headers: admin,
        payload: { models: [{ kind: 'hash', lifetimeDays: 31 }] },
      });
      assert.equal(set.statusCode, 200);
      assert.equal(((set.json() as { models: DecayModel[] }).models.find((m) => m.kind === 'hash') as DecayModel).lifetimeDays, 31);
      const after = await score(outsider, oldHash.id);
      assert.ok(after.body.score < before, `${after.body.score} < ${before}`);
      assert.match(after.body.reasons.join('\n'), /over 31 days/);
      assert.deepEqual(await versions(), kept);
      // Who changed which model is in the audit log.
      const audit = await node.api({ method: 'GET', url: '/api/v1/audit?action=decay.models.set' });
      assert.match(audit.body, /"lifetimeDays":31/);
      const reset = await node.app.inject({
        method: 'PUT',
        url: '/api/v1/decay/models',
        headers: admin,
        payload: { models: [{ kind: 'hash' }], reset: true },
      });
      assert.equal(reset.statusCode, 200);
      // Back to the first score (give or take the rounding of the time that passed).
      assert.ok(Math.abs((await score(outsider, oldHash.id)).body.score - before) <= 0.1);
    });

    type Match = { object: { id: string }; score: DecayScore | null };
    const matchesOf = (body: unknown): Match[] => (body as { matches: Match[] }).matches;

    test('lookup matches carry their score; min_score leaves out indicators below it and keeps observables', async () => {
      const all = await node.app.inject({ method: 'GET', url: '/api/v1/lookup?value=203.0.113.5', headers: outsider.auth });
      const scored = new Map(matchesOf(all.json()).map((m) => [m.object.id, m.score]));
      assert.equal(scored.size, 3);
      assert.equal(scored.get(address.id), null, 'an observable has no score');
      const fresh = scored.get(sameFresh.id)?.score ?? -1;
      const old = scored.get(sameOld.id)?.score ?? 101;
      assert.ok(old < fresh);
      const min = (old + fresh) / 2;
      const one = await node.app.inject({
        method: 'GET',
        url: `/api/v1/lookup?value=203.0.113.5&min_score=${min}`,
        headers: outsider.auth,
      });
      assert.deepEqual(
        matchesOf(one.json())
          .map((m) => m.object.id)
          .sort(),
        [address.id, sameFresh.id].sort(),
      );
      const batch = await node.app.inject({
        method: 'POST',
        url: '/api/v1/lookup',
        headers: outsider.auth,
        payload: { values: ['203.0.113.5', '198.51.100.20'], min_score: min },
      });
      const [first, second] = (batch.json() as { results: unknown[] }).results;
      assert.deepEqual(
        matchesOf(first)
          .map((m) => m.object.id)
          .sort(),
        [address.id, sameFresh.id].sort(),
      );
      assert.deepEqual(
        matchesOf(second).map((m) => m.object.id),
        [freshIp.id],
      );
      const bad = await node.app.inject({ method: 'GET', url: '/api/v1/lookup?value=203.0.113.5&min_score=101', headers: outsider.auth });
      assert.equal(bad.statusCode, 400);
    });

    test('an export with min_score leaves out indicators below it; other objects pass', async () => {
      const ids = async (query: string): Promise<string[]> => {
        const res = await node.app.inject({ method: 'GET', url: `/api/v1/export?${query}`, headers: outsider.auth });
        assert.equal(res.statusCode, 200);
        return query.includes('format=csv')
          ? res.body
              .trim()
              .split('\n')
              .slice(1)
              .map((line) => line.split(',')[0] ?? '')
          : (res.json() as { objects: { id: string }[] }).objects.map((o) => o.id);
      };
      const everything = await ids('type=indicator,malware');
      assert.ok(everything.includes(sameOld.id) && everything.includes(sameFresh.id));
      const kept = await ids('type=indicator,malware&min_score=40');
      assert.ok(kept.includes(sameFresh.id) && kept.includes(freshIp.id) && kept.includes(malware.id));
      assert.ok(!kept.includes(sameOld.id) && !kept.includes(oldIp.id));
      assert.ok(!kept.includes(secret.id), 'and still only what the caller may read');
      const csv = await ids('type=indicator,malware&min_score=40&format=csv');
      assert.deepEqual(csv.sort(), kept.sort());
    });

    test('a TAXII collection with a minimum score (or match[x_concord_min_score]) serves only indicators at or above it, paging exactly', async () => {
      const c = await node.services.collections.add(CLI, {
        title: 'Live indicators',
        types: ['indicator', 'malware'],
        read: ['*'],
        minScore: 50,
      });
      const taxii = async (url: string) => {
        const res = await node.app.inject({
          method: 'GET',
          url,
          headers: { ...outsider.auth, accept: 'application/taxii+json;version=2.1' },
        });
        assert.equal(res.statusCode, 200);
        return res.json() as { objects?: { id: string }[]; more?: boolean; next?: string };
      };
      const root = `/taxii2/api/collections/${c.id}/objects/`;
      const served = ((await taxii(root)).objects ?? []).map((o) => o.id);
      assert.deepEqual(served.sort(), [freshIp.id, malware.id, sameFresh.id].sort());
      // One per page: three pages, `more` on the first two only.
      const paged: string[] = [];
      let page = await taxii(`${root}?limit=1`);
      for (;;) {
        paged.push(...(page.objects ?? []).map((o) => o.id));
        if (!page.more) break;
        page = await taxii(`${root}?limit=1&next=${page.next}`);
      }
      assert.deepEqual(paged.sort(), served.sort());
      // The same cut asked for by the request, on a collection without one.
      const plain = await node.services.collections.add(CLI, { title: 'All indicators', types: ['indicator', 'malware'], read: ['*'] });
      const asked = await taxii(`/taxii2/api/collections/${plain.id}/objects/?match[x_concord_min_score]=50`);
      assert.deepEqual((asked.objects ?? []).map((o) => o.id).sort(), served.sort());
      const wrong = await node.app.inject({
        method: 'GET',
        url: `/taxii2/api/collections/${plain.id}/objects/?match[x_concord_min_score]=high`,
        headers: { ...outsider.auth, accept: 'application/taxii+json;version=2.1' },
      });
      assert.equal(wrong.statusCode, 400);
      const admin = { authorization: `Bearer ${node.adminToken}` };
      const bad = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/collections/${c.id}`,
        headers: admin,
        payload: { minScore: 101 },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { field?: string }).field, 'minScore');
      const cleared = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/collections/${c.id}`,
        headers: admin,
        payload: { minScore: null },
      });
      assert.equal(cleared.statusCode, 200);
      assert.ok(((await taxii(root)).objects ?? []).some((o) => o.id === sameOld.id));
    });

    test('a recorded true sighting raises the score; a false positive the reader may not see changes nothing for them', async () => {
      const before = (await score(outsider, sighted.id)).body;
      const sight = (who: Person, payload: Record<string, unknown>) =>
        node.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: who.auth, payload: { of: sighted.id, ...payload } });
      assert.equal((await sight(outsider, { tlp: 'green', distribution: 'federation' })).statusCode, 201);
      const seen = (await score(outsider, sighted.id)).body;
      assert.ok(seen.score > before.score, `${seen.score} > ${before.score}`);
      assert.equal(seen.sightingPoints, 10);
      assert.ok(seen.ageDays < 1, 'the clock restarts at the sighting');
      assert.match(seen.reasons.join('\n'), /1 true sighting/);
      const refuted = await sight(analyst, { type: 'false-positive', tlp: 'amber+strict', distribution: 'organization' });
      assert.equal(refuted.statusCode, 201, refuted.body);
      assert.equal((await score(outsider, sighted.id)).body.falsePositivePoints, 0, 'not the outsider’s to see');
      const theirs = (await score(analyst, sighted.id)).body;
      assert.equal(theirs.falsePositivePoints, 25);
      assert.ok(theirs.score < seen.score);
    });
  });
