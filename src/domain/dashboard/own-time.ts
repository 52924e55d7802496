// When an object happened, by its own properties rather than when this node stored it (issue 15,
// must 7: one bulk import of old data spreads over its real dates). STIX 2.1 §3.2 `created` is when
// the producer made the object; sightings (§5.2), observed data (§4.14) and campaigns (§4.4) carry
// the time the activity itself was seen, which is what an analyst reads as "when".

/** Per type, the properties that give its own time, first present wins; `created` after them. */
export const OWN_TIME_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  sighting: ['last_seen', 'first_seen'],
  'observed-data': ['first_observed'],
  campaign: ['first_seen'],
};

const NONE: readonly string[] = [];
const DAY = /^\d{4}-\d{2}-\d{2}/;
const dayOf = (v: unknown): string | null => (typeof v === 'string' && DAY.test(v) ? v.slice(0, 10) : null);

/** The `YYYY-MM-DD` of `obj`'s own time, or null when it has none (cyber observables). Runs for
 *  every object at ingest (domain/ingest/examine.ts, the `own_day` column): no allocation. */
export function ownDay(obj: Readonly<Record<string, unknown>>): string | null {
  const type = typeof obj['type'] === 'string' ? obj['type'] : '';
  for (const p of OWN_TIME_PROPERTIES[type] ?? NONE) {
    const day = dayOf(obj[p]);
    if (day !== null) return day;
  }
  return dayOf(obj['created']);
}
