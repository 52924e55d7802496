// Matching experts to a request (issue 18, must 3), pure: which experts of the organisations that
// may answer can serve, how well, and the fewest who together cover the skills needed. Hard
// constraints (clearance, availability over the whole window, a shared language, on site when
// required) exclude, each exclusion saying which constraint and why; soft criteria (skills
// coverage, time zone, past deployments) rank, each with its points and a sentence; the team is
// an exact minimum cover (cover.ts). Every screen, the command line and the API show the same
// proposal because they all read it from here.
import type { Candidate, Clearance, Exclusion, Needs, Proposal, Window } from './api.ts';
import { ECSF_PROFILES } from './api.ts';
import { type CoverOption, minimumCover } from './cover.ts';
import type { ProfileRecord } from './types.ts';

/** levelRank(scheme, level): index in the scheme's ordered levels (0 = lowest), -1 when unknown. */
export type LevelRank = (scheme: string, level: string) => number;

/**
 * Skills a request may ask for and still be matched as bitmasks (one 32-bit integer); a request
 * names far fewer (check.ts), the rest would be ignored.
 */
export const MAX_MATCHED_SKILLS = 30;

// Soft criteria points: integers, so that totals compare exactly whatever the order they add up in.
const POINTS_PER_SKILL = 10;
const TIME_ZONE_MAX_POINTS = 6;
const PAST_DEPLOYMENTS_MAX_POINTS = 5;

const TITLES: ReadonlyMap<string, string> = new Map(ECSF_PROFILES.map((p) => [p.id, p.title]));
const title = (skill: string): string => TITLES.get(skill) ?? skill;

const ms = (s: string): number => Date.parse(s);
const iso = (t: number): string => new Date(t).toISOString();

/**
 * The parts of `window` that `availability` leaves uncovered, in order: an expert is available
 * only if the union of their windows covers the whole window needed (must 3), so two windows that
 * meet count as one. Windows with unreadable times cover nothing.
 */
export function gaps(window: Window, availability: readonly Window[]): Window[] {
  const from = ms(window.from);
  const until = ms(window.until);
  if (Number.isNaN(from) || Number.isNaN(until)) return [window];
  const spans = availability
    .map((w) => [ms(w.from), ms(w.until)] as const)
    .filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b) && b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Window[] = [];
  let at = from;
  for (const [a, b] of spans) {
    if (at >= until) break;
    if (b <= at) continue;
    if (a > at) out.push({ from: iso(at), until: iso(Math.min(a, until)) });
    at = Math.max(at, b);
  }
  if (at < until) out.push({ from: iso(at), until: iso(until) });
  return out;
}

/** The highest clearance held in `scheme`, with its rank (-1 when none or unknown). */
function bestHeld(held: readonly Clearance[], scheme: string, levelRank: LevelRank): { clearance: Clearance | null; rank: number } {
  let best: { clearance: Clearance | null; rank: number } = { clearance: null, rank: -1 };
  for (const c of held) {
    if (c.scheme !== scheme) continue;
    const rank = levelRank(scheme, c.level);
    if (best.clearance === null || rank > best.rank) best = { clearance: { scheme: c.scheme, level: c.level }, rank };
  }
  return best;
}

/** Every hard constraint the expert breaks for these needs (empty: the expert may serve). */
export function exclusions(needs: Needs, p: ProfileRecord, levelRank: LevelRank): Exclusion[] {
  const why: Exclusion[] = [];
  const needed = needs.clearance;
  if (needed !== undefined) {
    // A level is comparable only within its scheme: NATO SECRET says nothing of EU clearance.
    const rank = levelRank(needed.scheme, needed.level);
    const held = bestHeld(p.clearances, needed.scheme, levelRank);
    if (rank < 0 || held.rank < rank) why.push({ constraint: 'clearance', needed: { ...needed }, held: held.clearance });
  }
  const missing = gaps(needs.window, p.availability);
  if (missing.length > 0) why.push({ constraint: 'availability', window: { ...needs.window }, gaps: missing });
  if (needs.languages.length > 0) {
    const spoken = new Set(p.languages.map((l) => l.toLowerCase()));
    if (!needs.languages.some((l) => spoken.has(l.toLowerCase())))
      why.push({ constraint: 'language', needed: [...needs.languages], spoken: [...p.languages] });
  }
  if (needs.mode === 'on-site' && !p.onSite)
    why.push({ constraint: 'on-site', reason: 'the request needs help on site and the expert is deployable remotely only' });
  return why;
}

/** Hours between two UTC offsets, the short way round the clock. */
function offsetHours(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d) / 60;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The soft criteria for one expert who may serve, with its points and a sentence each. */
function reasons(needs: Needs, skills: readonly string[], covers: readonly string[], p: ProfileRecord): Candidate['reasons'] {
  const out: Candidate['reasons'] = [
    {
      criterion: 'skills',
      points: covers.length * POINTS_PER_SKILL,
      text: `Covers ${covers.length} of the ${plural(skills.length, 'skill', 'skills')} needed: ${covers.map(title).join(', ')}.`,
    },
  ];
  if (needs.utcOffsetMinutes !== undefined) {
    if (p.utcOffsetMinutes === null) {
      out.push({ criterion: 'time-zone', points: 0, text: "The expert's time zone is not known." });
    } else {
      const hours = offsetHours(p.utcOffsetMinutes, needs.utcOffsetMinutes);
      // A working day overlaps less with every two hours between the expert and the requester.
      const points = Math.max(0, TIME_ZONE_MAX_POINTS - Math.floor(hours / 2));
      out.push({
        criterion: 'time-zone',
        points,
        text: hours === 0 ? "Works in the requester's time zone." : `Works ${hours} h away from the requester's time zone.`,
      });
    }
  }
  const past = Math.max(0, p.pastDeployments);
  out.push({
    criterion: 'past-deployments',
    points: Math.min(past, PAST_DEPLOYMENTS_MAX_POINTS),
    text: past === 0 ? 'No past deployment yet.' : `Served in ${plural(past, 'past deployment', 'past deployments')}.`,
  });
  return out;
}

/** The request's skills, each once, in its order, at most MAX_MATCHED_SKILLS. */
function neededSkills(needs: Needs): string[] {
  return [...new Set(needs.skills)].slice(0, MAX_MATCHED_SKILLS);
}

/** Bit i set when the profile holds the i-th needed skill. */
function skillMask(p: ProfileRecord, index: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const s of p.skills) {
    const i = index.get(s);
    if (i !== undefined) mask |= 1 << i;
  }
  return mask;
}

const byId = (a: { profileId: string }, b: { profileId: string }): number =>
  a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0;

/**
 * The proposal for a request over the profiles of the organisations that may answer it. Only
 * experts holding at least one needed skill are ranked or excluded (the others could not help
 * whatever their constraints); all are counted in `considered`. Ranked by score, then profile id;
 * the result does not depend on the order of `profiles`.
 */
export function propose(request: { id: string; needs: Needs }, profiles: readonly ProfileRecord[], levelRank: LevelRank): Proposal {
  const { needs } = request;
  const skills = neededSkills(needs);
  const index = new Map(skills.map((s, i) => [s, i]));
  const ranked: Candidate[] = [];
  const excluded: Proposal['excluded'] = [];
  const options: CoverOption[] = [];
  for (const p of profiles) {
    const mask = skillMask(p, index);
    if (mask === 0) continue;
    const why = exclusions(needs, p, levelRank);
    if (why.length > 0) {
      excluded.push({ profileId: p.id, pseudonym: p.pseudonym, orgId: p.orgId, why });
      continue;
    }
    const covers = skills.filter((_, i) => (mask & (1 << i)) !== 0);
    const rs = reasons(needs, skills, covers, p);
    const score = rs.reduce((sum, r) => sum + r.points, 0);
    ranked.push({ profileId: p.id, pseudonym: p.pseudonym, orgId: p.orgId, covers, score, reasons: rs });
    options.push({ mask, score, key: p.id });
  }
  ranked.sort((a, b) => b.score - a.score || byId(a, b));
  excluded.sort(byId);
  const coversOf = new Map(ranked.map((c) => [c.profileId, c.covers]));
  const team = minimumCover(options, skills.length)
    .map((o) => ({ profileId: o.key, covers: coversOf.get(o.key) ?? [] }))
    .sort(byId);
  let covered = 0;
  for (const o of options) covered |= o.mask;
  const uncovered = skills.filter((_, i) => (covered & (1 << i)) === 0);
  return { requestId: request.id, ranked, team, uncovered, excluded, considered: profiles.length };
}
