// The Incident Extension Suite draft's older names are upgraded to its schemas' names, each
// change named (issue 16, must 1), and the result validates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StixObject } from './types.ts';
import { isIncidentSuiteObject, upgradeIncidentSuite } from './upgrade-incident.ts';
import { validateObject } from './validate.ts';

const T = '2023-11-22T15:30:00.000Z';
const EVENT_EXT = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
const IMPACT_EXT = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
const TASK_EXT = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';
const NEXT_EVENT = 'event--c1f2d3e4-5b6c-4a8d-9e0a-1b2c3d4e5f62';
const NEXT_TASK = 'task--1cb3fbba-3216-4fd7-a1c2-b33473d20ed7';

function obj(type: string, ext: string, props: StixObject | Record<string, unknown>): StixObject {
  const id = `${type}--4e1e2a5a-6b3c-4d5e-8f6a-9e7b8a9a5b6c`;
  const own = (props['extensions'] as Record<string, unknown> | undefined) ?? {};
  return {
    type,
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    ...props,
    extensions: { [ext]: { extension_type: 'new-sdo' }, ...own },
  } as StixObject;
}

function upgraded(o: StixObject, changes: string[]): StixObject {
  const up = upgradeIncidentSuite(o);
  assert.deepEqual(up.changes, changes);
  const result = validateObject(up.object);
  assert.deepEqual(
    result.issues.filter((i) => i.severity === 'error'),
    [],
  );
  return up.object;
}

test('only events, impacts and tasks are candidates', () => {
  assert.equal(isIncidentSuiteObject(obj('task', TASK_EXT, { outcome: 'pending' })), true);
  assert.equal(isIncidentSuiteObject({ type: 'incident', id: 'incident--4e1e2a5a-6b3c-4d5e-8f6a-9e7b8a9a5b6c' }), false);
  assert.equal(isIncidentSuiteObject('task'), false);
});

test('event next_event_refs (the .adoc tables) becomes next_events_refs (the event schema)', () => {
  const o = upgraded(obj('event', EVENT_EXT, { status: 'occurred', next_event_refs: [NEXT_EVENT] }), [
    'event next_event_refs renamed next_events_refs',
  ]);
  assert.deepEqual(o['next_events_refs'], [NEXT_EVENT]);
  assert.equal(o['next_event_refs'], undefined);
});

test('task next_tasks_refs (the .adoc lists, example 2.4) becomes next_task_refs (the task schema)', () => {
  const input = obj('task', TASK_EXT, { outcome: 'successful', next_tasks_refs: [NEXT_TASK] });
  const o = upgraded(input, ['task next_tasks_refs renamed next_task_refs']);
  assert.deepEqual(o['next_task_refs'], [NEXT_TASK]);
  assert.equal(o['next_tasks_refs'], undefined);
  assert.deepEqual(input['next_tasks_refs'], [NEXT_TASK], 'the input is not modified');
});

test('task activity_types becomes task_types', () => {
  const o = upgraded(obj('task', TASK_EXT, { outcome: 'successful', activity_types: ['containment'] }), [
    'task activity_types renamed task_types',
  ]);
  assert.deepEqual(o['task_types'], ['containment']);
  assert.equal(o['activity_types'], undefined);
});

test('impact monetary-ext becomes economic-ext, and impact_category loses "-ext" and monetary becomes economic', () => {
  const o = upgraded(
    obj('impact', IMPACT_EXT, { impact_category: 'monetary-ext', extensions: { 'monetary-ext': { variety: 'ransom-demand' } } }),
    [
      'impact monetary-ext renamed economic-ext',
      'impact impact_category "-ext" suffix removed',
      'impact impact_category monetary renamed economic',
    ],
  );
  assert.equal(o['impact_category'], 'economic');
  const extensions = o['extensions'] as Record<string, unknown>;
  assert.deepEqual(extensions['economic-ext'], { variety: 'ransom-demand' });
  assert.equal(extensions['monetary-ext'], undefined);
  const conf = upgraded(
    obj('impact', IMPACT_EXT, { impact_category: 'confidentiality-ext', extensions: { 'confidentiality-ext': { loss_type: 'none' } } }),
    ['impact impact_category "-ext" suffix removed'],
  );
  assert.equal(conf['impact_category'], 'confidentiality');
});

test('event outcome moves to event_types, and gives the status when there is none', () => {
  const kept = upgraded(obj('event', EVENT_EXT, { status: 'occurred', outcome: 'blocked' }), ['event outcome moved to event_types']);
  assert.deepEqual(kept['event_types'], ['blocked']);
  assert.equal(kept['status'], 'occurred');
  assert.equal(kept['outcome'], undefined);
  const derived = upgraded(obj('event', EVENT_EXT, { outcome: 'ongoing', event_types: ['ongoing'] }), [
    'event outcome moved to event_types',
    'event status derived from outcome',
  ]);
  assert.equal(derived['status'], 'ongoing');
  assert.deepEqual(derived['event_types'], ['ongoing']);
  assert.equal(upgradeIncidentSuite(obj('event', EVENT_EXT, { outcome: 'unknown' })).object['status'], 'undetermined');
  assert.equal(upgradeIncidentSuite(obj('event', EVENT_EXT, { outcome: 'successful' })).object['status'], 'occurred');
});

test('event observed_refs is kept as the custom property x_observed_refs', () => {
  const refs = ['file--9432f4c7-8cd0-4ed4-a18e-c06fa6175db3'];
  const o = upgraded(obj('event', EVENT_EXT, { status: 'occurred', observed_refs: refs }), ['event observed_refs kept as x_observed_refs']);
  assert.deepEqual(o['x_observed_refs'], refs);
  assert.equal(o['observed_refs'], undefined);
});

test("an object already in the schemas' names is returned as it is", () => {
  const input = obj('task', TASK_EXT, { outcome: 'pending', next_task_refs: [NEXT_TASK] });
  const up = upgradeIncidentSuite(input);
  assert.deepEqual(up.changes, []);
  assert.equal(up.object, input);
});
