// Counts commits per kind of local state (domain/state-changes/types.ts), in the transaction that
// makes them, by triggers: every writer (any repository, any process, a future one) is counted
// without having to remember to. The one exception is a new marking-definition, counted by the
// only writer of `objects` (sqlite/insert.ts, postgres/insert.ts) once per batch, off the hot path. SQLite keeps the counts in `state_changes`, which a process
// reads to learn what other connections committed; PostgreSQL announces each commit with
// NOTIFY on channel `concord_state` (delivered at commit, to every listening process), so no
// counter row is locked by concurrent writers there.
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/** The tables whose rows make up each kind of state. */
const TABLES: ReadonlyArray<readonly [table: string, kind: string]> = [
  ['organizations', 'directory'],
  ['communities', 'directory'],
  ['sharing_groups', 'directory'],
  ['users', 'users'],
  ['api_tokens', 'users'],
  ['sessions', 'sessions'],
  ['peers', 'peers'],
];

/** Only marking-definitions of `objects` are state kept in memory; other objects are not counted. */
const MARKING = `'marking-definition'`;

/** Creates the counters (SQLite) or the notifications (PostgreSQL), and their triggers. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') return postgres(db);
  await sql`create table state_changes (kind text primary key, generation integer not null)`.execute(db);
  const kinds = [...new Set(['markings', ...TABLES.map(([, k]) => k)])];
  for (const k of kinds) await sql`insert into state_changes (kind, generation) values (${k}, 0)`.execute(db);
  const bump = (kind: string): string => `update state_changes set generation = generation + 1 where kind = '${kind}';`;
  for (const [table, kind] of TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql.raw(`create trigger ${table}_${event}_state after ${event} on ${table} begin ${bump(kind)} end`).execute(db);
    }
  }
  // New marking-definitions are counted by the one writer of `objects` (sqlite/insert.ts), once
  // per batch: a trigger on every row cost an import ~7 % of its CPU (bench/RESULTS.md).
  await sql
    .raw(`create trigger objects_delete_state after delete on objects when old.type = ${MARKING} begin ${bump('markings')} end`)
    .execute(db);
}

async function postgres(db: Kysely<unknown>): Promise<void> {
  // pg_notify in a transaction is delivered when it commits, once per distinct payload.
  await sql`create function concord_state_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('concord_state', tg_argv[0]);
      return null;
    end $$`.execute(db);
  for (const [table, kind] of TABLES) {
    await sql
      .raw(
        `create trigger ${table}_state after insert or update or delete on ${table} for each statement execute function concord_state_changed('${kind}')`,
      )
      .execute(db);
  }
  // New marking-definitions: notified by the one writer of `objects` (postgres/insert.ts), once per batch.
  await sql
    .raw(
      `create trigger objects_delete_state after delete on objects for each row when (old.type = ${MARKING}) execute function concord_state_changed('markings')`,
    )
    .execute(db);
}
