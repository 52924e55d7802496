// The dashboard's place queries (issue 15, must 7) and the own-time expression, on either engine:
// sightings by the places they name, `targets` relationships by their target, and what the store
// knows of places (locations' countries, identities `located-at` them). Labels, never decisions.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PlaceFacts, PlaceGroup } from '../../domain/dashboard/types.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** A top-level string property of `alias`'s JSON. Literals, not parameters, so that the same
 *  expression in SELECT and GROUP BY is one expression to PostgreSQL. */
export function jsonText(dialect: SqlDialect, alias: string, property: string): RawBuilder<string | null> {
  const json = sql.ref(`${alias}.json`);
  return dialect.name === 'sqlite'
    ? sql<string | null>`json_extract(${json}, ${sql.lit(`$.${property}`)})`
    : sql<string | null>`(${json}::json ->> ${sql.lit(property)})`;
}

/** `YYYY-MM-DD` of the version's own time, kept by the ingest writers (migrations/0029) with the
 *  rule of domain/dashboard/own-time.ts: the counts read a column, never the JSON. */
export function ownDay(alias: string): RawBuilder<string | null> {
  return sql<string | null>`${sql.ref(`${alias}.own_day`)}`;
}

const PLACE_TYPES = ['location', 'identity'];

/** Sightings per place named in `where_sighted_refs`, `targets` relationships per target place. */
export async function placeGroups(db: Kysely<Tables>, d: SqlDialect): Promise<PlaceGroup[]> {
  const day = ownDay('e');
  const n = sql<number>`count(*)`.as('n');
  const sighted = await db
    .selectFrom('objects as e')
    .innerJoin('object_access as ea', 'ea.seq', 'e.seq')
    .innerJoin('refs as w', (j) => j.onRef('w.seq', '=', 'e.seq').on('w.property', '=', 'where_sighted_refs'))
    .leftJoin('objects as p', (j) => j.on(d.idOf('p', 'w.target_id')).on(d.isLatest('p')))
    .leftJoin('object_access as pa', 'pa.seq', 'p.seq')
    .leftJoin('refs as rs', (j) => j.onRef('rs.seq', '=', 'e.seq').on('rs.property', '=', 'sighting_of_ref'))
    .leftJoin('objects as s', (j) => j.on(d.idOf('s', 'rs.target_id')).on(d.isLatest('s')))
    .leftJoin('object_access as sa', 'sa.seq', 's.seq')
    .where(d.isLatest('e'))
    .where('e.type', '=', 'sighting')
    .select(['w.target_id as placeId', 'pa.label as placeLabel', 'ea.label', 'sa.label as sourceLabel', day.as('day'), n])
    .groupBy(['w.target_id', 'pa.label', 'ea.label', 'sa.label', day])
    .execute();
  const targeted = await db
    .selectFrom('objects as e')
    .innerJoin('object_access as ea', 'ea.seq', 'e.seq')
    .innerJoin('refs as rt', (j) => j.onRef('rt.seq', '=', 'e.seq').on('rt.property', '=', 'target_ref'))
    .innerJoin('objects as p', (j) => j.on(d.idOf('p', 'rt.target_id')).on(d.isLatest('p')).on('p.type', 'in', PLACE_TYPES))
    .innerJoin('object_access as pa', 'pa.seq', 'p.seq')
    .leftJoin('refs as rs', (j) => j.onRef('rs.seq', '=', 'e.seq').on('rs.property', '=', 'source_ref'))
    .leftJoin('objects as s', (j) => j.on(d.idOf('s', 'rs.target_id')).on(d.isLatest('s')))
    .leftJoin('object_access as sa', 'sa.seq', 's.seq')
    .where(d.isLatest('e'))
    .where('e.type', '=', 'relationship')
    .where('e.relationship_type', '=', 'targets')
    .select(['rt.target_id as placeId', 'pa.label as placeLabel', 'ea.label', 'sa.label as sourceLabel', day.as('day'), n])
    .groupBy(['rt.target_id', 'pa.label', 'ea.label', 'sa.label', day])
    .execute();
  const rows = (layer: PlaceGroup['layer'], list: typeof sighted): PlaceGroup[] =>
    list.map((r) => ({
      layer,
      placeId: r.placeId,
      placeLabel: r.placeLabel,
      label: r.label,
      sourceLabel: r.sourceLabel,
      day: r.day,
      count: Number(r.n),
    }));
  return [...rows('sighted', sighted), ...rows('targeted', targeted)];
}

/** Latest locations with their country, and latest `located-at` relationships from identities. */
export async function placeFacts(db: Kysely<Tables>, d: SqlDialect): Promise<PlaceFacts> {
  const locations = await db
    .selectFrom('objects as o')
    .innerJoin('object_access as a', 'a.seq', 'o.seq')
    .where(d.isLatest('o'))
    .where('o.type', '=', 'location')
    .select([
      'o.id',
      'a.label',
      jsonText(d, 'o', 'country').as('country'),
      jsonText(d, 'o', 'region').as('region'),
      jsonText(d, 'o', 'latitude').as('latitude'),
      jsonText(d, 'o', 'longitude').as('longitude'),
    ])
    .execute();
  // SQLite's json_extract answers a number, PostgreSQL's ->> its text.
  const num = (v: string | number | null): number | null => (v === null || v === '' ? null : Number(v));
  const locatedAt = await db
    .selectFrom('objects as e')
    .innerJoin('object_access as ea', 'ea.seq', 'e.seq')
    .innerJoin('refs as rs', (j) => j.onRef('rs.seq', '=', 'e.seq').on('rs.property', '=', 'source_ref'))
    .innerJoin('objects as s', (j) => j.on(d.idOf('s', 'rs.target_id')).on(d.isLatest('s')).on('s.type', '=', 'identity'))
    .innerJoin('object_access as sa', 'sa.seq', 's.seq')
    .innerJoin('refs as rt', (j) => j.onRef('rt.seq', '=', 'e.seq').on('rt.property', '=', 'target_ref'))
    .innerJoin('objects as t', (j) => j.on(d.idOf('t', 'rt.target_id')).on(d.isLatest('t')).on('t.type', '=', 'location'))
    .innerJoin('object_access as ta', 'ta.seq', 't.seq')
    .where(d.isLatest('e'))
    .where('e.type', '=', 'relationship')
    .where('e.relationship_type', '=', 'located-at')
    .select(['s.id as identityId', 't.id as locationId', 'ea.label', 'sa.label as sourceLabel', 'ta.label as targetLabel'])
    .execute();
  return {
    locations: locations.map((l) => ({
      id: l.id,
      label: l.label,
      country: l.country,
      region: l.region,
      latitude: num(l.latitude),
      longitude: num(l.longitude),
    })),
    locatedAt,
  };
}
