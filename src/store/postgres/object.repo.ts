// ObjectRepo on PostgreSQL: Kysely reads (shared/object.reads.ts), a batched writer, and a
// named prepared statement for single lookups.
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Observable } from '../../domain/observables/types.ts';
import type { AccessLabel } from '../../domain/access/types.ts';
import type { InsertResult, LookupHit } from '../../domain/objects/types.ts';
import type { ObjectRepo } from '../repositories.ts';
import type { PreparedObject } from '../../domain/ingest/prepared.ts';
import { ObjectReads, distinctObservables, toHit, type LabelledRow } from '../shared/object.reads.ts';
import { postgresSql } from '../shared/sql-dialect.ts';
import type { Tables } from '../shared/tables.ts';
import { insertBatchPg } from './insert.ts';

// With each hit's access label, so that the access gate needs no second query.
const LOOKUP_ONE = {
  name: 'concord_lookup_one_labelled',
  text: `select o.seq, o.id, o.type, o.version, o.added_at, o.json, a.label from objects as o
         left join object_access as a on a.seq = o.seq
         where o.seq in (select ob.seq from observables as ob where ob.kind = $1 and ob.value = $2)
         order by o.seq`,
};

/** Versions stored since the last ANALYZE above which the end of an import runs one. */
const ANALYZE_AFTER = 50_000;

/** Object versions in PostgreSQL. */
export class PostgresObjectRepo extends ObjectReads implements ObjectRepo {
  private readonly pool: pg.Pool;
  private storedSinceAnalyze = 0;

  /** `pool` is the pool behind `db`; the schema must be migrated already. */
  constructor(db: Kysely<Tables>, pool: pg.Pool) {
    super(db, postgresSql);
    this.pool = pool;
  }

  async insertBatch(objects: PreparedObject[], labels?: readonly (AccessLabel | null)[]): Promise<InsertResult[]> {
    if (objects.length === 0) return [];
    const results = await this.db.transaction().execute((trx) => insertBatchPg(trx, objects, labels));
    this.storedSinceAnalyze += objects.length;
    return results;
  }

  /**
   * The end of an import (ImportRun.finish). After a large load the planner's statistics still
   * describe the tables before it until autovacuum samples them, and meanwhile it may choose a
   * scan of every latest version for a one-object read (measured: 119 ms at 100,000 rows,
   * 0.5 ms after ANALYZE; bench/correlation.ts). So a load of many versions is followed by an
   * ANALYZE of the tables reads probe, which samples rather than reads them all.
   */
  async settled(): Promise<void> {
    if (this.storedSinceAnalyze < ANALYZE_AFTER) return;
    this.storedSinceAnalyze = 0;
    await sql`analyze objects, observables, object_access, refs`.execute(this.db);
  }

  /**
   * One value goes through a named prepared statement: it is planned once per connection,
   * where a Kysely query is planned at every call (measured 420 µs against 240 µs per lookup,
   * most of the difference being planning).
   */
  override async lookup(observables: Observable[]): Promise<LookupHit[]> {
    const wanted = [...distinctObservables(observables).values()];
    const only = wanted[0];
    if (wanted.length !== 1 || only === undefined) return super.lookup(observables);
    const r = await this.pool.query<LabelledRow>({ ...LOOKUP_ONE, values: [only.o.kind, only.o.value] });
    return r.rows.map((row) => toHit(only.o, row));
  }
}
