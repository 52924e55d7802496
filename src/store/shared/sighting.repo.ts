// The sighting projection on either engine: one Kysely implementation (migrations/0035_sightings.ts).
// Each row carries the access label of the version it was projected from, read in the same
// statement, so that every reader's filter (canSeeWithEnds) is applied by the service.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { AccessLabel } from '../../domain/access/types.ts';
import type { Disclosure, SightingType } from '../../domain/sightings/api.ts';
import type { SightingRecord } from '../../domain/sightings/types.ts';
import type { LabelledSighting, SightingGroup, SightingRepo } from '../sighting-repositories.ts';
import { labelFromJson } from './access.repo.ts';
import { stringArray } from './json-columns.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

export interface SightingsTable {
  id: string;
  seq: number;
  of_id: string;
  of_type: string;
  owner_org: string;
  disclosure: string;
  sighter: string;
  country: string | null;
  sectors: string;
  sighting_type: string;
  count: number;
  first_seen: string;
  last_seen: string;
  exercise: string | null;
  description: string | null;
}

/** The tables of this repository, next to the store's own. */
export type SightingTables = {
  sightings: SightingsTable;
  sighting_cursor: { id: number; seq: number };
};

type DB = Tables & SightingTables;

// Rows per statement: 15 columns each stays under SQLite's 32,766 bound parameters.
const CHUNK = 400;

const toRecord = (r: SightingsTable): SightingRecord => ({
  id: r.id,
  seq: Number(r.seq),
  of: r.of_id,
  ofType: r.of_type,
  ownerOrg: r.owner_org,
  disclosure: r.disclosure as Disclosure,
  sighter: r.sighter,
  country: r.country,
  sectors: stringArray(r.sectors),
  type: r.sighting_type as SightingType,
  count: Number(r.count),
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  exercise: r.exercise,
  description: r.description,
});

const toRow = (r: SightingRecord): SightingsTable => ({
  id: r.id,
  seq: r.seq,
  of_id: r.of,
  of_type: r.ofType,
  owner_org: r.ownerOrg,
  disclosure: r.disclosure,
  sighter: r.sighter,
  country: r.country,
  sectors: JSON.stringify(r.sectors),
  sighting_type: r.type,
  count: r.count,
  first_seen: r.firstSeen,
  last_seen: r.lastSeen,
  exercise: r.exercise,
  description: r.description,
});

const labelOf = (text: string | null): AccessLabel | null => (text === null ? null : labelFromJson(text));

/** The sighting projection. */
export class KyselySightingRepo implements SightingRepo {
  private readonly db: Kysely<DB>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<SightingTables>();
    this.sql = dialect;
  }

  async cursor(): Promise<number> {
    const r = await this.db.selectFrom('sighting_cursor').select('seq').where('id', '=', 1).executeTakeFirst();
    return r === undefined ? 0 : Number(r.seq);
  }

  async setCursor(seq: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('sighting_cursor').where('id', '=', 1).execute();
      await tx.insertInto('sighting_cursor').values({ id: 1, seq }).execute();
    });
  }

  async changes(after: number, limit: number): Promise<{ seq: number; id: string }[]> {
    const rows = await this.db
      .selectFrom('objects')
      .select(['seq', 'id'])
      .where('seq', '>', after)
      .where(sql<SqlBool>`${this.sql.inList('type', ['sighting'])}`)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), id: r.id }));
  }

  async put(rows: readonly SightingRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK).map(toRow);
        await tx
          .deleteFrom('sightings')
          .where(
            'id',
            'in',
            chunk.map((r) => r.id),
          )
          .execute();
        await tx.insertInto('sightings').values(chunk).execute();
      }
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < ids.length; i += CHUNK)
        await tx
          .deleteFrom('sightings')
          .where('id', 'in', ids.slice(i, i + CHUNK))
          .execute();
    });
  }

  async ofObjects(ids: readonly string[], limit?: number): Promise<LabelledSighting[]> {
    if (ids.length === 0) return [];
    let q = this.labelled()
      .where(sql<SqlBool>`${this.sql.inList('s.of_id', ids)}`)
      .orderBy('s.last_seen', 'desc')
      .orderBy('s.id', 'desc');
    if (limit !== undefined) q = q.limit(limit);
    return (await q.execute()).map((r) => ({ record: toRecord(r), label: labelOf(r.access_label) }));
  }

  async since(since: string, of?: readonly string[]): Promise<LabelledSighting[]> {
    let q = this.labelled().where('s.last_seen', '>=', since);
    if (of !== undefined) q = q.where(sql<SqlBool>`${this.sql.inList('s.of_id', of)}`);
    const rows = await q.orderBy('s.last_seen').orderBy('s.id').execute();
    return rows.map((r) => ({ record: toRecord(r), label: labelOf(r.access_label) }));
  }

  async groups(ids: readonly string[], since: string): Promise<SightingGroup[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('sightings as s')
      .leftJoin('object_access as oa', 'oa.seq', 's.seq')
      .select(['s.of_id', 's.sighting_type', 'oa.label', sql<number>`count(*)`.as('n'), sql<string>`max(s.last_seen)`.as('last')])
      .where(sql<SqlBool>`${this.sql.inList('s.of_id', ids)}`)
      .where('s.last_seen', '>=', since)
      .groupBy(['s.of_id', 's.sighting_type', 'oa.label'])
      .execute();
    return rows.map((r) => ({
      of: r.of_id,
      type: r.sighting_type as SightingType,
      label: labelOf(r.label),
      sightings: Number(r.n),
      lastSeen: r.last,
    }));
  }

  private labelled() {
    return this.db
      .selectFrom('sightings as s')
      .leftJoin('object_access as oa', 'oa.seq', 's.seq')
      .selectAll('s')
      .select('oa.label as access_label');
  }
}
