// Reading incidents over HTTP (issue 16, musts 5, 8, 9) as an entity, its CSIRT and an outsider
// do: who sees which incident in the list, the page, the inbox, the summary, the panels and an
// object's incidents; the filters, with "overdue" decided at the time of the question.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { CLI } from '../src/domain/identity/principal.ts';
import type {
  IncidentDetail,
  IncidentPage,
  IncidentPanels,
  IncidentRef,
  InboxItem,
  QuarterlySummary,
} from '../src/domain/incidents/api.ts';
import { IncidentService } from '../src/services/incident.service.ts';
import { AccessGate } from '../src/services/access-gate.ts';
import {
  answerObject,
  eventObject,
  importAs,
  incidentObject,
  noteObject,
  placeInConstituency,
  relationshipObject,
  reportObject,
  taskObject,
} from './helpers/incidents.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

const HOUR = 3_600_000;
const ago = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();
const EXAMPLES = join(import.meta.dirname, '..', '..', 'shared', 'standards', 'stix-incident-extension', 'examples');

for (const engine of ENGINES)
  describe(`incident reads on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let entity: Person, csirt: Person, outsider: Person, viewer: Person;
    const event = eventObject(ago(29));
    const task = taskObject(ago(29));
    const A = incidentObject({
      name: 'Ransomware at a DSO',
      awareAt: ago(30),
      memberStates: ['DE', 'DK'],
      crossBorder: true,
      eventRefs: [event.id],
      taskRefs: [task.id],
    });
    const B = incidentObject({ name: 'Phishing wave', awareAt: ago(2), severity: 'low', sector: 'energy', status: 'new' });
    const C = incidentObject({ name: 'Outsider outage', awareAt: ago(100) });
    const indicator = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      created: ago(29),
      modified: ago(29),
      pattern: "[ipv4-addr:value = '198.51.100.9']",
      pattern_type: 'stix',
      valid_from: ago(29),
    };
    const early = reportObject(A.id, 'early-warning', ago(29), {
      summary: 'Encrypted historians',
      suspected_malicious: true,
      cross_border_impact: true,
    });

    before(async () => {
      node = await startNode({}, engine);
      entity = await buildPerson(node.services, { roles: ['analyst'] });
      csirt = await buildPerson(node.services, { roles: ['coordinator'] });
      viewer = await buildPerson(node.services, { org: csirt.org, roles: ['viewer'] });
      outsider = await buildPerson(node.services, { roles: ['analyst'] });
      entity.org = await placeInConstituency(node.services, node.store, entity.org, csirt.org);
      await importAs(node.services, entity.org, [
        A,
        B,
        event,
        task,
        early,
        noteObject(A.id, ago(28)),
        indicator,
        relationshipObject(indicator.id, 'related-to', A.id, ago(28)),
      ]);
      await importAs(node.services, outsider.org, [C]);
    });
    after(() => node?.dispose());

    const get = (url: string, who: Person): Promise<LightMyRequestResponse> => node.app.inject({ url: `/api/v1${url}`, headers: who.auth });
    const ok = async <T>(url: string, who: Person): Promise<T> => {
      const res = await get(url, who);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as T;
    };
    const names = async (query: string, who: Person): Promise<string[]> =>
      (await ok<IncidentPage>(`/incidents${query}`, who)).items.map((i) => i.name);

    test('the entity and its CSIRT see its incidents; an outsider sees only its own', async () => {
      assert.deepEqual(await names('', entity), ['Phishing wave', 'Ransomware at a DSO']);
      assert.deepEqual(await names('', csirt), ['Phishing wave', 'Ransomware at a DSO']);
      assert.deepEqual(await names('', viewer), ['Phishing wave', 'Ransomware at a DSO'], 'every role reads');
      assert.deepEqual(await names('', outsider), ['Outsider outage']);
      const row = (await ok<IncidentPage>('/incidents?q=ransomware', csirt)).items[0];
      assert.equal(row?.ownerOrg, entity.org.id);
      assert.equal(row?.ownerName, entity.org.name);
      assert.equal(row?.csirtOrg, csirt.org.id);
      assert.equal(row?.marking, 'TLP:AMBER+STRICT');
      assert.deepEqual(row?.memberStates, ['DE', 'DK']);
      assert.equal(row?.clocks.find((c) => c.stage === 'early-warning')?.status, 'submitted-on-time');
      assert.equal(row?.clocks.find((c) => c.stage === 'csirt-response')?.status, 'overdue');
    });

    test('filters: overdue, due soon, values ORed, and a bad value names its parameter', async () => {
      assert.deepEqual(await names('?stageStatus=overdue', csirt), ['Ransomware at a DSO']);
      assert.deepEqual(await names('?dueWithinHours=24', csirt), ['Phishing wave']);
      assert.deepEqual(await names('?severity=low,critical', csirt), ['Phishing wave']);
      assert.deepEqual(await names('?status=open&crossBorder=true', csirt), ['Ransomware at a DSO']);
      assert.deepEqual(await names('?country=DK', csirt), ['Ransomware at a DSO']);
      // A's CSIRT answer was due 5 hours ago; B's early warning is due in 22 hours.
      assert.deepEqual(await names('?sort=due', csirt), ['Ransomware at a DSO', 'Phishing wave']);
      assert.deepEqual(await names(`?owner=${entity.org.id}`, outsider), []);
      const bad = await get('/incidents?stageStatus=late', csirt);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /stageStatus/);
      assert.equal((await get('/incidents?sector=farming', csirt)).statusCode, 400);
      assert.equal((await get('/incidents?after=garbage', csirt)).statusCode, 400);
      const first = await ok<IncidentPage>('/incidents?limit=1', csirt);
      assert.ok(first.next);
      const second = await ok<IncidentPage>(`/incidents?limit=1&after=${first.next}`, csirt);
      assert.deepEqual(
        second.items.map((i) => i.name),
        ['Ransomware at a DSO'],
      );
      assert.equal(second.next, null);
    });

    test("the page shows the incident's work, links and reports, and what the reader may do", async () => {
      const seen = await ok<IncidentDetail>(`/incidents/${A.id}`, csirt);
      assert.deepEqual(
        seen.events.map((e) => e.id),
        [event.id],
      );
      assert.deepEqual(
        seen.tasks.map((t) => t.id),
        [task.id],
      );
      assert.equal(seen.notes.length, 1);
      assert.deepEqual(
        seen.links.map((l) => [l.objectId, l.relationshipType]),
        [[indicator.id, 'related-to']],
      );
      assert.deepEqual(
        seen.reports.map((r) => [r.id, r.stage, r.content.summary]),
        [[early.id, 'early-warning', 'Encrypted historians']],
      );
      assert.deepEqual(seen.can, { work: true, report: false, answer: true, share: true });
      assert.deepEqual(seen.shares, []);
      const own = await ok<IncidentDetail>(`/incidents/${A.id}`, entity);
      assert.deepEqual(own.can, { work: true, report: true, answer: false, share: false });
      assert.equal((await get(`/incidents/${A.id}`, outsider)).statusCode, 404, 'an unreadable incident does not exist');
      assert.equal((await get(`/incidents/${C.id}`, csirt)).statusCode, 404);
      const prefill = await ok<Record<string, unknown>>(`/incidents/${A.id}/prefill?stage=notification`, entity);
      assert.equal(prefill['summary'], 'Encrypted historians');
      assert.equal(prefill['severity'], 'high', "the incident's own severity");
    });

    test("a CSIRT's inbox lists its constituency's unanswered reports; answering takes it off", async () => {
      const inbox = await ok<{ items: InboxItem[] }>('/incidents/inbox', csirt);
      assert.deepEqual(
        inbox.items.map((i) => [i.reportId, i.stage, i.ownerName]),
        [[early.id, 'early-warning', entity.org.name]],
      );
      assert.ok(inbox.items[0]?.answerDueAt);
      assert.deepEqual((await ok<{ items: InboxItem[] }>('/incidents/inbox', entity)).items, []);
      assert.deepEqual((await ok<{ items: InboxItem[] }>('/incidents/inbox', outsider)).items, []);
      await importAs(node.services, csirt.org, [answerObject(A.id, 'feedback', ago(1), { reportId: early.id })]);
      // The CSIRT is in no constituency: its answer on an entity's incident goes to the entity's group.
      assert.deepEqual((await ok<{ items: InboxItem[] }>('/incidents/inbox', csirt)).items, []);
      assert.deepEqual(await node.services.incidents.inbox(CLI, csirt.org.id), []);
    });

    test('the summary and the panels count only what the reader may read', async () => {
      const from = ago(24 * 40);
      const to = new Date(Date.now() + HOUR).toISOString();
      const mine = await ok<QuarterlySummary>(`/incidents/summary?from=${from}&to=${to}`, csirt);
      assert.equal(mine.incidents, 2);
      assert.deepEqual(mine.bySeverity, { high: 1, low: 1 });
      const theirs = await ok<QuarterlySummary>(`/incidents/summary?from=${from}&to=${to}`, outsider);
      assert.equal(theirs.incidents, 1);
      const csv = await get(`/incidents/summary?from=${from}&to=${to}&format=csv`, csirt);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /filename="nis2-summary-.*\.csv"/);
      assert.match(csv.body, /^dimension,value,count\r\nperiod,/);
      assert.equal((await get(`/incidents/summary?from=${from}&to=${to}`, viewer)).statusCode, 403, 'viewers do not compile it');
      const bad = await get(`/incidents/summary?from=yesterday&to=${to}`, csirt);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /"parameter":"from"/);
      const panels = await ok<IncidentPanels>('/incidents/panels?days=30', csirt);
      assert.deepEqual(panels.bySector, [{ sector: 'energy', count: 2 }]);
      assert.deepEqual(new Set(panels.byMemberState.map((m) => m.country)), new Set(['DE', 'DK']));
      assert.deepEqual(new Set(panels.dueSoon.map((d) => d.incidentName)), new Set(['Phishing wave']));
      const other = await ok<IncidentPanels>('/incidents/panels', outsider);
      assert.deepEqual(
        other.bySector.map((s) => s.count),
        [1],
      );
    });

    test("an object's incidents, as the reader may see them", async () => {
      const refs = await ok<{ incidents: IncidentRef[] }>(`/objects/${indicator.id}/incidents`, csirt);
      assert.deepEqual(
        refs.incidents.map((r) => [r.id, r.relationshipType]),
        [[A.id, 'related-to']],
      );
      assert.deepEqual((await ok<{ incidents: IncidentRef[] }>(`/objects/${indicator.id}/incidents`, outsider)).incidents, []);
      const work = await ok<{ incidents: IncidentRef[] }>(`/objects/${task.id}/incidents`, entity);
      assert.deepEqual(
        work.incidents.map((r) => r.name),
        ['Ransomware at a DSO'],
      );
    });

    test('a report stored before its incident is found when the incident comes', async () => {
      const D = incidentObject({ name: 'Late incident', awareAt: ago(10) });
      await importAs(node.services, entity.org, [reportObject(D.id, 'early-warning', ago(9), { summary: 'first' })]);
      assert.equal((await get(`/incidents/${D.id}`, csirt)).statusCode, 404);
      await importAs(node.services, entity.org, [D]);
      const seen = await ok<IncidentDetail>(`/incidents/${D.id}`, csirt);
      assert.equal(seen.reports.length, 1);
      assert.equal(seen.row.clocks.find((c) => c.stage === 'early-warning')?.status, 'submitted-on-time');
    });

    test('overdue is decided at the time of the question (a pinned clock)', async () => {
      const at = (iso: string) =>
        new IncidentService({
          incidents: node.store.incidents,
          objects: node.store.objects,
          access: node.store.access,
          orgs: node.store.orgs,
          gate: new AccessGate({
            access: node.store.access,
            schemes: node.services.schemes,
            markings: node.services.markings,
            audit: node.services.audit,
          }),
          schemes: node.services.schemes,
          now: () => new Date(iso),
        });
      const overdue = async (iso: string) =>
        (await at(iso).list(CLI, { stageStatus: ['overdue'], owner: entity.org.id }, 'newest', { limit: 50 })).items
          .map((i) => i.name)
          .sort();
      // D's CSIRT answer is due 15 hours from now, B's early warning 22 hours from now, A's
      // notification 42 hours from now (A's CSIRT answer came, late, in the inbox test).
      const later = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
      assert.deepEqual(await overdue(later(14)), []);
      assert.deepEqual(await overdue(later(21)), ['Late incident']);
      assert.deepEqual(await overdue(later(23)), ['Late incident', 'Phishing wave']);
      assert.deepEqual(await overdue(later(43)), ['Late incident', 'Phishing wave', 'Ransomware at a DSO']);
      const waiting = await at(new Date().toISOString()).waiting();
      assert.ok(waiting.some((w) => w.id === B.id && w.csirtOrg === csirt.org.id));
    });

    test('the read endpoints are in the OpenAPI document', async () => {
      const doc = (await node.app.inject({ url: '/api/docs' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
      for (const path of [
        '/incidents',
        '/incidents/{id}',
        '/incidents/{id}/prefill',
        '/incidents/inbox',
        '/incidents/summary',
        '/incidents/panels',
        '/objects/{id}/incidents',
      ])
        assert.deepEqual(doc.paths[`/api/v1${path}`]?.['get']?.tags, ['incidents'], path);
    });

    test('every example of the Incident Extension Suite projects', {
      skip: !existsSync(EXAMPLES) && 'no ../shared standards',
    }, async () => {
      for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
        const text = readFileSync(join(EXAMPLES, file), 'utf8');
        const owner = await node.services.importOwner(CLI);
        await node.services.ingest.importStream([Buffer.from(text)], { source: `example:${file}`, owner });
        await node.services.incidents.catchUp();
      }
      const page = await node.services.incidents.list(CLI, {}, 'newest', { limit: 500 });
      assert.ok(page.items.length > 4, 'the examples added incidents');
    });
  });
