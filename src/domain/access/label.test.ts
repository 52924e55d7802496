import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DistributionInconsistentError, MarkingInvalidError } from '../../errors.ts';
import { EU_SCHEME, NATO_SCHEME } from '../markings/classification.ts';
import {
  CONCORD_IDENTITY_ID,
  CONCORD_OBJECT_EXTENSION_ID,
  classificationMarking,
  concordPublishedObjects,
  exerciseMarking,
  releasabilityMarking,
} from '../markings/concord-markings.ts';
import { MarkingRegistry } from '../markings/registry.ts';
import { TLP2_MARKING_IDS } from '../markings/tlp.ts';
import type { StixObject } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import { SCHEMES } from './fixtures.ts';
import { type LabelContext, applyConcordDistribution, concordDistribution, labelFor } from './label.ts';

const NS = classificationMarking(NATO_SCHEME, 'NATO SECRET');
const NC = classificationMarking(NATO_SCHEME, 'NATO CONFIDENTIAL');
const EU_S = classificationMarking(EU_SCHEME, 'SECRET UE/EU SECRET');
const REL_FR_NATO = releasabilityMarking(['FR', 'nato']);
const REL_FR_DE = releasabilityMarking(['FR', 'DE']);
const EX1 = exerciseMarking('ex1');
const EX2 = exerciseMarking('ex2');
const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

const ctx: LabelContext = {
  ownerOrg: 'org-a',
  defaults: { tlp: 'amber', distribution: { kind: 'community', id: 'nato' } },
  registry: MarkingRegistry.builtIn().with([NS, NC, EU_S, REL_FR_NATO, REL_FR_DE, EX1, EX2]),
  schemes: SCHEMES,
};

function indicator(markings: string[]): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    pattern: "[ipv4-addr:value = '198.51.100.1']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00.000Z',
    ...(markings.length > 0 ? { object_marking_refs: markings } : {}),
  };
}

test('no marking and no distribution → the context defaults (owner from the context)', () => {
  assert.deepEqual(labelFor(indicator([]), ctx), { ownerOrg: 'org-a', tlp: 'amber', distribution: { kind: 'community', id: 'nato' } });
});

test('TLP from object_marking_refs, TLP 1.0 mapped, several → the most restrictive (DESIGN.md)', () => {
  assert.equal(labelFor(indicator([TLP2_MARKING_IDS.green]), ctx).tlp, 'green');
  assert.equal(labelFor(indicator([TLP1_AMBER]), ctx).tlp, 'amber');
  assert.equal(labelFor(indicator([TLP2_MARKING_IDS.green, TLP2_MARKING_IDS['amber+strict'], TLP1_AMBER]), ctx).tlp, 'amber+strict');
});

test('a default distribution the TLP forbids is narrowed to organization; an explicit one is refused', () => {
  assert.deepEqual(labelFor(indicator([TLP2_MARKING_IDS.red]), ctx).distribution, { kind: 'organization' });
  const explicit = applyConcordDistribution(indicator([TLP2_MARKING_IDS.red]), { kind: 'federation' });
  assert.throws(() => labelFor(explicit, ctx), DistributionInconsistentError);
});

test("distribution from Concord's object extension", () => {
  const o = applyConcordDistribution(indicator([TLP2_MARKING_IDS.red]), { kind: 'sharing-group', id: 'sg-7' });
  assert.deepEqual(labelFor(o, ctx).distribution, { kind: 'sharing-group', id: 'sg-7' });
  const bad = { ...o, extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'everyone' } } };
  assert.throws(
    () => labelFor(bad, ctx),
    (e: unknown) => e instanceof MarkingInvalidError && e.message.includes('"everyone"'),
  );
});

test('classification, releasability and exercise from Concord markings', () => {
  const label = labelFor(indicator([TLP2_MARKING_IDS.amber, NS.id, REL_FR_NATO.id, EX1.id]), ctx);
  assert.deepEqual(label, {
    ownerOrg: 'org-a',
    tlp: 'amber',
    distribution: { kind: 'community', id: 'nato' },
    classification: { scheme: 'nato', level: 'NATO SECRET' },
    releasableTo: ['FR', 'nato'],
    exercise: 'ex1',
  });
});

test('several markings of one kind: highest level, intersected releasability; conflicts refused', () => {
  assert.deepEqual(labelFor(indicator([NC.id, NS.id]), ctx).classification, { scheme: 'nato', level: 'NATO SECRET' });
  assert.deepEqual(labelFor(indicator([REL_FR_NATO.id, REL_FR_DE.id]), ctx).releasableTo, ['FR']);
  assert.throws(
    () => labelFor(indicator([NS.id, EU_S.id]), ctx),
    (e: unknown) => e instanceof MarkingInvalidError && /two schemes/.test(e.message),
  );
  assert.throws(
    () => labelFor(indicator([EX1.id, EX2.id]), ctx),
    (e: unknown) => e instanceof MarkingInvalidError && /several exercises/.test(e.message),
  );
});

test('a marking definition not known here fails closed (it could be a classification)', () => {
  const unknown = 'marking-definition--00000000-0000-4000-8000-00000000beef';
  assert.throws(
    () => labelFor(indicator([TLP2_MARKING_IDS.green, unknown]), ctx),
    (e: unknown) => e instanceof MarkingInvalidError && e.message.includes(unknown),
  );
});

test('statement markings do not restrict', () => {
  const statement = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--00000000-0000-4000-8000-0000000000aa',
    created: '2024-01-01T00:00:00.000Z',
    definition_type: 'statement',
    definition: { statement: '©' },
  };
  const withStatement = { ...ctx, registry: ctx.registry.with([statement]) };
  assert.deepEqual(labelFor(indicator([statement.id]), withStatement), labelFor(indicator([]), ctx));
});

test("marking definitions and Concord's published objects are readable by everyone", () => {
  const everyone = { ownerOrg: 'org-a', tlp: 'clear', distribution: { kind: 'federation' } };
  const redContext: LabelContext = { ...ctx, defaults: { tlp: 'red', distribution: { kind: 'organization' } } };
  assert.deepEqual(labelFor({ ...NS, object_marking_refs: [TLP2_MARKING_IDS.red] }, redContext), everyone);
  for (const o of concordPublishedObjects()) assert.deepEqual(labelFor(o, redContext), everyone, o.id);
  assert.ok(concordPublishedObjects().some((o) => o.id === CONCORD_IDENTITY_ID));
});

test('applyConcordDistribution copies, keeps other extension content, and stays valid STIX', () => {
  const original = indicator([TLP2_MARKING_IDS.amber]);
  const snapshot = structuredClone(original);
  const once = applyConcordDistribution(original, { kind: 'community', id: 'eu' });
  assert.deepEqual(original, snapshot, 'input unchanged');
  assert.deepEqual(concordDistribution(once), { kind: 'community', id: 'eu' });
  assert.deepEqual(validateObject(once).issues, []);
  const signed = {
    ...once,
    extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'community:eu', signature: 'abc' } },
  };
  const twice = applyConcordDistribution(signed, { kind: 'organization' });
  assert.deepEqual(twice['extensions'], {
    [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'organization', signature: 'abc' },
  });
});
