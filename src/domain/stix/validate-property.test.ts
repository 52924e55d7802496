// Properties that must hold for every input (CONVENTIONS.md, Tests: property-based tests).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { minimalObjects } from './fixtures.ts';
import { validateBundle, validateObject } from './validate.ts';

const minimal = Object.values(minimalObjects());
const json = fc.jsonValue({ maxDepth: 4 });

/** Arbitrary JSON, and objects that look like STIX so that deeper rules run too. */
const stixish = fc.oneof(
  json,
  fc
    .tuple(fc.constantFrom(...minimal), fc.dictionary(fc.string({ maxLength: 20 }), json, { maxKeys: 4 }))
    .map(([o, extra]) => ({ ...o, ...extra })),
  fc
    .tuple(fc.constantFrom(...minimal), fc.constantFrom(...minimal.flatMap((o) => Object.keys(o))), json)
    .map(([o, key, value]) => ({ ...o, [key]: value })),
);

test('validateObject never throws and reports ok exactly when there is no error', () => {
  fc.assert(
    fc.property(stixish, (value) => {
      const result = validateObject(value);
      assert.equal(result.ok, !result.issues.some((i) => i.severity === 'error'));
      for (const issue of result.issues) {
        assert.match(issue.path, /^\$/);
        assert.match(issue.section, /^STIX 2\.1/);
        assert.notEqual(issue.rule, 'internal-error', issue.message);
      }
    }),
    { numRuns: 3000 },
  );
});

test('validateBundle never throws', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        json,
        json.map((v) => ({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: v })),
      ),
      (value) => {
        const result = validateBundle(value);
        assert.equal(result.ok, !result.issues.some((i) => i.severity === 'error'));
      },
    ),
  );
});

test('adding an x_ custom property never makes a valid object invalid (§11.1)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...minimal), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), json, (obj, name, value) => {
      assert.equal(validateObject({ ...obj, [`x_${name}`]: value }).ok, true);
    }),
  );
});
