// Sharing incidents across borders through the API (issue 16, must 6): a German CSIRT shares an
// incident of its constituency with the French CSIRT, as a summary and whole, and hands one over;
// what the French analyst then reads, what an outsider and the entity's original stay out of,
// and every refusal with the field named.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Org } from '../src/domain/identity/types.ts';
import type { IncidentDetail, ShareView } from '../src/domain/incidents/api.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { CONCORD_NIS2_EXTENSION_ID, CONCORD_NIS2_REPORT_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID } from '../src/domain/incidents/types.ts';
import type { Tlp } from '../src/domain/markings/tlp.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Json = Record<string, unknown>;

for (const engine of ENGINES)
  describe(`incident shares on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let de: Org, fr: Org, entity: Org;
    let deCoord: Person, deAnalyst: Person, frAnalyst: Person, entityCoord: Person, outsider: Person;
    let incidentId = '';

    before(async () => {
      node = await startNode({}, engine);
      const orgs = node.services.orgs;
      de = await orgs.addOrg(CLI, { name: 'CSIRT-DE', country: 'DE', nis2Role: 'csirt' });
      fr = await orgs.addOrg(CLI, { name: 'CERT-FR', country: 'FR', nis2Role: 'csirt' });
      entity = await orgs.addOrg(CLI, {
        name: 'Stadtwerke Nord',
        country: 'DE',
        nis2Role: 'essential',
        sectors: ['energy/electricity'],
        csirtOrg: de.id,
      });
      deCoord = await buildPerson(node.services, { org: de, roles: ['coordinator'] });
      deAnalyst = await buildPerson(node.services, { org: de, roles: ['analyst'] });
      frAnalyst = await buildPerson(node.services, { org: fr, roles: ['analyst'] });
      entityCoord = await buildPerson(node.services, { org: entity, roles: ['coordinator'] });
      outsider = await buildPerson(node.services, { roles: ['coordinator'], country: 'FR' });
      incidentId = await entityIncident('Ransomware at Stadtwerke Nord', 'amber+strict');
    });
    after(() => node.dispose());

    /** An incident of the entity with one NIS2 early warning, distributed to its constituency. */
    async function entityIncident(name: string, tlp: Tlp): Promise<string> {
      const distribution = `sharing-group:${constituencyGroupId(entity.id)}`;
      const incident = {
        type: 'incident',
        name,
        description: 'Encrypted billing servers at Stadtwerke Nord',
        extensions: {
          [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination: 'confirmed', investigation_status: 'open' },
          [CONCORD_NIS2_EXTENSION_ID]: {
            extension_type: 'property-extension',
            aware_at: '2026-12-01T08:00:00.000Z',
            affected_entity_ref: entity.id,
            sector: 'energy',
            subsector: 'electricity',
            member_states_affected: ['DE', 'FR'],
            cross_border_impact: true,
            severity: 'high',
            rsit_classification: 'malicious-code',
          },
        },
      };
      const w = node.services.write;
      const id = (await w.create(CLI, { object: incident, tlp, distribution }, entity.id)).object.id;
      const report = {
        type: 'report',
        name: `Early warning: ${name}`,
        published: '2026-12-01T20:00:00.000Z',
        object_refs: [id],
        extensions: {
          [CONCORD_NIS2_REPORT_EXTENSION_ID]: {
            extension_type: 'property-extension',
            stage: 'early-warning',
            summary: 'Billing servers encrypted',
            cross_border_impact: true,
          },
        },
      };
      await w.create(CLI, { object: report, tlp, distribution }, entity.id);
      return id;
    }

    const post = (url: string, who: Person, payload: Json) =>
      node.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.auth, payload });
    const get = (url: string, who: Person) => node.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.auth });
    const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as T;
    };
    const object = async (id: string, who: Person): Promise<Json | undefined> => {
      const res = await get(`/objects/${id}`, who);
      if (res.statusCode === 404) return undefined;
      const body = ok<Json>(res);
      return (body['object'] ?? body) as Json;
    };
    const problem = (res: LightMyRequestResponse, status: number): Json => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as Json;
    };

    test("a summary share gives the French CSIRT the CSIRT's own incident, without the entity", async () => {
      assert.equal(await object(incidentId, frAnalyst), undefined, 'before the share, France reads nothing');
      const share = ok<ShareView>(
        await post(`/incidents/${incidentId}/share`, deCoord, {
          mode: 'summary',
          name: 'Ransomware at a German electricity DSO',
          summary: 'Ransomware in a German electricity DSO; FR billing affected',
        }),
        201,
      );
      assert.deepEqual([share.kind, share.mode], ['share', 'summary']);
      assert.deepEqual(
        share.recipients.map((r) => r.name),
        ['CERT-FR'],
      );
      assert.notEqual(share.sharedObject, incidentId);
      const seen = await object(share.sharedObject, frAnalyst);
      assert.ok(seen, 'France reads the summary');
      assert.equal(seen['created_by_ref'], de.id);
      assert.equal(seen['description'], 'Ransomware in a German electricity DSO; FR billing affected');
      const nis2 = (seen['extensions'] as Json)[CONCORD_NIS2_EXTENSION_ID] as Json;
      assert.deepEqual([nis2['sector'], nis2['severity'], nis2['cross_border_impact']], ['energy', 'high', true]);
      assert.equal(nis2['affected_entity_ref'], undefined, 'no entity in a summary');
      assert.ok(!JSON.stringify(seen).includes('Stadtwerke'), `the entity is not named: ${JSON.stringify(seen)}`);
      assert.ok(!JSON.stringify(seen).includes(entity.id), 'not even in the sharing group the object carries');
      assert.equal(await object(incidentId, frAnalyst), undefined, "the entity's original stays with its constituency");
      assert.equal(await object(share.sharedObject, outsider), undefined, 'an outsider reads nothing');
      // France is told under the summary's name, never the original's (which names the entity).
      const told = (await node.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: frAnalyst.auth })).json() as {
        items: { incidentId: string; title: string }[];
      };
      assert.ok(
        told.items.some((n) => n.incidentId === share.sharedObject && n.title.includes('Ransomware at a German')),
        JSON.stringify(told),
      );
      assert.ok(!JSON.stringify(told).includes('Stadtwerke'), `no notification names the entity: ${JSON.stringify(told)}`);
    });

    test('a whole share carries the description and the NIS2 reports as one CSIRT report', async () => {
      const share = ok<ShareView>(await post(`/incidents/${incidentId}/share`, deCoord, { mode: 'whole', memberStates: ['fr'] }), 201);
      const seen = await object(share.sharedObject, frAnalyst);
      assert.ok(seen);
      assert.equal(seen['description'], 'Encrypted billing servers at Stadtwerke Nord');
      const core = (seen['extensions'] as Json)[INCIDENT_CORE_EXTENSION_ID] as Json;
      assert.equal(core['investigation_status'], 'open');
      const nis2 = (seen['extensions'] as Json)[CONCORD_NIS2_EXTENSION_ID] as Json;
      assert.equal(nis2['affected_entity_ref'], entity.id);
      // The derived-from link to the original is the constituency's, not France's.
      const edges = await node.store.objects.edges([share.sharedObject]);
      const reportId = edges.find((e) => e.source.startsWith('report--') && e.target === share.sharedObject)?.source;
      const relId = edges.find((e) => e.source.startsWith('relationship--'))?.source;
      assert.ok(reportId && relId);
      const report = await object(reportId, frAnalyst);
      assert.match(String(report?.['description']), /early-warning[\s\S]*Billing servers encrypted/);
      assert.equal(await object(relId, frAnalyst), undefined);
      assert.ok(await object(relId, entityCoord), 'the entity sees what its CSIRT derived from its incident');
      // The incident page lists both shares for the CSIRT; the audit log has them.
      const detail = ok<IncidentDetail>(await get(`/incidents/${incidentId}`, deCoord));
      assert.deepEqual(
        detail.shares.map((s) => s.mode),
        ['summary', 'whole'],
      );
      assert.equal((await node.store.audit.list({ action: 'incident.share', limit: 10 })).items.length, 2);
      const fromFrance = ok<IncidentDetail>(await get(`/incidents/${share.sharedObject}`, frAnalyst));
      assert.equal(fromFrance.row.name, 'Ransomware at Stadtwerke Nord');
    });

    test('a handover lets the coordinating CSIRT work on the shared incident', async () => {
      const share = ok<ShareView>(await post(`/incidents/${incidentId}/handover`, deCoord, { org: 'CERT-FR' }), 201);
      assert.deepEqual([share.kind, share.mode, share.recipients[0]?.org], ['handover', 'whole', fr.id]);
      const seen = await object(share.sharedObject, frAnalyst);
      assert.ok(seen);
      assert.equal(((seen['extensions'] as Json)[CONCORD_NIS2_EXTENSION_ID] as Json)['coordinator_ref'], fr.id);
      const detail = ok<IncidentDetail>(await get(`/incidents/${share.sharedObject}`, frAnalyst));
      assert.equal(detail.can.work, true);
      assert.equal((await node.store.audit.list({ action: 'incident.handover', limit: 10 })).items[0]?.target, incidentId);
    });

    test("the CSIRT's own incident is shared whole by re-marking it and its notes", async () => {
      const w = node.services.write;
      const own = (
        await w.create(
          CLI,
          {
            object: {
              type: 'incident',
              name: 'Phishing wave against DE and FR ministries',
              extensions: {
                [CONCORD_NIS2_EXTENSION_ID]: {
                  extension_type: 'property-extension',
                  aware_at: '2026-12-02T08:00:00.000Z',
                  member_states_affected: ['FR'],
                },
              },
            },
          },
          de.id,
        )
      ).object.id;
      const note = (await w.create(CLI, { object: { type: 'note', content: 'Lure: fake tax refund', object_refs: [own] } }, de.id)).object
        .id;
      assert.equal(await object(own, frAnalyst), undefined);
      const share = ok<ShareView>(await post(`/incidents/${own}/share`, deCoord, { mode: 'whole' }), 201);
      assert.equal(share.sharedObject, own, 'the same incident, a new version (STIX 2.1 §3.6: its creator versions it)');
      assert.ok(await object(own, frAnalyst));
      assert.equal((await object(note, frAnalyst))?.['content'], 'Lure: fake tax refund');
      assert.equal(await object(own, outsider), undefined);
    });

    test('refusals name what is wrong, and share nothing', async () => {
      const before = (await node.store.incidentShares.of([incidentId])).length;
      let p = problem(await post(`/incidents/${incidentId}/share`, deCoord, { mode: 'whole', memberStates: ['IT'] }), 400);
      assert.equal(p['field'], 'memberStates');
      assert.match(String(p['detail']), /IT/);
      p = problem(await post(`/incidents/${incidentId}/share`, deCoord, { mode: 'whole', memberStates: ['US'] }), 400);
      assert.equal(p['field'], 'memberStates[0]');
      p = problem(await post(`/incidents/${incidentId}/share`, deCoord, { mode: 'summary' }), 400);
      assert.equal(p['field'], 'summary');
      problem(await post(`/incidents/${incidentId}/share`, deAnalyst, { mode: 'whole' }), 403);
      problem(await post(`/incidents/${incidentId}/share`, entityCoord, { mode: 'whole' }), 403);
      // The incident page offers sharing to whom may share: the CSIRT, not the entity.
      assert.equal(ok<IncidentDetail>(await get(`/incidents/${incidentId}`, entityCoord)).can.share, false);
      assert.equal(ok<IncidentDetail>(await get(`/incidents/${incidentId}`, deCoord)).can.share, true);
      problem(await post(`/incidents/${incidentId}/share`, outsider, { mode: 'whole' }), 404);
      problem(await post(`/incidents/incident--0b7cf4c1-4a1e-4d77-8f31-1b1b0d2b8b9e/share`, deCoord, { mode: 'whole' }), 404);
      p = problem(await post(`/incidents/${incidentId}/handover`, deCoord, { org: 'Nobody' }), 400);
      assert.equal(p['field'], 'org');
      const red = await entityIncident('Red incident', 'red');
      p = problem(await post(`/incidents/${red}/share`, deCoord, { mode: 'summary', summary: 'x' }), 422);
      assert.match(String(p['detail']), /TLP:RED/);
      assert.equal((await node.store.incidentShares.of([incidentId])).length, before);
      assert.deepEqual(await node.store.incidentShares.of([red]), []);
    });
  });
