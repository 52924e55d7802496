// Property tests of the access policy (CONVENTIONS.md, Tests: "Property-based tests for rules
// that must hold for every input: the access policy").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TLP_LEVELS, tlpRank } from '../markings/tlp.ts';
import { SCHEMES } from './fixtures.ts';
import { canRead, canSeeRelationship, distributionAllowed, isLowering } from './policy.ts';
import type { AccessLabel, Distribution, Reader } from './types.ts';

const ORGS = ['o1', 'o2', 'o3'];
const COUNTRIES = ['FR', 'DE', 'NL'];
const COMMUNITIES = ['nato', 'eu', 'c3'];
const GROUPS = ['sg1', 'sg2'];
const EXERCISES = ['ex1', 'ex2'];
const SCHEME_IDS = ['nato', 'eu', 'fr'];

const levelsOf = (scheme: string): readonly string[] => SCHEMES.get(scheme)?.levels ?? ['GEHEIM'];
// Levels include one no scheme defines, and schemes include one not configured ('de').
const anyLevel = (scheme: string) => fc.constantFrom(...levelsOf(scheme), 'BOGUS');

const tlp = fc.constantFrom(...TLP_LEVELS);
const distribution: fc.Arbitrary<Distribution> = fc.oneof(
  fc.constant<Distribution>({ kind: 'organization' }),
  fc.constant<Distribution>({ kind: 'federation' }),
  fc.constantFrom(...GROUPS).map((id): Distribution => ({ kind: 'sharing-group', id })),
  fc.constantFrom(...COMMUNITIES).map((id): Distribution => ({ kind: 'community', id })),
);
const classification = fc.constantFrom(...SCHEME_IDS, 'de').chain((scheme) => anyLevel(scheme).map((level) => ({ scheme, level })));

const label: fc.Arbitrary<AccessLabel> = fc.record(
  {
    ownerOrg: fc.constantFrom(...ORGS),
    tlp,
    distribution,
    classification,
    releasableTo: fc.subarray([...COUNTRIES, ...COMMUNITIES]),
    exercise: fc.constantFrom(...EXERCISES),
  },
  { requiredKeys: ['ownerOrg', 'tlp', 'distribution'] },
);

const clearances = fc
  .subarray(SCHEME_IDS)
  .chain((ids) => fc.tuple(...ids.map((id) => anyLevel(id).map((level) => [id, level] as const))))
  .map((pairs) => Object.fromEntries(pairs));

const reader: fc.Arbitrary<Reader> = fc.record({
  orgIds: fc.subarray(ORGS, { minLength: 1 }),
  countries: fc.subarray(COUNTRIES),
  communities: fc.subarray(COMMUNITIES),
  sharingGroups: fc.subarray(GROUPS),
  clearances,
  exercises: fc.subarray(EXERCISES),
});

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/** A reader with more: organisations, countries, communities, groups, exercises, higher clearances. */
const grown = (r: Reader) =>
  fc
    .record({
      orgIds: fc.subarray(ORGS),
      countries: fc.subarray(COUNTRIES),
      communities: fc.subarray(COMMUNITIES),
      sharingGroups: fc.subarray(GROUPS),
      exercises: fc.subarray(EXERCISES),
      raise: fc.subarray(SCHEME_IDS),
    })
    .map((more): Reader => {
      const raised: Record<string, string> = { ...r.clearances };
      for (const id of more.raise) raised[id] = levelsOf(id).at(-1) ?? '';
      return {
        orgIds: union(r.orgIds, more.orgIds),
        countries: union(r.countries, more.countries),
        communities: union(r.communities, more.communities),
        sharingGroups: union(r.sharingGroups, more.sharingGroups),
        clearances: raised,
        exercises: union(r.exercises, more.exercises),
      };
    });

test('property: more clearance, communities, countries, groups or exercises never remove access', () => {
  fc.assert(
    fc.property(
      label,
      reader.chain((r) => fc.tuple(fc.constant(r), grown(r))),
      (l, [r, more]) => {
        if (canRead(r, l, SCHEMES)) assert.equal(canRead(more, l, SCHEMES), true);
      },
    ),
    { numRuns: 2000 },
  );
});

/** The same level or a higher one of the same scheme (an unknown level stays as it is). */
function higherLevel(c: { scheme: string; level: string }): fc.Arbitrary<string> {
  const levels = SCHEMES.get(c.scheme)?.levels ?? [];
  const at = levels.indexOf(c.level);
  return at < 0 ? fc.constant(c.level) : fc.constantFrom(...levels.slice(at));
}

/** A label at least as restrictive as `l`, raised in random dimensions. */
const raised = (l: AccessLabel) =>
  fc
    .record({
      tlp: fc.constantFrom(...TLP_LEVELS.filter((t) => tlpRank(t) >= tlpRank(l.tlp))),
      narrow: fc.boolean(),
      level: l.classification === undefined ? fc.option(classification, { nil: undefined }) : higherLevel(l.classification),
      releasableTo:
        l.releasableTo === undefined
          ? fc.option(fc.subarray([...COUNTRIES, ...COMMUNITIES]), { nil: undefined })
          : fc.subarray([...l.releasableTo]),
      exercise: l.exercise === undefined ? fc.option(fc.constantFrom(...EXERCISES), { nil: undefined }) : fc.constant(l.exercise),
    })
    .map((c): AccessLabel => {
      const next: { -readonly [K in keyof AccessLabel]: AccessLabel[K] } = { ...l, tlp: c.tlp };
      if (c.narrow) next.distribution = { kind: 'organization' };
      if (typeof c.level === 'string' && l.classification !== undefined)
        next.classification = { scheme: l.classification.scheme, level: c.level };
      else if (typeof c.level === 'object') next.classification = c.level;
      if (c.releasableTo !== undefined) next.releasableTo = c.releasableTo;
      if (c.exercise !== undefined) next.exercise = c.exercise;
      return next;
    });

test("property: raising a label's restriction is never a lowering and never adds access", () => {
  fc.assert(
    fc.property(
      reader,
      label.chain((l) => fc.tuple(fc.constant(l), raised(l))),
      (r, [before, after]) => {
        assert.equal(isLowering(before, after, SCHEMES), false);
        if (canRead(r, after, SCHEMES)) assert.equal(canRead(r, before, SCHEMES), true);
      },
    ),
    { numRuns: 2000 },
  );
});

test('property: whatever two versions, a change isLowering does not flag never adds a reader', () => {
  fc.assert(
    fc.property(reader, label, label, (r, before, candidate) => {
      const after = { ...candidate, ownerOrg: before.ownerOrg };
      assert.equal(isLowering(before, before, SCHEMES), false, 'no change is no lowering');
      if (!isLowering(before, after, SCHEMES) && canRead(r, after, SCHEMES)) assert.equal(canRead(r, before, SCHEMES), true);
      if (canRead(r, after, SCHEMES) && !canRead(r, before, SCHEMES)) assert.equal(isLowering(before, after, SCHEMES), true);
    }),
    { numRuns: 3000 },
  );
});

const WIDER: Record<Distribution['kind'], Distribution['kind'][]> = {
  organization: ['sharing-group', 'community', 'federation'],
  'sharing-group': ['community', 'federation'],
  community: ['federation'],
  federation: [],
};

test('property: the TLP bound is monotone — a stricter TLP or a wider distribution is never allowed more', () => {
  fc.assert(
    fc.property(tlp, tlp, distribution, distribution, (t1, t2, d1, d2) => {
      assert.equal(distributionAllowed(t1, { kind: 'organization' }), true, 'the owner may always keep it');
      assert.equal(distributionAllowed(t1, { kind: 'federation' }), t1 === 'clear' || t1 === 'green');
      if (tlpRank(t2) >= tlpRank(t1) && distributionAllowed(t2, d1)) assert.equal(distributionAllowed(t1, d1), true);
      if (WIDER[d1.kind].includes(d2.kind) && distributionAllowed(t1, d2)) assert.equal(distributionAllowed(t1, d1), true);
    }),
  );
});

test('property: a relationship is never visible when one of its ends is not', () => {
  const end = fc.option(label, { nil: undefined });
  fc.assert(
    fc.property(reader, label, end, end, (r, rel, source, target) => {
      const visible = canSeeRelationship(r, rel, source, target, SCHEMES);
      const readable = (l: AccessLabel | undefined): boolean => l !== undefined && canRead(r, l, SCHEMES);
      assert.equal(visible, readable(rel) && readable(source) && readable(target));
    }),
    { numRuns: 2000 },
  );
});
