// The collective-threat rule engine (issue 17, must 4), pure: from the rules and the sightings a
// node holds, the alerts that hold. A rule holds for a subject when, within some span of W hours,
// true sightings of it come from at least N distinct sighters in at least K distinct countries.
// Only true sightings count (MISP sighting type 0: false positives and expired ones do not); a
// warninglisted subject never fires (must 5); exercise-marked sightings count only towards the
// alert of their own exercise, which carries that exercise (an alert is per rule, subject and
// exercise). The outcome depends on the set of sightings, never on their order, and adding
// sightings never removes an alert (more sightings only add qualifying windows).
import { concordUuid } from '../markings/concord-markings.ts';
import type { SightingType } from '../sightings/api.ts';
import { ALERT_TYPE, type AlertSubject, type AlertView, type RuleSubject } from './api.ts';

/** What the engine needs of a rule. */
export interface RuleSpec {
  id: string;
  subjects: readonly RuleSubject[];
  minOrganisations: number;
  minCountries: number;
  windowHours: number;
  enabled: boolean;
}

/** What the engine needs of a sighting (a SightingRecord is one). */
export interface SightingFact {
  id: string;
  /** `sighting_of_ref`. */
  of: string;
  /** Distinct-sighter key (the organisation, or its unlinkable token). */
  sighter: string;
  country: string | null;
  sectors?: readonly string[];
  type: SightingType;
  firstSeen: string;
  lastSeen: string;
  exercise: string | null;
}

/** One subject an object stands for, and whether it is on a warninglist. */
export interface SubjectRef extends AlertSubject {
  listed?: boolean;
}

export interface EngineInput {
  rules: readonly RuleSpec[];
  sightings: readonly SightingFact[];
  /** The subjects of each sighted object: its id; its normalised observable values; the malware
   *  families its indicators indicate. An object absent here stands for nothing. */
  subjectsOf: ReadonlyMap<string, readonly SubjectRef[]>;
}

/** What an alert says (the view's facts, lists sorted and distinct, with its rule's id); the
 *  alert object is built from it (alert-object.ts). */
export interface AlertFacts
  extends Pick<
    AlertView,
    | 'id'
    | 'subject'
    | 'exercise'
    | 'objectRefs'
    | 'sightingRefs'
    | 'organisations'
    | 'countries'
    | 'sectors'
    | 'sightings'
    | 'firstSeen'
    | 'lastSeen'
  > {
  ruleId: string;
}

const HOUR = 3_600_000;

/** The deterministic id of the alert of `rule` on `subject` (in `exercise`): every node reaches it. */
export function alertId(ruleId: string, kind: RuleSubject, key: string, exercise: string | null): string {
  return `${ALERT_TYPE}--${concordUuid(`alert:${ruleId}|${kind}|${key}|${exercise ?? ''}`)}`;
}

interface Group {
  rule: RuleSpec;
  subject: SubjectRef;
  exercise: string | null;
  items: Map<string, SightingFact>;
}

/** The true sightings of each (rule, subject, exercise), warninglisted subjects left out. */
function groupSightings(input: EngineInput): Map<string, Group> {
  const groups = new Map<string, Group>();
  const rules = input.rules.filter((r) => r.enabled);
  for (const s of input.sightings) {
    if (s.type !== 'sighting') continue;
    for (const subject of input.subjectsOf.get(s.of) ?? []) {
      if (subject.listed === true) continue;
      for (const rule of rules) {
        if (!rule.subjects.includes(subject.kind)) continue;
        const id = alertId(rule.id, subject.kind, subject.key, s.exercise);
        let g = groups.get(id);
        if (g === undefined) {
          g = { rule, subject, exercise: s.exercise, items: new Map() };
          groups.set(id, g);
        } else if (subject.label < g.subject.label) {
          // Labels of one key may differ by object; the smallest keeps the outcome order-free.
          g.subject = subject;
        }
        g.items.set(s.id, s);
      }
    }
  }
  return groups;
}

/** Sightings sorted by time (`last_seen`), then id, with their times in ms. */
function timeline(items: Iterable<SightingFact>): { s: SightingFact; t: number }[] {
  return [...items]
    .map((s) => ({ s, t: Date.parse(s.lastSeen) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
}

const bump = (m: Map<string, number>, k: string, d: number): void => {
  const n = (m.get(k) ?? 0) + d;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};

/**
 * The sightings of every window [t − W, t] (t the time of one of them) in which the rule holds;
 * empty when it holds in none. A two-pointer sweep: each sighting enters and leaves once.
 */
export function qualifying(rule: RuleSpec, items: Iterable<SightingFact>): SightingFact[] {
  const line = timeline(items);
  const span = rule.windowHours * HOUR;
  const sighters = new Map<string, number>();
  const countries = new Map<string, number>();
  const member = new Uint8Array(line.length);
  let lo = 0;
  let hi = 0;
  let marked = 0; // every index below this is already marked when a window qualified
  while (hi < line.length) {
    const end = line[hi]?.t ?? 0;
    // Take in every sighting at the end time (ties belong to the same window).
    while (hi < line.length && line[hi]?.t === end) {
      const x = line[hi++];
      if (x === undefined) break;
      bump(sighters, x.s.sighter, 1);
      if (x.s.country !== null) bump(countries, x.s.country, 1);
    }
    while (lo < hi && (line[lo]?.t ?? 0) < end - span) {
      const x = line[lo++];
      if (x === undefined) break;
      bump(sighters, x.s.sighter, -1);
      if (x.s.country !== null) bump(countries, x.s.country, -1);
    }
    if (sighters.size >= rule.minOrganisations && countries.size >= rule.minCountries) {
      for (let i = Math.max(lo, marked); i < hi; i++) member[i] = 1;
      marked = hi;
    }
  }
  return line.filter((_, i) => member[i] === 1).map((x) => x.s);
}

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** What the sightings that made an alert fire add up to. */
export function factsOf(id: string, g: Omit<Group, 'items'>, fired: readonly SightingFact[]): AlertFacts {
  const times = fired.map((s) => s.firstSeen).sort();
  const lasts = fired.map((s) => s.lastSeen).sort();
  return {
    id,
    ruleId: g.rule.id,
    subject: { kind: g.subject.kind, key: g.subject.key, label: g.subject.label },
    exercise: g.exercise,
    objectRefs: sortedSet(fired.map((s) => s.of)),
    sightingRefs: sortedSet(fired.map((s) => s.id)),
    organisations: new Set(fired.map((s) => s.sighter)).size,
    countries: sortedSet(fired.flatMap((s) => (s.country === null ? [] : [s.country]))),
    sectors: sortedSet(fired.flatMap((s) => s.sectors ?? [])),
    sightings: new Set(fired.map((s) => s.id)).size,
    firstSeen: times[0] ?? '',
    lastSeen: lasts.at(-1) ?? '',
  };
}

/** The alerts that hold over the sightings, sorted by id. */
export function evaluate(input: EngineInput): AlertFacts[] {
  const out: AlertFacts[] = [];
  for (const [id, g] of groupSightings(input)) {
    const fired = qualifying(g.rule, g.items.values());
    if (fired.length > 0) out.push(factsOf(id, g, fired));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
