// Meta objects (STIX 2.1 §7) and the bundle envelope (§8).

import { test } from 'node:test';
import {
  EXTENSION_ID,
  IDENTITY_ID,
  T0,
  TLP_GREEN,
  expectClean,
  expectIssue,
  expectValid,
  idOf,
  minimalObjects,
  versioned,
  without,
} from './fixtures.ts';
import type { JsonValue } from './types.ts';
import { validateBundle, validateObject } from './validate.ts';

const m = minimalObjects();
const S7_2_1 = 'STIX 2.1 §7.2.1';

const tlpGreen = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP_GREEN,
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:GREEN',
  definition: { tlp: 'green' },
};

test('TLP marking definitions are exactly the four standard ones (§7.2.1.4)', () => {
  const S = 'STIX 2.1 §7.2.1.4';
  expectClean(validateObject(tlpGreen));
  expectIssue(validateObject({ ...tlpGreen, id: idOf('marking-definition') }), '$.id', 'tlp-marking', S);
  expectIssue(validateObject({ ...tlpGreen, definition: { tlp: 'amber+strict' } }), '$.definition', 'tlp-marking', S);
  expectIssue(validateObject({ ...tlpGreen, created: T0 }), '$.created', 'tlp-marking', S);
  expectIssue(validateObject({ ...tlpGreen, definition: {} }), '$.definition.tlp', 'required-property', S);
  expectIssue(validateObject({ ...tlpGreen, name: 'TLP:AMBER' }), '$.name', 'tlp-marking', S);
  expectIssue(validateObject({ ...tlpGreen, created_by_ref: IDENTITY_ID }), '$.created_by_ref', 'tlp-marking', S);
});

test('statement markings carry a statement (§7.2.1.3)', () => {
  const statement = m['marking-definition'] ?? {};
  expectIssue(
    validateObject({ ...statement, definition: { text: 'x' } }),
    '$.definition.statement',
    'required-property',
    'STIX 2.1 §7.2.1.3',
  );
  expectIssue(validateObject({ ...statement, definition: 'Copyright' }), '$.definition', 'type-mismatch', S7_2_1);
});

test('marking definitions: definition needed without extensions, not versioned, not self-marked (§7.2.1, §3.2)', () => {
  const statement = m['marking-definition'] ?? versioned('marking-definition');
  expectIssue(validateObject(without(statement, 'definition')), '$.definition', 'required-property', S7_2_1);
  expectIssue(validateObject({ ...statement, modified: T0 }), '$.modified', 'forbidden-property', 'STIX 2.1 §3.2');
  expectIssue(
    validateObject({ ...statement, object_marking_refs: [statement['id'] ?? ''] }),
    '$.object_marking_refs',
    'circular-marking',
    'STIX 2.1 §3.2',
  );
  expectIssue(validateObject({ ...statement, definition_type: 'iep' }), '$.definition_type', 'open-vocabulary', S7_2_1, 'warning');
});

test('extension-based marking definitions (TLP 2.0) need no definition (§7.2.1, §7.3)', () => {
  const tlp2 = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:CLEAR',
    extensions: { [EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'clear' } },
  };
  expectClean(validateObject(tlp2));
  expectIssue(
    validateObject({ ...tlp2, extensions: { [EXTENSION_ID]: { tlp_2_0: 'clear' } } }),
    `$.extensions['${EXTENSION_ID}'].extension_type`,
    'required-property',
    'STIX 2.1 §3.2',
  );
});

test('language content: language-code keys with translated properties (§7.1)', () => {
  const S = 'STIX 2.1 §7.1';
  const lc = m['language-content'] ?? versioned('language-content');
  expectClean(validateObject({ ...lc, object_modified: T0, contents: { de: { name: 'x' }, 'zh-Hans': { description: 'y' } } }));
  expectIssue(validateObject({ ...lc, contents: { en_US: { name: 'x' } } }), '$.contents.en_US', 'value-format', S);
  expectIssue(validateObject({ ...lc, contents: { de: 'x' } }), '$.contents.de', 'type-mismatch', S);
  expectIssue(validateObject({ ...lc, contents: {} }), '$.contents', 'empty-dictionary', 'STIX 2.1 §2.3');
  expectIssue(validateObject({ ...lc, object_ref: idOf('bundle') }), '$.object_ref', 'ref-target-type', S);
  expectIssue(validateObject({ ...lc, lang: 'de' }), '$.lang', 'forbidden-property', 'STIX 2.1 §3.2');
});

test('extension definitions: enum extension types, extension_properties only for top-level ones (§7.3)', () => {
  const S = 'STIX 2.1 §7.3';
  const ed = m['extension-definition'] ?? versioned('extension-definition');
  expectIssue(validateObject({ ...ed, extension_types: ['new-thing'] }), '$.extension_types[0]', 'closed-vocabulary', 'STIX 2.1 §10.5');
  expectIssue(validateObject({ ...ed, extension_properties: ['rank'] }), '$.extension_properties', 'property-dependency', S);
  expectClean(validateObject({ ...ed, extension_types: ['toplevel-property-extension'], extension_properties: ['rank'] }));
  expectIssue(
    validateObject({ ...ed, extensions: { [EXTENSION_ID]: { extension_type: 'property-extension' } } }),
    '$.extensions',
    'forbidden-property',
    'STIX 2.1 §3.2',
  );
  expectIssue(validateObject({ ...ed, created_by_ref: idOf('x-org') }), '$.created_by_ref', 'ref-target-type', 'STIX 2.1 §3.2');
});

test('extensions on SDOs use extension-definition ids with a valid extension_type (§3.2, §7.3)', () => {
  const indicator = m['indicator'] ?? {};
  const ext = (extensions: JsonValue) => validateObject({ ...indicator, extensions: extensions });
  expectClean(ext({ [EXTENSION_ID]: { extension_type: 'property-extension', rank: 5, toxicity: 8 } }));
  expectIssue(
    ext({ [EXTENSION_ID]: { extension_type: 'sub-component' } }),
    `$.extensions['${EXTENSION_ID}'].extension_type`,
    'closed-vocabulary',
    'STIX 2.1 §10.5',
  );
  expectIssue(
    ext({ [EXTENSION_ID]: { extension_type: 'new-sdo' } }),
    `$.extensions['${EXTENSION_ID}'].extension_type`,
    'extension',
    'STIX 2.1 §7.3',
  );
  // Extension content is defined by the extension's schema and may be ignored (§7.3): warnings.
  expectIssue(
    ext({ [EXTENSION_ID]: { extension_type: 'property-extension', Rank: 5 } }),
    `$.extensions['${EXTENSION_ID}'].Rank`,
    'custom-property-name',
    'STIX 2.1 §7.3.2',
    'warning',
  );
  const openctiLike = ext({
    [EXTENSION_ID]: { extension_type: 'property-extension', id: 'f13cd64f-9268-4d77-9850-eb6fbe322463', type: 'Report' },
  });
  expectIssue(openctiLike, `$.extensions['${EXTENSION_ID}'].id`, 'custom-property-name', 'STIX 2.1 §7.3.2', 'warning');
  expectValid(openctiLike);
  expectIssue(
    ext({ 'extension-definition--1234': { extension_type: 'property-extension' } }),
    "$.extensions['extension-definition--1234']",
    'extension',
    'STIX 2.1 §7.3',
  );
  expectIssue(ext({ 'x-acme-ext': { a_b: 1 } }), "$.extensions['x-acme-ext']", 'extension', 'STIX 2.1 §11.3');
  expectIssue(ext({}), '$.extensions', 'empty-dictionary', 'STIX 2.1 §2.3');
  expectIssue(ext([]), '$.extensions', 'type-mismatch', 'STIX 2.1 §3.2');
});

test('top-level property extensions let an object carry properties without the x_ prefix (§7.3)', () => {
  const indicator = { ...m['indicator'], rank: 1 };
  expectIssue(validateObject(indicator), '$.rank', 'custom-property-prefix', 'STIX 2.1 §11.1', 'warning');
  expectClean(validateObject({ ...indicator, extensions: { [EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } } }));
});

test('bundles: type, id and a non-empty objects list; contained objects are not checked (§8)', () => {
  const S8 = 'STIX 2.1 §8';
  const bundle = { type: 'bundle', id: idOf('bundle'), objects: [{ type: 'nonsense' }] };
  expectClean(validateBundle(bundle));
  expectClean(validateBundle({ type: 'bundle', id: idOf('bundle') }));
  expectIssue(validateBundle({ ...bundle, type: 'collection' }), '$.type', 'enum', S8);
  expectIssue(validateBundle(without(bundle, 'id')), '$.id', 'required-property', S8);
  expectIssue(validateBundle({ ...bundle, id: idOf('report') }), '$.id', 'identifier-type-mismatch', 'STIX 2.1 §2.9');
  expectIssue(validateBundle({ ...bundle, id: 'bundle-1' }), '$.id', 'identifier-format', 'STIX 2.1 §2.9');
  expectIssue(validateBundle({ ...bundle, objects: [] }), '$.objects', 'empty-list', 'STIX 2.1 §2.12');
  expectIssue(validateBundle({ ...bundle, objects: {} }), '$.objects', 'type-mismatch', S8);
  expectIssue(validateBundle({ ...bundle, spec_version: '2.0' }), '$.spec_version', 'forbidden-property', S8, 'warning');
  expectIssue(validateBundle('bundle'), '$', 'type-mismatch', S8);
  expectIssue(validateObject(bundle), '$.type', 'type-mismatch', S8);
});

test('identity and marking references are typed wherever they appear', () => {
  const ap = versioned('attack-pattern', { name: 'x', created_by_ref: IDENTITY_ID, object_marking_refs: [TLP_GREEN] });
  expectClean(validateObject(ap));
});
