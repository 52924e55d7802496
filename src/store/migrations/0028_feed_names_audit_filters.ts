// Feeds get names and the audit log its filters (issue 15, must 9). Feeds added before names
// existed are named from their URL's host and path, numbered when two would clash; a unique
// index then keeps names apart. The audit log is filtered by target and time besides the action
// and actor indexes of 0006; both new indexes end in seq, the order the list pages in.
import { sql, type Kysely } from 'kysely';
import { feedNameFromUrl, uniqueName } from '../../domain/feeds/name.ts';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `feeds.name` (filled in, unique) and audit indexes on target and time. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('feeds').addColumn('name', t.key).execute();
  const rows = await sql<{ id: string; url: string }>`select id, url from feeds order by created_at, id`.execute(db);
  const taken = new Set<string>();
  for (const r of rows.rows) {
    const name = uniqueName(feedNameFromUrl(r.url), taken);
    taken.add(name);
    await sql`update feeds set name = ${name} where id = ${r.id}`.execute(db);
  }
  await db.schema.createIndex('feeds_name').on('feeds').column('name').unique().execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target', 'seq']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'seq']).execute();
}
