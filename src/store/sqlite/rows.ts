// Multi-row INSERT statements for the ingest hot path. Each `run` of a better-sqlite3 statement
// crosses from JavaScript into C++ and resets the statement, ~0.7 µs of a ~1.2 µs single-row
// insert (measured); one statement carrying CHUNK rows pays that once per CHUNK rows.
import type Database from 'better-sqlite3';

type Value = string | number | null;

/** Rows per statement: 64 rows of the widest table (16 columns: objects) stay far below SQLite's
 *  32,766-parameter limit; 50-row statements measured 0.5 µs a row against 1.2 for one. */
const CHUNK = 64;

/** Inserts rows of a fixed set of columns, CHUNK rows per statement. */
export class RowInserter {
  private readonly full: Database.Statement<[Value[]]>;
  private readonly one: Database.Statement<[Value[]]>;
  private readonly width: number;

  /** `head` is the statement up to VALUES, e.g. `insert or ignore into labels (seq, label)`. */
  constructor(db: Database.Database, head: string, width: number) {
    const row = `(${new Array<string>(width).fill('?').join(', ')})`;
    this.full = db.prepare<[Value[]]>(`${head} values ${new Array<string>(CHUNK).fill(row).join(', ')}`);
    this.one = db.prepare<[Value[]]>(`${head} values ${row}`);
    this.width = width;
  }

  /** Inserts `rows`, given flat: row i is values [i * width, (i + 1) * width). */
  insert(flat: readonly Value[]): void {
    const chunkValues = CHUNK * this.width;
    let at = 0;
    for (; at + chunkValues <= flat.length; at += chunkValues) this.full.run(flat.slice(at, at + chunkValues));
    for (; at < flat.length; at += this.width) this.one.run(flat.slice(at, at + this.width));
  }
}
