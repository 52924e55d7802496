// Import jobs: asynchronous bundle imports and their progress.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `import_jobs`; `summary` is the ImportSummary as JSON text. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('state', t.key, (c) => c.notNull())
    .addColumn('source', t.text, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .addColumn('bytes_total', t.int)
    .addColumn('bytes_read', t.int, (c) => c.notNull())
    .addColumn('objects_read', t.int, (c) => c.notNull())
    .addColumn('summary', t.text)
    .execute();
  await db.schema.createIndex('import_jobs_created').on('import_jobs').columns(['created_at', 'id']).execute();
}
