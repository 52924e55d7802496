// An alert as a STIX object (issue 17, must 4): an `x-concord-alert` declared by Concord's
// extension-definition, linking what was sighted (object_refs) and the sightings that made the
// rule hold (sighting_refs), distributed to the rule's community under the rule's TLP and, in an
// exercise, marked with that exercise. A new version is made only when the facts grew.
import { exerciseMarking } from '../markings/concord-markings.ts';
import type { Tlp } from '../markings/tlp.ts';
import type { JsonObject, StixObject } from '../stix/types.ts';
import { withMarkings } from '../writing/compose.ts';
import { ALERT_TYPE, CONCORD_ALERT_EXTENSION_ID, RULE_SUBJECTS, type RuleSubject } from './api.ts';
import type { AlertFacts } from './engine.ts';

export interface AlertStamp {
  created: string;
  modified: string;
  /** The node's identity: alerts are the node's own derivation. */
  creator: string;
  tlp: Tlp;
  community: string;
}

/** The STIX object of an alert. */
export function alertObject(f: AlertFacts, at: AlertStamp): StixObject {
  const object: StixObject = {
    type: ALERT_TYPE,
    spec_version: '2.1',
    id: f.id,
    created: at.created,
    modified: at.modified,
    created_by_ref: at.creator,
    rule_ref: f.ruleId,
    subject_kind: f.subject.kind,
    subject_key: f.subject.key,
    subject_label: f.subject.label,
    object_refs: f.objectRefs,
    sighting_refs: f.sightingRefs,
    organization_count: f.organisations,
    ...(f.countries.length > 0 ? { countries: f.countries } : {}),
    ...(f.sectors.length > 0 ? { sectors: f.sectors } : {}),
    first_seen: f.firstSeen,
    last_seen: f.lastSeen,
    sighting_count: f.sightings,
    ...(f.exercise === null ? {} : { object_marking_refs: [exerciseMarking(f.exercise).id] }),
    extensions: { [CONCORD_ALERT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
  return withMarkings(object, { tlp: at.tlp, distribution: `community:${at.community}` });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const text = (o: JsonObject, k: string): string => {
  const v = o[k];
  return typeof v === 'string' ? v : '';
};
const count = (o: JsonObject, k: string): number => {
  const v = o[k];
  return typeof v === 'number' ? v : 0;
};

/** The facts a stored alert says (`exercise` from its label). */
export function factsOfAlert(o: JsonObject, exercise: string | null): AlertFacts {
  const kind = RULE_SUBJECTS.find((k) => k === o['subject_kind']) ?? ('object' satisfies RuleSubject);
  return {
    id: text(o, 'id'),
    ruleId: text(o, 'rule_ref'),
    subject: { kind, key: text(o, 'subject_key'), label: text(o, 'subject_label') },
    exercise,
    objectRefs: strings(o['object_refs']),
    sightingRefs: strings(o['sighting_refs']),
    organisations: count(o, 'organization_count'),
    countries: strings(o['countries']),
    sectors: strings(o['sectors']),
    sightings: count(o, 'sighting_count'),
    firstSeen: text(o, 'first_seen'),
    lastSeen: text(o, 'last_seen'),
  };
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

/**
 * What a node's alert says after a new evaluation: what it said, grown by what now holds (the
 * window moves on, so sightings that once made it fire may have left it), and whether that is
 * more than before (a new version) or the same (nothing stored).
 */
export function grow(held: AlertFacts | undefined, now: AlertFacts): { facts: AlertFacts; grew: boolean } {
  if (held === undefined) return { facts: now, grew: true };
  const facts: AlertFacts = {
    ...held,
    subject: held.subject.label === '' ? now.subject : held.subject,
    objectRefs: union(held.objectRefs, now.objectRefs),
    sightingRefs: union(held.sightingRefs, now.sightingRefs),
    organisations: Math.max(held.organisations, now.organisations),
    countries: union(held.countries, now.countries),
    sectors: union(held.sectors, now.sectors),
    sightings: 0,
    firstSeen: held.firstSeen !== '' && held.firstSeen < now.firstSeen ? held.firstSeen : now.firstSeen,
    lastSeen: [held.lastSeen, now.lastSeen].sort()[1] ?? now.lastSeen,
  };
  facts.sightings = facts.sightingRefs.length;
  const grew =
    facts.sightingRefs.length > held.sightingRefs.length ||
    facts.objectRefs.length > held.objectRefs.length ||
    facts.countries.length > held.countries.length ||
    facts.sectors.length > held.sectors.length ||
    facts.organisations > held.organisations ||
    facts.lastSeen !== held.lastSeen ||
    facts.firstSeen !== held.firstSeen;
  return { facts, grew };
}

/** Sightings per country, for the map (most first). */
export function placesOf(sightings: readonly { country: string | null }[]): { country: string; count: number }[] {
  const m = new Map<string, number>();
  for (const s of sightings) if (s.country !== null) m.set(s.country, (m.get(s.country) ?? 0) + 1);
  return [...m].map(([country, n]) => ({ country, count: n })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
}

/** Sightings per hour (UTC) of `last_seen`, oldest first, for the time series. */
export function seriesOf(sightings: readonly { lastSeen: string }[]): { at: string; count: number }[] {
  const m = new Map<string, number>();
  for (const s of sightings) {
    const t = Date.parse(s.lastSeen);
    if (!Number.isFinite(t)) continue;
    const hour = new Date(Math.floor(t / 3_600_000) * 3_600_000).toISOString();
    m.set(hour, (m.get(hour) ?? 0) + 1);
  }
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([at, n]) => ({ at, count: n }));
}
