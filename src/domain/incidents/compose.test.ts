// Composing incident STIX from the API's requests (issue 16, musts 1, 4 and 5): every object
// composed is valid STIX 2.1 with the suite's and Concord's extensions, and reads back as the
// projection reads it (facts.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { StixObject } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import * as c from './compose.ts';
import { heldAnswer, heldReport } from './facts.ts';
import { factsOf } from './project.ts';
import { EU_MEMBER_STATES, NIS2_SECTORS } from './nis2-sectors.ts';
import { incidentCoreOf, nis2Of } from './read.ts';
import { REPORT_STAGES } from './report-extension.ts';
import { RSIT } from './rsit.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
  NIS2_SEVERITIES,
  TASK_EXTENSION_ID,
} from './types.ts';

const ORG = 'identity--7d0a2c61-4b8e-4b8b-9c0e-3f8f5d6b1a01';
const NOW = '2026-03-02T10:00:00.000Z';
const CSIRT = 'identity--5c1f4a0e-8d2b-4f6a-9b3c-2e7d9a1b4c02';
let n = 0;
const ctx: c.IncidentComposeContext = {
  now: NOW,
  uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  creator: ORG,
  markings: { tlp: 'amber+strict', distribution: 'sharing-group:5b1f0e51-2f0c-4b43-9c55-6c1b3b0f2a11' },
};

function valid(o: StixObject): StixObject {
  const errors = validateObject(o).issues.filter((i) => i.severity === 'error');
  assert.deepEqual(errors, [], `${o.type} is valid`);
  return o;
}

const incident = (): StixObject =>
  c.composeIncident(
    { name: 'Grid outage', awareAt: '2026-03-01T08:00:00+01:00', sector: 'energy', subsector: 'electricity', severity: 'high' },
    ORG,
    ctx,
  );

const ext = (o: StixObject, id: string): Record<string, unknown> => (o['extensions'] as Record<string, Record<string, unknown>>)[id] ?? {};

test('an incident carries the core extension (new, suspected) and the NIS2 extension', () => {
  const o = valid(incident());
  assert.equal(o['created_by_ref'], ORG);
  assert.deepEqual(incidentCoreOf(o), {
    determination: 'suspected',
    investigation_status: 'new',
    event_refs: [],
    impact_refs: [],
    task_refs: [],
  });
  const nis2 = nis2Of(o);
  assert.equal(nis2?.aware_at, '2026-03-01T07:00:00.000Z', 'times are normalised to UTC');
  assert.equal(nis2?.affected_entity_ref, ORG);
  assert.equal(nis2?.sector, 'energy');
});

test('request times that are not times are refused naming the field', () => {
  assert.throws(() => c.composeIncident({ name: 'x', awareAt: 'yesterday' }, ORG, ctx), {
    code: 'INVALID_INPUT',
    details: { field: 'awareAt' },
  });
  assert.throws(() => c.composeEvent({ name: 'x', startTime: 'soon' }, ctx), { details: { field: 'startTime' } });
  assert.throws(() => c.composeIncident({ name: ' ', awareAt: NOW }, ORG, ctx), { details: { field: 'name' } });
});

test('an update is a new version with the changes; work refs are appended once', () => {
  const o = incident();
  const next = valid(c.composeIncidentUpdate(o, { status: 'closed', handledAt: NOW, severity: 'critical' }, '2026-03-03T00:00:00.000Z'));
  assert.equal(next.id, o.id);
  assert.equal(next['created'], o['created']);
  assert.equal(incidentCoreOf(next)?.investigation_status, 'closed');
  assert.equal(nis2Of(next)?.handled_at, NOW);
  assert.equal(nis2Of(next)?.sector, 'energy', 'what the update does not name is kept');
  const event = valid(c.composeEvent({ name: 'Alarms' }, ctx));
  const once = c.composeWithWorkRef(next, 'event', event.id, '2026-03-03T00:00:01.000Z');
  assert.deepEqual(incidentCoreOf(once)?.event_refs, [event.id]);
  assert.equal(c.composeWithWorkRef(once, 'event', event.id, '2026-03-03T00:00:02.000Z'), once, 'no second version for the same item');
});

test('events, tasks and impacts are the suite objects, tasks with an assignee', () => {
  const event = valid(c.composeEvent({ name: 'Alarms', startTime: NOW }, ctx));
  assert.equal(event['status'], 'occurred');
  const task = valid(c.composeTask({ name: 'Isolate', assignee: 'alice', dueDate: '2026-03-05T00:00:00Z', priority: 80 }, ctx));
  assert.equal(task['outcome'], 'pending');
  assert.deepEqual(ext(task, TASK_EXTENSION_ID), { extension_type: 'new-sdo' });
  assert.equal(ext(task, CONCORD_TASK_EXTENSION_ID)['assignee'], 'alice');
  const done = valid(c.composeTaskUpdate(task, { outcome: 'successful', assignee: 'bob' }, '2026-03-04T00:00:00.000Z'));
  assert.equal(done['outcome'], 'successful');
  assert.equal(ext(done, CONCORD_TASK_EXTENSION_ID)['assignee'], 'bob');
  const impact = valid(c.composeImpact({ category: 'availability', criticality: 40 }, ctx));
  assert.equal(impact['impact_category'], 'availability');
  const later = valid(c.composeImpactUpdate(impact, { criticality: 90, endTime: NOW }, '2026-03-04T00:00:00.000Z'));
  assert.equal(later['criticality'], 90);
  assert.equal(c.composeImpact({ category: 'monetary' }, ctx)['impact_category'], 'economic');
  assert.throws(() => c.composeImpact({ category: 'reputation' }, ctx), { details: { field: 'category' } });
});

test('links: related-to by default, attributed-to an intrusion set or threat actor with a confidence', () => {
  const o = incident();
  const ind = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
  const set = 'intrusion-set--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
  const rel = valid(c.composeLink(o.id, { target: ind }, ctx));
  assert.deepEqual([rel['source_ref'], rel['relationship_type'], rel['target_ref']], [o.id, 'related-to', ind]);
  const attr = valid(c.composeLink(o.id, { target: set, relationshipType: 'attributed-to', confidence: 70 }, ctx));
  assert.equal(attr['confidence'], 70);
  assert.throws(() => c.composeLink(o.id, { target: ind, relationshipType: 'attributed-to' }, ctx), {
    details: { field: 'relationshipType' },
  });
  assert.throws(() => c.composeLink(o.id, { target: set, confidence: 101 }, ctx), { details: { field: 'confidence' } });
  const work = valid(c.composeWorkLink('task--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', o.id, ctx));
  assert.deepEqual([work['source_ref'], work['target_ref']], ['task--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', o.id]);
  const note = valid(c.composeNote(o.id, { content: 'Vendor called' }, ctx));
  assert.deepEqual(note['object_refs'], [o.id]);
});

test('a report names the incident first and reads back as the projection reads it', () => {
  const o = incident();
  const indicator = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
  const content = { summary: 'Outage', suspectedMalicious: true, crossBorderImpact: false, indicatorRefs: [indicator] };
  const report = valid(c.composeReport(o, { stage: 'early-warning', content }, ctx));
  assert.deepEqual(report['object_refs'], [o.id, indicator]);
  assert.deepEqual(report['report_types'], ['nis2-early-warning']);
  assert.equal(report['published'], NOW);
  assert.deepEqual(ext(report, CONCORD_NIS2_REPORT_EXTENSION_ID), {
    extension_type: 'property-extension',
    stage: 'early-warning',
    summary: 'Outage',
    suspected_malicious: true,
    cross_border_impact: false,
    indicator_refs: [indicator],
  });
  const held = heldReport(report, o.id);
  assert.deepEqual(held, { id: report.id, stage: 'early-warning', request: undefined, submittedAt: NOW });
  const revised = valid(
    c.composeReportRevision(report, o.id, { stage: 'early-warning', content: { ...content, summary: 'More' } }, '2026-03-02T11:00:00.000Z'),
  );
  assert.equal(revised['created'], report['created'], 'a revision keeps the submission time');
  assert.equal(revised['published'], report['published']);
  assert.equal(ext(revised, CONCORD_NIS2_REPORT_EXTENSION_ID)['summary'], 'More');
  assert.equal(factsOf({ incident: o, owner: undefined, reports: [{ object: report, ownerOrg: ORG }], answers: [] }).earlyWarningAt, NOW);
});

test("the CSIRT's answers: feedback on a report, a request with its date; both feed the clocks", () => {
  const o = incident();
  const report = c.composeReport(o, { stage: 'early-warning', content: { summary: 's' } }, ctx);
  const feedback = valid(c.composeAnswer(o.id, { kind: 'feedback', content: 'Received', reportId: report.id }, ctx));
  assert.deepEqual(feedback['object_refs'], [o.id, report.id]);
  assert.deepEqual(ext(feedback, CONCORD_NIS2_ANSWER_EXTENSION_ID), { extension_type: 'property-extension', kind: 'feedback' });
  const request = valid(c.composeAnswer(o.id, { kind: 'intermediate-request', content: 'Update?', dueAt: '2026-03-09T00:00:00Z' }, ctx));
  assert.equal(ext(request, CONCORD_NIS2_ANSWER_EXTENSION_ID)['due_at'], '2026-03-09T00:00:00.000Z');
  assert.equal(heldAnswer(feedback, o.id)?.kind, 'feedback');
  assert.equal(heldAnswer(request, o.id)?.dueAt, '2026-03-09T00:00:00.000Z');
  // The answers count as the CSIRT's: the owner is in its constituency.
  const owner = { csirtOrg: CSIRT, sectors: [] };
  const answers = [feedback, request].map((object) => ({ object, ownerOrg: CSIRT }));
  const facts = factsOf({ incident: o, owner, reports: [{ object: report, ownerOrg: ORG }], answers });
  assert.equal(facts.csirtResponseAt, NOW);
  assert.deepEqual(facts.intermediateRequests, [{ requestedAt: NOW, dueAt: '2026-03-09T00:00:00.000Z', submittedAt: undefined }]);
  assert.equal(heldAnswer(report, o.id), undefined, 'a report is no answer');
});

test('validation issues name the request field', () => {
  assert.equal(
    c.requestFieldOf("$.extensions['extension-definition--2dc58797-e985-5c6f-b08e-25b5b578160e'].rsit_classification"),
    'rsitClass',
  );
  assert.equal(c.requestFieldOf("$.extensions['extension-definition--2dc58797-e985-5c6f-b08e-25b5b578160e'].sector"), 'sector');
  assert.equal(c.requestFieldOf('$.start_time'), 'startTime');
  assert.equal(c.requestFieldOf("$.extensions['x'].root_cause", true), 'content.rootCause');
  assert.equal(c.requestFieldOf('$.object_refs[1]', true), 'content.indicatorRefs');
});

test('property: every well-formed request composes valid STIX that reads back as it was asked', () => {
  const sectorPair = fc.constantFrom(
    ...NIS2_SECTORS.flatMap((s) => [[s.key, undefined], ...s.subsectors.map((x) => [s.key, x.key])] as [string, string | undefined][]),
  );
  const rsitPair = fc.constantFrom(...RSIT.flatMap((r) => r.types.map((t) => [r.classification, t] as [string, string])));
  const past = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(NOW), noInvalidDate: true }).map((d) => d.toISOString());
  fc.assert(
    fc.property(
      sectorPair,
      rsitPair,
      past,
      fc.subarray([...EU_MEMBER_STATES]),
      fc.constantFrom(...NIS2_SEVERITIES),
      fc.constantFrom(...REPORT_STAGES),
      fc.string({ minLength: 1 }).filter((t) => t.trim() !== ''),
      ([sector, subsector], [rsitClass, rsitType], awareAt, memberStates, severity, stage, words) => {
        const o = valid(
          c.composeIncident(
            { name: words, awareAt, sector, ...(subsector ? { subsector } : {}), rsitClass, rsitType, memberStates, severity },
            ORG,
            ctx,
          ),
        );
        const nis2 = nis2Of(o);
        assert.equal(nis2?.aware_at, awareAt);
        assert.deepEqual([nis2?.sector, nis2?.subsector, nis2?.rsit_classification], [sector, subsector, rsitClass]);
        const content = { summary: words, statusUpdate: words, severity, crossBorderImpact: false, indicatorRefs: [] };
        const report = valid(c.composeReport(o, { stage, ...(stage === 'intermediate' ? { request: 0 } : {}), content }, ctx));
        assert.equal(heldReport(report, o.id)?.stage, stage);
      },
    ),
    { numRuns: 200 },
  );
});
