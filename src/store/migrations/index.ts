// Runs the store's migrations with Kysely's Migrator. The provider is static (migrations are
// imported, not read from a folder at run time) and binds each migration to the dialect, so
// one numbered list serves both engines. Add new migrations as 000N_name.ts at the end.
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { StoreDialect } from './dialect.ts';
import * as m0001 from './0001_objects.ts';
import * as m0002 from './0002_quarantine.ts';
import * as m0003 from './0003_import_jobs.ts';
import * as m0004 from './0004_observable_networks.ts';

type DialectMigration = (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void>;

const MIGRATIONS: ReadonlyArray<readonly [string, DialectMigration]> = [
  ['0001_objects', m0001.up],
  ['0002_quarantine', m0002.up],
  ['0003_import_jobs', m0003.up],
  ['0004_observable_networks', m0004.up],
];

function provider(dialect: StoreDialect): MigrationProvider {
  const bound: Record<string, Migration> = {};
  for (const [name, up] of MIGRATIONS) bound[name] = { up: (db) => up(db, dialect) };
  return { getMigrations: async () => bound };
}

/** Brings the schema up to date; a no-op when every migration has already run. */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const migrator = new Migrator({ db, provider: provider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
