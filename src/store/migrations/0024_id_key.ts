// SQLite finds object ids by an integer key (shared/id-key.ts) instead of the text index of the
// unique (id, version) constraint: at a million objects that index, keyed by random UUIDs, no
// longer fits the page cache and was the largest single cost of an import (bench/RESULTS.md).
// `(id, version)` stays unique: the writer decides each batch under the write lock, from every
// version held under the batch's keys (sqlite/insert.ts), and is the only one to insert objects.
//
// SQLite cannot drop a table constraint, so the table is rebuilt: the same columns in the same
// order plus `id_key`, computed by the connection's function (sqlite/open.ts), and the same
// indexes. PostgreSQL keeps its unique index, which its reads use directly.
import { sql, type Kysely } from 'kysely';
import { ID_KEY_FUNCTION } from '../shared/id-key.ts';
import type { StoreDialect } from './dialect.ts';

/** SQLite: rebuilds `objects` with `id_key` and its index, without the unique (id, version) index. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`create table objects_keyed (
    seq integer primary key, id text not null, version text not null, type text not null, spec_version text not null,
    created text, created_by_ref text, revoked integer not null, latest integer not null, added_at text not null,
    json text not null, origin_key text, id_key integer not null)`.execute(db);
  await sql`insert into objects_keyed
    select seq, id, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json, origin_key, ${sql.raw(ID_KEY_FUNCTION)}(id)
    from objects order by seq`.execute(db);
  await sql`drop table objects`.execute(db);
  await sql`alter table objects_keyed rename to objects`.execute(db);
  // Those of migration 0001, and the key's.
  await sql`create index objects_id_key on objects (id_key)`.execute(db);
  await sql`create index objects_added_at on objects (added_at, seq)`.execute(db);
  await sql`create index objects_latest_type on objects (type, seq) where latest = 1`.execute(db);
  await sql`create index objects_latest_created_by on objects (created_by_ref, seq) where latest = 1`.execute(db);
  await sql`create index objects_latest_version on objects (version) where latest = 1`.execute(db);
  await sql`create index objects_latest_revoked on objects (seq) where latest = 1 and revoked = 1`.execute(db);
}
