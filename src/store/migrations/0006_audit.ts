// The audit log (issue 3, item 6): entries chained by hash (domain/audit/chain.ts), and the
// chain's head in a one-row table moved in the same transaction as each append, so that entries
// removed from the end are caught too. Triggers refuse updates and deletes: the application
// only appends. Someone with direct access to the database can drop them; the chain is what
// catches that.
import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { columnTypes, type StoreDialect } from './dialect.ts';

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  for (const event of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
  await sql`create trigger audit_head_no_delete before delete on audit_head
    begin select raise(abort, 'audit_head cannot be deleted'); end`.execute(db);
  await sql`create trigger audit_head_forward before update on audit_head when new.seq < old.seq
    begin select raise(abort, 'audit_head cannot move back'); end`.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`create function audit_refuse() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_refuse()`.execute(db);
  await sql`create trigger audit_head_no_delete before delete or truncate on audit_head
    for each statement execute function audit_refuse()`.execute(db);
  await sql`create function audit_head_forward() returns trigger language plpgsql as $$
    begin if new.seq < old.seq then raise exception 'audit_head cannot move back'; end if; return new; end $$`.execute(db);
  await sql`create trigger audit_head_forward before update on audit_head
    for each row execute function audit_head_forward()`.execute(db);
}

/** Creates `audit_log`, listed newest first and filtered by action or actor, and `audit_head`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  // seq is assigned by the append (head + 1), not by the engine: a sequence or autoincrement
  // could leave gaps on rollback, and a gap is what a removal looks like.
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', t.int, (c) => c.primaryKey())
    .addColumn('at', t.key, (c) => c.notNull())
    .addColumn('actor', t.key)
    .addColumn('action', t.key, (c) => c.notNull())
    .addColumn('target', t.key)
    .addColumn('details', t.text, (c) => c.notNull())
    .addColumn('prev_hash', t.key, (c) => c.notNull())
    .addColumn('hash', t.key, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'seq']).execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('hash', t.key, (c) => c.notNull())
    .execute();
  // The row exists from the start, so that every append locks the same row.
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
  await (dialect === 'sqlite' ? sqliteTriggers(db) : postgresTriggers(db));
}
