// Opens the embedded SQLite store at <dataDir>/concord.db (DESIGN.md principle 4).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { assembleStore } from '../shared/assemble.ts';
import type { Tables } from '../shared/tables.ts';
import { ID_KEY_FUNCTION, idKey } from '../shared/id-key.ts';
import type { Store } from '../repositories.ts';
import { SqliteObjectRepo } from './object.repo.ts';
import { attachIndexFile, createIndexTables, INDEX_FILE, INDEX_SCHEMA, recoverIndex } from './index-file.ts';
import { closeWriter } from './insert.ts';
import { cachingDatabase } from './statements.ts';
import { SqliteStateWatch } from './state-watch.ts';
import { ThreadedDashboardRepo } from './dashboard-thread.ts';
import { KyselyDashboardRepo } from '../shared/dashboard.repo.ts';
import { sqliteSql } from '../shared/sql-dialect.ts';

/** Opens (creating if needed) and migrates the SQLite store in `dataDir`. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const mainPath = join(dataDir, 'concord.db');
  const raw = new Database(mainPath);
  // The default 4 KiB pages: 16 KiB pages made a 100,000-object import ~20% faster but a
  // 1,000,000-object one ~25% slower, once the indexes outgrow the cache and every page read
  // or rewritten at random moves four times the bytes.
  //
  // WAL lets readers run while a batch is written; NORMAL syncs at checkpoints only, which
  // in WAL mode can lose the last commits on power loss but never corrupts the file.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  // 16 MiB (default 2): the upper levels and hot leaves of the indexes stay cached. 128 MiB
  // measured no faster and put a 1 GB import over its 512 MB RSS budget, as did 64 MiB once the
  // index writer thread (index-file.ts), with its own heap and cache, joined the import; a
  // random-key insert costs about the same at 32 or 256 MiB at 1,000,000 objects, and 16 MiB
  // imported as fast as 32 while leaving room for the checkpointer thread: peak RSS 481 MiB
  // against 484–502 at 24 MiB (2026-11-22).
  raw.pragma('cache_size = -16384');
  raw.pragma('temp_store = MEMORY');
  // No mmap: every mapped page an import touches counts in the process's RSS, which must stay
  // under 512 MB while importing a 1 GB bundle (the index pages read at random add up to the
  // whole file; 1 GiB of mmap measured 1.3 GB). Reads come through the page cache above.
  raw.pragma('mmap_size = 0');
  // Checkpoint every 256 MiB of WAL rather than every 4 MiB: a page rewritten by several
  // batches is copied back once, and the checkpoint's fsync is paid less often (bulk import
  // measured ~30% faster than at 4 MiB). The WAL file is truncated back to that size after use.
  raw.pragma('wal_autocheckpoint = 65536');
  raw.pragma('journal_size_limit = 268435456');
  // No ANALYZE / `PRAGMA optimize`: this build of SQLite has STAT4, and with STAT4 samples a
  // prepared statement whose WHERE compares an indexed column with a parameter is re-planned
  // at every new binding (measured: a single lookup went from ~7 µs to ~40 µs). The store's
  // queries are written to get good plans without statistics.
  // Joins from a column of ids (refs' targets) to objects find them by key (shared/id-key.ts).
  raw.function(ID_KEY_FUNCTION, { deterministic: true }, (id: unknown) => (typeof id === 'string' ? BigInt(idKey(id)) : null));
  attachIndexFile(raw, dataDir);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingDatabase(raw) }) });
  // After the migrations (0020 dropped the main file's copies of the index tables): the index
  // file gets its tables, and the rows of any version it lacks (index-file.ts).
  const objects = (d: Kysely<Tables>): SqliteObjectRepo => {
    createIndexTables(raw, INDEX_SCHEMA);
    recoverIndex(raw);
    return new SqliteObjectRepo(d, raw);
  };
  // The dashboard's scans run on a thread with its own read-only connection, so that the
  // seconds they take at 100,000 objects do not hold up this thread (dashboard-thread.ts, issue
  // 15, must 7). An in-memory database has no file another connection could open.
  const dashboard = raw.memory
    ? undefined
    : new ThreadedDashboardRepo(new KyselyDashboardRepo(db, sqliteSql), { mainPath, indexPath: join(dataDir, INDEX_FILE) });
  // Closing waits for the index writer to commit what it has and close its connections: the
  // last connection to close a file checkpoints it and removes its WAL.
  const store = await assembleStore('sqlite', db, objects, new SqliteStateWatch(raw), async () => {
    await dashboard?.close();
    await closeWriter(raw);
    if (raw.open) raw.close();
  });
  if (dashboard) store.dashboard = dashboard;
  return store;
}
