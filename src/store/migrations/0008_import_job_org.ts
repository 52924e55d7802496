// Import jobs belong to the organisation that uploaded them (issue 3: every read path applies
// the access policy; a job's summary tells about what was uploaded).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `import_jobs.org_id` (null for jobs from before organisations existed). */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('org_id', columnTypes(dialect).key).execute();
}
