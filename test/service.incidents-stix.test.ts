// Incidents are STIX (issue 16, must 1) on a real store, both engines: a bundle with an incident
// and its events, impacts and tasks written with the Incident Extension Suite draft's older
// names is imported, upgraded, the summary names each upgrade, and what is stored validates.
// The node publishes Concord's NIS2 extension-definition at bootstrap (like the markings one).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import { CONCORD_NIS2_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID } from '../src/domain/incidents/types.ts';
import { validateObject } from '../src/domain/stix/validate.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';

const T = '2026-11-02T09:00:00.000Z';
const EVENT_EXT = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
const IMPACT_EXT = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
const TASK_EXT = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';
const ENTITY = 'identity--6a1d2b3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const INCIDENT = 'incident--7b2e3c4d-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const EVENTS = ['event--8c3f4d5e-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'event--9d4a5e6f-7b8c-4d9e-8f1a-2b3c4d5e6f7a'];
const IMPACT = 'impact--ae5b6f7a-8c9d-4e0f-9a2b-3c4d5e6f7a8b';
const TASKS = ['task--bf6c7a8b-9d0e-4f1a-8b3c-4d5e6f7a8b9c', 'task--c07d8b9c-0e1f-4a2b-9c4d-5e6f7a8b9c0d'];
const FILE = 'file--d18e9c0d-1f2a-4b3c-8d5e-6f7a8b9c0d1e';

const base = (type: string, id: string) => ({ type, spec_version: '2.1', id, created: T, modified: T });
const declared = (ext: string, more: Record<string, unknown> = {}) => ({ extensions: { [ext]: { extension_type: 'new-sdo' }, ...more } });

const entity = { ...base('identity', ENTITY), name: 'Stromnetz Nord GmbH', identity_class: 'organization', sectors: ['energy'] };
const incident = {
  ...base('incident', INCIDENT),
  name: 'Ransomware at a distribution system operator',
  extensions: {
    [INCIDENT_CORE_EXTENSION_ID]: {
      extension_type: 'property-extension',
      determination: 'confirmed',
      investigation_status: 'open',
      criticality: 85,
      event_refs: EVENTS,
      impact_refs: [IMPACT],
      task_refs: TASKS,
    },
    [CONCORD_NIS2_EXTENSION_ID]: {
      extension_type: 'property-extension',
      aware_at: '2026-11-02T06:30:00.000Z',
      affected_entity_ref: ENTITY,
      sector: 'energy',
      subsector: 'electricity',
      member_states_affected: ['DE', 'DK'],
      significant: true,
      suspected_unlawful_or_malicious: true,
      cross_border_impact: true,
      rsit_classification: 'malicious-code',
      rsit_type: 'infected-system',
      severity: 'critical',
    },
  },
};
// Older names: next_event_refs, outcome and observed_refs on events; monetary-ext and "-ext"
// categories on impacts; activity_types and next_tasks_refs on tasks.
const first = { ...base('event', EVENTS[0] ?? ''), status: 'occurred', next_event_refs: [EVENTS[1]], ...declared(EVENT_EXT) };
const second = { ...base('event', EVENTS[1] ?? ''), outcome: 'successful', observed_refs: [FILE], ...declared(EVENT_EXT) };
const impact = {
  ...base('impact', IMPACT),
  impact_category: 'monetary-ext',
  ...declared(IMPACT_EXT, { 'monetary-ext': { variety: 'ransom-demand', currency: 'EUR', min_amount: 50000, max_amount: 50000 } }),
};
const triage = {
  ...base('task', TASKS[0] ?? ''),
  outcome: 'successful',
  activity_types: ['containment'],
  next_tasks_refs: [TASKS[1]],
  ...declared(TASK_EXT),
};
const restore = {
  ...base('task', TASKS[1] ?? ''),
  outcome: 'pending',
  task_types: ['recovery'],
  due_date: '2026-11-04T00:00:00.000Z',
  ...declared(TASK_EXT),
};
const file = { type: 'file', spec_version: '2.1', id: FILE, name: 'locker.exe' };

for (const engine of ENGINES)
  describe(`incidents as STIX on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    before(async () => {
      node = await startNode({}, engine);
    });
    after(() => node?.dispose());

    const importBundle = async (objects: unknown[], source: string) => {
      const owner = await node.services.importOwner(CLI);
      const text = JSON.stringify({ type: 'bundle', id: 'bundle--e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', objects });
      return node.services.ingest.importStream([text], { source, owner });
    };

    it('publishes the NIS2 extension-definition at bootstrap, created by the Concord identity', async () => {
      const stored = await node.store.objects.get(CONCORD_NIS2_EXTENSION_ID);
      assert.ok(stored, 'stored at bootstrap');
      const def = JSON.parse(stored.json) as Record<string, unknown>;
      assert.equal(def['type'], 'extension-definition');
      assert.deepEqual(def['extension_types'], ['property-extension']);
    });

    it('imports an incident with events, impacts and tasks in older names, upgraded and named in the summary', async () => {
      const summary = await importBundle([entity, incident, first, second, impact, triage, restore, file], 'file:incident.json');
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
      assert.equal(summary.accepted, 8);
      assert.equal(summary.upgraded, 4);
      assert.deepEqual(summary.upgrades, {
        'event next_event_refs renamed next_events_refs': 1,
        'event observed_refs kept as x_observed_refs': 1,
        'event outcome moved to event_types': 1,
        'event status derived from outcome': 1,
        'impact monetary-ext renamed economic-ext': 1,
        'impact impact_category "-ext" suffix removed': 1,
        'impact impact_category monetary renamed economic': 1,
        'task activity_types renamed task_types': 1,
        'task next_tasks_refs renamed next_task_refs': 1,
      });
      const read = async (id: string) => JSON.parse((await node.store.objects.get(id))?.json ?? '{}') as Record<string, unknown>;
      for (const id of [INCIDENT, ...EVENTS, IMPACT, ...TASKS]) {
        const o = await read(id);
        assert.deepEqual(
          validateObject(o).issues.filter((i) => i.severity === 'error'),
          [],
          id,
        );
      }
      assert.deepEqual((await read(EVENTS[0] ?? ''))['next_events_refs'], [EVENTS[1]]);
      const ev = await read(EVENTS[1] ?? '');
      assert.deepEqual([ev['status'], ev['event_types'], ev['x_observed_refs']], ['occurred', ['successful'], [FILE]]);
      const im = await read(IMPACT);
      assert.equal(im['impact_category'], 'economic');
      assert.ok((im['extensions'] as Record<string, unknown>)['economic-ext']);
      const t = await read(TASKS[0] ?? '');
      assert.deepEqual([t['task_types'], t['next_task_refs']], [['containment'], [TASKS[1]]]);
      assert.deepEqual((await read(INCIDENT))['extensions'], incident.extensions, 'the incident was stored as sent');
    });

    it('quarantines an incident whose NIS2 sector is unknown, naming the JSON path; nothing stored changes', async () => {
      const nis2 = { ...incident.extensions[CONCORD_NIS2_EXTENSION_ID], sector: 'agriculture' };
      const bad = {
        ...incident,
        modified: '2026-11-03T09:00:00.000Z',
        extensions: { ...incident.extensions, [CONCORD_NIS2_EXTENSION_ID]: nis2 },
      };
      const summary = await importBundle([bad], 'file:bad-sector.json');
      assert.deepEqual([summary.accepted, summary.quarantined, summary.reasons], [0, 1, { STIX_INVALID: 1 }]);
      const held = (await node.store.quarantine.list({ limit: 5 }, { source: 'file:bad-sector.json' })).items;
      assert.match(JSON.stringify(held[0]?.details), new RegExp(`\\$\\.extensions\\['${CONCORD_NIS2_EXTENSION_ID}'\\]\\.sector`));
      assert.equal((await node.store.objects.versions(INCIDENT)).length, 1);
    });
  });
