// Custom content (STIX 2.1 §11, deprecated but still found in feeds) and objects defined by
// extension definitions (§7.3).

import { test } from 'node:test';
import { EXTENSION_ID, T0, expectClean, expectIssue, expectValid, idOf, minimalObjects, observable } from './fixtures.ts';
import type { JsonValue } from './types.ts';
import { validateObject } from './validate.ts';

const m = minimalObjects();
const S11_1 = 'STIX 2.1 §11.1';
const S11_2 = 'STIX 2.1 §11.2';

test('custom property names: a-z, 0-9, _; 3–250 characters; a letter first; x_ recommended (§11.1, §3.1)', () => {
  const campaign = m['campaign'] ?? {};
  const withCustom = (name: string) => validateObject({ ...campaign, [name]: 1 });
  expectClean(withCustom('x_acme_org_risk_score'));
  expectIssue(withCustom('acme_score'), '$.acme_score', 'custom-property-prefix', S11_1, 'warning');
  expectIssue(withCustom('x-acme-score'), "$['x-acme-score']", 'custom-property-name', S11_1);
  expectIssue(withCustom('X_ACME'), '$.X_ACME', 'custom-property-name', S11_1);
  expectIssue(withCustom('xy'), '$.xy', 'custom-property-name', S11_1);
  expectIssue(withCustom(`x_${'a'.repeat(249)}`), `$.x_${'a'.repeat(249)}`, 'custom-property-name', S11_1);
  expectIssue(withCustom('_x_acme'), '$._x_acme', 'custom-property-name', 'STIX 2.1 §3.1');
});

test('custom objects: type name rules, id of that type, common properties (§11.2)', () => {
  const custom = {
    type: 'x-example-com-customobject',
    spec_version: '2.1',
    id: 'x-example-com-customobject--4527e5de-8572-446a-a57a-706f15467461',
    created: '2016-08-01T00:00:00.000Z',
    modified: '2016-08-01T00:00:00.000Z',
    some_custom_stuff: 14,
    other_custom_stuff: 'hello',
  };
  expectClean(validateObject(custom));
  const renamed = { ...custom, type: 'example-com-customobject', id: idOf('example-com-customobject') };
  expectIssue(validateObject(renamed), '$.type', 'custom-object-prefix', S11_2, 'warning');
  expectValid(validateObject(renamed));
  expectIssue(validateObject({ ...custom, type: 'x--double', id: idOf('x-double') }), '$.type', 'custom-object-type', S11_2);
  expectIssue(validateObject({ ...custom, type: 'x_under' }), '$.type', 'custom-object-type', S11_2);
  expectIssue(validateObject({ ...custom, type: 'xy' }), '$.type', 'custom-object-type', S11_2);
  expectIssue(validateObject({ ...custom, type: '1x-thing' }), '$.type', 'custom-object-type', 'STIX 2.1 §3.1');
  expectIssue(validateObject({ ...custom, id: idOf('x-other') }), '$.id', 'identifier-type-mismatch', 'STIX 2.1 §2.9');
  expectIssue(
    validateObject({ ...custom, modified: '2015-01-01T00:00:00.000Z' }),
    '$.modified',
    'modified-before-created',
    'STIX 2.1 §3.2',
  );
  const { some_custom_stuff: _a, other_custom_stuff: _b, ...bare } = custom;
  expectIssue(validateObject(bare), '$', 'custom-object', S11_2);
  const unversioned = { type: 'x-acme-sensor', id: idOf('x-acme-sensor'), x_reading: 3 };
  expectClean(validateObject(unversioned));
});

test('objects of types declared by an extension definition (§7.3)', () => {
  const sdo = {
    type: 'my-favorite-sdo',
    spec_version: '2.1',
    id: 'my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189',
    created: '2014-02-20T09:16:08.989000Z',
    modified: '2014-02-20T09:16:08.989000Z',
    name: 'This is the name of my favorite',
    some_property_name1: 'value1',
    extensions: { [EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
  expectClean(validateObject(sdo));
  expectIssue(validateObject({ ...sdo, created: undefined }), '$.created', 'required-property', 'STIX 2.1 §3.2');
  const sco = {
    type: 'my-favorite-sco',
    spec_version: '2.1',
    id: 'my-favorite-sco--f9dbe89c-0030-4a9d-8b78-0dcd0a0de874',
    name: 'This is the name of my favorite SCO',
    extensions: { [EXTENSION_ID]: { extension_type: 'new-sco' } },
  };
  expectClean(validateObject(sco));
  expectIssue(validateObject({ ...sco, created: T0 }), '$.created', 'forbidden-property', 'STIX 2.1 §3.2');
  expectIssue(validateObject({ ...sco, type: 'My-Sco' }), '$.type', 'custom-object-type', 'STIX 2.1 §7.3.2');
});

test('custom SCO extensions: names ending in -ext, at least one property (§11.3)', () => {
  const S = 'STIX 2.1 §11.3';
  const file = (extensions: JsonValue) => validateObject(observable('file', { name: 'a', extensions: extensions }));
  expectClean(file({ 'x-example-com-foo-ext': { foo_val: 'foo', bar_val: 'bar' } }));
  expectIssue(file({ 'example-foo-ext': { foo_val: 'foo' } }), "$.extensions['example-foo-ext']", 'custom-extension-prefix', S, 'warning');
  expectIssue(file({ 'x-example-com-foo': { foo_val: 'foo' } }), "$.extensions['x-example-com-foo']", 'extension', S);
  expectIssue(file({ 'x-foo-ext': {} }), "$.extensions['x-foo-ext']", 'extension', S);
  // Extension content may be ignored by consumers (§11): bad names inside are warnings.
  const badName = file({ 'x-foo-ext': { 'Bad-Name': 1 } });
  expectIssue(badName, "$.extensions['x-foo-ext']['Bad-Name']", 'custom-property-name', 'STIX 2.1 §7.3.2', 'warning');
  expectValid(badName);
});

test('unknown properties inside predefined types follow the custom property rules (§11.1)', () => {
  const phases = [{ kill_chain_name: 'x', phase_name: 'y', x_order: 1, Bad: 2 }];
  const result = validateObject({ ...m['attack-pattern'], kill_chain_phases: phases });
  expectIssue(result, '$.kill_chain_phases[0].Bad', 'custom-property-name', S11_1);
});
