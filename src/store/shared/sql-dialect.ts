// The few query fragments that differ between SQLite and PostgreSQL. Everything else in the
// read path is one Kysely query shared by both engines (shared/object.reads.ts).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { StoreDialect } from '../migrations/dialect.ts';
import { ID_KEY_FUNCTION, idKey } from './id-key.ts';

export interface SqlDialect {
  readonly name: StoreDialect;
  /** `column` equals one of `values`; a list of any length is bound as one parameter. */
  inList(column: string, values: readonly string[]): RawBuilder<SqlBool>;
  /** `alias` (a row of `objects`) is a version of object `id`. Reads by id go through these
   *  three, never `id = …` directly: SQLite indexes ids by their key (shared/id-key.ts). */
  idIs(alias: string, id: string): RawBuilder<SqlBool>;
  /** `alias` is a version of one of `ids`. */
  idIn(alias: string, ids: readonly string[]): RawBuilder<SqlBool>;
  /** `alias` is a version of the object whose id is in `column` (a join, a correlated query). */
  idOf(alias: string, column: string): RawBuilder<SqlBool>;
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

function sqliteInList(column: string, values: readonly (string | number)[]): RawBuilder<SqlBool> {
  if (values.length === 0) return FALSE;
  // One value: a plain equality lets the planner walk an index such as (type, seq) in order.
  if (values.length === 1) return sql<SqlBool>`${sql.ref(column)} = ${values[0]}`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

function sqliteIdIs(alias: string, id: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.id_key`)} = ${idKey(id)} and ${sql.ref(`${alias}.id`)} = ${id}`;
}

/** SQLite: lists go through `json_each` (no 32,766-parameter limit), words through FTS5; ids
 *  are found by their integer key, then compared (shared/id-key.ts). */
export const sqliteSql: SqlDialect = {
  name: 'sqlite',
  inList: sqliteInList,
  idIs: sqliteIdIs,
  idIn(alias, ids) {
    const unique = [...new Set(ids)];
    if (unique.length <= 1) return unique[0] === undefined ? FALSE : sqliteIdIs(alias, unique[0]);
    return sql<SqlBool>`${sqliteInList(`${alias}.id_key`, unique.map(idKey))} and ${sqliteInList(`${alias}.id`, unique)}`;
  },
  idOf: (alias, column) =>
    sql<SqlBool>`${sql.ref(`${alias}.id_key`)} = ${sql.raw(ID_KEY_FUNCTION)}(${sql.ref(column)}) and ${sql.ref(`${alias}.id`)} = ${sql.ref(column)}`,
  hasWords(seqColumn, words) {
    return sql<SqlBool>`${sql.ref(seqColumn)} in (select rowid from search where search match ${ftsQuery(words)})`;
  },
  isLatest: (alias) => sql<SqlBool>`${sql.ref(`${alias}.latest`)} = 1`,
  bool: (value) => (value ? 1 : 0),
};

function postgresInList(column: string, values: readonly string[]): RawBuilder<SqlBool> {
  if (values.length === 0) return FALSE;
  if (values.length === 1) return sql<SqlBool>`${sql.ref(column)} = ${values[0]}`;
  return sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`;
}

/** PostgreSQL: lists are one array parameter (`= any`), words a tsquery over the GIN index. */
export const postgresSql: SqlDialect = {
  name: 'postgres',
  inList: postgresInList,
  // The unique (id, version) index serves ids directly.
  idIs: (alias, id) => sql<SqlBool>`${sql.ref(`${alias}.id`)} = ${id}`,
  idIn: (alias, ids) => postgresInList(`${alias}.id`, [...new Set(ids)]),
  idOf: (alias, column) => sql<SqlBool>`${sql.ref(`${alias}.id`)} = ${sql.ref(column)}`,
  hasWords(seqColumn, words) {
    // Words are letters, digits and marks only (search-words.ts), so quoting cannot be escaped.
    const query = words.map((w) => `'${w}'`).join(' & ');
    return sql<SqlBool>`${sql.ref(seqColumn)} in (select seq from search where words @@ ${query}::tsquery)`;
  },
  isLatest: (alias) => sql<SqlBool>`${sql.ref(`${alias}.latest`)}`,
  bool: (value) => value,
};
