// A cross-border incident between two sovereign nodes as separate processes (issue 16, must 6 and
// must 11): node A hosts an essential entity and its CSIRT, CSIRT-DE; node B hosts CERT-FR and an
// outsider organisation. The entity reports an incident affecting France to CSIRT-DE through its
// constituency group; CSIRT-DE shares it (summary, then whole). CERT-FR's analyst on node B reads
// what was shared about a second later; the outsider on node B reads nothing; nothing of the
// entity's original (incident, report, the CSIRT's link to it) leaves node A. A second entity
// hosted on node A is in CERT-FR's constituency: its group travels to node B with its incident.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import type { IncidentDetail, ShareView } from '../src/domain/incidents/api.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { CONCORD_NIS2_EXTENSION_ID } from '../src/domain/incidents/types.ts';
import type { Services } from '../src/services/index.ts';
import { ProcessNode } from './helpers/federation-nodes.ts';

/** Polls `check` every 10 ms until it holds; answers how long it took. */
async function until(what: string, check: () => Promise<boolean>, nodes: ProcessNode[], ms = 20_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms)
      assert.fail(`${what}: not within ${ms / 1000}s\n${nodes.map((n) => `--- ${n.name}\n${n.tail()}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}

/** A user of `orgId` with `roles` on the node, and a read-write token: its Authorization header. */
async function user(s: Services, orgId: string, username: string, roles: string[]): Promise<string> {
  const { user: u } = await s.users.addUser(CLI, {
    orgId,
    username,
    password: `correct horse ${username}`,
    roles,
    clearances: {},
    exercises: [],
  });
  return `Bearer ${(await s.users.createToken(CLI, { userId: u.id, name: 'e2e', scope: 'read-write' })).secret}`;
}

describe('a cross-border incident between two nodes', { timeout: 120_000 }, () => {
  const a = new ProcessNode('CSIRT-DE');
  const b = new ProcessNode('CERT-FR');
  const nodes = [a, b];
  let entityId = '';
  let outsiderId = '';
  let frEntityId = '';
  let frEntityAnalyst = '';
  let frCoord = '';
  let frEntityIncident = '';
  let deCoord = '',
    entityAnalyst = '',
    frAnalyst = '',
    outsider = '';
  let incidentId = '',
    reportId = '';

  before(async () => {
    await Promise.all(nodes.map((n) => n.init()));
    await b.withServices(async (s) => {
      await s.orgs.updateOrg(CLI, b.orgId, { country: 'FR', nis2Role: 'csirt' });
      outsiderId = (await s.orgs.addOrg(CLI, { name: 'Outsider FR', country: 'FR' })).id;
      frAnalyst = await user(s, b.orgId, 'fr-analyst', ['analyst']);
      frCoord = await user(s, b.orgId, 'fr-coordinator', ['coordinator']);
      outsider = await user(s, outsiderId, 'outsider', ['coordinator']);
      await s.orgs.addOrg(CLI, { id: a.orgId, name: 'CSIRT-DE', country: 'DE', nis2Role: 'csirt', node: 'node-a' });
    });
    await a.withServices(async (s) => {
      await s.orgs.updateOrg(CLI, a.orgId, { country: 'DE', nis2Role: 'csirt' });
      await s.orgs.addOrg(CLI, { id: b.orgId, name: 'CERT-FR', country: 'FR', nis2Role: 'csirt', node: 'node-b' });
      await s.orgs.addOrg(CLI, { id: outsiderId, name: 'Outsider FR', country: 'FR', node: 'node-b' });
      const entity = await s.orgs.addOrg(CLI, {
        name: 'Stadtwerke Nord',
        country: 'DE',
        nis2Role: 'essential',
        sectors: ['energy/electricity'],
        csirtOrg: a.orgId,
      });
      entityId = entity.id;
      // An entity hosted on node A in CERT-FR's constituency: its group must reach node B.
      const frEntity = await s.orgs.addOrg(CLI, {
        name: 'Hopital Lyon',
        country: 'FR',
        nis2Role: 'essential',
        sectors: ['health'],
        csirtOrg: b.orgId,
      });
      frEntityId = frEntity.id;
      frEntityAnalyst = await user(s, frEntity.id, 'fr-entity-analyst', ['analyst']);
      deCoord = await user(s, a.orgId, 'de-coordinator', ['coordinator']);
      entityAnalyst = await user(s, entity.id, 'entity-analyst', ['analyst']);
      await s.federation.peers.add(CLI, { url: b.url, key: b.publicKey, name: 'node-b', orgs: [b.orgId, outsiderId], countries: ['FR'] });
    });
    await b.withServices(async (s) => {
      await s.federation.peers.add(CLI, {
        url: a.url,
        key: a.publicKey,
        name: 'node-a',
        orgs: [a.orgId, entityId, frEntityId],
        countries: ['DE'],
      });
    });
    await Promise.all(nodes.map((n) => n.start()));
  });

  after(async () => {
    for (const n of nodes) await n.dispose();
  });

  test('the entity opens an incident affecting France and sends its early warning, on node A', async () => {
    const made = await a.call(entityAnalyst, 'POST', '/api/v1/incidents', {
      name: 'Ransomware at Stadtwerke Nord',
      description: 'Billing servers encrypted; French customers billed from the same platform',
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
      determination: 'confirmed',
      sector: 'energy',
      subsector: 'electricity',
      memberStates: ['DE', 'FR'],
      crossBorder: true,
      severity: 'high',
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    incidentId = (made.json as IncidentDetail).row.id;
    const r = await a.call(entityAnalyst, 'POST', `/api/v1/incidents/${incidentId}/reports`, {
      stage: 'early-warning',
      content: { summary: 'Billing down', suspectedMalicious: true, crossBorderImpact: true },
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    reportId = (r.json as IncidentDetail).reports[0]?.id ?? '';
    assert.ok(reportId);
    const seen = await a.call(deCoord, 'GET', `/api/v1/incidents/${incidentId}`);
    assert.equal(seen.status, 200, 'CSIRT-DE reads it through the constituency group');
    assert.equal((seen.json as IncidentDetail).can.share, true);
  });

  test('a constituency group travels: an entity on node A reports to its CSIRT on node B', async () => {
    const incident = {
      type: 'incident',
      name: 'Outage of the patient records system',
      extensions: {
        [CONCORD_NIS2_EXTENSION_ID]: {
          extension_type: 'property-extension',
          aware_at: new Date().toISOString(),
          sector: 'health',
          member_states_affected: ['FR'],
        },
      },
    };
    const distribution = `sharing-group:${constituencyGroupId(frEntityId)}`;
    const made = await a.call(frEntityAnalyst, 'POST', '/api/v1/objects', { object: incident, tlp: 'amber+strict', distribution });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const id = (made.json as { object: { id: string } }).object.id;
    const held = await until(
      'node B holds it',
      async () => (await b.query<{ id: string }>('select id from objects where id = ?', [id])).length > 0,
      nodes,
    );
    const ms = await until(
      "CERT-FR reads its constituent's incident on node B",
      async () => (await b.call(frAnalyst, 'GET', `/api/v1/objects/${id}`)).status === 200,
      nodes,
    );
    console.log(
      `# an entity's incident on node A stored on node B ${Math.round(held)} ms and readable by its CSIRT there ${Math.round(held + ms)} ms after it was written`,
    );
    assert.equal((await b.call(outsider, 'GET', `/api/v1/objects/${id}`)).status, 404);
    assert.equal((await a.call(deCoord, 'GET', `/api/v1/objects/${id}`)).status, 404, 'another CSIRT does not read it');
    frEntityIncident = id;
  });

  test("CERT-FR on node B shares its constituent's incident (hosted on node A) with CSIRT-DE back on node A", async () => {
    // Node B's directory does not know the entity: CERT-FR is its CSIRT by the constituency group.
    const res = await b.call(frCoord, 'POST', `/api/v1/incidents/${frEntityIncident}/share`, {
      mode: 'summary',
      memberStates: ['DE'],
      summary: 'Patient records outage at a French hospital',
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const share = res.json as ShareView;
    assert.deepEqual(
      share.recipients.map((r) => r.name),
      ['CSIRT-DE'],
    );
    const ms = await until(
      'CSIRT-DE reads the summary on node A',
      async () => (await a.call(deCoord, 'GET', `/api/v1/objects/${share.sharedObject}`)).status === 200,
      nodes,
    );
    console.log(`# CERT-FR's summary readable by CSIRT-DE on node A ${Math.round(ms)} ms after the share answered`);
    assert.equal((await a.call(entityAnalyst, 'GET', `/api/v1/objects/${share.sharedObject}`)).status, 404);
  });

  /** Shares as CSIRT-DE's coordinator; answers the share and how long CERT-FR's analyst waited. */
  async function shareAndWait(body: unknown): Promise<{ share: ShareView; ms: number }> {
    const res = await a.call(deCoord, 'POST', `/api/v1/incidents/${incidentId}/share`, body);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const share = res.json as ShareView;
    const ms = await until(
      'CERT-FR reads the shared incident on node B',
      async () => (await b.call(frAnalyst, 'GET', `/api/v1/objects/${share.sharedObject}`)).status === 200,
      nodes,
    );
    return { share, ms };
  }

  test('a summary share reaches CERT-FR on node B within about a second; the outsider reads nothing', async () => {
    const { share, ms } = await shareAndWait({
      mode: 'summary',
      name: 'Ransomware at a German electricity DSO',
      summary: 'Ransomware at a German DSO; French billing affected',
    });
    console.log(`# summary share readable by CERT-FR's analyst on node B ${Math.round(ms)} ms after the share answered`);
    assert.ok(ms < 5_000, `within seconds (${Math.round(ms)} ms)`);
    const seen = (await b.call(frAnalyst, 'GET', `/api/v1/objects/${share.sharedObject}`)).json as Record<string, unknown>;
    const object = (seen['object'] ?? seen) as Record<string, unknown>;
    assert.equal(object['description'], 'Ransomware at a German DSO; French billing affected');
    assert.ok(!JSON.stringify(object).includes(entityId), 'a summary names no entity');
    assert.equal((await b.call(outsider, 'GET', `/api/v1/objects/${share.sharedObject}`)).status, 404);
    // Node B's incident list and page show it to CERT-FR (its projection follows federation pulls).
    const listed = await until(
      "the shared incident on CERT-FR's incident page",
      async () => (await b.call(frAnalyst, 'GET', `/api/v1/incidents/${share.sharedObject}`)).status === 200,
      nodes,
    );
    console.log(`# and on its incident page ${Math.round(ms + listed)} ms after the share`);
    assert.equal((await b.call(outsider, 'GET', `/api/v1/incidents/${share.sharedObject}`)).status, 404);
  });

  test("a whole share carries the reports; nothing of the entity's original leaves node A", async () => {
    const { share, ms } = await shareAndWait({ mode: 'whole' });
    console.log(`# whole share readable by CERT-FR's analyst on node B ${Math.round(ms)} ms after the share answered`);
    const copies = await until(
      "CERT-FR holds the CSIRT's report copy",
      async () => {
        const [row] = await b.query<{ n: number | string }>("select count(*) as n from objects where type = 'report' and json like ?", [
          `%${share.sharedObject}%`,
        ]);
        return Number(row?.n) === 1;
      },
      nodes,
    );
    assert.ok(copies < 20_000);
    assert.equal((await b.call(outsider, 'GET', `/api/v1/objects/${share.sharedObject}`)).status, 404);
    // Wait until B has pulled everything A had, then look for any trace of the originals.
    await until(
      'node B caught up with node A',
      async () => {
        const [head] = await a.query<{ head: number | string }>('select max(seq) as head from objects');
        const [row] = await b.query<{ cursor: string | null }>('select cursor from peers where key_id = ?', [a.keyId]);
        return row?.cursor != null && Number(row.cursor) >= Number(head?.head ?? 0);
      },
      nodes,
    );
    for (const id of [incidentId, reportId]) {
      const [n] = await b.query<{ n: number | string }>('select count(*) as n from objects where id = ? or json like ?', [id, `%${id}%`]);
      assert.equal(Number(n?.n), 0, `${id} never reached node B, not even as a reference`);
    }
    const shares = (await a.call(deCoord, 'GET', `/api/v1/incidents/${incidentId}`)).json as { shares?: ShareView[] };
    assert.deepEqual(
      shares.shares?.map((s) => s.mode),
      ['summary', 'whole'],
    );
  });
});
