// The marking banner of the alerts on screen (CONVENTIONS.md, Front end): each alert carries the
// summary of its own markings (AlertView.marking), folded here as the incident rows' are.
import type { AlertView } from '../../api/alerts.ts';
import type { BannerMarks } from '../../api/objects.ts';
import { mergeBanners } from '../incidents/marking.ts';

/** The banner of every alert in `alerts`; undefined when none is marked. */
export function bannerOfAlerts(alerts: readonly AlertView[]): BannerMarks | undefined {
  let banner: BannerMarks | undefined;
  for (const a of alerts) if (a.marking) banner = mergeBanners(banner, a.marking);
  return banner;
}
