// Organisations under NIS2 (issue 16, must 2) as an administrator sets them through the API and
// the CLI: role, sectors and CSIRT, each checked with the field named, and the constituency
// sharing group the node keeps so that the CSIRT's users see what the entity distributes to it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Org, SharingGroup } from '../src/domain/identity/types.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { runConcord } from './helpers/cli.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Json = Record<string, unknown>;

for (const engine of ENGINES)
  describe(`NIS2 organisations on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let admin: Person;
    before(async () => {
      node = await startNode({}, engine);
      admin = await buildPerson(node.services, { roles: ['admin'] });
    });
    after(() => node.dispose());

    const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: Json, who: Person = admin) =>
      node.app.inject({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
    const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as T;
    };
    const field = (res: LightMyRequestResponse): unknown => {
      assert.equal(res.statusCode, 400, res.body);
      return (res.json() as Json)['field'];
    };

    test('a CSIRT and an entity in its constituency; the group gives the CSIRT sight', async () => {
      const csirt = ok<Org>(await send('POST', '/orgs', { name: 'CSIRT-DE', country: 'DE', nis2Role: 'csirt' }), 201);
      assert.equal(csirt.nis2Role, 'csirt');
      const entity = ok<Org>(
        await send('POST', '/orgs', {
          name: 'Stadtwerke Nord',
          country: 'DE',
          nis2Role: 'essential',
          sectors: ['energy/electricity'],
          csirtOrg: 'CSIRT-DE',
        }),
        201,
      );
      assert.deepEqual([entity.nis2Role, entity.sectors, entity.csirtOrg], ['essential', ['energy/electricity'], csirt.id]);
      const g = await node.store.orgs.getSharingGroup(constituencyGroupId(entity.id));
      assert.ok(g);
      assert.equal(g.ownerOrg, csirt.id);
      assert.deepEqual(g.members, [entity.id, csirt.id]);
      assert.equal(g.name, 'Constituency of CSIRT-DE: Stadtwerke Nord');
      assert.equal(g.origin, null);
      // The CSIRT's users read as members of the group (auth caches are invalidated).
      const analyst = await buildPerson(node.services, { org: csirt, roles: ['analyst'] });
      const p = await node.services.auth.fromToken(analyst.token);
      assert.ok(p.reader.sharingGroups.includes(g.id));

      // Another CSIRT takes the entity over: the group is re-owned, the first CSIRT's users lose it.
      const fr = ok<Org>(await send('POST', '/orgs', { name: 'CSIRT-FR', country: 'FR', nis2Role: 'csirt' }), 201);
      ok(await send('PATCH', `/orgs/${entity.id}`, { csirtOrg: fr.id }));
      const moved = (await node.store.orgs.getSharingGroup(g.id)) as SharingGroup;
      assert.deepEqual([moved.ownerOrg, moved.members, moved.disabled], [fr.id, [entity.id, fr.id], false]);
      assert.ok(!(await node.services.auth.fromToken(analyst.token)).reader.sharingGroups.includes(g.id));

      // It leaves the constituency: the group is disabled, not deleted.
      ok(await send('PATCH', `/orgs/${entity.id}`, { csirtOrg: null }));
      assert.equal((await node.store.orgs.getSharingGroup(g.id))?.disabled, true);
      ok(await send('PATCH', `/orgs/${entity.id}`, { csirtOrg: csirt.id }));
      const back = (await node.store.orgs.getSharingGroup(g.id)) as SharingGroup;
      assert.deepEqual([back.ownerOrg, back.disabled], [csirt.id, false]);
      // No longer an entity: it leaves the constituency with the same change.
      ok(await send('PATCH', `/orgs/${entity.id}`, { nis2Role: 'none' }));
      assert.equal((await node.services.orgs.getOrg(CLI, entity.id)).csirtOrg, null);
      assert.equal((await node.store.orgs.getSharingGroup(g.id))?.disabled, true);
      ok(await send('PATCH', `/orgs/${entity.id}`, { nis2Role: 'essential', csirtOrg: csirt.id }));
      // A CSIRT serving an entity keeps its role until the entity moves.
      assert.equal((await send('PATCH', `/orgs/${csirt.id}`, { nis2Role: null })).statusCode, 409);
      const audit = (await node.store.audit.list({ action: 'admin.sharing_group.update', limit: 10 })).items;
      assert.ok(audit.some((e) => e.target === g.id));
    });

    test('bad NIS2 input is refused naming the field, and nothing changes', async () => {
      const csirt = await node.services.orgs.addOrg(CLI, { name: 'CSIRT-NL', nis2Role: 'csirt' });
      const plain = await node.services.orgs.addOrg(CLI, { name: 'Plain Org' });
      assert.equal(field(await send('POST', '/orgs', { name: 'X1', nis2Role: 'vital' })), 'nis2Role');
      assert.equal(field(await send('POST', '/orgs', { name: 'X2', nis2Role: 'important', sectors: ['health', 'farming'] })), 'sectors[1]');
      assert.equal(field(await send('POST', '/orgs', { name: 'X3', nis2Role: 'important', csirtOrg: plain.id })), 'csirtOrg');
      assert.equal(field(await send('POST', '/orgs', { name: 'X4', csirtOrg: csirt.id })), 'csirtOrg');
      assert.equal(field(await send('POST', '/orgs', { name: 'X5', nis2Role: 'csirt', csirtOrg: csirt.id })), 'csirtOrg');
      assert.equal(field(await send('POST', '/orgs', { name: 'X6', nis2Role: 'important', csirtOrg: 'nowhere' })), 'csirtOrg');
      assert.equal(field(await send('PATCH', `/orgs/${plain.id}`, { sectors: ['energy/rail'] })), 'sectors[0]');
      const names = (await node.services.orgs.listOrgs(CLI)).map((o) => o.name);
      assert.ok(!names.some((n) => /^X\d$/.test(n)));
      assert.deepEqual((await node.services.orgs.getOrg(CLI, plain.id)).sectors, []);
    });
  });

describe('concord org with NIS2 options', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-nis2-org-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const concord = (args: string[]) => runConcord(join(dir, 'data'), args);

  test('adds a CSIRT and an entity of its constituency, shows and lists the role', () => {
    let r = concord(['org', 'add', '--name', 'CERT-BE', '--country', 'BE', '--nis2-role', 'csirt']);
    assert.equal(r.code, 0, r.err);
    r = concord([
      'org',
      'add',
      '--name',
      'Port of Antwerp',
      '--nis2-role',
      'essential',
      '--sector',
      'transport/water',
      '--csirt',
      'CERT-BE',
      '--json',
    ]);
    assert.equal(r.code, 0, r.err);
    const entity = JSON.parse(r.out) as Org;
    assert.deepEqual(entity.sectors, ['transport/water']);
    r = concord(['org', 'show', 'Port of Antwerp']);
    assert.match(r.out, /NIS2 role:\s+essential/);
    assert.match(r.out, /CSIRT:\s+CERT-BE/);
    assert.match(r.out, /Constituency of CERT-BE: Port of Antwerp/);
    r = concord(['org', 'list']);
    assert.match(r.out, /NIS2/);
    assert.match(r.out, /CERT-BE\s+BE\s+csirt/);
    r = concord(['org', 'update', 'Port of Antwerp', '--sector', 'transport/air', '--sector', 'health']);
    assert.equal(r.code, 0, r.err);
    r = concord(['org', 'update', 'Port of Antwerp', '--sector', 'shipping']);
    assert.equal(r.code, 2);
    assert.match(r.err, /shipping.*\(--sector\)/);
    r = concord(['org', 'update', 'CERT-BE', '--csirt', 'CERT-BE']);
    assert.equal(r.code, 2);
    assert.match(r.err, /\(--csirt\)/);
    assert.match(concord(['org', '--help']).out, /--nis2-role csirt\|essential\|important\|none/);
  });
});
