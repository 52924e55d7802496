// The nonces of signed node requests already admitted (services/federation/replay-guard.ts), in
// the database rather than in one process's memory: a captured request is refused as a replay
// by every `serve` process on the database, and after a restart too.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `peer_nonces`: one row per (key, nonce) until its request's date expires. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('peer_nonces')
    .addColumn('key_id', t.key, (c) => c.notNull())
    .addColumn('nonce', t.key, (c) => c.notNull())
    // Epoch milliseconds after which the request's date is refused anyway, and the row may go.
    .addColumn('until_ms', t.int, (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_nonces_pk', ['key_id', 'nonce'])
    .execute();
  await db.schema.createIndex('peer_nonces_until').on('peer_nonces').column('until_ms').execute();
}
