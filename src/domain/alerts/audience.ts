// Which sightings may count towards a community's alert (issue 17, musts 2 and 4). An alert goes
// to the rule's community and tells it where (countries, sectors) and how many organisations
// sighted: a sighting counts only when that community may read it — shared with the whole
// federation or with that very community, not TLP:RED (named recipients only), not classified,
// and releasable to the community when it carries a releasability restriction. A sighting an
// organisation keeps to itself (or to a sharing group) never surfaces in an alert, not even as a
// count. Exercise sightings count towards their exercise's alert, which carries the exercise.
import type { AccessLabel } from '../access/types.ts';

/** Whether a sighting under `label` counts towards an alert of `community`. */
export function countsTowards(label: AccessLabel | null, community: string): boolean {
  if (label === null || label.tlp === 'red' || label.classification !== undefined) return false;
  if (label.releasableTo !== undefined && !label.releasableTo.includes(community)) return false;
  const d = label.distribution;
  return d.kind === 'federation' || (d.kind === 'community' && d.id === community);
}
