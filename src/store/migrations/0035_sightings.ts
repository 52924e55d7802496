// The sighting projection (issue 17, musts 1–3): one row per sighting's latest version, derived
// from the stored STIX `sighting` (the objects stay the truth; the rows can be rebuilt), and each
// organisation's default disclosure of its sightings (must 2).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `sightings` and `sighting_cursor`; adds `sighting_disclosure` to `organizations`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('sightings')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('of_id', t.key, (c) => c.notNull())
    .addColumn('of_type', t.key, (c) => c.notNull())
    .addColumn('owner_org', t.key, (c) => c.notNull())
    .addColumn('disclosure', t.key, (c) => c.notNull())
    .addColumn('sighter', t.key, (c) => c.notNull())
    .addColumn('country', t.key)
    // JSON array of NIS2 sector keys.
    .addColumn('sectors', t.text, (c) => c.notNull())
    .addColumn('sighting_type', t.key, (c) => c.notNull())
    .addColumn('count', t.int, (c) => c.notNull())
    .addColumn('first_seen', t.key, (c) => c.notNull())
    .addColumn('last_seen', t.key, (c) => c.notNull())
    .addColumn('exercise', t.key)
    .addColumn('description', t.text)
    .execute();
  // An object's sightings, newest first (aggregates, lists); the window of every sighting since
  // a time (alert rules); the label join by version.
  await db.schema.createIndex('sightings_of').on('sightings').columns(['of_id', 'last_seen']).execute();
  await db.schema.createIndex('sightings_last_seen').on('sightings').columns(['last_seen']).execute();
  await db.schema.createIndex('sightings_seq').on('sightings').column('seq').execute();

  // The last store sequence the projection has read (one row).
  await db.schema
    .createTable('sighting_cursor')
    .addColumn('id', t.int, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('organizations')
    .addColumn('sighting_disclosure', t.text, (c) => c.notNull().defaultTo('organization'))
    .execute();
}
