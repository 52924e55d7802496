// The decay of an indicator's score (issue 17, must 6), pure: MISP's polynomial model
// (misp-decaying-models, "Polynomial"): score(t) = base · (1 − (t/τ)^(1/δ)) for 0 ≤ t ≤ τ and 0
// after, τ the lifetime in days and δ the decay speed (δ > 1 falls fast at first and slowly
// near the end; δ = 1 is linear; δ < 1 holds up and then drops). As in MISP, the clock restarts
// at the latest true sighting; on top, each recent true sighting adds points (capped at 100)
// and each recent false positive removes points (floored at 0). Nothing here reads a store or
// the clock: the caller passes `now`, so a changed model changes every score at once and the
// indicator itself is never touched.
import type { SightingType } from '../sightings/api.ts';
import { DECAY_KINDS, type DecayKind, type DecayModel, type DecayScore } from './api.ts';

const DAY_MS = 86_400_000;

/**
 * Lifetimes as OpenCTI's default decay rules have them: IP addresses 60 days, URLs 180 days,
 * every other indicator 365 days.
 */
const DEFAULT_LIFETIME_DAYS: Readonly<Record<DecayKind, number>> = {
  ipv4: 60,
  ipv6: 60,
  url: 180,
  domain: 365,
  email: 365,
  hash: 365,
  'file-name': 365,
  default: 365,
};

/**
 * The rest of every default model. δ = 3 is MISP's example speed: the score loses half of its
 * base in the first eighth of the lifetime. An unconfirmed indicator starts at 80 so that recent
 * true sightings (+10 each) can lift it to 100; one false positive (−25) weighs more than two
 * sightings. Below 20 (about half the lifetime without sightings) it counts as expired.
 */
const DEFAULT_REST = { decaySpeed: 3, baseScore: 80, threshold: 20, sightingBoost: 10, falsePositivePenalty: 25 } as const;

/** The default model of one kind (used while no row is stored for it). */
export function defaultModel(kind: DecayKind): DecayModel {
  return { kind, lifetimeDays: DEFAULT_LIFETIME_DAYS[kind], ...DEFAULT_REST };
}

/** Every kind's model: the stored ones, the defaults for the rest, in DECAY_KINDS order. */
export function completeModels(stored: readonly DecayModel[]): DecayModel[] {
  const byKind = new Map(stored.map((m) => [m.kind, m]));
  return DECAY_KINDS.map((k) => byKind.get(k) ?? defaultModel(k));
}

/** Sightings of one indicator that said the same thing (SightingRepo.groups, after the access
 *  policy kept those the reader may see). */
export interface SightingTally {
  type: SightingType;
  sightings: number;
  /** The latest `last_seen` among them (ISO 8601). */
  lastSeen: string;
}

/** What decay reads of an indicator (see facts.ts). */
export interface DecayFacts {
  kind: DecayKind;
  /** `valid_from`, or `created` when absent (ISO 8601). */
  validFrom: string;
  /** STIX 2.1 §4.7 `valid_until`: after it the indicator "should no longer be considered valid". */
  validUntil?: string;
}

/** The polynomial term: `base` at age 0, 0 at and after `lifetimeDays`. */
export function polynomial(model: Pick<DecayModel, 'baseScore' | 'lifetimeDays' | 'decaySpeed'>, ageDays: number): number {
  const t = Math.max(0, ageDays);
  if (t >= model.lifetimeDays) return 0;
  return model.baseScore * (1 - (t / model.lifetimeDays) ** (1 / model.decaySpeed));
}

const tenth = (x: number): number => Math.round(x * 10) / 10;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Parses an ISO time; an unreadable one counts as `fallback`. */
function msOf(iso: string | undefined, fallback: number): number {
  const t = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? fallback : t;
}

/** What the recent sightings add up to: only those whose `last_seen` lies within the lifetime. */
interface Recent {
  trueSightings: number;
  falsePositives: number;
  /** The latest true sighting (never after `now`), or undefined. */
  lastTrue: number | undefined;
  /** The latest `expired` sighting, or undefined. */
  lastExpired: number | undefined;
}

function recentOf(tallies: readonly SightingTally[], lifetimeDays: number, now: number): Recent {
  const from = now - lifetimeDays * DAY_MS;
  const r: Recent = { trueSightings: 0, falsePositives: 0, lastTrue: undefined, lastExpired: undefined };
  for (const t of tallies) {
    // A sighting reported for a time after `now` counts as seen now.
    const seen = Math.min(msOf(t.lastSeen, Number.NaN), now);
    if (Number.isNaN(seen) || seen < from || t.sightings <= 0) continue;
    if (t.type === 'sighting') {
      r.trueSightings += t.sightings;
      r.lastTrue = Math.max(r.lastTrue ?? seen, seen);
    } else if (t.type === 'false-positive') {
      r.falsePositives += t.sightings;
    } else {
      r.lastExpired = Math.max(r.lastExpired ?? seen, seen);
    }
  }
  return r;
}

/**
 * The score of one indicator under `model` at `now` (epoch ms), with the reasons in plain words.
 * Monotone: older (earlier `validFrom`) never scores higher; a true sighting never lowers the
 * score and a false positive never raises it (model.property.test.ts).
 */
export function scoreOf(model: DecayModel, facts: DecayFacts, tallies: readonly SightingTally[], now: number): DecayScore {
  const tau = model.lifetimeDays;
  const recent = recentOf(tallies, tau, now);
  const validFrom = msOf(facts.validFrom, now);
  // MISP's polynomial model counts the age from the latest sighting when there is one.
  const clockFrom = Math.max(validFrom, recent.lastTrue ?? validFrom);
  const ageDays = Math.max(0, (now - clockFrom) / DAY_MS);
  const base = polynomial(model, ageDays);
  const sightingPoints = recent.trueSightings * model.sightingBoost;
  const falsePositivePoints = recent.falsePositives * model.falsePositivePenalty;
  const reasons: string[] = [
    `Decays as ${KIND_WORDS[model.kind]}: from ${model.baseScore} to 0 over ${plural(tau, 'day', 'days')} (decay speed ${model.decaySpeed}).`,
    recent.lastTrue !== undefined && recent.lastTrue > validFrom
      ? `Last sighted ${day(recent.lastTrue)} (${plural(tenth(ageDays), 'day', 'days')} ago), which restarts the clock: ${tenth(base)} left of ${model.baseScore}.`
      : `Valid from ${day(validFrom)} (${plural(tenth(ageDays), 'day', 'days')} ago): ${tenth(base)} left of ${model.baseScore}.`,
  ];
  if (sightingPoints > 0)
    reasons.push(`${plural(recent.trueSightings, 'true sighting', 'true sightings')} in the last ${tau} days: +${tenth(sightingPoints)}.`);
  if (falsePositivePoints > 0)
    reasons.push(
      `${plural(recent.falsePositives, 'false-positive report', 'false-positive reports')} in the last ${tau} days: −${tenth(falsePositivePoints)}.`,
    );
  const sum = base + sightingPoints - falsePositivePoints;
  if (sum > 100) reasons.push('Capped at 100.');
  if (sum < 0) reasons.push('Floored at 0.');
  let score = tenth(Math.min(100, Math.max(0, sum)));
  // An `expired` sighting (MISP's sighting type 2) counts when it is later than both `valid_from`
  // and the latest true sighting: a new version or a new sighting brings the indicator back.
  if (recent.lastExpired !== undefined && recent.lastExpired >= clockFrom) {
    score = 0;
    reasons.push(`Reported expired by a sighting on ${day(recent.lastExpired)}: 0.`);
  }
  const until = facts.validUntil === undefined ? Number.NaN : Date.parse(facts.validUntil);
  if (!Number.isNaN(until) && until <= now) {
    score = 0;
    reasons.push(`Past its valid_until (${day(until)}): 0.`);
  }
  const expired = score < model.threshold;
  reasons.push(
    expired ? `Below the threshold of ${model.threshold}: expired.` : `At or above the threshold of ${model.threshold}: active.`,
  );
  return {
    score,
    kind: model.kind,
    ageDays: tenth(ageDays),
    base: tenth(base),
    sightingPoints: tenth(sightingPoints),
    falsePositivePoints: tenth(falsePositivePoints),
    expired,
    reasons,
  };
}

/** How a kind reads in a sentence. */
const KIND_WORDS: Readonly<Record<DecayKind, string>> = {
  ipv4: 'an IPv4 address indicator',
  ipv6: 'an IPv6 address indicator',
  domain: 'a domain name indicator',
  url: 'a URL indicator',
  email: 'an email address indicator',
  hash: 'a file hash indicator',
  'file-name': 'a file name indicator',
  default: 'an indicator of no specific kind',
};
