// Tallies over the dashboard's period (issue 15, must 7): activity per bucket by the objects' own
// time, and the most active threats by what happened around them in the period. The reader's
// visibility is the caller's access-policy decision (tally.ts countable), passed in as `visible`.
import { bucketOf, bucketStarts, inRange } from './range.ts';
import type { Visible } from './places.ts';
import type { ActivityBucket, ActivityGroup, DashboardRange, LabelGroup, ThreatActivity } from './types.ts';

/** Bars for `range` from the visible label groups, split into objects, relationships, sightings. */
export function tallyActivity(groups: readonly LabelGroup[], range: DashboardRange, visible: Visible): ActivityBucket[] {
  const starts = bucketStarts(range);
  const buckets = new Map(starts.map((start) => [start, { start, objects: 0, relationships: 0, sightings: 0 }]));
  for (const g of groups) {
    if (!inRange(range, g.day) || !visible(g)) continue;
    const b = buckets.get(bucketOf(starts, g.day));
    if (b === undefined) continue;
    if (g.type === 'sighting') b.sightings += g.count;
    else if (g.type === 'relationship') b.relationships += g.count;
    else b.objects += g.count;
  }
  return [...buckets.values()];
}

/** Activity per threat in `range`: relationships made in the period with it at one end (those from
 *  indicators apart as well) and sightings of it in the period, each counted only when the reader
 *  may see the edge and both its ends. Most active first, at most `limit`. */
export function tallyThreats(
  groups: readonly ActivityGroup[],
  range: DashboardRange,
  visible: Visible,
  limit = 10,
): { id: string; activity: ThreatActivity }[] {
  const byId = new Map<string, ThreatActivity>();
  for (const g of groups) {
    if (!inRange(range, g.day)) continue;
    // The threat's label is one end; the other end is the relationship's other object.
    if (!visible({ type: g.edgeType, label: g.edgeLabel, sourceLabel: g.label, targetLabel: g.otherLabel })) continue;
    const a = byId.get(g.id) ?? { relationships: 0, indicators: 0, sightings: 0 };
    if (g.edgeType === 'sighting') a.sightings += g.count;
    else {
      a.relationships += g.count;
      if (g.otherType === 'indicator') a.indicators += g.count;
    }
    byId.set(g.id, a);
  }
  const score = (a: ThreatActivity): number => a.relationships + a.sightings;
  return [...byId]
    .map(([id, activity]) => ({ id, activity }))
    .filter((t) => score(t.activity) > 0)
    .sort((x, y) => score(y.activity) - score(x.activity) || x.id.localeCompare(y.id))
    .slice(0, limit);
}
