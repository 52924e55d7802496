// The alert projection (issue 17, must 4): one row per alert's latest version on this node, what
// the alerts list filters and sorts on (rule, community, exercise, last activity) and what a row
// shows (subject, counts, countries). The alerts themselves are STIX `x-concord-alert` objects in
// the object store; the row is joined to their access label by `seq`.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `alerts`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('alerts')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('rule_id', t.key, (c) => c.notNull())
    .addColumn('community', t.key, (c) => c.notNull())
    // '' outside exercises: one column both engines compare alike.
    .addColumn('exercise', t.key, (c) => c.notNull())
    .addColumn('subject_kind', t.key, (c) => c.notNull())
    .addColumn('subject_key', t.text, (c) => c.notNull())
    .addColumn('subject_label', t.text, (c) => c.notNull())
    .addColumn('organisations', t.int, (c) => c.notNull())
    // JSON array of ISO 3166-1 alpha-2 codes.
    .addColumn('countries', t.text, (c) => c.notNull())
    .addColumn('sightings', t.int, (c) => c.notNull())
    .addColumn('first_seen', t.key, (c) => c.notNull())
    .addColumn('last_seen', t.key, (c) => c.notNull())
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  // The list: newest activity first, id as the keyset's tie-break; per rule and per community.
  await db.schema.createIndex('alerts_last_seen').on('alerts').columns(['last_seen', 'id']).execute();
  await db.schema.createIndex('alerts_rule').on('alerts').columns(['rule_id', 'last_seen']).execute();
  await db.schema.createIndex('alerts_community').on('alerts').columns(['community', 'last_seen']).execute();
}
