// The index file: `concord-index.db` beside `concord.db`, attached to every connection as `ix`.
// It holds what is derived from each latest version (refs, observables, labels, full-text words,
// network prefix lengths) and can always be derived again from `objects`. SQLite resolves an
// unqualified table name that `main` lacks in the attached databases, so every query keeps
// naming `observables`, `refs`, `labels`, `search`; migration 0020 dropped the old copies in main.
//
// Why a second file: SQLite lets one writer at a time write a file, and on a 2-core machine the
// import's writes are the largest single cost (bench/RESULTS.md). With two files, a second thread
// writes the derived rows (index-writer.ts) while the main thread writes `objects`.
//
// Crash safety: each file commits atomically, and the index file's transaction for a batch
// commits only after the main file's (index-writer.ts), so after a crash the index file can only
// lack batches, never hold rows of versions that were not stored. `indexed` records which seqs
// have their derived rows; at open, the versions outside it are indexed again from their JSON.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { prepare } from '../../domain/ingest/examine.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import { DerivedWriter, derivedBatch } from './derived.ts';
import { idKey } from '../shared/id-key.ts';
import { indexFilePragmas } from './index-writer.ts';
import type { PreparedObject } from '../../domain/ingest/prepared.ts';

/** The schema name of the index file on every connection to the main file. */
export const INDEX_SCHEMA = 'ix';
/** The index file's name in the data directory. */
export const INDEX_FILE = 'concord-index.db';

/** Attaches the index file of `dataDir` to `db` (the main file's connection). */
export function attachIndexFile(db: Database.Database, dataDir: string): void {
  db.prepare('attach database ? as ix').run(join(dataDir, INDEX_FILE));
  // Reads through this connection (lookups, searches) use this cache; the import's writes go
  // through the index writer's own connection and cache.
  indexFilePragmas(db, INDEX_SCHEMA, 16384);
}

/** Creates the index file's tables when missing (a new store, or a deleted index file). */
export function createIndexTables(db: Database.Database, s: string): void {
  // The same tables and indexes as migrations 0001 and 0004 created in the main file.
  db.exec(`
    create table if not exists ${s}.refs (seq integer not null, property text not null, target_id text not null,
      constraint refs_pk primary key (seq, property, target_id)) without rowid;
    create index if not exists ${s}.refs_target on refs (target_id, seq);
    create table if not exists ${s}.observables (kind text not null, value text not null, seq integer not null,
      constraint observables_pk primary key (kind, value, seq)) without rowid;
    create index if not exists ${s}.observables_seq on observables (seq);
    create table if not exists ${s}.labels (seq integer not null, label text not null,
      constraint labels_pk primary key (seq, label)) without rowid;
    create index if not exists ${s}.labels_label on labels (label, seq);
    create table if not exists ${s}.observable_networks (kind text not null, prefix integer not null,
      constraint observable_networks_pk primary key (kind, prefix)) without rowid;
    create table if not exists ${s}.indexed (first integer primary key, last integer not null);
  `);
  // See migrations/0001_objects.ts for the full-text options.
  db.exec(`create virtual table if not exists ${s}.search using fts5(
    words, content = '', contentless_delete = 1, tokenize = 'ascii', detail = none)`);
}

/** Seqs recovered per transaction. */
const CHUNK = 2000;

/** The first run of stored seqs that lacks derived rows, at most CHUNK long, or undefined. */
function firstGap(db: Database.Database): { first: number; last: number } | undefined {
  const max = db.prepare<[], number>('select coalesce(max(seq), 0) from main.objects').pluck().get() ?? 0;
  const ranges = db.prepare<[], { first: number; last: number }>('select first, last from ix.indexed order by first').all();
  let next = 1;
  for (const r of ranges) {
    if (r.first > next) return { first: next, last: Math.min(r.first - 1, next + CHUNK - 1) };
    next = Math.max(next, r.last + 1);
  }
  return next <= max ? { first: next, last: Math.min(max, next + CHUNK - 1) } : undefined;
}

/**
 * Indexes again every stored version that the index file lacks (a crash between the two
 * commits, an upgraded store, a deleted index file), as the writer would have. Each step runs in
 * one IMMEDIATE transaction, which locks the main file and then the index file, the order every
 * writer takes them (index-writer.ts), so a batch another process is writing is never taken for
 * a gap. Returns how many versions were indexed again.
 */
export function recoverIndex(db: Database.Database): number {
  const writer = new DerivedWriter(db, INDEX_SCHEMA);
  const rows = db.prepare<[number, number], { seq: number; id: string; latest: number; json: string }>(
    'select seq, id, latest, json from main.objects where seq between ? and ? order by seq',
  );
  const older = db
    .prepare<[string, string], number>(
      'select seq from main.objects where id_key in (select value from json_each(?)) and id in (select value from json_each(?)) and latest = 0',
    )
    .pluck();
  const step = db.transaction((): number => {
    const gap = firstGap(db);
    if (gap === undefined) return 0;
    const found = rows.all(gap.first, gap.last);
    const latest: [number, PreparedObject][] = [];
    for (const r of found) if (r.latest === 1) latest.push([r.seq, prepare(JSON.parse(r.json) as StixObject, r.json)]);
    // Every version of these ids that is not the latest loses its rows, including one that a
    // lost batch demoted; then the rows of the latest ones are written afresh.
    const ids = [...new Set(found.map((r) => r.id))];
    writer.clear([...older.all(JSON.stringify(ids.map(idKey)), JSON.stringify(ids)), ...found.map((r) => r.seq)]);
    writer.write(derivedBatch(latest, [], gap.first, gap.last));
    return Math.max(found.length, 1);
  }).immediate;
  let total = 0;
  for (let n = step(); n > 0; n = step()) total += n;
  return total;
}
