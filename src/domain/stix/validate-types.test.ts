// Coverage of every object type: the smallest valid object passes without any issue, and each
// required property, when removed, is reported at its path with the section of its table.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from './categories.ts';
import { SCO_REQUIRED, SDO_REQUIRED, expectClean, expectIssue, minimalObjects, without } from './fixtures.ts';
import { OBJECT_DEFS, validateObject } from './validate.ts';

const minimal = minimalObjects();

test('the validator knows all 19 SDOs, 18 SCOs, 2 SROs and 3 meta objects', () => {
  assert.equal(SDO_TYPES.size, 19);
  assert.equal(SCO_TYPES.size, 18);
  for (const type of [...SDO_TYPES, ...SCO_TYPES, ...SRO_TYPES, ...META_TYPES]) {
    assert.ok(OBJECT_DEFS.has(type), type);
    assert.ok(minimal[type], `fixture for ${type}`);
  }
  assert.equal(OBJECT_DEFS.size, 19 + 18 + 2 + 3);
});

for (const [type, obj] of Object.entries(minimal)) {
  test(`a minimal ${type} is valid`, () => expectClean(validateObject(obj)));
}

const SDO_SECTION: Record<string, string> = Object.fromEntries([...SDO_TYPES].map((t) => [t, OBJECT_DEFS.get(t)?.section ?? '']));

for (const [type, props] of Object.entries(SDO_REQUIRED)) {
  test(`${type}: each required property is reported when missing (${SDO_SECTION[type]})`, () => {
    const obj = minimal[type];
    assert.ok(obj);
    const required = OBJECT_DEFS.get(type)?.required ?? [];
    for (const key of required) {
      expectIssue(validateObject(without(obj, key)), `$.${key}`, 'required-property', SDO_SECTION[type] ?? '');
    }
    for (const key of ['spec_version', 'id', 'created', 'modified']) {
      expectIssue(validateObject(without(obj, key)), `$.${key}`, 'required-property', 'STIX 2.1 §3.2');
    }
    assert.ok(Object.keys(props).length > 0);
  });
}

test('SCOs require only type and id among the common properties (§3.2)', () => {
  for (const type of Object.keys(SCO_REQUIRED)) {
    const obj = minimal[type];
    assert.ok(obj);
    expectClean(validateObject(without(obj, 'spec_version')));
    expectIssue(validateObject(without(obj, 'id')), '$.id', 'required-property', 'STIX 2.1 §3.2');
  }
});

test('SCO-specific required properties are reported when missing (§6)', () => {
  const cases: [string, string, string][] = [
    ['autonomous-system', 'number', 'STIX 2.1 §6.2'],
    ['directory', 'path', 'STIX 2.1 §6.3'],
    ['domain-name', 'value', 'STIX 2.1 §6.4'],
    ['email-addr', 'value', 'STIX 2.1 §6.5'],
    ['email-message', 'is_multipart', 'STIX 2.1 §6.6'],
    ['ipv4-addr', 'value', 'STIX 2.1 §6.8'],
    ['ipv6-addr', 'value', 'STIX 2.1 §6.9'],
    ['mac-addr', 'value', 'STIX 2.1 §6.10'],
    ['mutex', 'name', 'STIX 2.1 §6.11'],
    ['network-traffic', 'protocols', 'STIX 2.1 §6.12'],
    ['software', 'name', 'STIX 2.1 §6.14'],
    ['url', 'value', 'STIX 2.1 §6.15'],
  ];
  for (const [type, key, section] of cases) {
    const obj = minimal[type];
    assert.ok(obj);
    expectIssue(validateObject(without(obj, key)), `$.${key}`, 'required-property', section);
  }
});

test('SRO and meta object required properties are reported when missing (§5, §7)', () => {
  const cases: [string, string, string][] = [
    ['relationship', 'relationship_type', 'STIX 2.1 §5.1'],
    ['relationship', 'source_ref', 'STIX 2.1 §5.1'],
    ['relationship', 'target_ref', 'STIX 2.1 §5.1'],
    ['sighting', 'sighting_of_ref', 'STIX 2.1 §5.2'],
    ['language-content', 'object_ref', 'STIX 2.1 §7.1'],
    ['language-content', 'contents', 'STIX 2.1 §7.1'],
    ['marking-definition', 'created', 'STIX 2.1 §3.2'],
    ['extension-definition', 'created_by_ref', 'STIX 2.1 §3.2'],
    ['extension-definition', 'schema', 'STIX 2.1 §7.3'],
    ['extension-definition', 'version', 'STIX 2.1 §7.3'],
    ['extension-definition', 'extension_types', 'STIX 2.1 §7.3'],
  ];
  for (const [type, key, section] of cases) {
    const obj = minimal[type];
    assert.ok(obj);
    expectIssue(validateObject(without(obj, key)), `$.${key}`, 'required-property', section);
  }
});
