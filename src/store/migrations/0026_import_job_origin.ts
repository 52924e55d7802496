// Import jobs remember the uploaded file's name and who uploaded it, so that recent imports
// can be told apart (issue 15, must 8). Both are optional: older jobs and the command line have neither.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `file_name` and `uploaded_by` to `import_jobs`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('import_jobs').addColumn('file_name', t.text).execute();
  await db.schema.alterTable('import_jobs').addColumn('uploaded_by', t.text).execute();
}
