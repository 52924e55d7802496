// Each organisation's roster of experts (issue 18, must 2). The personal details (name, email,
// phone) live only here, never in a STIX object of their own: partners see the pseudonymous
// profile published under `profile_id`, and names only through a deployment's member cards.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `experts`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('experts')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('org_id', t.key, (c) => c.notNull())
    // The published profile's id: one per expert, so the projector finds the expert behind it.
    .addColumn('profile_id', t.key, (c) => c.notNull().unique())
    .addColumn('pseudonym', t.text, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('email', t.text)
    .addColumn('phone', t.text)
    // JSON arrays: skill ids, certifications, ISO 639-1 codes, {scheme, level}, {from, until},
    // deployment ids.
    .addColumn('skills', t.text, (c) => c.notNull())
    .addColumn('certifications', t.text, (c) => c.notNull())
    .addColumn('languages', t.text, (c) => c.notNull())
    .addColumn('clearances', t.text, (c) => c.notNull())
    .addColumn('availability', t.text, (c) => c.notNull())
    .addColumn('deployment_ids', t.text, (c) => c.notNull())
    .addColumn('country', t.key, (c) => c.notNull())
    .addColumn('utc_offset_minutes', t.int)
    .addColumn('on_site', t.bool, (c) => c.notNull())
    .addColumn('published', t.bool, (c) => c.notNull())
    .addColumn('created', t.key, (c) => c.notNull())
    .addColumn('modified', t.key, (c) => c.notNull())
    .execute();
  // Every read names the organisation (RosterRepo): its roster in name order.
  await db.schema.createIndex('experts_org').on('experts').columns(['org_id', 'name', 'id']).execute();
}
