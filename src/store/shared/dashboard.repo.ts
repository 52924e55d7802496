// Dashboard aggregates and the change feed on either engine: one Kysely implementation.
// Every query returns access labels (never decisions): the dashboard service asks the policy.
import { sql, type Kysely } from 'kysely';
import type { ActivityGroup, AddedVersion, LabelGroup, PlaceFacts, PlaceGroup } from '../../domain/dashboard/types.ts';
import type { DashboardRepo } from '../repositories.ts';
import type { StoredObject } from '../../domain/objects/types.ts';
import { OBJECT_COLUMNS, toStored } from './object.reads.ts';
import { ownDay, placeFacts, placeGroups } from './dashboard.places.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** The reference properties that make a relationship's or sighting's ends (access-gate.ts, ENDS). */
const SOURCE_PROPS = ['source_ref', 'sighting_of_ref'];
const TARGET_PROP = 'target_ref';
const EDGE_TYPES = ['relationship', 'sighting'];

/** Aggregates over `objects` joined with `object_access`. */
export class KyselyDashboardRepo implements DashboardRepo {
  private readonly db: Kysely<Tables>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db;
    this.sql = dialect;
  }

  async maxSeq(): Promise<number> {
    const row = await this.db.selectFrom('objects').select(sql<number | null>`max(seq)`.as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  /** Versions with their label and, for relationships and sightings, their ends' latest labels.
   *  Refs are kept for latest versions only, which is what every caller reads. */
  private withEnds() {
    return this.db
      .selectFrom('objects as o')
      .innerJoin('object_access as a', 'a.seq', 'o.seq')
      .leftJoin('refs as rs', (j) => j.onRef('rs.seq', '=', 'o.seq').on('rs.property', 'in', SOURCE_PROPS).on('o.type', 'in', EDGE_TYPES))
      .leftJoin('objects as s', (j) => j.on(this.sql.idOf('s', 'rs.target_id')).on(this.sql.isLatest('s')))
      .leftJoin('object_access as sa', 'sa.seq', 's.seq')
      .leftJoin('refs as rt', (j) => j.onRef('rt.seq', '=', 'o.seq').on('rt.property', '=', TARGET_PROP).on('o.type', '=', 'relationship'))
      .leftJoin('objects as t', (j) => j.on(this.sql.idOf('t', 'rt.target_id')).on(this.sql.isLatest('t')))
      .leftJoin('object_access as ta', 'ta.seq', 't.seq');
  }

  async labelGroups(): Promise<LabelGroup[]> {
    // By the object's own time, not when it was stored (issue 15, must 7).
    const day = ownDay('o');
    const rows = await this.withEnds()
      .where(this.sql.isLatest('o'))
      .select(['o.type', 'a.label', 'sa.label as sourceLabel', 'ta.label as targetLabel', day.as('day'), sql<number>`count(*)`.as('n')])
      .groupBy(['o.type', 'a.label', 'sa.label', 'ta.label', day])
      .execute();
    return rows.map((r) => ({
      type: r.type,
      label: r.label,
      sourceLabel: r.sourceLabel,
      targetLabel: r.targetLabel,
      day: r.day,
      count: Number(r.n),
    }));
  }

  async activity(types: readonly string[]): Promise<ActivityGroup[]> {
    if (types.length === 0) return [];
    const day = ownDay('e');
    // From the few objects of `types` to what points at them (refs by target, then the edge by
    // seq): driven from the edges, each reference's target was keyed again (idOf) for every edge.
    const rows = await this.db
      .selectFrom('objects as x')
      .innerJoin('object_access as xa', 'xa.seq', 'x.seq')
      .innerJoin('refs as r', (j) =>
        j.onRef('r.target_id', '=', 'x.id').on('r.property', 'in', ['source_ref', 'target_ref', 'sighting_of_ref']),
      )
      .innerJoin('objects as e', (j) => j.onRef('e.seq', '=', 'r.seq').on(this.sql.isLatest('e')).on('e.type', 'in', EDGE_TYPES))
      .innerJoin('object_access as ea', 'ea.seq', 'e.seq')
      // The other end of a relationship: the end property that is not the one pointing at x.
      .leftJoin('refs as r2', (j) =>
        j
          .onRef('r2.seq', '=', 'e.seq')
          .on('r2.property', 'in', ['source_ref', 'target_ref'])
          .onRef('r2.property', '<>', 'r.property')
          .on('e.type', '=', 'relationship'),
      )
      .leftJoin('objects as y', (j) => j.on(this.sql.idOf('y', 'r2.target_id')).on(this.sql.isLatest('y')))
      .leftJoin('object_access as ya', 'ya.seq', 'y.seq')
      .where(this.sql.isLatest('x'))
      .where('x.type', 'in', [...types])
      .select([
        'x.id',
        'x.type',
        'xa.label',
        'e.type as edgeType',
        'ea.label as edgeLabel',
        'ya.label as otherLabel',
        'y.type as otherType',
        day.as('day'),
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['x.id', 'x.type', 'xa.label', 'e.type', 'ea.label', 'ya.label', 'y.type', day])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      label: r.label,
      edgeType: r.edgeType,
      edgeLabel: r.edgeLabel,
      otherLabel: r.otherLabel,
      otherType: r.otherType,
      day: r.day,
      count: Number(r.n),
    }));
  }

  places(): Promise<PlaceGroup[]> {
    return placeGroups(this.db, this.sql);
  }

  placeFacts(): Promise<PlaceFacts> {
    return placeFacts(this.db, this.sql);
  }

  async recent(options: {
    notOwnedBy: string;
    excludeTypes: readonly string[];
    before?: number;
    addedSince?: string;
    limit: number;
  }): Promise<StoredObject[]> {
    let q = this.db
      .selectFrom('objects as o')
      .innerJoin('object_access as a', 'a.seq', 'o.seq')
      .select([...OBJECT_COLUMNS])
      .where(this.sql.isLatest('o'))
      .where('a.owner_org', '<>', options.notOwnedBy);
    if (options.excludeTypes.length > 0) q = q.where('o.type', 'not in', [...options.excludeTypes]);
    if (options.before !== undefined) q = q.where('o.seq', '<', options.before);
    if (options.addedSince !== undefined) q = q.where('o.added_at', '>=', options.addedSince);
    const rows = await q.orderBy('o.seq', 'desc').limit(options.limit).execute();
    return rows.map(toStored);
  }

  async addedSince(after: number, limit: number): Promise<AddedVersion[]> {
    // The new versions first, by the primary key; then their ends' labels for the few edges.
    // One statement joining everything lets PostgreSQL plan a scan of every object.
    const rows = await this.db
      .selectFrom('objects as o')
      .innerJoin('object_access as a', 'a.seq', 'o.seq')
      .where('o.seq', '>', after)
      .select(['o.seq', 'o.id', 'o.type', 'a.label'])
      .orderBy('o.seq')
      .limit(limit)
      .execute();
    const edgeSeqs = rows.filter((r) => EDGE_TYPES.includes(r.type)).map((r) => Number(r.seq));
    const ends = new Map<number, { source: string | null; target: string | null }>();
    for (let i = 0; i < edgeSeqs.length; i += 500) {
      const found = await this.db
        .selectFrom('refs as r')
        .innerJoin('objects as e', (j) => j.on(this.sql.idOf('e', 'r.target_id')).on(this.sql.isLatest('e')))
        .innerJoin('object_access as ea', 'ea.seq', 'e.seq')
        .where('r.seq', 'in', edgeSeqs.slice(i, i + 500))
        .where('r.property', 'in', [...SOURCE_PROPS, TARGET_PROP])
        .select(['r.seq', 'r.property', 'ea.label'])
        .execute();
      for (const f of found) {
        const end = ends.get(Number(f.seq)) ?? { source: null, target: null };
        if (f.property === TARGET_PROP) end.target = f.label;
        else end.source = f.label;
        ends.set(Number(f.seq), end);
      }
    }
    return rows.map((r) => {
      const end = ends.get(Number(r.seq));
      return {
        seq: Number(r.seq),
        id: r.id,
        type: r.type,
        label: r.label,
        sourceLabel: end?.source ?? null,
        targetLabel: end?.target ?? null,
      };
    });
  }
}
