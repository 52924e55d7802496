// Federation (issue 5): the node's key pair, pinned peers with their policies and sync state,
// where each received object came from (only its origin may publish new versions), and the
// tombstones of retracted objects.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `node_keys`, `peers`, `object_origins` and `tombstones`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  // One row ('node'): every process on one database signs with the same key.
  await db.schema
    .createTable('node_keys')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('key_id', t.key, (c) => c.notNull())
    .addColumn('public_key', t.text, (c) => c.notNull())
    // Base64 PKCS#8. Kept in the database, like feed credentials: whoever reads the database
    // reads every object too.
    .addColumn('private_key', t.text, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('peers')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('name', t.key, (c) => c.notNull().unique())
    .addColumn('url', t.text, (c) => c.notNull())
    .addColumn('public_key', t.text, (c) => c.notNull())
    .addColumn('key_id', t.key, (c) => c.notNull().unique())
    .addColumn('node_id', t.key, (c) => c.notNull())
    // JSON text: hosted orgs, countries, communities, accreditation, outbound, inbound.
    .addColumn('config', t.text, (c) => c.notNull())
    .addColumn('sync', t.bool, (c) => c.notNull())
    .addColumn('disabled', t.bool, (c) => c.notNull())
    .addColumn('cursor', t.key)
    .addColumn('peer_head', t.key)
    .addColumn('behind_since', t.key)
    .addColumn('last_pull_at', t.key)
    .addColumn('last_success_at', t.key)
    // JSON text: PeerPullResult.
    .addColumn('last_result', t.text)
    .addColumn('lease_holder', t.key)
    .addColumn('lease_until', t.key)
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('object_origins')
    .addColumn('object_id', t.key, (c) => c.primaryKey())
    .addColumn('key_id', t.key, (c) => c.notNull())
    .addColumn('origin_org', t.key, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tombstones')
    .addColumn('object_id', t.key, (c) => c.primaryKey())
    .addColumn('retracted_at', t.key, (c) => c.notNull())
    // The key id of the node that retracted it.
    .addColumn('retracted_by', t.key, (c) => c.notNull())
    .addColumn('retraction_id', t.key, (c) => c.notNull())
    .execute();
}
