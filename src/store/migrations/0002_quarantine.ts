// Quarantine: input that was not stored, with its reason (DESIGN.md principle 3).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `quarantine`, listed newest first and filtered by reason or source. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  const base = db.schema.createTable('quarantine');
  const withId =
    dialect === 'postgres'
      ? base.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : base.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await withId
    .addColumn('received_at', t.key, (c) => c.notNull())
    .addColumn('source', t.key, (c) => c.notNull())
    .addColumn('object_id', t.key)
    .addColumn('reason', t.key, (c) => c.notNull())
    .addColumn('details', t.text, (c) => c.notNull())
    .addColumn('raw', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quarantine_reason').on('quarantine').columns(['reason', 'id']).execute();
  await db.schema.createIndex('quarantine_source').on('quarantine').columns(['source', 'id']).execute();
}
