// The marking banner of the sightings a screen counts or lists (CONVENTIONS.md, Front end):
// every sighting counted when the aggregate carries their banner, else the recent ones listed.
import type { BannerMarks } from '../../api/objects.ts';
import type { SightingAggregate } from '../../api/sightings.ts';
import { mergeBanners } from '../incidents/marking.ts';

/** The banner of one object's sightings as shown. */
export function sightingsBanner(a: SightingAggregate | undefined): BannerMarks | undefined {
  if (!a) return undefined;
  if (a.banner) return a.banner;
  let banner: BannerMarks | undefined;
  for (const s of a.recent) banner = mergeBanners(banner, s.marking ?? undefined);
  return banner;
}

/** Several banners as one (any of them absent). */
export const mergeAll = (banners: Iterable<BannerMarks | undefined>): BannerMarks | undefined => {
  let out: BannerMarks | undefined;
  for (const b of banners) out = mergeBanners(out, b);
  return out;
};
