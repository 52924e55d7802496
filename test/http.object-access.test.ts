// GET /api/v1/objects/{id}/access (issue 15, must 3): the object page's answer to "why does a
// partner not see this?": owner, source, named distribution and markings, and the organisations
// of this node whose members the access policy lets read it (clearance counted member by member).
// An object the caller may not read answers 404, exactly as one that does not exist.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Distribution } from '../src/domain/access/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { SharingGroup } from '../src/domain/identity/types.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS, type Tlp } from '../src/domain/markings/tlp.ts';
import type { AudienceEntry, ObjectAccess } from '../src/domain/objects/access.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildIndicator, bundle, nextVersion, type Obj } from './helpers/stix.ts';

for (const engine of ENGINES)
  describe(`GET /api/v1/objects/{id}/access on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let cleared: Person, uncleared: Person, partner: Person, outsider: Person;
    let group: SharingGroup;
    const ownOnly = buildIndicator({ name: 'Own only', object_marking_refs: [TLP2_MARKING_IDS.amber] });
    const toGroup = buildIndicator({ name: 'To the group', object_marking_refs: [TLP2_MARKING_IDS.amber] });
    const secret = classificationMarking(NATO_SCHEME, 'NATO SECRET');
    const classified = buildIndicator({ name: 'Classified', object_marking_refs: [TLP2_MARKING_IDS.green, secret.id] });

    // A version first marked RED, then lowered to AMBER by its owner: each keeps its own marking.
    const lowered = buildIndicator({ name: 'Lowered', object_marking_refs: [TLP2_MARKING_IDS.red] });
    const lowered2 = nextVersion(lowered, { object_marking_refs: [TLP2_MARKING_IDS.amber] });

    async function load(objects: Obj[], tlp: Tlp, distribution: Distribution): Promise<void> {
      const summary = await node.services.ingest.importStream([JSON.stringify(bundle(objects))], {
        source: 'test',
        owner: { orgId: node.org.id, tlp, distribution, actor: 'system:test' },
      });
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    }

    before(async () => {
      node = await startNode({}, engine);
      cleared = await buildPerson(node.services, { org: node.org, clearances: { nato: 'NATO SECRET' } });
      uncleared = await buildPerson(node.services, { org: node.org });
      partner = await buildPerson(node.services, { orgName: 'Partner CERT', country: 'DE' });
      outsider = await buildPerson(node.services, { orgName: 'Outsider CSIRT', country: 'FR' });
      group = await node.services.orgs.addSharingGroup(CLI, { name: 'Grid operators', ownerOrg: node.org.id, members: [partner.org.id] });
      await load([ownOnly], 'amber', { kind: 'organization' });
      await load([toGroup], 'amber', { kind: 'sharing-group', id: group.id });
      await load([secret, classified], 'green', { kind: 'federation' });
      await load([lowered], 'amber', { kind: 'organization' });
      await load([lowered2], 'amber', { kind: 'organization' });
    });
    after(() => node.dispose());

    async function access(id: string, who: Person): Promise<{ status: number; body: ObjectAccess }> {
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}/access`, headers: who.auth });
      return { status: res.statusCode, body: res.json() as ObjectAccess };
    }
    const entry = (a: ObjectAccess, orgId: string): AudienceEntry | undefined => a.audience.find((e) => e.org.id === orgId);

    test('names the owner, the source and an organisation-only distribution; other organisations are not in its audience', async () => {
      const { status, body } = await access(ownOnly.id, uncleared);
      assert.equal(status, 200);
      assert.deepEqual(body.owner, { id: node.org.id, name: node.org.name, country: node.org.country });
      assert.equal(body.source.kind, 'local');
      assert.match(body.source.firstStoredAt, /^\d{4}-\d{2}-\d{2}T/);
      assert.equal(body.tlp, 'amber');
      assert.deepEqual(body.distribution, { kind: 'organization', id: null, name: null });
      assert.equal(body.classification, null);
      assert.equal(body.releasableTo, null);
      const own = entry(body, node.org.id);
      assert.ok(own?.inAudience && own.readers === own.members && own.readers >= 3, JSON.stringify(own));
      assert.deepEqual(entry(body, partner.org.id), {
        org: { id: partner.org.id, name: 'Partner CERT', country: 'DE' },
        inAudience: false,
        members: 1,
        readers: 0,
      });
      // Who may read come first.
      assert.equal(body.audience[0]?.org.id, node.org.id);
      assert.deepEqual(body.peers, []);
    });

    test("another organisation's reader gets 404 for an object they may not read, as for one that does not exist", async () => {
      const hidden = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${ownOnly.id}/access`, headers: partner.auth });
      const missing = await node.app.inject({
        method: 'GET',
        url: `/api/v1/objects/indicator--${crypto.randomUUID()}/access`,
        headers: partner.auth,
      });
      assert.equal(hidden.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.equal((hidden.json() as { code: string }).code, (missing.json() as { code: string }).code);
    });

    test('a sharing-group distribution is named, and its members are in the audience', async () => {
      const { status, body } = await access(toGroup.id, partner);
      assert.equal(status, 200);
      assert.deepEqual(body.distribution, { kind: 'sharing-group', id: group.id, name: 'Grid operators' });
      assert.equal(entry(body, partner.org.id)?.readers, 1);
      assert.equal(entry(body, outsider.org.id)?.inAudience, false);
      assert.equal((await access(toGroup.id, outsider)).status, 404);
    });

    test('a classification is named with its scheme, and only cleared members count as readers', async () => {
      const { status, body } = await access(classified.id, cleared);
      assert.equal(status, 200);
      assert.deepEqual(body.classification, { scheme: 'nato', schemeName: 'NATO', level: 'NATO SECRET' });
      assert.equal(body.tlp, 'green');
      assert.deepEqual(body.distribution, { kind: 'federation', id: null, name: null });
      const own = entry(body, node.org.id);
      assert.ok(own?.inAudience, 'the federation reaches the owner');
      assert.equal(own?.readers, 1, 'only the cleared analyst of the owner organisation may read it');
      assert.ok((own?.members ?? 0) > 1);
      assert.deepEqual(entry(body, partner.org.id), {
        org: { id: partner.org.id, name: 'Partner CERT', country: 'DE' },
        inAudience: true,
        members: 1,
        readers: 0,
      });
      // The uncleared analyst may not read it at all.
      assert.equal((await access(classified.id, uncleared)).status, 404);
    });

    test('each version carries its own marking, for the banner of a page that shows older versions (issue 15, must 1)', async () => {
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${lowered.id}/versions`, headers: uncleared.auth });
      assert.equal(res.statusCode, 200);
      const versions = (res.json() as { versions: { marking?: { tlp: string } }[] }).versions;
      assert.deepEqual(
        versions.map((v) => v.marking?.tlp),
        ['red', 'amber'],
      );
      // The access panel speaks of the latest version.
      assert.equal((await access(lowered.id, uncleared)).body.tlp, 'amber');
    });

    test('an upload is named by its file, uploader and job; the uploader only to the owning organisation (issue 15, must 3)', async () => {
      const uploaded = buildIndicator({ name: 'Uploaded', object_marking_refs: [TLP2_MARKING_IDS.green] });
      const res = await node.app.inject({
        method: 'POST',
        url: '/api/v1/imports?filename=grid-iocs.json&tlp=green&distribution=federation',
        payload: JSON.stringify(bundle([uploaded])),
        headers: { ...uncleared.auth, 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 202, res.body);
      const jobId = (res.json() as { id: string }).id;
      await node.services.imports.idle();
      const own = (await access(uploaded.id, cleared)).body;
      assert.equal(own.source.kind, 'local');
      const run = own.source.run;
      assert.ok(run, 'the run is named');
      assert.deepEqual(
        { ...run, at: undefined },
        {
          kind: 'upload',
          label: 'grid-iocs.json',
          jobId,
          actor: uncleared.user.username,
          actorHidden: false,
          at: undefined,
        },
      );
      assert.match(run.at, /^\d{4}-\d{2}-\d{2}T/);
      // A partner who may read the object learns that one of the owner's analysts uploaded it.
      const theirs = await access(uploaded.id, partner);
      assert.equal(theirs.status, 200);
      assert.deepEqual(
        { ...theirs.body.source.run, at: undefined },
        {
          kind: 'upload',
          label: 'grid-iocs.json',
          jobId: null,
          actor: null,
          actorHidden: true,
          at: undefined,
        },
      );
    });

    test('a feed pull is named by the feed (issue 15, must 3)', async () => {
      const upstream = await startNode();
      try {
        const base = await upstream.app.listen({ host: '127.0.0.1', port: 0 });
        const pulled = [1, 2, 3].map((n) => buildIndicator({ name: `Pulled ${n}` }));
        await upstream.load(pulled);
        const c = await upstream.services.collections.add(CLI, { title: 'Partners', alias: 'partners', types: ['indicator'], read: ['*'] });
        const url = `${base}/taxii2/api/collections/${c.id}/`;
        const added = await node.api({
          method: 'POST',
          url: '/api/v1/feeds',
          payload: { name: 'Partner indicators', url, token: upstream.adminToken, intervalSeconds: 3600 },
        });
        assert.equal(added.statusCode, 201, added.body);
        const feedId = (added.json() as { id: string }).id;
        const pull = await node.api({ method: 'POST', url: `/api/v1/feeds/${feedId}/pull` });
        assert.equal((pull.json() as { accepted: number }).accepted, 3, pull.body);
        const runs = await Promise.all(pulled.map(async (o) => (await access(o.id, uncleared)).body.source.run));
        for (const run of runs) {
          assert.equal(run?.kind, 'feed');
          assert.equal(run?.label, 'Partner indicators');
          assert.equal(run?.actor, null);
          assert.equal(run?.actorHidden, false);
        }
      } finally {
        await upstream.dispose();
      }
    });
  });
