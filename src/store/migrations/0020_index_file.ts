// SQLite keeps what derives from the latest versions (refs, observables, labels, full-text
// words, network prefix lengths) in a second file, attached as `ix` (store/sqlite/index-file.ts),
// so that a second thread can write it during an import. This drops the copies that migrations
// 0001 and 0004 made in the main file; opening the store creates them in the index file and
// derives their rows again from `objects` (index-file.ts `recoverIndex`). PostgreSQL is
// unchanged: one server, and its own parallel writers.
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.ts';

/** Drops the main file's derived tables (SQLite only). */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const table of ['search', 'observable_networks', 'labels', 'observables', 'refs']) {
    await sql`drop table if exists main.${sql.raw(table)}`.execute(db);
  }
}
