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
import * as m0005 from './0005_identity.ts';
import * as m0006 from './0006_audit.ts';
import * as m0007 from './0007_object_access.ts';
import * as m0008 from './0008_import_job_org.ts';
import * as m0009 from './0009_collections.ts';
import * as m0010 from './0010_feeds.ts';
import * as m0011 from './0011_federation.ts';
import * as m0012 from './0012_egress_forms.ts';
import * as m0013 from './0013_federated_groups.ts';
import * as m0014 from './0014_password_change.ts';
import * as m0020 from './0020_index_file.ts';
import * as m0021 from './0021_origin_key.ts';
import * as m0022 from './0022_audit_witnesses.ts';
import * as m0023 from './0023_peer_nonces.ts';
import * as m0024 from './0024_id_key.ts';
import * as m0025 from './0025_state_changes.ts';
import * as m0026 from './0026_import_job_origin.ts';
import * as m0027 from './0027_saved_searches.ts';
import * as m0028 from './0028_feed_names_audit_filters.ts';
import * as m0029 from './0029_dashboard_columns.ts';
import * as m0030 from './0030_ingest_sources.ts';
import * as m0031 from './0031_org_nis2.ts';
import * as m0032 from './0032_incidents.ts';
import * as m0033 from './0033_notifications.ts';
import * as m0034 from './0034_incident_shares.ts';
import * as m0035 from './0035_sightings.ts';
import * as m0037 from './0037_decay_models.ts';
import * as m0036 from './0036_alerts.ts';
import * as m0038 from './0038_roster.ts';
import * as m0039 from './0039_assistance.ts';

type DialectMigration = (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void>;

const MIGRATIONS: ReadonlyArray<readonly [string, DialectMigration]> = [
  ['0001_objects', m0001.up],
  ['0002_quarantine', m0002.up],
  ['0003_import_jobs', m0003.up],
  ['0004_observable_networks', m0004.up],
  ['0005_identity', m0005.up],
  ['0006_audit', m0006.up],
  ['0007_object_access', m0007.up],
  ['0008_import_job_org', m0008.up],
  ['0009_collections', m0009.up],
  ['0010_feeds', m0010.up],
  ['0011_federation', m0011.up],
  ['0012_egress_forms', m0012.up],
  ['0013_federated_groups', m0013.up],
  ['0014_password_change', m0014.up],
  ['0020_index_file', m0020.up],
  ['0021_origin_key', m0021.up],
  ['0022_audit_witnesses', m0022.up],
  ['0023_peer_nonces', m0023.up],
  ['0024_id_key', m0024.up],
  ['0025_state_changes', m0025.up],
  ['0026_import_job_origin', m0026.up],
  ['0027_saved_searches', m0027.up],
  ['0028_feed_names_audit_filters', m0028.up],
  ['0029_dashboard_columns', m0029.up],
  ['0030_ingest_sources', m0030.up],
  ['0031_org_nis2', m0031.up],
  ['0032_incidents', m0032.up],
  ['0033_notifications', m0033.up],
  ['0034_incident_shares', m0034.up],
  ['0035_sightings', m0035.up],
  ['0037_decay_models', m0037.up],
  ['0036_alerts', m0036.up],
  ['0038_roster', m0038.up],
  ['0039_assistance', m0039.up],
];

function provider(dialect: StoreDialect): MigrationProvider {
  const bound: Record<string, Migration> = {};
  for (const [name, up] of MIGRATIONS) bound[name] = { up: (db) => up(db, dialect) };
  return { getMigrations: async () => bound };
}

/** Brings the schema up to date; a no-op when every migration has already run. */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  // Numbers are reserved per feature and land in any order (0006 before 0005), so a store may
  // have run 0006 when 0005 arrives. Kysely refuses that by default; every migration here
  // creates its own tables and none depends on a later-numbered one, so running the late one
  // afterwards is safe.
  const migrator = new Migrator({ db, provider: provider(dialect), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    // A database failure, not a caller's mistake: no Concord code; the cause and its stack are kept.
    throw new Error(`store migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
