// Writing incidents through the REST API as an entity, its CSIRT and outsiders do (issue 16, musts
// 4, 5 and 10, and the bad-input rules): what is stored, what is refused and why, and that a
// refusal stores nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type { IncidentDetail } from '../src/domain/incidents/api.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
} from '../src/domain/incidents/types.ts';
import { incidentObject } from './helpers/incidents.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Json = Record<string, unknown>;
const HOUR = 3600_000;
const ago = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
const ahead = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

for (const engine of ENGINES)
  describe(`incident write API on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let entity: Person, csirt: Person, viewer: Person, outsider: Person, readOnly: { authorization: string };

    before(async () => {
      node = await startNode({}, engine);
      csirt = await buildPerson(node.services, { roles: ['analyst'], country: 'DE' });
      entity = await buildPerson(node.services, { roles: ['analyst'], country: 'DE' });
      viewer = await buildPerson(node.services, { org: entity.org, roles: ['viewer'] });
      outsider = await buildPerson(node.services, { roles: ['analyst'] });
      const orgs = node.store.orgs;
      await orgs.putOrg({ ...csirt.org, nis2Role: 'csirt' });
      entity.org = { ...entity.org, nis2Role: 'essential', sectors: ['energy/electricity'], csirtOrg: csirt.org.id };
      await orgs.putOrg(entity.org);
      const now = new Date().toISOString();
      await orgs.putSharingGroup({
        id: constituencyGroupId(entity.org.id),
        name: `Constituency of ${entity.org.name}`,
        description: 'NIS2 reporting',
        ownerOrg: csirt.org.id,
        members: [entity.org.id, csirt.org.id],
        disabled: false,
        createdAt: now,
        updatedAt: now,
        origin: null,
      } as never);
      const { secret } = await node.services.users.createToken(CLI, { userId: entity.user.id, name: 'ro', scope: 'read' });
      readOnly = { authorization: `Bearer ${secret}` };
    });
    after(() => node.dispose());

    const call = (method: 'POST' | 'PATCH', url: string, who: Person | { authorization: string }, payload: unknown) =>
      node.app.inject({ method, url: `/api/v1${url}`, headers: 'auth' in who ? who.auth : who, payload: payload as Json });
    const ok = (res: LightMyRequestResponse, status = 201): IncidentDetail => {
      assert.equal(res.statusCode, status, res.body);
      return res.json() as IncidentDetail;
    };
    const problem = (res: LightMyRequestResponse, status: number, code: string, field?: string): Json => {
      assert.equal(res.statusCode, status, res.body);
      const p = res.json() as Json;
      assert.equal(p['code'], code, res.body);
      if (field !== undefined) assert.equal(p['field'], field, res.body);
      return p;
    };
    const read = async (id: string, who: Person = entity): Promise<Json> => {
      const res = await node.app.inject({ url: `/api/v1/objects/${id}`, headers: who.auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Json;
    };
    const listed = async (type: string, who: Person = entity): Promise<Json[]> => {
      const res = await node.app.inject({ url: `/api/v1/objects?type=${type}&limit=200`, headers: who.auth });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { objects: Json[] }).objects;
    };
    const core = (o: Json): Json => (o['extensions'] as Record<string, Json>)[INCIDENT_CORE_EXTENSION_ID] as Json;
    const open = async (extra: Json = {}) =>
      ok(
        await call('POST', '/incidents', entity, {
          name: 'Grid outage',
          awareAt: ago(2),
          sector: 'energy',
          subsector: 'electricity',
          ...extra,
        }),
      );

    test('an entity works an incident through early warning, notification and final report; its CSIRT answers', async () => {
      const opened = await open({ severity: 'high', rsitClass: 'malicious-code', memberStates: ['DE', 'FR'] });
      const id = opened.row.id;
      assert.equal(opened.row.ownerOrg, entity.org.id);
      assert.equal((await read(id))['type'], 'incident');

      const withEvent = ok(await call('POST', `/incidents/${id}/events`, entity, { name: 'SCADA alarms', startTime: ago(3) }));
      const eventId = (core(withEvent.incident as Json)['event_refs'] as string[])[0] as string;
      assert.equal((await read(eventId))['status'], 'occurred');

      const withTask = ok(
        await call('POST', `/incidents/${id}/tasks`, entity, { name: 'Isolate HMI', assignee: entity.user.username, dueDate: ahead(24) }),
      );
      const taskId = (core(withTask.incident as Json)['task_refs'] as string[])[0] as string;
      const task = await read(taskId);
      assert.equal(((task['extensions'] as Record<string, Json>)[CONCORD_TASK_EXTENSION_ID] as Json)['assignee'], entity.user.username);
      ok(await call('PATCH', `/incidents/${id}/tasks/${taskId}`, entity, { outcome: 'successful' }), 200);
      assert.equal((await read(taskId))['outcome'], 'successful');
      problem(
        await call('POST', `/incidents/${id}/tasks`, entity, { name: 'x', assignee: csirt.user.username }),
        400,
        'INVALID_INPUT',
        'assignee',
      );

      const withImpact = ok(
        await call('POST', `/incidents/${id}/impacts`, entity, { category: 'availability', criticality: 40, startTime: ago(2) }),
      );
      const impactId = (core(withImpact.incident as Json)['impact_refs'] as string[])[0] as string;
      ok(
        await call('PATCH', `/incidents/${id}/impacts/${impactId}`, entity, { criticality: 80, description: 'two substations down' }),
        200,
      );
      const impact = await read(impactId);
      assert.equal(impact['criticality'], 80);
      assert.notEqual(impact['modified'], impact['created'], 'a new version of the impact');

      const ind = await call('POST', '/objects', entity, {
        object: { type: 'intrusion-set', name: 'Sandworm' },
      });
      assert.equal(ind.statusCode, 201, ind.body);
      const setId = (ind.json() as { object: { id: string } }).object.id;
      ok(await call('POST', `/incidents/${id}/links`, entity, { target: setId, relationshipType: 'attributed-to', confidence: 70 }));
      const rel = (await listed('relationship')).find((r) => r['target_ref'] === setId);
      assert.equal(rel?.['relationship_type'], 'attributed-to');
      assert.equal(rel?.['confidence'], 70);
      ok(await call('POST', `/incidents/${id}/notes`, entity, { content: 'Vendor contacted' }));

      // Reports: what a stage requires, in order, never in the future.
      const early = { summary: 'Outage of the grid control system', suspectedMalicious: true, crossBorderImpact: false };
      const incomplete = problem(
        await call('POST', `/incidents/${id}/reports`, entity, { stage: 'early-warning', content: { summary: 'x' } }),
        422,
        'REPORT_INCOMPLETE',
      );
      assert.deepEqual(
        (incomplete['errors'] as Json[]).map((e) => e['field']),
        ['suspectedMalicious', 'crossBorderImpact'],
      );
      assert.match(String((incomplete['errors'] as Json[])[0]?.['rule']), /Art\. 23\(4\)\(a\)/);
      const final = {
        detailedDescription: 'd',
        severity: 'high',
        impact: 'i',
        rootCause: 'r',
        mitigationApplied: 'a',
        mitigationOngoing: 'o',
        crossBorderImpact: false,
      };
      problem(await call('POST', `/incidents/${id}/reports`, entity, { stage: 'final', content: final }), 400, 'INVALID_INPUT', 'stage');
      ok(await call('POST', `/incidents/${id}/reports`, entity, { stage: 'early-warning', content: early }));
      problem(await call('POST', `/incidents/${id}/reports`, entity, { stage: 'early-warning', content: early }), 409, 'CONFLICT', 'stage');
      const revised = ok(
        await call('POST', `/incidents/${id}/reports`, entity, {
          stage: 'early-warning',
          content: { ...early, summary: 'Revised' },
          revise: true,
        }),
      );
      const ew = revised.reports.find((r) => r.stage === 'early-warning');
      assert.equal(ew?.content.summary, 'Revised');
      const notification = { ...early, initialAssessment: 'ransomware', severity: 'high', impact: 'grid' };
      ok(await call('POST', `/incidents/${id}/reports`, entity, { stage: 'notification', content: notification }));
      const reports = (await listed('report')).filter((r) => (r['object_refs'] as string[])[0] === id);
      assert.deepEqual(reports.map((r) => (r['report_types'] as string[])[0]).sort(), ['nis2-early-warning', 'nis2-notification']);
      assert.ok(reports.every((r) => (r['extensions'] as Json)[CONCORD_NIS2_REPORT_EXTENSION_ID]));

      // The CSIRT sees it, answers, requests an intermediate report; the entity submits it.
      assert.equal((await read(id, csirt))['id'], id);
      ok(await call('POST', `/incidents/${id}/answers`, csirt, { kind: 'feedback', content: 'Received', reportId: ew?.id }));
      problem(await call('POST', `/incidents/${id}/answers`, entity, { kind: 'feedback', content: 'self' }), 403, 'ACCESS_DENIED');
      problem(
        await call('POST', `/incidents/${id}/answers`, csirt, { kind: 'intermediate-request', content: 'Update?', dueAt: ago(1) }),
        400,
        'INVALID_INPUT',
        'dueAt',
      );
      ok(await call('POST', `/incidents/${id}/answers`, csirt, { kind: 'intermediate-request', content: 'Update?', dueAt: ahead(48) }));
      const notes = (await listed('note')).filter((n) => (n['extensions'] as Json | undefined)?.[CONCORD_NIS2_ANSWER_EXTENSION_ID]);
      assert.equal(notes.length, 2);
      problem(
        await call('POST', `/incidents/${id}/reports`, entity, { stage: 'intermediate', request: 1, content: { statusUpdate: 's' } }),
        400,
        'INVALID_INPUT',
        'request',
      );
      ok(
        await call('POST', `/incidents/${id}/reports`, entity, {
          stage: 'intermediate',
          request: 0,
          content: { statusUpdate: 'contained' },
        }),
      );
      // The CSIRT's work is linked to the incident, not written into it (STIX 2.1 §3.6).
      const csirtTask = ok(await call('POST', `/incidents/${id}/tasks`, csirt, { name: 'Share IoCs with FR' }));
      assert.equal((core(csirtTask.incident as Json)['task_refs'] as string[]).length, 1);
      const links = (await listed('relationship', csirt)).filter((r) => r['target_ref'] === id && r['relationship_type'] === 'related-to');
      assert.equal(links.length, 1);
      problem(await call('POST', `/incidents/${id}/reports`, csirt, { stage: 'final', content: final }), 403, 'ACCESS_DENIED');
      // Only the creator versions an object (STIX 2.1 §3.6): the CSIRT does not change the entity's task.
      problem(await call('PATCH', `/incidents/${id}/tasks/${taskId}`, csirt, { outcome: 'failed' }), 403, 'NOT_OWNER', 'taskId');
      problem(await call('PATCH', `/incidents/${id}/tasks/${eventId}`, entity, { outcome: 'failed' }), 404, 'NOT_FOUND', 'taskId');

      ok(await call('PATCH', `/incidents/${id}`, entity, { status: 'closed', handledAt: ago(1) }), 200);
      const done = ok(await call('POST', `/incidents/${id}/reports`, entity, { stage: 'final', content: final }));
      assert.equal(done.row.clocks.find((c) => c.stage === 'final')?.status, 'submitted-on-time');
      assert.equal(done.row.status, 'closed');

      // The incident page as each side reads it (IncidentService.get over what was written).
      const page = async (who: Person): Promise<IncidentDetail> => {
        const res = await node.app.inject({ url: `/api/v1/incidents/${id}`, headers: who.auth });
        return ok(res, 200);
      };
      for (const who of [entity, csirt]) {
        const d = await page(who);
        assert.equal(d.events.length, 1);
        assert.deepEqual(d.tasks.map((t) => t.ownerOrg).sort(), [entity.org.id, csirt.org.id].sort(), 'both sides’ tasks');
        assert.equal(d.impacts[0]?.object['criticality'], 80, 'the impact as it is now');
        // The intrusion set is the entity's own (its default markings): the CSIRT does not see the link.
        const attributed = d.links.some((l) => l.objectId === setId && l.relationshipType === 'attributed-to' && l.confidence === 70);
        assert.equal(attributed, who === entity, JSON.stringify(d.links));
        assert.equal(d.notes.length, 1);
        assert.deepEqual(d.reports.map((r) => r.stage).sort(), ['early-warning', 'final', 'intermediate', 'notification']);
        assert.deepEqual(d.answers.map((a) => a.kind).sort(), ['feedback', 'intermediate-request']);
      }
      assert.equal((await node.app.inject({ url: `/api/v1/incidents/${id}`, headers: outsider.auth })).statusCode, 404);

      // Each side was told (the notification service decides who may hear of it); each write audited.
      const told = async (who: Person): Promise<string[]> => {
        const res = await node.app.inject({ url: '/api/v1/notifications', headers: who.auth });
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { items: { kind: string; incidentId: string }[] }).items
          .filter((i) => i.incidentId === id)
          .map((i) => i.kind);
      };
      assert.ok((await told(csirt)).includes('report-submitted'));
      const entityHeard = await told(entity);
      assert.ok(entityHeard.includes('answer') && entityHeard.includes('intermediate-requested'), entityHeard.join());
      assert.deepEqual(await told(outsider), []);
      const actions = new Set((await node.services.audit.list({ limit: 500 })).items.filter((e) => e.target !== null).map((e) => e.action));
      for (const a of [
        'incident.open',
        'incident.event',
        'incident.task',
        'incident.task.update',
        'incident.impact.update',
        'incident.link',
        'incident.report',
        'incident.answer',
      ])
        assert.ok(actions.has(a), a);
    });

    test('bad input is refused naming the field, and nothing is stored', async () => {
      const before = (await listed('incident')).length;
      problem(await call('POST', '/incidents', entity, { name: 'Future', awareAt: ahead(2) }), 400, 'INVALID_INPUT', 'awareAt');
      problem(
        await call('POST', '/incidents', entity, { name: 'Farm', awareAt: ago(1), sector: 'agriculture' }),
        400,
        'INVALID_INPUT',
        'sector',
      );
      problem(
        await call('POST', '/incidents', entity, { name: 'X', awareAt: ago(1), rsitClass: 'aliens' }),
        400,
        'INVALID_INPUT',
        'rsitClass',
      );
      assert.equal((await listed('incident')).length, before);
      const { row } = await open();
      const events = (await listed('event')).length;
      problem(
        await call('POST', `/incidents/${row.id}/events`, entity, { name: 'Later', startTime: ahead(3) }),
        400,
        'INVALID_INPUT',
        'startTime',
      );
      problem(await call('PATCH', `/incidents/${row.id}`, entity, { handledAt: ahead(3) }), 400, 'INVALID_INPUT', 'handledAt');
      const early = { summary: 's', suspectedMalicious: false, crossBorderImpact: false };
      ok(await call('POST', `/incidents/${row.id}/reports`, entity, { stage: 'early-warning', content: early }));
      // Becoming aware after the early warning was sent cannot be: the field at fault is awareAt.
      problem(await call('PATCH', `/incidents/${row.id}`, entity, { awareAt: ahead(2 / 60) }), 400, 'INVALID_INPUT', 'awareAt');
      assert.equal((await listed('event')).length, events);
    });

    test('writes at once on one incident each keep the others (no lost update)', async () => {
      const { row } = await open();
      const names = ['a', 'b', 'c', 'd', 'e'];
      const done = await Promise.all(names.map((name) => call('POST', `/incidents/${row.id}/events`, entity, { name })));
      for (const res of done) assert.equal(res.statusCode, 201, res.body);
      const early = { summary: 's', suspectedMalicious: false, crossBorderImpact: false };
      const twice = await Promise.all(
        [1, 2].map(() => call('POST', `/incidents/${row.id}/reports`, entity, { stage: 'early-warning', content: early })),
      );
      assert.deepEqual(twice.map((r) => r.statusCode).sort(), [201, 409]);
      const incident = await read(row.id);
      assert.equal((core(incident)['event_refs'] as string[]).length, names.length);
    });

    test("an incident one may read but not work on (another organisation's, published clear) is refused", async () => {
      const theirs = incidentObject({ awareAt: ago(5), name: 'Published elsewhere' });
      const summary = await node.services.ingest.importStream([JSON.stringify([theirs])], {
        source: 'test',
        owner: { orgId: outsider.org.id, tlp: 'clear', distribution: { kind: 'federation' }, actor: 'test' },
      });
      assert.equal(summary.accepted, 1, JSON.stringify(summary));
      assert.equal((await read(theirs.id))['id'], theirs.id, 'the entity reads it');
      const events = (await listed('event')).length;
      const early = { summary: 's', suspectedMalicious: false, crossBorderImpact: false };
      problem(await call('POST', `/incidents/${theirs.id}/events`, entity, { name: 'Mine now' }), 403, 'ACCESS_DENIED', 'id');
      problem(await call('POST', `/incidents/${theirs.id}/tasks`, entity, { name: 'Mine now' }), 403, 'ACCESS_DENIED', 'id');
      problem(await call('POST', `/incidents/${theirs.id}/links`, entity, { target: theirs.id }), 403, 'ACCESS_DENIED', 'id');
      problem(
        await call('POST', `/incidents/${theirs.id}/reports`, entity, { stage: 'early-warning', content: early }),
        403,
        'ACCESS_DENIED',
      );
      problem(
        await call('POST', `/incidents/${theirs.id}/answers`, csirt, { kind: 'feedback', content: 'not ours' }),
        403,
        'ACCESS_DENIED',
      );
      assert.equal((await listed('event')).length, events);
    });

    test('after a handover the coordinating organisation works on the incident, linked by related-to', async () => {
      const csirtCoord = await buildPerson(node.services, { org: csirt.org, roles: ['coordinator'] });
      const taker = await buildPerson(node.services, { roles: ['analyst'] });
      await node.store.orgs.putOrg({ ...taker.org, nis2Role: 'csirt' });
      const { row } = await open();
      const res = await call('POST', `/incidents/${row.id}/handover`, csirtCoord, { org: taker.org.id });
      assert.equal(res.statusCode, 201, res.body);
      const handed = (res.json() as { sharedObject: string }).sharedObject;
      const worked = ok(await call('POST', `/incidents/${handed}/events`, taker, { name: 'Coordinated takedown' }));
      assert.equal(worked.events.length, 1);
      assert.equal(worked.events[0]?.ownerOrg, taker.org.id);
      // The coordinator works on it but does not speak for the entity or the CSIRT.
      problem(await call('PATCH', `/incidents/${handed}`, taker, { name: 'Ours' }), 403, 'ACCESS_DENIED', 'id');
      problem(await call('POST', `/incidents/${handed}/answers`, taker, { kind: 'feedback', content: 'x' }), 403, 'ACCESS_DENIED');
    });

    test('the write routes are in the OpenAPI document under incidents', async () => {
      const doc = (await node.app.inject({ url: '/api/docs', headers: entity.auth })).json() as {
        paths: Record<string, Record<string, { tags?: string[] }>>;
      };
      for (const [path, method] of [
        ['/api/v1/incidents', 'post'],
        ['/api/v1/incidents/{id}', 'patch'],
        ['/api/v1/incidents/{id}/reports', 'post'],
        ['/api/v1/incidents/{id}/answers', 'post'],
        ['/api/v1/incidents/{id}/tasks/{taskId}', 'patch'],
        ['/api/v1/incidents/{id}/impacts/{impactId}', 'patch'],
      ] as const)
        assert.deepEqual(doc.paths[path]?.[method]?.tags, ['incidents'], `${method} ${path}`);
    });

    test('outsiders get 404, viewers and read-only tokens 403', async () => {
      const { row } = await open();
      problem(await call('POST', `/incidents/${row.id}/events`, outsider, { name: 'Peek' }), 404, 'NOT_FOUND');
      problem(await call('PATCH', `/incidents/${row.id}`, outsider, { name: 'Mine' }), 404, 'NOT_FOUND');
      problem(await call('POST', `/incidents/${row.id}/answers`, outsider, { kind: 'feedback', content: 'hi' }), 404, 'NOT_FOUND');
      problem(await call('POST', '/incidents', viewer, { name: 'V', awareAt: ago(1) }), 403, 'ACCESS_DENIED');
      problem(await call('POST', `/incidents/${row.id}/notes`, readOnly, { content: 'ro' }), 403, 'ACCESS_DENIED');
      // The CSIRT may work on it but not change what the entity says.
      problem(await call('PATCH', `/incidents/${row.id}`, csirt, { name: 'Renamed' }), 403, 'ACCESS_DENIED');
    });
  });
