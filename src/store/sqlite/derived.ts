// The rows derived from each latest version — refs, observables, labels, full-text words, IP
// network prefix lengths — live in a second SQLite file, `concord-index.db` (index-file.ts), so
// that a second thread can write them while the main thread writes `objects` (index-writer.ts).
// This module builds a batch of such rows (on the main thread, as flat arrays that cross to the
// worker cheaply) and writes one, on whichever connection holds the index file.
import type Database from 'better-sqlite3';
import type { PreparedObject } from '../../domain/ingest/prepared.ts';
import { networkPrefixes } from '../shared/object.reads.ts';
import { ftsDocument } from '../shared/search-words.ts';
import { RowInserter } from './rows.ts';

type Value = string | number;

/** What one batch changes in the index file, as flat rows (see RowInserter). */
export interface DerivedBatch {
  /** Versions no longer latest: their derived rows go. */
  demoted: number[];
  refs: Value[];
  /** Sorted by (kind, value, seq). */
  observables: Value[];
  labels: Value[];
  /** (seq, search text) pairs; the writer reduces each text to words (ftsDocument). */
  words: Value[];
  networks: Value[];
  /** The seqs the batch stored in `objects`, first..last (first > last: none), recorded as indexed. */
  first: number;
  last: number;
}

/** Builds the derived rows of `latest` versions, `[seq, object]` pairs in seq order. */
export function derivedBatch(
  latest: readonly (readonly [number, PreparedObject])[],
  demoted: number[],
  first: number,
  last: number,
): DerivedBatch {
  const refs: Value[] = [];
  const observables: { kind: string; value: string; seq: number }[] = [];
  const labels: Value[] = [];
  const words: Value[] = [];
  for (const [seq, o] of latest) {
    for (const r of o.refs) refs.push(seq, r.property, r.target);
    for (const ob of o.observables) observables.push({ kind: ob.kind, value: ob.value, seq });
    for (const l of o.labels) labels.push(seq, l);
    if (o.searchText !== '') words.push(seq, o.searchText);
  }
  // Observable values are scattered (hashes, addresses): in key order, a batch's inserts walk
  // the (kind, value) b-tree once from left to right instead of jumping across it.
  observables.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : a.seq - b.seq));
  const networks = [...networkPrefixes(observables).values()].flatMap((n) => [n.kind, n.prefix]);
  return { demoted, refs, observables: observables.flatMap((ob) => [ob.kind, ob.value, ob.seq]), labels, words, networks, first, last };
}

/** Writes derived batches through one connection; `schema` names the index file there. */
export class DerivedWriter {
  private readonly deletes: Database.Statement<[number]>[];
  private readonly refs: RowInserter;
  private readonly observables: RowInserter;
  private readonly labels: RowInserter;
  private readonly words: RowInserter;
  private readonly networks: RowInserter;
  private readonly extend: Database.Statement<[number, number]>;
  private readonly record: Database.Statement<[number, number]>;

  constructor(db: Database.Database, schema: string) {
    this.deletes = [
      db.prepare<[number]>(`delete from ${schema}.refs where seq = ?`),
      db.prepare<[number]>(`delete from ${schema}.observables where seq = ?`),
      db.prepare<[number]>(`delete from ${schema}.labels where seq = ?`),
      db.prepare<[number]>(`delete from ${schema}.search where rowid = ?`),
    ];
    // OR IGNORE: an object may list the same reference, observable or label twice.
    this.refs = new RowInserter(db, `insert or ignore into ${schema}.refs (seq, property, target_id)`, 3);
    this.observables = new RowInserter(db, `insert or ignore into ${schema}.observables (kind, value, seq)`, 3);
    this.labels = new RowInserter(db, `insert or ignore into ${schema}.labels (seq, label)`, 2);
    this.words = new RowInserter(db, `insert into ${schema}.search (rowid, words)`, 2);
    this.networks = new RowInserter(db, `insert or ignore into ${schema}.observable_networks (kind, prefix)`, 2);
    // Contiguous batches extend one range, so `indexed` stays a row or two.
    this.extend = db.prepare<[number, number]>(`update ${schema}.indexed set last = ? where last = ?`);
    this.record = db.prepare<[number, number]>(`insert into ${schema}.indexed (first, last) values (?, ?)`);
  }

  /** Removes what `seqs` indexed (a demoted version, or one indexed again by recovery). */
  clear(seqs: readonly number[]): void {
    for (const seq of seqs) for (const d of this.deletes) d.run(seq);
  }

  /** Applies one batch; the caller holds the transaction. */
  write(b: DerivedBatch): void {
    this.clear(b.demoted);
    this.refs.insert(b.refs);
    this.observables.insert(b.observables);
    this.labels.insert(b.labels);
    const words: Value[] = [];
    for (let i = 0; i < b.words.length; i += 2) {
      const doc = ftsDocument(b.words[i + 1] as string);
      if (doc !== '') words.push(b.words[i] as number, doc);
    }
    this.words.insert(words);
    this.networks.insert(b.networks);
    if (b.first <= b.last) this.covered(b.first, b.last);
  }

  /** Records that the seqs first..last have their derived rows (index-file.ts, recovery). */
  covered(first: number, last: number): void {
    if (this.extend.run(last, first - 1).changes === 0) this.record.run(first, last);
  }
}
