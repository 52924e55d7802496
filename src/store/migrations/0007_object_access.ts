// The access label of each stored object version (DESIGN.md, Data model: "columns the policy
// needs"), one row per version keyed by the version's seq. A table beside `objects` rather than
// columns in it, so that the label is written by the ingest service after the version is stored:
// a version whose label row is missing (a crash in between) is read by no one — it fails closed.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `object_access`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('object_access')
    .addColumn('seq', t.int, (c) => c.primaryKey())
    .addColumn('owner_org', t.key, (c) => c.notNull())
    .addColumn('tlp', t.key, (c) => c.notNull())
    .addColumn('distribution', t.key, (c) => c.notNull())
    // The whole AccessLabel as JSON; the columns above are copies for SQL filters and reports.
    .addColumn('label', t.text, (c) => c.notNull())
    .execute();
}
