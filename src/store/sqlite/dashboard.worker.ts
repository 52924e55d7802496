// The dashboard thread (dashboard-thread.ts, issue 15, must 7): the shared Kysely dashboard
// repository on its own read-only connection to the store's files. Read-only: it can never
// write or lock out a writer; in WAL mode each query sees what was committed when it began.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyDashboardRepo } from '../shared/dashboard.repo.ts';
import { ID_KEY_FUNCTION, idKey } from '../shared/id-key.ts';
import { sqliteSql } from '../shared/sql-dialect.ts';
import type { Tables } from '../shared/tables.ts';
import type { DashboardWorkerData, FromDashboardWorker, ToDashboardWorker } from './dashboard-thread.ts';
import { cachingDatabase } from './statements.ts';

const data = workerData as DashboardWorkerData;
const raw = new Database(data.mainPath, { readonly: true, fileMustExist: true });
raw.pragma('busy_timeout = 5000');
// The scans' grouping happens in memory; a modest page cache, as the main connection's, without
// mmap (mapped pages count in the process's RSS, open.ts).
raw.pragma('cache_size = -16384');
raw.pragma('mmap_size = 0');
raw.pragma('temp_store = MEMORY');
// The same key function as the main connection (open.ts): joins by id go through it.
raw.function(ID_KEY_FUNCTION, { deterministic: true }, (id: unknown) => (typeof id === 'string' ? BigInt(idKey(id)) : null));
// Attached databases share the connection's read-only flag.
raw.prepare('attach database ? as ix').run(data.indexPath);
// The main connection's 16 MiB for the index file too (open.ts): with 8 MiB, the scans after a
// change took 3.6–5.1 s at 100,000 objects instead of 2.5–3.2 s (bench/RESULTS.md).
raw.pragma('ix.cache_size = -16384');
raw.pragma('ix.mmap_size = 0');
const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingDatabase(raw) }) });
const repo = new KyselyDashboardRepo(db, sqliteSql);

async function run(m: ToDashboardWorker): Promise<unknown> {
  switch (m.method) {
    case 'labelGroups':
      return repo.labelGroups();
    case 'activity':
      return repo.activity(m.args[0] as string[]);
    case 'places':
      return repo.places();
    case 'placeFacts':
      return repo.placeFacts();
  }
}

parentPort?.on('message', (m: ToDashboardWorker) => {
  run(m).then(
    (value) => parentPort?.postMessage({ id: m.id, ok: true, value } satisfies FromDashboardWorker),
    (e: unknown) =>
      parentPort?.postMessage({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies FromDashboardWorker),
  );
});
