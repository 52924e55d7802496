// The OASIS Incident Extension Suite (issue 16, must 1): every upstream example is accepted (after
// the upgrades of the draft's older names), the §3 fragments are accepted inside the objects that
// carry them, and each rule taken from the schemas and the .adoc rejects what it should, naming
// the JSON path, the rule and the section.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { examineValue } from '../ingest/examine.ts';
import type { JsonObject } from './types.ts';
import { validateObject } from './validate.ts';
import { CORE, EVENT_ID, IMPACT_ID, TASK_EXT, TASK_ID, T, accepts, errors, event, incident, rejects, task } from './fixtures-incident.ts';

const SUITE_DIR = fileURLToPath(new URL('../../../../shared/standards/stix-incident-extension/', import.meta.url));
const SKIP = existsSync(SUITE_DIR)
  ? false
  : `../shared/standards/stix-incident-extension is not here (${SUITE_DIR}); the example tests need it`;

const core = (key: string) => `$.extensions['${CORE}'].${key}`;

test("every example of the suite is accepted, upgraded where it uses the draft's older names", { skip: SKIP }, () => {
  const dir = `${SUITE_DIR}examples/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0);
  let objects = 0;
  for (const file of files) {
    const parsed = JSON.parse(readFileSync(dir + file, 'utf8')) as JsonObject;
    const list = parsed['type'] === 'bundle' ? (parsed['objects'] as JsonObject[]) : [parsed];
    for (const o of list) {
      const result = examineValue(o);
      assert.ok(result.ok, `${file} ${String(o['id'])}: ${result.ok ? '' : result.message}`);
      // The stored form validates by itself, without another upgrade.
      assert.deepEqual(errors(result.object), [], `${file} ${String(o['id'])}`);
      objects++;
    }
  }
  assert.ok(objects >= 20, `${objects} objects`);
});

test('the fragments (§3.3 state-change, §3.2 incident-score) are accepted inside the objects that carry them', { skip: SKIP }, () => {
  const read = (f: string) => JSON.parse(readFileSync(`${SUITE_DIR}fragments/${f}`, 'utf8')) as JsonObject;
  const stateChange = read('example_3.3.json');
  const score = read('example_3.4.json');
  accepts(incident({ scores: [score], event_refs: [EVENT_ID], task_refs: [TASK_ID] }));
  accepts(event({ changed_objects: [stateChange] }));
  accepts(task({ changed_objects: [stateChange] }));
});

test('incident core extension: required properties, enumerations and reference targets (§2.1)', () => {
  accepts(
    incident({
      criticality: 80,
      recoverability: 'regular',
      impact_refs: [IMPACT_ID],
      incident_types: ['ransomware'],
      detection_methods: ['human-review'],
    }),
  );
  const without = incident();
  delete (without['extensions'] as Record<string, JsonObject>)[CORE]?.['determination'];
  rejects(without, core('determination'), 'required-property', 'Incident Extension Suite §2.1');
  rejects(incident({ determination: 'probable' }), core('determination'), 'closed-vocabulary', 'Incident Extension Suite §5.3');
  rejects(incident({ event_refs: [TASK_ID] }), `${core('event_refs')}[0]`, 'ref-target-type', 'Incident Extension Suite §2.1');
  rejects(incident({ impact_refs: [EVENT_ID] }), `${core('impact_refs')}[0]`, 'ref-target-type', 'Incident Extension Suite §2.1');
  rejects(incident({ criticality: 101 }), core('criticality'), 'value-range', 'Incident Extension Suite §2.1');
  rejects(incident({ recoverability: 'soon' }), core('recoverability'), 'closed-vocabulary', 'Incident Extension Suite §5.6');
  rejects(
    incident({ extension_type: 'toplevel-property-extension' }),
    core('extension_type'),
    'extension',
    'Incident Extension Suite §2.1',
  );
  rejects(incident({ scores: [{ name: 'x' }] }), `${core('scores')}[0].value`, 'required-property', 'Incident Extension Suite §3.2');
  // An open vocabulary and a name the draft may add are warnings: the incident is kept.
  const warned = validateObject(incident({ investigation_status: 'triaged', x_note: 1 }));
  assert.equal(warned.ok, true);
  assert.deepEqual(warned.issues.map((i) => i.rule).sort(), ['extension', 'open-vocabulary']);
  // The core extension belongs on incidents only.
  const indicator = { ...incident(), type: 'indicator', id: 'indicator--1a074418-9248-4a21-9918-a79d0f1dbc5b' };
  assert.ok(errors(indicator).some((i) => i.rule === 'extension' && i.path === `$.extensions['${CORE}']`));
});

test('event: status, its new-sdo declaration, times and reference targets (§2.2)', () => {
  accepts(
    event({ start_time: T, end_time: T, next_events_refs: [EVENT_ID], sighting_refs: ['sighting--b5d18fae-3a04-4891-84db-fe64a99bc16c'] }),
  );
  const missing = event();
  delete missing['status'];
  rejects(missing, '$.status', 'required-property', 'Incident Extension Suite §2.2');
  rejects(event({ status: 'happened' }), '$.status', 'closed-vocabulary', 'Incident Extension Suite §5.1');
  rejects(event({ start_time: T, end_time: '2024-02-01T00:00:00Z' }), '$.end_time', 'timestamp-order', 'Incident Extension Suite §2.2');
  rejects(event({ next_events_refs: [TASK_ID] }), '$.next_events_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.2');
  rejects(event({ sighting_refs: [EVENT_ID] }), '$.sighting_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.2');
  rejects(event({ start_time_fidelity: 'week' }), '$.start_time_fidelity', 'closed-vocabulary', 'Incident Extension Suite §5.8');
  const undeclared = { ...event(), extensions: { [TASK_EXT]: { extension_type: 'new-sdo' } } };
  assert.deepEqual(
    errors(undeclared)
      .map((i) => i.path)
      .sort(),
    ['$.extensions', `$.extensions['${TASK_EXT}']`],
  );
});

test('state-change: one of initial_ref and result_ref, SDOs of the same type (§3.3, §4.9)', () => {
  const sc = (o: JsonObject) => event({ changed_objects: [{ state_change_type: 'caused', ...o }] });
  rejects(sc({}), '$.changed_objects[0]', 'required-one-of', 'Incident Extension Suite §3.3');
  rejects(
    sc({ initial_ref: IMPACT_ID, result_ref: EVENT_ID }),
    '$.changed_objects[0].result_ref',
    'ref-target-type',
    'Incident Extension Suite §3.3',
  );
  rejects(
    sc({ result_ref: 'file--9432f4c7-8cd0-4ed4-a18e-c06fa6175db3' }),
    '$.changed_objects[0].result_ref',
    'ref-target-type',
    'Incident Extension Suite §3.3',
  );
  rejects(
    sc({ state_change_type: 'output', initial_ref: IMPACT_ID }),
    '$.changed_objects[0].result_ref',
    'required-property',
    'Incident Extension Suite §4.9',
  );
});
