import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Org } from '../identity/types.ts';
import type { JsonObject } from '../stix/types.ts';
import { clocks } from './clocks.ts';
import { factsOf, linksOf, type Owned, projectIncident, stagesOf, TRUST_SERVICE_SECTOR } from './project.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
} from './types.ts';

const INCIDENT = 'incident--11111111-1111-4111-8111-111111111111';
const AWARE = '2026-12-01T10:00:00.000Z';

const org = (over: Partial<Org> = {}): Org => ({
  id: 'identity--entity',
  name: 'Stromnetz Nord',
  country: 'DE',
  communities: [],
  node: null,
  defaultTlp: 'amber',
  defaultDistribution: 'organization',
  nis2Role: 'essential',
  sectors: ['energy/electricity'],
  csirtOrg: 'identity--csirt',
  sightingDisclosure: 'organization',
  disabled: false,
  createdAt: AWARE,
  updatedAt: AWARE,
  ...over,
});

const incident = (over: JsonObject = {}, nis2: JsonObject = {}): JsonObject => ({
  type: 'incident',
  spec_version: '2.1',
  id: INCIDENT,
  created: AWARE,
  modified: '2026-12-02T00:00:00Z',
  name: 'Ransomware at a DSO',
  description: 'Encrypted SCADA historians',
  extensions: {
    [INCIDENT_CORE_EXTENSION_ID]: {
      extension_type: 'property-extension',
      determination: 'confirmed',
      investigation_status: 'open',
      event_refs: ['event--1'],
      impact_refs: ['impact--1'],
      task_refs: ['task--1'],
    },
    [CONCORD_NIS2_EXTENSION_ID]: {
      extension_type: 'property-extension',
      aware_at: AWARE,
      member_states_affected: ['DE', 'DK'],
      significant: true,
      cross_border_impact: true,
      severity: 'high',
      rsit_classification: 'malicious-code',
      ...nis2,
    },
  },
  ...over,
});

let n = 0;
const report = (stage: string, created: string, more: JsonObject = {}): Owned => ({
  ownerOrg: 'identity--entity',
  object: {
    type: 'report',
    id: `report--${++n}`,
    created,
    modified: created,
    published: created,
    object_refs: [INCIDENT],
    extensions: { [CONCORD_NIS2_REPORT_EXTENSION_ID]: { extension_type: 'property-extension', stage, ...more } },
  },
});
const answer = (kind: string, created: string, more: JsonObject = {}, ownerOrg = 'identity--csirt'): Owned => ({
  ownerOrg,
  object: {
    type: 'note',
    id: `note--${++n}`,
    created,
    modified: created,
    content: 'answer',
    object_refs: [INCIDENT],
    extensions: { [CONCORD_NIS2_ANSWER_EXTENSION_ID]: { extension_type: 'property-extension', kind, ...more } },
  },
});

const input = (reports: Owned[] = [], answers: Owned[] = [], owner: Org = org()) => ({
  incident: incident(),
  seq: 7,
  ownerOrg: owner.id,
  owner,
  reports,
  answers,
});

describe('links', () => {
  test("an incident's work, reports, answers, notes and relationships name it", () => {
    assert.deepEqual(
      linksOf(incident()).map((l) => [l.kind, l.objectId]),
      [
        ['event', 'event--1'],
        ['impact', 'impact--1'],
        ['task', 'task--1'],
      ],
    );
    const r = report('early-warning', AWARE).object;
    assert.deepEqual(linksOf(r), [
      { incidentId: INCIDENT, objectId: r['id'], kind: 'report', relationshipType: null, declaredBy: r['id'] },
    ]);
    assert.equal(linksOf(answer('feedback', AWARE).object)[0]?.kind, 'answer');
    const note = { type: 'note', id: 'note--x', content: 'c', object_refs: ['malware--1', INCIDENT] };
    assert.deepEqual(
      linksOf(note).map((l) => [l.incidentId, l.kind]),
      [[INCIDENT, 'note']],
    );
    const rel = (source: string, target: string) => ({
      type: 'relationship',
      id: 'relationship--1',
      relationship_type: 'related-to',
      source_ref: source,
      target_ref: target,
    });
    assert.deepEqual(
      linksOf(rel('indicator--1', INCIDENT)).map((l) => [l.objectId, l.kind, l.relationshipType]),
      [['indicator--1', 'relationship', 'related-to']],
    );
    assert.deepEqual(
      linksOf(rel(INCIDENT, 'task--9')).map((l) => [l.objectId, l.kind]),
      [['task--9', 'task']],
      'work the CSIRT adds by a relationship is work',
    );
    assert.deepEqual(linksOf({ ...rel(INCIDENT, 'task--9'), revoked: true }), [], 'a revoked relationship ties nothing');
    assert.deepEqual(linksOf({ ...r, object_refs: ['malware--1', INCIDENT] }), [], 'a NIS2 report names its incident first');
  });
});

describe('clock facts', () => {
  test('each stage is submitted when its first report was created', () => {
    const f = factsOf(
      input([
        report('notification', '2026-12-03T09:00:00.000Z'),
        report('early-warning', '2026-12-01T20:00:00.000Z'),
        report('early-warning', '2026-12-01T18:00:00.000Z'),
      ]),
    );
    assert.deepEqual(f, {
      awareAt: AWARE,
      trustServiceProvider: false,
      earlyWarningAt: '2026-12-01T18:00:00.000Z',
      notificationAt: '2026-12-03T09:00:00.000Z',
    });
  });

  test("the CSIRT's requests and first feedback after the early warning; others' notes do not count", () => {
    const f = factsOf(
      input(
        [report('early-warning', '2026-12-01T18:00:00.000Z'), report('intermediate', '2026-12-06T00:00:00.000Z', { request: 1 })],
        [
          answer('feedback', '2026-12-01T12:00:00.000Z'),
          answer('feedback', '2026-12-02T08:00:00.000Z'),
          answer('feedback', '2026-12-01T19:00:00.000Z', {}, 'identity--someone-else'),
          answer('intermediate-request', '2026-12-03T00:00:00.000Z', { due_at: '2026-12-05T00:00:00.000Z' }),
          answer('intermediate-request', '2026-12-04T00:00:00.000Z', { due_at: '2026-12-07T00:00:00.000Z' }),
        ],
      ),
    );
    assert.equal(f.csirtResponseAt, '2026-12-02T08:00:00.000Z');
    assert.deepEqual(f.intermediateRequests, [
      { requestedAt: '2026-12-03T00:00:00.000Z', dueAt: '2026-12-05T00:00:00.000Z', submittedAt: undefined },
      { requestedAt: '2026-12-04T00:00:00.000Z', dueAt: '2026-12-07T00:00:00.000Z', submittedAt: '2026-12-06T00:00:00.000Z' },
    ]);
  });

  test('a trust service provider notifies within 24 hours; handled_at is the NIS2 extension', () => {
    const tsp = org({ sectors: ['digital-infrastructure', TRUST_SERVICE_SECTOR] });
    const f = factsOf({ ...input([], [], tsp), incident: incident({}, { handled_at: '2026-12-09T00:00:00.000Z' }) });
    assert.equal(f.trustServiceProvider, true);
    assert.equal(f.handledAt, '2026-12-09T00:00:00.000Z');
    const notification = stagesOf(f).find((s) => s.stage === 'notification');
    assert.equal(notification?.dueAt, '2026-12-02T10:00:00.000Z');
  });
});

describe('projection', () => {
  test('the row says what the list filters on, and the next waiting deadline', () => {
    const { record, stages } = projectIncident(input([report('early-warning', '2026-12-01T18:00:00Z')]));
    assert.equal(record.id, INCIDENT);
    assert.equal(record.seq, 7);
    assert.equal(record.csirtOrg, 'identity--csirt');
    assert.equal(record.status, 'open');
    assert.equal(record.determination, 'confirmed');
    assert.equal(record.sector, 'energy', "the owner's sector when the incident names none");
    assert.equal(record.subsector, 'electricity');
    assert.equal(record.country, 'DE');
    assert.deepEqual(record.memberStates, ['DE', 'DK']);
    assert.equal(record.severity, 'high');
    assert.equal(record.crossBorder, true);
    assert.equal(record.modified, '2026-12-02T00:00:00.000Z', 'times are stored with milliseconds');
    assert.match(record.search, /ransomware.*scada/);
    // The early warning is in; the notification (72 h) and the CSIRT's answer (24 h after the early warning) wait.
    assert.equal(record.nextDueAt, '2026-12-02T18:00:00.000Z');
    const early = stages.find((s) => s.stage === 'early-warning');
    assert.equal(early?.submittedAt, '2026-12-01T18:00:00.000Z');
    const final = stages.find((s) => s.stage === 'final');
    assert.equal(final?.startsAt, '2026-12-04T10:00:00.000Z', "without a notification the final report's month starts at its deadline");
  });

  test('the stored facts give the same clocks as the objects at any time', () => {
    const reports = [report('early-warning', '2026-12-01T18:00:00.000Z'), report('notification', '2026-12-05T00:00:00.000Z')];
    const { record } = projectIncident(input(reports));
    const now = new Date('2026-12-06T00:00:00.000Z');
    assert.deepEqual(clocks(record.facts, now), clocks(factsOf(input(reports)), now));
    assert.equal(clocks(record.facts, now).find((c) => c.stage === 'notification')?.status, 'submitted-late');
  });

  test('the same objects in any order give the same projection', () => {
    const reports = [report('early-warning', '2026-12-01T18:00:00.000Z'), report('notification', '2026-12-03T00:00:00.000Z')];
    const answers = [
      answer('feedback', '2026-12-02T00:00:00.000Z'),
      answer('intermediate-request', '2026-12-03T00:00:00.000Z', { due_at: '2026-12-08T00:00:00.000Z' }),
    ];
    const a = projectIncident(input(reports, answers));
    const b = projectIncident(input([...reports].reverse(), [...answers].reverse()));
    assert.deepEqual(a, b);
  });

  test('an incident without the extensions still projects, as new and suspected', () => {
    const bare: JsonObject = { type: 'incident', spec_version: '2.1', id: INCIDENT, created: AWARE, modified: AWARE, name: 'Bare' };
    const { record } = projectIncident({ ...input(), incident: bare, owner: undefined });
    assert.equal(record.status, 'new');
    assert.equal(record.determination, 'suspected');
    assert.equal(record.awareAt, AWARE);
    assert.equal(record.csirtOrg, null);
    assert.deepEqual(record.memberStates, []);
  });
});
