import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject, StixObject } from './types.ts';
import { isStix20, upgradeFrom20 } from './upgrade.ts';
import { validateObject } from './validate.ts';

const created = '2016-04-06T20:03:00.000Z';
const indicator20: StixObject = {
  type: 'indicator',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created,
  modified: created,
  labels: ['malicious-activity'],
  pattern: "[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']",
  valid_from: created,
};

test('isStix20: no spec_version, an id, and a type of STIX 2.0', () => {
  assert.equal(isStix20(indicator20), true);
  assert.equal(isStix20({ ...indicator20, spec_version: '2.1' }), false);
  assert.equal(
    isStix20({ type: 'ipv4-addr', id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', value: '1.2.3.4' }),
    false,
    'SCOs default to 2.1',
  );
  assert.equal(isStix20({ type: 'grouping', id: 'grouping--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created }), false, 'new in 2.1');
  assert.equal(isStix20({ type: 'bundle', id: 'bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }), false);
  assert.equal(
    isStix20({ type: 'x-mitre-tactic', id: 'x-mitre-tactic--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created }),
    true,
    '2.0 custom object',
  );
  assert.equal(isStix20({ type: 'x-acme-sensor', id: 'x-acme-sensor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }), false, 'custom SCO');
  assert.equal(isStix20({ type: 'malware' }), false, 'no id');
  assert.equal(isStix20('indicator'), false);
});

test('indicator: spec_version added, labels copied to indicator_types, pattern_type stix', () => {
  const { object, changes } = upgradeFrom20(indicator20);
  assert.deepEqual(changes, ['spec_version added', 'indicator labels copied to indicator_types', 'indicator pattern_type added']);
  assert.equal(object['spec_version'], '2.1');
  assert.deepEqual(object['indicator_types'], ['malicious-activity']);
  assert.deepEqual(object['labels'], ['malicious-activity'], 'labels are kept');
  assert.equal(object['pattern_type'], 'stix');
  assert.equal(object['valid_from'], created);
  assert.deepEqual(Object.keys(object).slice(0, 3), ['type', 'spec_version', 'id']);
  assert.equal(indicator20['spec_version'], undefined, 'the input is not modified');
  assert.equal(validateObject(object).ok, true);
});

test('malware, tool, threat-actor, report: labels copied to their *_types property', () => {
  const base = { created, modified: created, name: 'x', labels: ['a-label'] };
  const cases: [string, string][] = [
    ['malware', 'malware_types'],
    ['tool', 'tool_types'],
    ['threat-actor', 'threat_actor_types'],
    ['report', 'report_types'],
  ];
  for (const [type, target] of cases) {
    const extra: JsonObject = type === 'report' ? { published: created, object_refs: [indicator20.id] } : {};
    const { object, changes } = upgradeFrom20({ type, id: `${type}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`, ...base, ...extra });
    assert.ok(changes.includes(`${type} labels copied to ${target}`), type);
    assert.deepEqual(object[target], ['a-label']);
    const errors = validateObject(object).issues.filter((i) => i.severity === 'error');
    assert.deepEqual(errors, [], type);
  }
});

test('malware becomes a family; an existing is_family is kept', () => {
  const malware = {
    type: 'malware',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    created,
    modified: created,
    name: 'Poison Ivy',
    labels: ['rat'],
  };
  assert.equal(upgradeFrom20(malware).object['is_family'], true);
  assert.ok(upgradeFrom20(malware).changes.includes('malware is_family added'));
  const instance = upgradeFrom20({ ...malware, is_family: false });
  assert.equal(instance.object['is_family'], false);
  assert.ok(!instance.changes.includes('malware is_family added'));
});

test('timestamps without milliseconds are padded, not changed in value', () => {
  const { object, changes } = upgradeFrom20({ ...indicator20, created: '2016-04-06T20:03:00Z', modified: '2016-04-06T20:03:00.5Z' });
  assert.equal(object['created'], '2016-04-06T20:03:00.000Z');
  assert.equal(object['modified'], '2016-04-06T20:03:00.500Z');
  assert.ok(changes.includes('created padded to millisecond precision'));
  assert.ok(changes.includes('modified padded to millisecond precision'));
});

test('observed-data keeps its embedded objects; TLP markings get their standard name', () => {
  const od = {
    type: 'observed-data',
    id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
    created,
    modified: created,
    first_observed: created,
    last_observed: created,
    number_observed: 1,
    objects: { '0': { type: 'ipv4-addr', value: '198.51.100.2' } },
  };
  const up = upgradeFrom20(od);
  assert.deepEqual(up.object['objects'], od.objects);
  assert.deepEqual(up.changes, ['spec_version added']);
  assert.equal(validateObject(up.object).ok, true);
  const tlp = {
    type: 'marking-definition',
    id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    definition: { tlp: 'amber' },
  };
  const marking = upgradeFrom20(tlp);
  assert.equal(marking.object['name'], 'TLP:AMBER');
  assert.ok(marking.changes.includes('tlp marking name added'));
  assert.equal(validateObject(marking.object).ok, true);
});

test('what is not mechanical is left for validation to report', () => {
  // A 2.0 indicator without valid_from stays without it.
  const { valid_from: _, ...broken } = indicator20;
  const { object } = upgradeFrom20(broken);
  const result = validateObject(object);
  assert.equal(result.ok, false);
  assert.ok(result.issues.some((i) => i.path === '$.valid_from' && i.rule === 'required-property'));
});
