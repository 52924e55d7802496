// Prepared statements reused across Kysely queries. Kysely's SQLite driver calls
// `db.prepare(sql)` for every query it runs; preparing (parsing and planning the SQL) costs more
// than running most of the store's queries: under load, `prepare` was the largest single item of
// a lookup's server profile (8 % of all samples, for the access-label and token queries every
// request makes; ~20–30 µs a query). Kysely compiles a query to the same text each time with the
// values as parameters, so a cache keyed by the text serves nearly every query after the first.
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statement texts kept; IN lists of many lengths and one-off DDL make more over time. */
const CAPACITY = 1000;

/** A `SqliteDatabase` for Kysely's SqliteDialect that reuses prepared statements. */
export function cachingDatabase(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      // A statement still being iterated (a streamed query) cannot run again until it is done.
      if (stmt === undefined || stmt.busy) {
        stmt = db.prepare(sql);
        // Least recently prepared goes first: Map keeps insertion order.
        if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
