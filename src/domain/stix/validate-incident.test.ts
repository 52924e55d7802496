// The OASIS Incident Extension Suite (issue 16, must 1): every upstream example is accepted (after
// the upgrades of the draft's older names), the §3 fragments are accepted inside the objects that
// carry them, and each rule taken from the schemas and the .adoc rejects what it should, naming
// the JSON path, the rule and the section.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { examineValue } from '../ingest/examine.ts';
import type { JsonObject, StixIssue } from './types.ts';
import { validateObject } from './validate.ts';

const SUITE_DIR = fileURLToPath(new URL('../../../../shared/standards/stix-incident-extension/', import.meta.url));
const SKIP = existsSync(SUITE_DIR)
  ? false
  : `../shared/standards/stix-incident-extension is not here (${SUITE_DIR}); the example tests need it`;

const CORE = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
const EVENT_EXT = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
const IMPACT_EXT = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
const TASK_EXT = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';
const T = '2024-03-01T10:00:00.000Z';
const EVENT_ID = 'event--6e7ec24e-e3b2-498e-afb4-e14eab67b5d4';
const TASK_ID = 'task--93892778-2fd4-4d5e-b2fb-e2defecab0d3';
const IMPACT_ID = 'impact--b689f0bb-d290-4961-87ad-a40289a67d83';

function incident(core: JsonObject = {}): JsonObject {
  const ext = { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'new', ...core };
  return {
    type: 'incident',
    spec_version: '2.1',
    id: 'incident--1a074418-9248-4a21-9918-a79d0f1dbc5b',
    created: T,
    modified: T,
    name: 'Ransomware at a hospital',
    extensions: { [CORE]: ext },
  };
}

function sdo(type: 'event' | 'impact' | 'task', id: string, ext: string, props: JsonObject): JsonObject {
  return {
    type,
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    ...props,
    extensions: { [ext]: { extension_type: 'new-sdo' }, ...((props['extensions'] as JsonObject | undefined) ?? {}) },
  };
}
const event = (props: JsonObject = {}) => sdo('event', EVENT_ID, EVENT_EXT, { status: 'occurred', ...props });
const task = (props: JsonObject = {}) => sdo('task', TASK_ID, TASK_EXT, { outcome: 'pending', ...props });
const impact = (props: JsonObject = {}) => sdo('impact', IMPACT_ID, IMPACT_EXT, props);

function errors(o: JsonObject): StixIssue[] {
  return validateObject(o).issues.filter((i) => i.severity === 'error');
}

/** Asserts exactly one error, at `path`, of `rule`, citing `section`. */
function rejects(o: JsonObject, path: string, rule: string, section: string): void {
  const found = errors(o);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepEqual({ path: found[0]?.path, rule: found[0]?.rule, section: found[0]?.section }, { path, rule, section });
}

function accepts(o: JsonObject): void {
  assert.deepEqual(errors(o), []);
}

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

test('task: outcome, priority, next_task_refs and entity counts (§2.4, §3.1)', () => {
  accepts(
    task({ priority: 30, due_date: T, next_task_refs: [TASK_ID], affected_entity_counts: { individual: 0 }, task_types: ['containment'] }),
  );
  const missing = task();
  delete missing['outcome'];
  rejects(missing, '$.outcome', 'required-property', 'Incident Extension Suite §2.4');
  rejects(task({ outcome: 'done' }), '$.outcome', 'closed-vocabulary', 'Incident Extension Suite §5.7');
  rejects(task({ priority: -1 }), '$.priority', 'value-range', 'Incident Extension Suite §2.4');
  rejects(task({ next_task_refs: [EVENT_ID] }), '$.next_task_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.4');
  rejects(
    task({ affected_entity_counts: { individual: -3 } }),
    '$.affected_entity_counts.individual',
    'value-range',
    'Incident Extension Suite §2.4',
  );
});

test('impact: category extensions, their enumerations and dependencies (§2.3, §2.3.2)', () => {
  const conf = (ext: JsonObject, category = 'confidentiality') =>
    impact({ impact_category: category, extensions: { 'confidentiality-ext': ext } });
  accepts(conf({ loss_type: 'none' }));
  accepts(
    impact({ impact_category: 'traceability', extensions: { 'traceability-ext': { traceability_impact: 'unknown-accountability' } } }),
  );
  rejects(
    conf({ information_type: 'pii' }),
    "$.extensions['confidentiality-ext'].loss_type",
    'required-property',
    'Incident Extension Suite §2.3.2.2',
  );
  rejects(
    conf({ loss_type: 'leaked', information_type: 'pii' }),
    "$.extensions['confidentiality-ext'].loss_type",
    'closed-vocabulary',
    'Incident Extension Suite §5.2',
  );
  rejects(
    conf({ loss_type: 'confirmed-loss' }),
    "$.extensions['confidentiality-ext'].information_type",
    'required-property',
    'Incident Extension Suite §2.3.2.2',
  );
  rejects(conf({ loss_type: 'none' }, 'integrity'), '$.impact_category', 'property-conflict', 'Incident Extension Suite §2.3.2');
  rejects(impact({ superseded_by_ref: IMPACT_ID }), '$.end_time', 'property-dependency', 'Incident Extension Suite §2.3');
  rejects(impact({ superseded_by_ref: TASK_ID, end_time: T }), '$.superseded_by_ref', 'ref-target-type', 'Incident Extension Suite §2.3');
  rejects(impact({ sub_impact_refs: [EVENT_ID] }), '$.sub_impact_refs[0]', 'ref-target-type', 'Incident Extension Suite §2.3');
  rejects(
    impact({ impact_category: 'availability', extensions: { 'availability-ext': { availability_impact: 120 } } }),
    "$.extensions['availability-ext'].availability_impact",
    'value-range',
    'Incident Extension Suite §2.3.2.1',
  );
  const economic = (ext: JsonObject) =>
    impact({ impact_category: 'economic', extensions: { 'economic-ext': { variety: 'ransom-demand', ...ext } } });
  accepts(
    economic({ currency: 'EUR', min_amount: 1000, max_amount: 5000, currency_actual: 'BTC', conversion_rate: 60000, conversion_time: T }),
  );
  rejects(
    economic({ currency: 'EUR', currency_actual: 'BTC' }),
    "$.extensions['economic-ext'].currency_actual",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  rejects(
    economic({ currency: 'EUR', min_amount: 9 }),
    "$.extensions['economic-ext'].min_amount",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  rejects(
    economic({ conversion_rate: 1.1, conversion_time: T }),
    "$.extensions['economic-ext'].conversion_rate",
    'property-dependency',
    'Incident Extension Suite §2.3.2.5',
  );
  accepts(economic({ currency: 'EUR', max_amount: 5000 }));
  rejects(
    economic({ currency: 'EUR', min_amount: 9, max_amount: 5 }),
    "$.extensions['economic-ext'].max_amount",
    'value-range',
    'Incident Extension Suite §2.3.2.5',
  );
  const future = validateObject(impact({ impact_category: 'reputational' }));
  assert.equal(future.ok, true, 'a category the suite may add later is kept');
  assert.deepEqual(
    future.issues.map((i) => [i.path, i.rule]),
    [['$.impact_category', 'open-vocabulary']],
  );
  // The draft's older monetary-ext is not an impact extension; ingest upgrades it (upgrade-incident.ts).
  rejects(
    impact({ extensions: { 'monetary-ext': { variety: 'ransom-demand' } } }),
    "$.extensions['monetary-ext']",
    'extension',
    'STIX 2.1 §11.3',
  );
});
