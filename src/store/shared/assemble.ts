// The steps both engines share when opening a store: migrate, then hand out the repositories
// with a close that runs once.
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../migrations/index.ts';
import type { StoreDialect } from '../migrations/dialect.ts';
import type { ObjectRepo, StateWatch, Store } from '../repositories.ts';
import { KyselyAccessRepo } from './access.repo.ts';
import { KyselyAlertRepo } from './alert.repo.ts';
import { KyselyAssistanceRepo } from './assistance.repo.ts';
import { KyselyRosterRepo } from './roster.repo.ts';
import { KyselyUserRepo } from './user.repo.ts';
import { postgresSql, sqliteSql } from './sql-dialect.ts';
import { KyselyAuditRepo } from './audit.repo.ts';
import { KyselyCollectionRepo } from './collection.repo.ts';
import { KyselyFeedRepo } from './feed.repo.ts';
import { KyselyIncidentShareRepo } from './incident-share.repo.ts';
import { KyselySavedSearchRepo } from './saved-search.repo.ts';
import { KyselyDecayRepo } from './decay.repo.ts';
import { KyselyIncidentRepo } from './incident.repo.ts';
import { KyselySightingRepo } from './sighting.repo.ts';
import { KyselyNotificationRepo } from './notification.repo.ts';
import { federationRepos } from './federation.repo.ts';
import { KyselyOrgRepo } from './org.repo.ts';
import { KyselyImportRepo } from './import.repo.ts';
import { KyselyQuarantineRepo } from './quarantine.repo.ts';
import { KyselyDashboardRepo } from './dashboard.repo.ts';
import { KyselySourceRepo } from './source.repo.ts';
import { KyselyCorrelationRepo } from './correlation.repo.ts';
import type { Tables } from './tables.ts';

/**
 * Migrates `db` and builds the store around it. `objects` is the engine's own object
 * repository, `state` its watch of other processes' commits; `release` frees what the engine
 * holds besides `db`, on failure and on close.
 */
export async function assembleStore(
  dialect: StoreDialect,
  db: Kysely<Tables>,
  objects: (db: Kysely<Tables>) => ObjectRepo,
  state: StateWatch,
  release: () => void | Promise<void> = () => {},
): Promise<Store> {
  try {
    await migrateToLatest(db, dialect);
  } catch (err) {
    await db.destroy();
    await release();
    throw err;
  }
  const sql = dialect === 'sqlite' ? sqliteSql : postgresSql;
  let closed = false;
  return {
    dialect,
    objects: objects(db),
    quarantine: new KyselyQuarantineRepo(db),
    imports: new KyselyImportRepo(db),
    audit: new KyselyAuditRepo(db, dialect),
    orgs: new KyselyOrgRepo(db, sql.bool),
    access: new KyselyAccessRepo(db, sql),
    users: new KyselyUserRepo(db, sql.bool),
    collections: new KyselyCollectionRepo(db, dialect === 'sqlite' ? sqliteSql : postgresSql),
    feeds: new KyselyFeedRepo(db),
    federation: federationRepos(db, sql),
    dashboard: new KyselyDashboardRepo(db, sql),
    state,
    sources: new KyselySourceRepo(db),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await release();
    },
    savedSearches: new KyselySavedSearchRepo(db),
    incidents: new KyselyIncidentRepo(db, sql),
    notifications: new KyselyNotificationRepo(db),
    incidentShares: new KyselyIncidentShareRepo(db),
    sightings: new KyselySightingRepo(db, sql),
    correlation: new KyselyCorrelationRepo(db, sql),
    decay: new KyselyDecayRepo(db),
    alerts: new KyselyAlertRepo(db),
    assistance: new KyselyAssistanceRepo(db, sql),
    roster: new KyselyRosterRepo(db, sql),
  };
}
