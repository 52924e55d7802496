// Sightings of one object as one reader sees them (issue 17, must 3): a series per UTC day, not
// one merged number; by organisation as far as the reader may know (sighterAs), by country and
// by sector; first and last seen; the latest sightings. Pure: the service passes the sightings
// the reader may see, each with its sighter already disclosed for that reader.
import type { SightingAggregate, SightingDay, SightingView } from './api.ts';

/** A visible sighting with its distinct-sighter key (SightingRecord.sighter). */
export interface Seen {
  view: SightingView;
  sighter: string;
}

/** How many latest sightings the aggregate lists. */
export const RECENT = 20;

const byCount = <T extends { count: number }>(a: T, b: T, key: (x: T) => string): number =>
  b.count - a.count || key(a).localeCompare(key(b));

function tally<K>(items: Iterable<K>, keyOf: (k: K) => string): Map<string, { key: K; count: number }> {
  const out = new Map<string, { key: K; count: number }>();
  for (const k of items) {
    const id = keyOf(k);
    const held = out.get(id);
    if (held === undefined) out.set(id, { key: k, count: 1 });
    else held.count++;
  }
  return out;
}

/** One day per UTC date of `last_seen`, oldest first: how many sightings said what. */
function series(seen: readonly Seen[]): SightingDay[] {
  const days = new Map<string, SightingDay>();
  for (const { view } of seen) {
    const day = view.lastSeen.slice(0, 10);
    const d = days.get(day) ?? { day, sightings: 0, falsePositives: 0, expired: 0 };
    if (view.type === 'sighting') d.sightings++;
    else if (view.type === 'false-positive') d.falsePositives++;
    else d.expired++;
    days.set(day, d);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * The aggregate of `seen` (sightings of `of` and of `includes`). Counts are of sightings (each
 * kept with its own time and organisation: nothing is merged away), except `total`, the sum of
 * the true sightings' `count`. byOrg, byCountry and bySector count true sightings; a sighting
 * names each of its sectors once.
 */
export function aggregateSightings(of: string, includes: readonly string[], seen: readonly Seen[]): SightingAggregate {
  const truly = seen.filter((s) => s.view.type === 'sighting');
  const firsts = truly.map((s) => s.view.firstSeen).sort();
  const lasts = truly.map((s) => s.view.lastSeen).sort();
  const orgs = tally(
    truly.map((s) => s.view.sighter.org),
    (o) => o?.id ?? '',
  );
  const countries = tally(
    truly.map((s) => s.view.sighter.country),
    (c) => c ?? '',
  );
  const sectors = tally(
    truly.flatMap((s) => (s.view.sighter.sectors.length === 0 ? [null] : [...new Set(s.view.sighter.sectors)])),
    (c) => c ?? '',
  );
  const recent = [...seen]
    .sort((a, b) => b.view.lastSeen.localeCompare(a.view.lastSeen) || b.view.id.localeCompare(a.view.id))
    .slice(0, RECENT)
    .map((s) => s.view);
  return {
    of,
    includes: [...includes],
    total: truly.reduce((n, s) => n + s.view.count, 0),
    sightings: truly.length,
    falsePositives: seen.filter((s) => s.view.type === 'false-positive').length,
    expired: seen.filter((s) => s.view.type === 'expired').length,
    organisations: new Set(seen.map((s) => s.sighter)).size,
    firstSeen: firsts[0] ?? null,
    lastSeen: lasts.at(-1) ?? null,
    series: series(seen),
    byOrg: [...orgs.values()].map((o) => ({ org: o.key, count: o.count })).sort((a, b) => byCount(a, b, (x) => x.org?.name ?? '\uffff')),
    byCountry: [...countries.values()]
      .map((c) => ({ country: c.key, count: c.count }))
      .sort((a, b) => byCount(a, b, (x) => x.country ?? '\uffff')),
    bySector: [...sectors.values()]
      .map((c) => ({ sector: c.key, count: c.count }))
      .sort((a, b) => byCount(a, b, (x) => x.sector ?? '\uffff')),
    recent,
  };
}
