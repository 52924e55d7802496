// The total and facets of a search as label groups (issue 15, must 5), both engines: matching
// latest versions grouped by type and access label, with a relationship's or sighting's ends'
// labels, so that the service decides once per distinct label with the access policy (as the
// dashboard does, dashboard.repo.ts) instead of reading every matching row.
import { sql, type Kysely } from 'kysely';
import type { ObjectFilter } from '../../domain/objects/types.ts';
import type { SearchGroup } from '../../domain/explorer/types.ts';
import { filterConditions } from './filter.ts';
import { GRANULAR } from './hide.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

const SOURCE_PROPS = ['source_ref', 'sighting_of_ref'];
const EDGE_TYPES = ['relationship', 'sighting'];

/** Groups of the versions matching `filter` within the seq range, and the same by object label. */
export async function searchGroups(
  db: Kysely<Tables>,
  d: SqlDialect,
  filter: ObjectFilter,
  range: { after: number; before: number | undefined },
): Promise<{ groups: SearchGroup[]; byLabel: SearchGroup[] }> {
  const matching = (edges: boolean) => {
    let q = db
      .selectFrom('objects as o')
      .innerJoin('object_access as a', 'a.seq', 'o.seq')
      .where(edges ? d.inList('o.type', EDGE_TYPES) : sql<boolean>`o.type not in (${sql.join(EDGE_TYPES)})`);
    if (range.after > 0) q = q.where('o.seq', '>', range.after);
    if (range.before !== undefined) q = q.where('o.seq', '<', range.before);
    for (const c of filterConditions(filter, false, d)) q = q.where(c);
    // A text search may match content that granular markings withhold from a reader: such
    // versions are counted by reading them (services/search.service.ts), never from groups.
    if (filter.text !== undefined) q = q.where(sql<boolean>`o.json not like ${GRANULAR}`);
    return q;
  };
  // Only relationships and sightings need their ends' labels (the policy's canSeeWithEnds):
  // the other versions, most of a store, are grouped on their own label alone.
  const withEnds = () =>
    matching(true)
      .leftJoin('refs as rs', (j) => j.onRef('rs.seq', '=', 'o.seq').on('rs.property', 'in', SOURCE_PROPS))
      .leftJoin('objects as s', (j) => j.on(d.idOf('s', 'rs.target_id')).on(d.isLatest('s')))
      .leftJoin('object_access as sa', 'sa.seq', 's.seq')
      .leftJoin('refs as rt', (j) => j.onRef('rt.seq', '=', 'o.seq').on('rt.property', '=', 'target_ref').on('o.type', '=', 'relationship'))
      .leftJoin('objects as t', (j) => j.on(d.idOf('t', 'rt.target_id')).on(d.isLatest('t')))
      .leftJoin('object_access as ta', 'ta.seq', 't.seq');
  const n = sql<number>`count(*)`.as('n');
  const none = sql<string | null>`null`;
  const [plain, edges, plainLabels, edgeLabels] = await Promise.all([
    matching(false)
      .select(['o.type', 'a.label', none.as('sourceLabel'), none.as('targetLabel'), n])
      .groupBy(['o.type', 'a.label'])
      .execute(),
    withEnds()
      .select(['o.type', 'a.label', 'sa.label as sourceLabel', 'ta.label as targetLabel', n])
      .groupBy(['o.type', 'a.label', 'sa.label', 'ta.label'])
      .execute(),
    matching(false)
      .innerJoin('labels as lb', 'lb.seq', 'o.seq')
      .select(['lb.label as value', 'o.type', 'a.label', none.as('sourceLabel'), none.as('targetLabel'), n])
      .groupBy(['lb.label', 'o.type', 'a.label'])
      .execute(),
    withEnds()
      .innerJoin('labels as lb', 'lb.seq', 'o.seq')
      .select(['lb.label as value', 'o.type', 'a.label', 'sa.label as sourceLabel', 'ta.label as targetLabel', n])
      .groupBy(['lb.label', 'o.type', 'a.label', 'sa.label', 'ta.label'])
      .execute(),
  ]);
  const group = (r: { type: string; label: string; sourceLabel: string | null; targetLabel: string | null; n: number }): SearchGroup => ({
    type: r.type,
    label: r.label,
    sourceLabel: r.sourceLabel,
    targetLabel: r.targetLabel,
    count: Number(r.n),
  });
  return {
    groups: [...plain, ...edges].map(group),
    byLabel: [...plainLabels, ...edgeLabels].map((r) => ({ ...group(r), value: r.value })),
  };
}
