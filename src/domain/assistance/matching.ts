// Matching experts to a request (issue 18, must 3), pure: which experts of the organisations that
// may answer can serve, how well, and the fewest who together cover the skills needed. Hard
// constraints (clearance, availability over the whole window, a shared language, on site when
// required) exclude, each exclusion saying which constraint and why; soft criteria (skills
// coverage, time zone, past deployments) rank, each with its points and a sentence; the team is
// an exact minimum cover (cover.ts). Every screen, the command line and the API show the same
// proposal because they all read it from here.
import type { Candidate, Clearance, Exclusion, Needs, Proposal, Window } from './api.ts';
import { type CoverOption, minimumCover } from './cover.ts';
import { skillTitle } from './skills.ts';
import type { ProfileRecord } from './types.ts';
import { timestampMillis } from '../stix/timestamp.ts';

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

const ms = timestampMillis;

/** A window as instants, with its own strings (gaps are reported in the caller's words). */
interface Span {
  a: number;
  b: number;
  from: string;
  until: string;
}

/**
 * The parts of [from, until] that `availability` leaves uncovered, in order, or null when none:
 * an expert is available only if the union of their windows covers the whole window needed
 * (must 3), so two windows that meet count as one. Windows with unreadable times cover nothing.
 * Most experts either have one window over the whole need or are far off, so the sweep (which
 * allocates) runs only when no single window covers it.
 */
function uncovered(need: Span, availability: readonly Window[]): Window[] | null {
  for (const w of availability) if (ms(w.from) <= need.a && ms(w.until) >= need.b) return null;
  const spans: Span[] = [];
  for (const w of availability) {
    const a = ms(w.from);
    const b = ms(w.until);
    if (b > a && b > need.a && a < need.b) spans.push({ a, b, from: w.from, until: w.until });
  }
  spans.sort((x, y) => x.a - y.a);
  const out: Window[] = [];
  let at = need.a;
  let atText = need.from;
  for (const w of spans) {
    if (at >= need.b) break;
    if (w.b <= at) continue;
    if (w.a > at) out.push({ from: atText, until: w.a < need.b ? w.from : need.until });
    at = w.b;
    atText = w.until;
  }
  if (at < need.b) out.push({ from: atText, until: need.until });
  return out.length === 0 ? null : out;
}

/** The parts of `window` that `availability` leaves uncovered, in order (empty: available throughout). */
export function gaps(window: Window, availability: readonly Window[]): Window[] {
  const need = { a: ms(window.from), b: ms(window.until), from: window.from, until: window.until };
  if (Number.isNaN(need.a) || Number.isNaN(need.b)) return [window];
  return uncovered(need, availability) ?? [];
}

/** What every expert is checked against, computed once per request. */
interface Checks {
  needs: Needs;
  need: Span;
  /** The clearance needed and its rank (-1: unknown, then nobody meets it). */
  clearance: { needed: Clearance; rank: number } | null;
  languages: ReadonlySet<string>;
  /** Copies of the request's window and languages, shared by every exclusion that names them
   *  (thousands per request on a large roster: one copy each, not one per expert). */
  window: Window;
  neededLanguages: string[];
  levelRank: LevelRank;
}

function checks(needs: Needs, levelRank: LevelRank): Checks {
  const { from, until } = needs.window;
  const needed = needs.clearance;
  return {
    needs,
    need: { a: ms(from), b: ms(until), from, until },
    clearance: needed === undefined ? null : { needed: { ...needed }, rank: levelRank(needed.scheme, needed.level) },
    languages: new Set(needs.languages.map((l) => l.toLowerCase())),
    levelRank,
    window: { from, until },
    neededLanguages: [...needs.languages],
  };
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

/** Every hard constraint the expert breaks (null: none, the expert may serve). */
function broken(c: Checks, p: ProfileRecord): Exclusion[] | null {
  let why: Exclusion[] | null = null;
  const add = (e: Exclusion): void => {
    why ??= [];
    why.push(e);
  };
  if (c.clearance !== null) {
    // A level is comparable only within its scheme: NATO SECRET says nothing of EU clearance.
    const held = bestHeld(p.clearances, c.clearance.needed.scheme, c.levelRank);
    if (c.clearance.rank < 0 || held.rank < c.clearance.rank)
      add({ constraint: 'clearance', needed: c.clearance.needed, held: held.clearance });
  }
  const missing = Number.isNaN(c.need.a) || Number.isNaN(c.need.b) ? [c.window] : uncovered(c.need, p.availability);
  if (missing !== null) add({ constraint: 'availability', window: c.window, gaps: missing });
  if (c.languages.size > 0 && !p.languages.some((l) => c.languages.has(l.toLowerCase())))
    add({ constraint: 'language', needed: c.neededLanguages, spoken: [...p.languages] });
  if (c.needs.mode === 'on-site' && !p.onSite)
    add({ constraint: 'on-site', reason: 'the request needs help on site and the expert is deployable remotely only' });
  return why;
}

/** Every hard constraint the expert breaks for these needs (empty: the expert may serve). */
export function exclusions(needs: Needs, p: ProfileRecord, levelRank: LevelRank): Exclusion[] {
  return broken(checks(needs, levelRank), p) ?? [];
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
      text: `Covers ${covers.length} of the ${plural(skills.length, 'skill', 'skills')} needed: ${covers.map(skillTitle).join(', ')}.`,
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
  const c = checks(needs, levelRank);
  for (const p of profiles) {
    const mask = skillMask(p, index);
    if (mask === 0) continue;
    const why = broken(c, p);
    if (why !== null) {
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
  // The team in the ranking's order, so that screens list it as they list the ranking.
  const inTeam = new Set(minimumCover(options, skills.length).map((o) => o.key));
  const team = ranked.filter((r) => inTeam.has(r.profileId)).map((r) => ({ profileId: r.profileId, covers: r.covers }));
  let covered = 0;
  for (const o of options) covered |= o.mask;
  const uncovered = skills.filter((_, i) => (covered & (1 << i)) === 0);
  return { requestId: request.id, ranked, team, uncovered, excluded, considered: profiles.length };
}
