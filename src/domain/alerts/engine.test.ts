// The rule engine against a brute-force oracle (issue 17, must 9: "an alert fires exactly when
// the rule holds over the sightings a node can see"), and its order and growth properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIGHTING_TYPES } from '../sightings/api.ts';
import { RULE_SUBJECTS, type RuleSubject } from './api.ts';
import { alertId, evaluate, type EngineInput, type RuleSpec, type SightingFact, type SubjectRef } from './engine.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const at = (h: number): string => new Date(T0 + h * HOUR).toISOString();

const OBJECTS = ['indicator--1', 'indicator--2', 'observed-data--3', 'malware--4'];
/** Subjects per object: indicators 1 and 2 carry the same value; both indicate malware 4. */
function subjectsOf(listed: ReadonlySet<string>): Map<string, SubjectRef[]> {
  const ref = (kind: RuleSubject, key: string): SubjectRef => ({ kind, key, label: key, listed: listed.has(key) });
  return new Map([
    ['indicator--1', [ref('object', 'indicator--1'), ref('value', 'ipv4:192.0.2.1'), ref('malware', 'malware--4')]],
    ['indicator--2', [ref('object', 'indicator--2'), ref('value', 'ipv4:192.0.2.1'), ref('malware', 'malware--4')]],
    ['observed-data--3', [ref('object', 'observed-data--3'), ref('value', 'domain:example.org')]],
    ['malware--4', [ref('object', 'malware--4'), ref('malware', 'malware--4')]],
  ]);
}

const sightingArb = fc.record({
  of: fc.constantFrom(...OBJECTS),
  sighter: fc.constantFrom('org-a', 'org-b', 'org-c', 'org-d'),
  country: fc.constantFrom('FR', 'DE', 'EE', null),
  type: fc.constantFrom(...SIGHTING_TYPES),
  hour: fc.integer({ min: 0, max: 60 }),
  exercise: fc.constantFrom(null, null, 'cyber-coalition'),
});

const ruleArb = fc.record({
  subjects: fc.subarray([...RULE_SUBJECTS], { minLength: 1 }),
  minOrganisations: fc.integer({ min: 2, max: 4 }),
  minCountries: fc.integer({ min: 1, max: 3 }),
  windowHours: fc.constantFrom(1, 6, 24, 0.5),
  enabled: fc.boolean(),
});

const inputArb = fc
  .record({
    rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
    raw: fc.array(sightingArb, { maxLength: 25 }),
    listed: fc.subarray(['ipv4:192.0.2.1', 'domain:example.org']),
  })
  .map(({ rules, raw, listed }) => ({
    rules: rules.map((r, i): RuleSpec => ({ ...r, id: `x-concord-alert-rule--${i}` })),
    sightings: raw.map(
      (s, i): SightingFact => ({
        id: `sighting--${String(i).padStart(3, '0')}`,
        of: s.of,
        sighter: s.sighter,
        country: s.country,
        type: s.type,
        firstSeen: at(s.hour - 1),
        lastSeen: at(s.hour),
        exercise: s.exercise,
      }),
    ),
    subjectsOf: subjectsOf(new Set(listed)),
  }));

/** The rule's definition read literally: for every rule, subject, exercise and every sighting
 *  time t, the true sightings in [t − W, t]; fires when one such window has N sighters and K
 *  countries; the alert's sightings are those of every such window. */
function oracle(input: EngineInput): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const rule of input.rules) {
    if (!rule.enabled) continue;
    const keys = new Set<string>();
    for (const refs of input.subjectsOf.values())
      for (const r of refs) if (rule.subjects.includes(r.kind) && !r.listed) keys.add(`${r.kind}|${r.key}`);
    for (const k of keys) {
      const [kind, key] = k.split('|') as [RuleSubject, string];
      for (const exercise of [null, 'cyber-coalition']) {
        const of = input.sightings.filter(
          (s) =>
            s.type === 'sighting' &&
            s.exercise === exercise &&
            (input.subjectsOf.get(s.of) ?? []).some((r) => r.kind === kind && r.key === key && !r.listed),
        );
        for (const end of of) {
          const t = Date.parse(end.lastSeen);
          const inWindow = of.filter((s) => Date.parse(s.lastSeen) <= t && Date.parse(s.lastSeen) >= t - rule.windowHours * HOUR);
          const sighters = new Set(inWindow.map((s) => s.sighter));
          const countries = new Set(inWindow.flatMap((s) => (s.country ? [s.country] : [])));
          if (sighters.size < rule.minOrganisations || countries.size < rule.minCountries) continue;
          const id = alertId(rule.id, kind, key, exercise);
          const set = out.get(id) ?? new Set();
          for (const s of inWindow) set.add(s.id);
          out.set(id, set);
        }
      }
    }
  }
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

test('an alert fires exactly when the rule holds over the sightings, with the sightings that made it hold', () => {
  fc.assert(
    fc.property(inputArb, (input) => {
      const got = new Map(evaluate(input).map((a) => [a.id, a.sightingRefs]));
      assert.deepEqual(got, oracle(input));
    }),
    { numRuns: 400 },
  );
});

test('the alerts and their ids do not depend on the order the sightings arrive in', () => {
  fc.assert(
    fc.property(inputArb, fc.nat(), (input, seed) => {
      const shuffled = [...input.sightings].sort(
        (a, b) => ((a.id.charCodeAt(10) * (seed + 7)) % 13) - ((b.id.charCodeAt(10) * (seed + 7)) % 13),
      );
      assert.deepEqual(evaluate({ ...input, sightings: shuffled }), evaluate(input));
      assert.deepEqual(evaluate({ ...input, sightings: [...input.sightings].reverse() }), evaluate(input));
    }),
    { numRuns: 200 },
  );
});

test('adding sightings never removes an alert, nor a sighting from one', () => {
  fc.assert(
    fc.property(inputArb, fc.nat(), (input, cut) => {
      const fewer = input.sightings.slice(0, cut % (input.sightings.length + 1));
      const before = evaluate({ ...input, sightings: fewer });
      const after = new Map(evaluate(input).map((a) => [a.id, a]));
      for (const a of before) {
        const later = after.get(a.id);
        assert.ok(later, `alert ${a.id} disappeared`);
        for (const s of a.sightingRefs) assert.ok(later.sightingRefs.includes(s));
        assert.ok(later.organisations >= a.organisations);
      }
    }),
    { numRuns: 200 },
  );
});

const rule: RuleSpec = {
  id: 'x-concord-alert-rule--r',
  subjects: ['value'],
  minOrganisations: 3,
  minCountries: 3,
  windowHours: 24,
  enabled: true,
};
const sight = (id: string, sighter: string, country: string, over: Partial<SightingFact> = {}): SightingFact => ({
  id,
  of: 'indicator--1',
  sighter,
  country,
  type: 'sighting',
  firstSeen: at(0),
  lastSeen: at(1),
  exercise: null,
  ...over,
});

test('three organisations in three countries raise one alert on the value, with its facts', () => {
  const [alert, ...more] = evaluate({
    rules: [rule],
    sightings: [
      sight('sighting--a', 'fr', 'FR'),
      sight('sighting--b', 'de', 'DE', { of: 'indicator--2' }),
      sight('sighting--c', 'ee', 'EE'),
    ],
    subjectsOf: subjectsOf(new Set()),
  });
  assert.equal(more.length, 0);
  assert.equal(alert?.id, alertId(rule.id, 'value', 'ipv4:192.0.2.1', null));
  assert.deepEqual(alert?.countries, ['DE', 'EE', 'FR']);
  assert.deepEqual(alert?.objectRefs, ['indicator--1', 'indicator--2']);
  assert.equal(alert?.organisations, 3);
});

test('false positives, a warninglisted value and another exercise raise nothing', () => {
  const base = [sight('sighting--a', 'fr', 'FR'), sight('sighting--b', 'de', 'DE')];
  const none = (sightings: SightingFact[], listed = new Set<string>()) =>
    evaluate({ rules: [rule], sightings, subjectsOf: subjectsOf(listed) });
  assert.deepEqual(none([...base, sight('sighting--c', 'ee', 'EE', { type: 'false-positive' })]), []);
  assert.deepEqual(none([...base, sight('sighting--c', 'ee', 'EE')], new Set(['ipv4:192.0.2.1'])), []);
  assert.deepEqual(none([...base, sight('sighting--c', 'ee', 'EE', { exercise: 'cyber-coalition' })]), []);
  assert.deepEqual(none([...base, sight('sighting--c', 'ee', 'EE', { lastSeen: at(40) })]), []);
  const drill = none([...base.map((s): SightingFact => ({ ...s, exercise: 'x' })), sight('sighting--c', 'ee', 'EE', { exercise: 'x' })]);
  assert.equal(drill.length, 1);
  assert.equal(drill[0]?.exercise, 'x');
  assert.notEqual(drill[0]?.id, alertId(rule.id, 'value', 'ipv4:192.0.2.1', null));
});
