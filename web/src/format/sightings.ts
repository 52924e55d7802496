// Sightings in words (issue 17, musts 1–3): what a sighting said, what its organisation let
// partners know of who sighted, and who sighted as far as the reader may know.
import type { Disclosure, SighterView, SightingDay, SightingType } from '../../../src/domain/sightings/api.ts';
import { NIS2_SECTOR_BY_KEY } from '../../../src/domain/incidents/nis2-sectors.ts';

export const TYPE_LABELS: Record<SightingType, string> = {
  sighting: 'sighting',
  'false-positive': 'false positive',
  expired: 'expired',
};

/** The disclosure choices as an analyst reads them (must 2). */
export const DISCLOSURE_LABELS: Record<Disclosure, string> = {
  organization: 'who we are',
  'country-sector': 'only our country and sector',
  anonymous: 'only that someone saw it',
};

let regions: Intl.DisplayNames | undefined;
/** The English name of an ISO 3166-1 alpha-2 country ("FR" → "France"); the code otherwise. */
export function countryName(alpha2: string): string {
  regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return regions.of(alpha2.toUpperCase()) ?? alpha2;
  } catch {
    return alpha2;
  }
}

/** A NIS2 sector key (`energy`, `energy/electricity`) by its Annex label. */
export function sectorName(key: string): string {
  const [sector = key, sub] = key.split('/');
  const s = NIS2_SECTOR_BY_KEY.get(sector);
  if (!s) return key;
  const subLabel = sub ? s.subsectors.find((x) => x.key === sub)?.label : undefined;
  return subLabel ? `${s.label}: ${subLabel}` : s.label;
}

/** Who sighted, as far as the reader may know: the organisation, else "undisclosed" with the
 *  country and sectors when the sighting gave them. */
export function sighterText(s: SighterView): string {
  if (s.org) return s.own ? `${s.org.name} (us)` : s.org.name;
  const where = [s.country ? countryName(s.country) : '', ...s.sectors.map(sectorName)].filter(Boolean);
  const who = s.own ? 'undisclosed (us)' : 'undisclosed';
  return where.length > 0 ? `${who}, ${where.join(', ')}` : who;
}

const DAY = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Days the chart spans at least, up to today: one day of sightings alone would fill the chart. */
const MIN_DAYS = 30;

/** The series as columns with no gap from its first day (or a month before today) to today (or
 *  its last day): a quiet day is a column at zero, not a missing one; by week from Monday when it
 *  spans more than about three months. `now`: epoch ms. */
export function sightingColumns(
  series: readonly SightingDay[],
  now: number,
): {
  unit: 'day' | 'week';
  columns: { start: string; counts: Record<string, number> }[];
} {
  const days = [...series].sort((a, b) => a.day.localeCompare(b.day));
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return { unit: 'day', columns: [] };
  const today = Date.parse(`${dayOf(now)}T00:00:00Z`);
  const to = Math.max(Date.parse(`${last.day}T00:00:00Z`), today);
  const from = Math.min(Date.parse(`${first.day}T00:00:00Z`), to - (MIN_DAYS - 1) * DAY);
  const unit = (to - from) / DAY > 92 ? 'week' : 'day';
  // Monday of the day's week (getUTCDay: Sunday 0).
  const bucketOf = (ms: number): number => (unit === 'day' ? ms : ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
  const columns = new Map<string, Record<string, number>>();
  for (let t = bucketOf(from); t <= to; t += unit === 'day' ? DAY : 7 * DAY)
    columns.set(dayOf(t), { sightings: 0, falsePositives: 0, expired: 0 });
  for (const d of days) {
    const c = columns.get(dayOf(bucketOf(Date.parse(`${d.day}T00:00:00Z`))));
    if (!c) continue;
    c['sightings'] = (c['sightings'] ?? 0) + d.sightings;
    c['falsePositives'] = (c['falsePositives'] ?? 0) + d.falsePositives;
    c['expired'] = (c['expired'] ?? 0) + d.expired;
  }
  return { unit, columns: [...columns].map(([start, counts]) => ({ start, counts })) };
}
