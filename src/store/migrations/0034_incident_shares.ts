// Cross-border shares and handovers of incidents (issue 16, must 6): one row per share, what was
// shared, how, with whom, by whom and when, so the incident page can say who received it. The
// shared objects themselves are STIX in the object store; this is the record of the decision.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `incident_shares`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('incident_shares')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('incident_id', t.key, (c) => c.notNull())
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('mode', t.key, (c) => c.notNull())
    // JSON array of { org, name, node }: the recipients as they were named when shared.
    .addColumn('recipients', t.text, (c) => c.notNull())
    .addColumn('shared_object', t.key, (c) => c.notNull())
    .addColumn('sharing_group', t.key, (c) => c.notNull())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('by', t.text, (c) => c.notNull())
    .addColumn('at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_shares_incident').on('incident_shares').columns(['incident_id', 'at']).execute();
  await db.schema.createIndex('incident_shares_object').on('incident_shares').columns(['shared_object']).execute();
}
