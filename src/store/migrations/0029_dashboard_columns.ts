// The dashboard's store-wide counts (issue 15, must 7) read each latest version's own day and a
// relationship's type. Extracting them from the stored JSON of every row made the recomputation,
// which follows every change of the store, ~400 times the cost of a plain scan (bench/RESULTS.md),
// and on SQLite it blocks every other request while it runs. The ingest writers now store both,
// computed by the pure rule (domain/dashboard/own-time.ts, domain/ingest/examine.ts); this
// migration adds the columns and fills them for the rows already held, once, by the same rule
// written in SQL (STIX 2.1 §5.2 sightings `last_seen`, then `first_seen`; §4.14 observed data
// `first_observed`; §4.4 campaigns `first_seen`; else `created`).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Per type, the properties that give its own time, first present wins; `created` after them.
 *  A copy of own-time.ts as it was when this migration was written: a migration never changes. */
const OWN_TIME: ReadonlyArray<readonly [type: string, properties: readonly string[]]> = [
  ['sighting', ['last_seen', 'first_seen']],
  ['observed-data', ['first_observed']],
  ['campaign', ['first_seen']],
];

function jsonText(dialect: StoreDialect, property: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`json_extract(json, ${sql.lit(`$.${property}`)})` : sql`(json::json ->> ${sql.lit(property)})`;
}

/** Adds `own_day` and `relationship_type` to `objects`, fills them, and indexes the latest versions by them. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('objects').addColumn('own_day', t.key).execute();
  await db.schema.alterTable('objects').addColumn('relationship_type', t.text).execute();
  const cases = OWN_TIME.map(
    ([type, props]) => sql`when ${sql.lit(type)} then coalesce(${sql.join(props.map((p) => jsonText(dialect, p)))}, created)`,
  );
  await sql`update objects set own_day = substr(case type ${sql.join(cases, sql` `)} else created end, 1, 10)
    where type in (${sql.join(OWN_TIME.map(([type]) => sql.lit(type)))}) or created is not null`.execute(db);
  await sql`update objects set relationship_type = ${jsonText(dialect, 'relationship_type')} where type = 'relationship'`.execute(db);
  // The counts read these columns of every latest version: from the table, SQLite walks past each
  // row's JSON to reach columns added after it (400 ms at 100,000 objects against 6 ms from this
  // index, which holds everything the scan reads: `seq` to join, on PostgreSQL an index-only scan).
  const latest = dialect === 'postgres' ? sql`latest` : sql`latest = 1`;
  await sql`create index objects_latest_dashboard on objects (type, own_day, relationship_type, seq) where ${latest}`.execute(db);
}
