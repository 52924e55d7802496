// Column types that differ between the engines, so that each migration states its tables once
// and switches only where SQLite and PostgreSQL really differ.
import { sql, type RawBuilder } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** Engine-specific column types used by the migrations. */
export interface ColumnTypes {
  /** Text compared byte-wise: STIX ids, version keys and ISO timestamps sort as bytes, so
   *  PostgreSQL gets the "C" collation whatever the database's locale. */
  key: RawBuilder<unknown>;
  text: RawBuilder<unknown>;
  bool: RawBuilder<unknown>;
  /** 64-bit integer (SQLite integers are always 64-bit). */
  int: RawBuilder<unknown>;
}

/** The column types for `dialect`. */
export function columnTypes(dialect: StoreDialect): ColumnTypes {
  if (dialect === 'postgres') {
    return { key: sql`text collate "C"`, text: sql`text`, bool: sql`boolean`, int: sql`bigint` };
  }
  return { key: sql`text`, text: sql`text`, bool: sql`integer`, int: sql`integer` };
}
