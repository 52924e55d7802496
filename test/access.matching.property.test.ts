// Matching decides the policy once per distinct label (matching.service.ts labelFilter), to keep a
// proposal over 10,000 profiles within the 200 ms: this holds it to the policy itself.
// For any reader and any run of labels, shared or repeated, the filter answers exactly what
// canRead answers, whatever was decided before (DESIGN.md principle 2: no second policy).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildLabel, buildReader, SCHEMES } from '../src/domain/access/fixtures.ts';
import { canRead } from '../src/domain/access/policy.ts';
import type { AccessLabel, Distribution } from '../src/domain/access/types.ts';
import { TLP_LEVELS } from '../src/domain/markings/tlp.ts';
import { labelFilter } from '../src/services/matching.service.ts';

const few = <T>(...xs: T[]) => fc.constantFrom(...xs);
const where: fc.Arbitrary<Distribution> = fc.oneof(
  few<Distribution>({ kind: 'federation' }, { kind: 'organization' }),
  few('g1', 'g2').map((id): Distribution => ({ kind: 'sharing-group', id })),
  few('eu', 'nato').map((id): Distribution => ({ kind: 'community', id })),
);
const someLabel: fc.Arbitrary<AccessLabel | null> = fc.option(
  fc
    .record(
      {
        ownerOrg: few('org-a', 'org-b'),
        tlp: few(...TLP_LEVELS),
        distribution: where,
        classification: few({ scheme: 'nato', level: 'NATO RESTRICTED' }, { scheme: 'fr', level: 'SECRET' }),
        releasableTo: fc.subarray(['FR', 'DE', 'eu']),
        exercise: few('ex1', 'ex2'),
      },
      { requiredKeys: ['ownerOrg', 'tlp', 'distribution'] },
    )
    .map((l) => buildLabel(l)),
  { freq: 8 },
);
const someReader = fc
  .record({
    orgIds: fc.subarray(['org-a', 'org-b', 'org-c'], { minLength: 1 }),
    communities: fc.subarray(['eu', 'nato']),
    sharingGroups: fc.subarray(['g1', 'g2']),
    exercises: fc.subarray(['ex1']),
    clearances: few<Record<string, string>>({}, { nato: 'NATO CONFIDENTIAL' }, { fr: 'DIFFUSION RESTREINTE' }),
  })
  .map((r) => buildReader(r));

/** Labels that differ from `l` in one property each: a memo keyed without that property would
 *  answer for them what it decided for `l`. */
function neighbours(l: AccessLabel | null): (AccessLabel | null)[] {
  if (l === null) return [];
  const { exercise: _e, classification: _c, releasableTo: _r, ...bare } = l;
  return [
    { ...l, ownerOrg: l.ownerOrg === 'org-a' ? 'org-b' : 'org-a' },
    { ...l, tlp: l.tlp === 'red' ? 'green' : 'red' },
    { ...l, distribution: l.distribution.kind === 'federation' ? { kind: 'organization' } : { kind: 'federation' } },
    { ...bare, ...(l.classification ? {} : { classification: { scheme: 'nato', level: 'NATO SECRET' } }) },
    { ...bare, ...(l.releasableTo ? {} : { releasableTo: ['DE'] }) },
    { ...bare, ...(l.exercise ? {} : { exercise: 'ex1' }) },
  ];
}

test("matching's label filter answers as the access policy, label by label", () => {
  fc.assert(
    fc.property(someReader, fc.array(someLabel, { maxLength: 20 }), (reader, labels) => {
      const readable = labelFilter(reader, SCHEMES);
      // Each label, its neighbours, then all again from the memo: the policy's answer each time.
      const run = labels.flatMap((l) => [l, ...neighbours(l)]);
      for (const label of [...run, ...run])
        assert.equal(readable(label), label !== null && canRead(reader, label, SCHEMES), JSON.stringify(label));
    }),
  );
});

test('the command line reads every labelled profile, and no unlabelled one', () => {
  const readable = labelFilter(null, SCHEMES);
  assert.equal(readable(buildLabel({ tlp: 'red', distribution: { kind: 'organization' } })), true);
  assert.equal(readable(null), false);
});
