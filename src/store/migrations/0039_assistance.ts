// The assistance projection (issue 18, musts 1, 3–6): what the requests board, the request and
// deployment pages and matching read, one row per latest version of a request, offer, decision,
// deployment, expert profile and deployment work (task, status note, member card, after-action
// report). The objects stay the truth in the object store; every row keeps the `seq` of the
// version it was projected from, to be read with that version's access label, and the rows
// can be rebuilt from the objects.
import { type Kysely, sql } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates the assistance tables and `assistance_cursor`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('assistance_requests')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('coordinator_org', t.key, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('urgency', t.key, (c) => c.notNull())
    .addColumn('status', t.key, (c) => c.notNull())
    // JSON array of skill ids.
    .addColumn('skills', t.text, (c) => c.notNull())
    .addColumn('mode', t.key, (c) => c.notNull())
    .addColumn('window_from', t.key, (c) => c.notNull())
    .addColumn('window_until', t.key, (c) => c.notNull())
    .addColumn('incident_id', t.key)
    .addColumn('first_offer_due', t.key, (c) => c.notNull())
    .addColumn('team_ready_due', t.key, (c) => c.notNull())
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .addColumn('exercise', t.key)
    .execute();
  // The board: newest activity first with id as the keyset's tie-break, per status, and an
  // organisation's own requests (as requester or as coordinator).
  const requests = (name: string, columns: string[]) => db.schema.createIndex(name).on('assistance_requests').columns(columns).execute();
  await requests('assistance_requests_modified', ['modified', 'id']);
  await requests('assistance_requests_status', ['status', 'modified', 'id']);
  await requests('assistance_requests_org', ['org_id', 'modified', 'id']);
  await requests('assistance_requests_coordinator', ['coordinator_org', 'modified', 'id']);

  await db.schema
    .createTable('assistance_offers')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('request_id', t.key, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('status', t.key, (c) => c.notNull())
    // JSON array of profile ids.
    .addColumn('profile_ids', t.text, (c) => c.notNull())
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistance_offers_request').on('assistance_offers').columns(['request_id', 'created']).execute();

  await db.schema
    .createTable('assistance_decisions')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('request_id', t.key, (c) => c.notNull())
    .addColumn('offer_id', t.key, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('decision', t.key, (c) => c.notNull())
    .addColumn('profile_ids', t.text, (c) => c.notNull())
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistance_decisions_request').on('assistance_decisions').columns(['request_id', 'created']).execute();

  await db.schema
    .createTable('deployments')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('request_id', t.key, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('status', t.key, (c) => c.notNull())
    .addColumn('window_from', t.key, (c) => c.notNull())
    .addColumn('window_until', t.key, (c) => c.notNull())
    // JSON arrays of profile ids and organisation identity ids.
    .addColumn('profile_ids', t.text, (c) => c.notNull())
    .addColumn('member_orgs', t.text, (c) => c.notNull())
    .addColumn('started_at', t.key)
    .addColumn('ended_at', t.key)
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deployments_request').on('deployments').columns(['request_id', 'created']).execute();
  // Which deployments an expert's profile is in (names released, past deployments counted).
  await db.schema
    .createTable('deployment_members')
    .addColumn('deployment_id', t.key, (c) => c.notNull())
    .addColumn('profile_id', t.key, (c) => c.notNull())
    .addPrimaryKeyConstraint('deployment_members_pk', ['deployment_id', 'profile_id'])
    .execute();
  await db.schema.createIndex('deployment_members_profile').on('deployment_members').column('profile_id').execute();

  await db.schema
    .createTable('expert_profiles')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('pseudonym', t.text, (c) => c.notNull())
    .addColumn('country', t.key, (c) => c.notNull())
    .addColumn('utc_offset_minutes', t.int)
    .addColumn('on_site', t.bool, (c) => c.notNull())
    .addColumn('past_deployments', t.int, (c) => c.notNull())
    // One JSON object {skills, certifications, languages, clearances, availability}: matching
    // reads thousands of profiles at once, and one parse per row is what that costs.
    .addColumn('facts', t.text, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expert_profiles_org').on('expert_profiles').columns(['org_id', 'id']).execute();
  // A profile's availability windows, so that "available at some point in [from, until]" is
  // one indexed test in the query rather than a scan of every profile's JSON.
  await db.schema
    .createTable('profile_windows')
    .addColumn('profile_id', t.key, (c) => c.notNull())
    .addColumn('from_at', t.key, (c) => c.notNull())
    .addColumn('until_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('profile_windows_profile').on('profile_windows').columns(['profile_id', 'from_at', 'until_at']).execute();

  await db.schema
    .createTable('deployment_work')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('deployment_id', t.key, (c) => c.notNull())
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    // A status note's hours may be fractional (a quarter of an hour).
    .addColumn('hours', dialect === 'postgres' ? sql`double precision` : sql`real`, (c) => c.notNull())
    .addColumn('profile_id', t.key)
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deployment_work_deployment').on('deployment_work').columns(['deployment_id', 'created']).execute();

  // The last store sequence the projection has read (one row).
  await db.schema
    .createTable('assistance_cursor')
    .addColumn('id', t.int, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .execute();
}
