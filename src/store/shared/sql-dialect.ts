// The few query fragments that differ between SQLite and PostgreSQL. Everything else in the
// read path is one Kysely query shared by both engines (shared/object.reads.ts).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { StoreDialect } from '../migrations/dialect.ts';

export interface SqlDialect {
  readonly name: StoreDialect;
  /** `column` equals one of `values`; a list of any length is bound as one parameter. */
  inList(column: string, values: readonly string[]): RawBuilder<SqlBool>;
  /** `seqColumn` is a latest version whose search words include every one of `words`. */
  hasWords(seqColumn: string, words: readonly string[]): RawBuilder<SqlBool>;
  /** `alias` is a latest version. A literal, never a parameter, so the planner can match the
   *  WHERE of the latest-version partial indexes (migrations/0001_objects.ts). */
  isLatest(alias: string): RawBuilder<SqlBool>;
  /** A boolean as the engine stores it (better-sqlite3 cannot bind booleans). */
  bool(value: boolean): number | boolean;
}

const FALSE = sql<SqlBool>`1 = 0`;

/** An FTS5 query matching documents that hold every one of `words`. */
export function ftsQuery(words: readonly string[]): string {
  // Each word quoted as an FTS5 string; juxtaposed strings are ANDed.
  return words.map((w) => `"${w}"`).join(' ');
}

/** SQLite: lists go through `json_each` (no 32,766-parameter limit), words through FTS5. */
export const sqliteSql: SqlDialect = {
  name: 'sqlite',
  inList(column, values) {
    if (values.length === 0) return FALSE;
    // One value: a plain equality lets the planner walk an index such as (type, seq) in order.
    if (values.length === 1) return sql<SqlBool>`${sql.ref(column)} = ${values[0]}`;
    return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
  },
  hasWords(seqColumn, words) {
    return sql<SqlBool>`${sql.ref(seqColumn)} in (select rowid from search where search match ${ftsQuery(words)})`;
  },
  isLatest: (alias) => sql<SqlBool>`${sql.ref(`${alias}.latest`)} = 1`,
  bool: (value) => (value ? 1 : 0),
};

/** PostgreSQL: lists are one array parameter (`= any`), words a tsquery over the GIN index. */
export const postgresSql: SqlDialect = {
  name: 'postgres',
  inList(column, values) {
    if (values.length === 0) return FALSE;
    if (values.length === 1) return sql<SqlBool>`${sql.ref(column)} = ${values[0]}`;
    return sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`;
  },
  hasWords(seqColumn, words) {
    // Words are letters, digits and marks only (search-words.ts), so quoting cannot be escaped.
    const query = words.map((w) => `'${w}'`).join(' & ');
    return sql<SqlBool>`${sql.ref(seqColumn)} in (select seq from search where words @@ ${query}::tsquery)`;
  },
  isLatest: (alias) => sql<SqlBool>`${sql.ref(`${alias}.latest`)}`,
  bool: (value) => value,
};
