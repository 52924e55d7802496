// Matching experts to a request (issue 18, must 3): no proposed or ranked expert breaks a hard
// constraint, every exclusion is true, the team covers every coverable skill and no smaller team
// does, and the proposal does not depend on the roster's order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BUILT_IN_SCHEMES } from '../markings/classification.ts';
import type { Needs, Proposal, Window } from './api.ts';
import { gaps, propose } from './matching.ts';
import type { ProfileRecord } from './types.ts';

const levelRank = (scheme: string, level: string): number => BUILT_IN_SCHEMES.find((s) => s.id === scheme)?.levels.indexOf(level) ?? -1;
const BASE = Date.UTC(2026, 2, 1);
const at = (hour: number): string => new Date(BASE + hour * 3_600_000).toISOString();
const win = (from: number, until: number): Window => ({ from: at(from), until: at(until) });

const SKILLS = [
  'cyber-incident-responder',
  'digital-forensics-investigator',
  'penetration-tester',
  'tag:volatility',
  'tag:sector:energy',
  'cybersecurity-architect',
];
const LANGS = ['en', 'fr', 'de'];
const CLEARANCES = BUILT_IN_SCHEMES.flatMap((s) => s.levels.map((level) => ({ scheme: s.id, level })));

function profile(over: Partial<ProfileRecord> & { id: string }): ProfileRecord {
  return {
    orgId: 'identity--org-a',
    pseudonym: `Expert ${over.id}`,
    skills: [],
    certifications: [],
    languages: ['en'],
    clearances: [],
    country: 'FR',
    utcOffsetMinutes: 60,
    onSite: true,
    availability: [win(0, 1000)],
    pastDeployments: 0,
    modified: at(0),
    ...over,
  };
}

const needs = (over: Partial<Needs>): Needs => ({ skills: [], languages: [], mode: 'remote', window: win(10, 50), ...over });

const arbWindow = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 30 }))
  .map(([from, length]) => win(from, from + length));

const arbProfile = (i: number) =>
  fc
    .record({
      skills: fc.subarray(SKILLS),
      languages: fc.subarray(LANGS),
      clearances: fc.subarray(CLEARANCES, { maxLength: 2 }),
      utcOffsetMinutes: fc.option(fc.integer({ min: -12, max: 14 }).map((h) => h * 60)),
      onSite: fc.boolean(),
      // Often available throughout, so that teams have candidates to choose from.
      availability: fc.oneof(
        fc.constant(null).map(() => [win(0, 100)]),
        fc.array(arbWindow, { maxLength: 3 }),
      ),
      pastDeployments: fc.nat(8),
    })
    .map((r) => profile({ id: `x-concord-expert-profile--${String(i).padStart(4, '0')}`, orgId: `identity--org-${i % 3}`, ...r }));

const arbRoster = fc.integer({ min: 0, max: 9 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbProfile(i))));

const arbNeeds = fc
  .record({
    skills: fc.subarray(SKILLS, { minLength: 1 }),
    languages: fc.subarray(LANGS, { maxLength: 2 }),
    mode: fc.constantFrom('on-site' as const, 'remote' as const, 'either' as const),
    window: arbWindow,
    clearance: fc.option(fc.constantFrom(...CLEARANCES), { nil: undefined }),
    utcOffsetMinutes: fc.option(
      fc.integer({ min: -12, max: 14 }).map((h) => h * 60),
      { nil: undefined },
    ),
  })
  .map((n): Needs => {
    const { clearance, utcOffsetMinutes, ...rest } = n;
    return { ...rest, ...(clearance ? { clearance } : {}), ...(utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes }) };
  });

// ── An oracle written independently of matching.ts ───────────────────────────────────────────

/** Every hour of the window lies in one of the windows (times are on the hour). */
function availableThroughout(w: Window, availability: readonly Window[]): boolean {
  for (let t = Date.parse(w.from); t < Date.parse(w.until); t += 3_600_000) {
    if (!availability.some((a) => Date.parse(a.from) <= t && t + 3_600_000 <= Date.parse(a.until))) return false;
  }
  return true;
}

/** The gaps are in order, apart, and hold exactly the hours of the window no availability covers. */
function assertGaps(w: Window, availability: readonly Window[], found: readonly Window[]): void {
  for (let i = 1; i < found.length; i++) assert.ok(Date.parse(found[i - 1]?.until ?? '') < Date.parse(found[i]?.from ?? ''));
  for (let t = Date.parse(w.from); t < Date.parse(w.until); t += 3_600_000) {
    const free = availability.some((a) => Date.parse(a.from) <= t && t + 3_600_000 <= Date.parse(a.until));
    const inGap = found.some((g) => Date.parse(g.from) <= t && t + 3_600_000 <= Date.parse(g.until));
    assert.equal(inGap, !free, `hour ${new Date(t).toISOString()}`);
  }
}

const breaks = {
  clearance: (n: Needs, p: ProfileRecord) =>
    n.clearance !== undefined &&
    !p.clearances.some(
      (c) => c.scheme === n.clearance?.scheme && levelRank(c.scheme, c.level) >= levelRank(n.clearance.scheme, n.clearance.level),
    ),
  availability: (n: Needs, p: ProfileRecord) => !availableThroughout(n.window, p.availability),
  language: (n: Needs, p: ProfileRecord) => n.languages.length > 0 && !n.languages.some((l) => p.languages.includes(l)),
  'on-site': (n: Needs, p: ProfileRecord) => n.mode === 'on-site' && !p.onSite,
};
const brokenBy = (n: Needs, p: ProfileRecord): string[] =>
  Object.entries(breaks)
    .filter(([, f]) => f(n, p))
    .map(([k]) => k);

const coversOf = (n: Needs, p: ProfileRecord): string[] => n.skills.filter((s) => p.skills.includes(s));

/** Every subset of the candidates, smallest first (rosters here are small). */
function* subsets<T>(items: readonly T[]): Generator<T[]> {
  for (let m = 0; m < 1 << items.length; m++) yield items.filter((_, i) => (m & (1 << i)) !== 0);
}

const run = (n: Needs, roster: ProfileRecord[]): Proposal =>
  propose({ id: 'x-concord-assistance-request--1', needs: n }, roster, levelRank);

describe('propose', () => {
  test('no ranked or proposed expert breaks a hard constraint, and every exclusion holds', () => {
    fc.assert(
      fc.property(arbNeeds, arbRoster, (n, roster) => {
        const p = run(n, roster);
        const byId = new Map(roster.map((r) => [r.id, r]));
        for (const c of p.ranked) assert.deepEqual(brokenBy(n, byId.get(c.profileId) as ProfileRecord), [], c.profileId);
        for (const t of p.team) assert.ok(p.ranked.some((c) => c.profileId === t.profileId));
        for (const e of p.excluded) {
          const r = byId.get(e.profileId) as ProfileRecord;
          assert.deepEqual(e.why.map((w) => w.constraint).sort(), brokenBy(n, r).sort());
          for (const w of e.why) if (w.constraint === 'availability') assertGaps(n.window, r.availability, w.gaps);
        }
        // Everyone who holds a needed skill is either ranked or excluded, once.
        const relevant = roster.filter((r) => coversOf(n, r).length > 0).map((r) => r.id);
        assert.deepEqual([...p.ranked, ...p.excluded].map((c) => c.profileId).sort(), relevant.sort());
        assert.equal(p.considered, roster.length);
      }),
    );
  });

  test('the team covers every coverable skill, and no smaller team does; ties go to the higher score', () => {
    fc.assert(
      fc.property(arbNeeds, arbRoster, (n, roster) => {
        const p = run(n, roster);
        const coverable = new Set(p.ranked.flatMap((c) => c.covers));
        const teamCovers = new Set(p.team.flatMap((t) => t.covers));
        assert.deepEqual([...teamCovers].sort(), [...coverable].sort());
        assert.deepEqual(
          p.uncovered,
          n.skills.filter((s) => !coverable.has(s)),
        );
        const score = new Map(p.ranked.map((c) => [c.profileId, c.score]));
        const total = (ids: readonly string[]) => ids.reduce((s, id) => s + (score.get(id) ?? 0), 0);
        const teamIds = p.team.map((t) => t.profileId);
        for (const set of subsets(p.ranked)) {
          const covers = new Set(set.flatMap((c) => c.covers));
          if (covers.size !== coverable.size) continue;
          assert.ok(set.length >= p.team.length, `a team of ${set.length} covers what the proposal needs ${p.team.length} for`);
          if (set.length === p.team.length) assert.ok(total(set.map((c) => c.profileId)) <= total(teamIds));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('the proposal does not depend on the order of the roster', () => {
    fc.assert(
      fc.property(arbNeeds, arbRoster, fc.infiniteStream(fc.nat()), (n, roster, keys) => {
        const shuffled = roster.map((r) => [keys.next().value as number, r] as const).sort((a, b) => a[0] - b[0]);
        assert.deepEqual(
          run(
            n,
            shuffled.map(([, r]) => r),
          ),
          run(n, roster),
        );
      }),
    );
  });

  test('two experts cover six skills where a greedy choice would take three', () => {
    const [ir, df, pt, vol, energy, arch] = SKILLS as [string, string, string, string, string, string];
    const roster = [
      profile({ id: 'a', skills: [ir, df, pt, vol], pastDeployments: 5 }),
      profile({ id: 'b', skills: [ir, df, energy] }),
      profile({ id: 'c', skills: [pt, vol, arch] }),
    ];
    const p = run(needs({ skills: SKILLS }), roster);
    assert.deepEqual(
      p.team.map((t) => t.profileId),
      ['b', 'c'],
    );
    assert.equal(p.ranked[0]?.profileId, 'a');
  });

  test('exclusions name the constraint and why', () => {
    const roster = [
      profile({ id: 'nato', skills: ['penetration-tester'], clearances: [{ scheme: 'nato', level: 'COSMIC TOP SECRET' }] }),
      profile({
        id: 'gap',
        skills: ['penetration-tester'],
        availability: [win(0, 20), win(20, 30), win(40, 60)],
        clearances: [{ scheme: 'eu', level: 'SECRET UE/EU SECRET' }],
      }),
      profile({
        id: 'remote',
        skills: ['penetration-tester'],
        onSite: false,
        languages: ['de'],
        clearances: [{ scheme: 'eu', level: 'TRES SECRET UE/EU TOP SECRET' }],
      }),
    ];
    const p = run(
      needs({
        skills: ['penetration-tester'],
        mode: 'on-site',
        languages: ['en', 'fr'],
        clearance: { scheme: 'eu', level: 'CONFIDENTIEL UE/EU CONFIDENTIAL' },
      }),
      roster,
    );
    const why = Object.fromEntries(p.excluded.map((e) => [e.profileId, e.why]));
    // A NATO clearance says nothing of an EU one, however high.
    assert.deepEqual(why['nato'], [
      { constraint: 'clearance', needed: { scheme: 'eu', level: 'CONFIDENTIEL UE/EU CONFIDENTIAL' }, held: null },
    ]);
    // Windows that meet count as one; the hours between 30 and 40 are missing.
    assert.deepEqual(why['gap'], [{ constraint: 'availability', window: win(10, 50), gaps: [win(30, 40)] }]);
    assert.deepEqual(
      why['remote']?.map((w) => w.constraint),
      ['language', 'on-site'],
    );
    assert.deepEqual(p.team, []);
    assert.deepEqual(p.uncovered, ['penetration-tester']);
  });

  test('availability is the union of the windows: meeting or overlapping windows count as one', () => {
    assert.deepEqual(gaps(win(10, 50), [win(30, 60), win(0, 20), win(20, 25)]), [win(25, 30)]);
    assert.deepEqual(gaps(win(10, 50), [win(0, 20), win(15, 50)]), []);
    assert.deepEqual(gaps(win(10, 50), []), [win(10, 50)]);
  });

  test('each reason has its points and a sentence', () => {
    const p = run(needs({ skills: ['cyber-incident-responder', 'tag:volatility'], utcOffsetMinutes: 120 }), [
      profile({ id: 'a', skills: ['cyber-incident-responder'], utcOffsetMinutes: -120, pastDeployments: 2 }),
    ]);
    assert.deepEqual(p.ranked[0]?.reasons, [
      { criterion: 'skills', points: 10, text: 'Covers 1 of the 2 skills needed: Cyber Incident Responder.' },
      { criterion: 'time-zone', points: 4, text: "Works 4 h away from the requester's time zone." },
      { criterion: 'past-deployments', points: 2, text: 'Served in 2 past deployments.' },
    ]);
    assert.equal(p.ranked[0]?.score, 16);
  });
});
