// Searches users save in the Explorer (issue 15, must 5): a name and the Explorer's query
// string, per user. Rows go with their user (a user's searches are theirs alone).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `saved_searches`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('saved_searches')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('user_id', t.key, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('query', t.text, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_searches_user').on('saved_searches').columns(['user_id', 'name']).execute();
}
