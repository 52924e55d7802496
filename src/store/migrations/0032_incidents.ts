// The incident projection (issue 16, musts 5, 8, 9): what the incidents list filters and sorts
// on, each stage's deadline, and which objects are an incident's work, kept from the stored STIX
// objects (the projection is derived: the objects stay the truth, and it can be rebuilt from them).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `incidents`, `incident_stages`, `incident_links` and `incident_cursor`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('incidents')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('owner_org', t.key, (c) => c.notNull())
    .addColumn('csirt_org', t.key)
    .addColumn('name', t.text, (c) => c.notNull())
    // Lower-cased name and description: the list's `q` matches words in them.
    .addColumn('search', t.text, (c) => c.notNull())
    .addColumn('status', t.key, (c) => c.notNull())
    .addColumn('determination', t.key, (c) => c.notNull())
    .addColumn('sector', t.key)
    .addColumn('subsector', t.key)
    .addColumn('country', t.key)
    .addColumn('member_states', t.text, (c) => c.notNull())
    .addColumn('rsit_class', t.key)
    .addColumn('rsit_type', t.key)
    .addColumn('severity', t.key)
    .addColumn('significant', t.bool, (c) => c.notNull())
    .addColumn('cross_border', t.bool, (c) => c.notNull())
    .addColumn('tsp', t.bool, (c) => c.notNull())
    .addColumn('aware_at', t.key, (c) => c.notNull())
    .addColumn('handled_at', t.key)
    .addColumn('modified', t.key, (c) => c.notNull())
    .addColumn('facts', t.text, (c) => c.notNull())
    .addColumn('next_due_at', t.key)
    .execute();
  // The list's sorts (newest, due, modified) with id as the keyset's tie-break, and its filters.
  await db.schema.createIndex('incidents_aware').on('incidents').columns(['aware_at', 'id']).execute();
  await db.schema.createIndex('incidents_due').on('incidents').columns(['next_due_at', 'id']).execute();
  await db.schema.createIndex('incidents_modified').on('incidents').columns(['modified', 'id']).execute();
  await db.schema.createIndex('incidents_owner').on('incidents').columns(['owner_org', 'aware_at']).execute();
  await db.schema.createIndex('incidents_csirt').on('incidents').columns(['csirt_org', 'aware_at']).execute();
  await db.schema.createIndex('incidents_seq').on('incidents').column('seq').execute();

  // One row per stage clock; whether it is overdue depends on the time of the question, so the
  // deadline is kept and compared in the query. `starts_at`: a clock that only starts later
  // (the final report of an entity that never notified runs from the notification's deadline).
  await db.schema
    .createTable('incident_stages')
    .addColumn('incident_id', t.key, (c) => c.notNull())
    .addColumn('stage', t.key, (c) => c.notNull())
    .addColumn('request', t.int, (c) => c.notNull())
    .addColumn('due_at', t.key)
    .addColumn('starts_at', t.key)
    .addColumn('submitted_at', t.key)
    .addPrimaryKeyConstraint('incident_stages_pk', ['incident_id', 'stage', 'request'])
    .execute();
  // An incident's waiting stages (the list's per-incident test of a standing: led by the
  // incident, so the planner never walks every waiting stage for each row), and the deadlines
  // of every incident in order (the dashboard's next 24 hours).
  await db.schema.createIndex('incident_stages_waiting').on('incident_stages').columns(['incident_id', 'submitted_at', 'due_at']).execute();
  await db.schema.createIndex('incident_stages_due').on('incident_stages').columns(['due_at']).execute();

  // Which objects are an incident's work or linked to it; `declared_by` is the object whose
  // content says so (the incident's *_refs, a report's or note's object_refs, a relationship),
  // so a new version of it replaces exactly the links it declared.
  await db.schema
    .createTable('incident_links')
    .addColumn('incident_id', t.key, (c) => c.notNull())
    .addColumn('object_id', t.key, (c) => c.notNull())
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('relationship_type', t.key)
    .addColumn('declared_by', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_links_incident').on('incident_links').columns(['incident_id', 'kind']).execute();
  await db.schema.createIndex('incident_links_object').on('incident_links').column('object_id').execute();
  await db.schema.createIndex('incident_links_declared').on('incident_links').column('declared_by').execute();

  // The last store sequence the projection has read (one row).
  await db.schema
    .createTable('incident_cursor')
    .addColumn('id', t.int, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .execute();
}
