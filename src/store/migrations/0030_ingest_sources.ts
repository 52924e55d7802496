// Where each stored version came from (issue 15, must 3: the object page names its source: which
// upload, feed, TAXII add, form or peer). One `ingest_sources` row per import run, and on each
// version only the run's integer id, `objects.source_id`, appended with the row: ingest speed is a
// tracked benchmark and a text column per version would cost it (bench/RESULTS.md, 2026-12-07,
// "source of a version"). Older versions keep a null id ("stored on this node").
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `ingest_sources` and adds `objects.source_id`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  const base = db.schema.createTable('ingest_sources');
  const withId =
    dialect === 'postgres'
      ? base.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : base.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await withId
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('label', t.text)
    .addColumn('job_id', t.key)
    .addColumn('actor', t.text)
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('objects').addColumn('source_id', t.int).execute();
}
