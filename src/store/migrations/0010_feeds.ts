// TAXII 2.1 feeds this node pulls from (issue 4, item 3): the resolved URL, the credentials, the
// schedule, the committed cursor and the last pull's outcome.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `feeds`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('feeds')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('url', t.text, (c) => c.notNull())
    .addColumn('objects_url', t.text, (c) => c.notNull())
    .addColumn('collection_id', t.text, (c) => c.notNull())
    // JSON text: {kind:'none'|'basic'|'token', …}. Secrets are kept as given: whoever can read
    // the data directory (or the database) can read them, as they can read every object.
    .addColumn('auth', t.text, (c) => c.notNull())
    .addColumn('interval_seconds', t.int, (c) => c.notNull())
    .addColumn('tlp', t.key)
    .addColumn('distribution', t.text)
    .addColumn('cursor', t.key)
    .addColumn('next', t.text)
    .addColumn('run_last', t.key)
    .addColumn('last_pull_at', t.key)
    // JSON text: FeedPullResult.
    .addColumn('last_result', t.text)
    .addColumn('lease_holder', t.key)
    .addColumn('lease_until', t.key)
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
}
