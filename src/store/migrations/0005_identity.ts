// Who uses a node: organisations, communities, sharing groups, users, API tokens, sessions
// (issue 3, item 1). Sets (communities of an organisation, members of a group, roles,
// clearances) are small and always read whole, so they are JSON text rather than join tables.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates the identity tables. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('organizations')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull().unique())
    .addColumn('country', t.key)
    .addColumn('communities', t.text, (c) => c.notNull())
    .addColumn('node', t.key)
    .addColumn('default_tlp', t.key, (c) => c.notNull())
    .addColumn('default_distribution', t.key, (c) => c.notNull())
    .addColumn('disabled', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('communities')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('description', t.text, (c) => c.notNull())
    .addColumn('disabled', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sharing_groups')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('name', t.text, (c) => c.notNull().unique())
    .addColumn('description', t.text, (c) => c.notNull())
    .addColumn('owner_org', t.key, (c) => c.notNull())
    .addColumn('members', t.text, (c) => c.notNull())
    .addColumn('disabled', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('org_id', t.key, (c) => c.notNull())
    .addColumn('username', t.key, (c) => c.notNull().unique())
    .addColumn('display_name', t.text, (c) => c.notNull())
    .addColumn('password_hash', t.text)
    .addColumn('roles', t.text, (c) => c.notNull())
    .addColumn('clearances', t.text, (c) => c.notNull())
    .addColumn('exercises', t.text, (c) => c.notNull())
    .addColumn('disabled', t.bool, (c) => c.notNull())
    .addColumn('failed_logins', t.int, (c) => c.notNull())
    .addColumn('last_failed_at', t.key)
    .addColumn('locked_until', t.key)
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_org').on('users').columns(['org_id', 'username']).execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('user_id', t.key, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('token_hash', t.key, (c) => c.notNull().unique())
    .addColumn('scope', t.key, (c) => c.notNull())
    .addColumn('expires_at', t.key)
    .addColumn('revoked_at', t.key)
    .addColumn('last_used_at', t.key)
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', t.key, (c) => c.primaryKey())
    .addColumn('user_id', t.key, (c) => c.notNull())
    .addColumn('csrf', t.key, (c) => c.notNull())
    .addColumn('expires_at', t.key, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
}
