// Which of issue 17's panels an object page shows: sightings, recorded of what can be sighted
// (STIX 2.1 §5.2: sighting_of_ref references only an SDO, custom types included), "also seen
// in" of what carries observable values, and a score of indicators, the only objects that decay.
import { KNOWN_TYPES, SCO_TYPES, SDO_TYPES } from '../../../../src/domain/stix/categories.ts';
import type { Correlation } from '../../api/correlation.ts';
import { bannerOf, type BannerMarks } from '../../api/objects.ts';
import type { SightingAggregate } from '../../api/sightings.ts';
import { mergeBanners } from '../incidents/marking.ts';
import { sightingsBanner } from '../sightings/banner.ts';

export const sightable = (type: string): boolean => SDO_TYPES.has(type) || !KNOWN_TYPES.has(type);
/** Whose sightings a page shows: what can be sighted, and an observable, whose aggregate counts
 *  the sightings of the indicators holding its value (must 3). */
export const hasSightings = (type: string): boolean => sightable(type) || SCO_TYPES.has(type);
export const correlatable = (type: string): boolean => type === 'indicator' || type === 'observed-data' || SCO_TYPES.has(type);
export const decays = (type: string): boolean => type === 'indicator';

/** The banner of what the sightings and "also seen in" panels show: every sighting counted (the
 *  aggregate's own banner, else the recent ones listed) and every other object named. */
export function threatBanner(a: SightingAggregate | undefined, c: Correlation | undefined): BannerMarks | undefined {
  const banner = sightingsBanner(a);
  const named = (c?.values ?? []).flatMap((v) => v.seenIn.flatMap((o) => (o.marking ? [o.marking] : [])));
  return named.length > 0 ? mergeBanners(banner, bannerOf(named)) : banner;
}
