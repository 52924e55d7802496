// Where threats were sighted and where targets are (issue 15, must 7), per country. A sighting's
// `where_sighted_refs` name identities or locations (STIX 2.1 §5.2); a `targets` relationship points
// at a location or an identity (§4, the relationship summaries of attack pattern, campaign, intrusion
// set, malware, threat actor). A place counts under a country only through what the reader may see:
// the location itself, or the identity and its `located-at` relationship to a readable location;
// an identity that is one of this node's organisations takes that organisation's country.
import { inRange } from './range.ts';
import type { DashboardRange, PlaceFacts, PlaceGroup, PlaceLayers } from './types.ts';
import { bump, ranked, type Labelled } from './tally.ts';

/** Answers whether the reader may see something with these labels (the access policy's decision). */
export type Visible = (g: Labelled) => boolean;

const ALPHA2 = /^[A-Z]{2}$/;

/** Where a location counts (PlaceLayers): its country, else its coordinates, else its region. */
export function placeKey(l: PlaceFacts['locations'][number]): string | undefined {
  const country = l.country?.toUpperCase() ?? '';
  if (ALPHA2.test(country)) return country;
  const { latitude: lat, longitude: lon } = l;
  if (lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    return `@${lat.toFixed(2)},${lon.toFixed(2)}`;
  }
  return l.region ? `region:${l.region}` : undefined;
}

/** Where each place the reader may resolve counts: locations by placeKey, identities by their
 *  organisation's country, else by a readable `located-at` a readable location. */
export function placeCountries(facts: PlaceFacts, orgCountries: ReadonlyMap<string, string | null>, visible: Visible): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of facts.locations) {
    const key = placeKey(l);
    if (key !== undefined && visible({ type: 'location', label: l.label, sourceLabel: null, targetLabel: null })) out.set(l.id, key);
  }
  for (const [id, country] of orgCountries) if (country && ALPHA2.test(country)) out.set(id, country);
  for (const r of facts.locatedAt) {
    const country = out.get(r.locationId);
    if (out.has(r.identityId) || country === undefined) continue;
    if (visible({ type: 'relationship', label: r.label, sourceLabel: r.sourceLabel, targetLabel: r.targetLabel }))
      out.set(r.identityId, country);
  }
  return out;
}

/** Counts per country and layer of the groups in `range` the reader may see, whose place it may
 *  see and resolve to a country. */
export function tallyPlaces(
  groups: readonly PlaceGroup[],
  countries: ReadonlyMap<string, string>,
  range: DashboardRange,
  visible: Visible,
): PlaceLayers {
  const layers = { sighted: new Map<string, number>(), targeted: new Map<string, number>() };
  for (const g of groups) {
    const country = countries.get(g.placeId);
    if (country === undefined || g.placeLabel === null || !inRange(range, g.day)) continue;
    // A sighting is seen with the object sighted (its one end); a relationship with both ends.
    const edge: Labelled =
      g.layer === 'sighted'
        ? { type: 'sighting', label: g.label, sourceLabel: g.sourceLabel, targetLabel: null }
        : { type: 'relationship', label: g.label, sourceLabel: g.sourceLabel, targetLabel: g.placeLabel };
    const place: Labelled = { type: 'location', label: g.placeLabel, sourceLabel: null, targetLabel: null };
    if (visible(edge) && visible(place)) bump(layers[g.layer], country, g.count);
  }
  return { sighted: ranked(layers.sighted), targeted: ranked(layers.targeted) };
}
