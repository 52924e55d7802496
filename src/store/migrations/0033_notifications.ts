// In-app notifications (issue 16, must 7): one row per user and event, so that each user reads
// and marks their own. `key` makes a reminder stored once per user however often the reminder
// job runs, restarts or runs in several processes (unique (user_id, key)). `notification_state`
// keeps the reminder job's last tick, so that a restart resumes where it stopped.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `notifications` and `notification_state`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('notifications')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('user_id', t.key, (c) => c.notNull())
    .addColumn('incident_id', t.key, (c) => c.notNull())
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('key', t.key, (c) => c.notNull())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('read_at', t.key)
    .execute();
  await db.schema.createIndex('notifications_user_key').on('notifications').columns(['user_id', 'key']).unique().execute();
  await db.schema.createIndex('notifications_user_new').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('notification_state')
    .addColumn('name', t.key, (c) => c.primaryKey())
    .addColumn('value', t.text, (c) => c.notNull())
    .execute();
}
