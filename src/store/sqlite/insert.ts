// The SQLite ingest hot path: better-sqlite3 prepared statements, one IMMEDIATE transaction per
// batch. Kysely would compile and prepare each statement per row; here each is prepared once.
//
// A batch is first decided in memory (which objects are new, which become latest, their seqs),
// then written table by table with multi-row statements (rows.ts): one probe query for the
// whole batch instead of one per object, and the derived rows of each table written together,
// the observables sorted by key so that consecutive inserts land on the same index pages.
import type Database from 'better-sqlite3';
import type { InsertResult, PreparedObject } from '../types.ts';
import { networkPrefixes } from '../shared/object.reads.ts';
import { ftsDocument } from '../shared/search-words.ts';
import { RowInserter } from './rows.ts';

/** A version of an id: stored before this batch, or pending in it (then `pending` is set). */
interface Version {
  seq: number;
  version: string;
  pending?: Pending;
}

/** An object of this batch that will be inserted. */
interface Pending {
  seq: number;
  object: PreparedObject;
  /** Cleared when a greater version of the same id follows in the batch. */
  latest: boolean;
}

function prepare(db: Database.Database) {
  return {
    lastRow: db.prepare<[], { seq: number; added_at: string }>('select seq, added_at from objects order by seq desc limit 1'),
    // Every version held for the batch's ids (usually none): one statement whose IN list
    // SQLite sorts, so the unique (id, version) index is probed in key order.
    versionsOf: db.prepare<[string], Version & { id: string }>(
      'select seq, id, version from objects where id in (select value from json_each(?))',
    ),
    jsonOf: db.prepare<[number], string>('select json from objects where seq = ?').pluck(),
    clearLatest: db.prepare<[number]>('update objects set latest = 0 where seq = ?'),
    deleteRefs: db.prepare<[number]>('delete from refs where seq = ?'),
    deleteObservables: db.prepare<[number]>('delete from observables where seq = ?'),
    deleteLabels: db.prepare<[number]>('delete from labels where seq = ?'),
    deleteWords: db.prepare<[number]>('delete from search where rowid = ?'),
    // seq is given explicitly: INTEGER PRIMARY KEY, so max(seq) + 1 onward appends as SQLite
    // itself would (migrations/0001_objects.ts), and the derived rows can be built beforehand.
    objects: new RowInserter(
      db,
      'insert into objects (seq, id, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json)',
      11,
    ),
    // OR IGNORE: an object may list the same reference, observable or label twice.
    refs: new RowInserter(db, 'insert or ignore into refs (seq, property, target_id)', 3),
    observables: new RowInserter(db, 'insert or ignore into observables (kind, value, seq)', 3),
    labels: new RowInserter(db, 'insert or ignore into labels (seq, label)', 2),
    words: new RowInserter(db, 'insert into search (rowid, words)', 2),
    networks: new RowInserter(db, 'insert or ignore into observable_networks (kind, prefix)', 2),
  };
}

type Statements = ReturnType<typeof prepare>;

/** Writes object batches into SQLite; see ObjectRepo.insertBatch for the semantics. */
export class SqliteWriter {
  private readonly batch: (objects: readonly PreparedObject[]) => InsertResult[];

  constructor(db: Database.Database) {
    const s = prepare(db);
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout)
    // instead of failing when a read transaction tries to upgrade.
    this.batch = db.transaction((objects: readonly PreparedObject[]) => writeBatch(s, objects)).immediate;
  }

  /** Stores a batch in one transaction; results are in input order. */
  insertBatch(objects: readonly PreparedObject[]): InsertResult[] {
    return objects.length === 0 ? [] : this.batch(objects);
  }
}

function writeBatch(s: Statements, objects: readonly PreparedObject[]): InsertResult[] {
  const last = s.lastRow.get();
  // added_at never decreases with seq, even if the clock steps back (StoredObject.addedAt).
  const now = new Date().toISOString();
  const addedAt = last !== undefined && last.added_at > now ? last.added_at : now;
  const held = heldVersions(s, objects);
  const pending: Pending[] = [];
  const results: InsertResult[] = [];
  let seq = last?.seq ?? 0;
  for (const o of objects) {
    const versions = held.get(o.id) ?? [];
    const same = versions.find((v) => v.version === o.version);
    // Held already, possibly from earlier in this batch: report the stored text.
    if (same !== undefined) {
      results.push({ status: 'exists', existingJson: same.pending?.object.json ?? s.jsonOf.get(same.seq) ?? '' });
      continue;
    }
    let current: Version | undefined;
    for (const v of versions) if (current === undefined || v.version > current.version) current = v;
    // The greatest version is the latest; an older one arriving late is stored but changes nothing.
    const p: Pending = { seq: ++seq, object: o, latest: current === undefined || o.version > current.version };
    pending.push(p);
    results.push({ status: 'inserted', seq: p.seq });
    versions.push({ seq: p.seq, version: o.version, pending: p });
    held.set(o.id, versions);
    if (!p.latest || current === undefined) continue;
    if (current.pending !== undefined) current.pending.latest = false;
    else unindex(s, current.seq);
  }
  writeObjects(s, pending, addedAt);
  writeDerived(s, pending);
  return results;
}

/** The versions already stored for the ids of `objects`, by id. */
function heldVersions(s: Statements, objects: readonly PreparedObject[]): Map<string, Version[]> {
  const held = new Map<string, Version[]>();
  for (const { id, seq, version } of s.versionsOf.all(JSON.stringify(objects.map((o) => o.id)))) {
    const versions = held.get(id) ?? [];
    versions.push({ seq, version });
    held.set(id, versions);
  }
  return held;
}

function writeObjects(s: Statements, pending: readonly Pending[], addedAt: string): void {
  const flat: (string | number | null)[] = [];
  for (const { seq, object: o, latest } of pending) {
    flat.push(seq, o.id, o.version, o.type, o.specVersion, o.created, o.createdByRef, o.revoked ? 1 : 0, latest ? 1 : 0, addedAt, o.json);
  }
  s.objects.insert(flat);
}

/** Indexes the latest versions among `pending`: refs, observables, labels, words. */
function writeDerived(s: Statements, pending: readonly Pending[]): void {
  const refs: (string | number)[] = [];
  const observables: { kind: string; value: string; seq: number }[] = [];
  const labels: (string | number)[] = [];
  const words: (string | number)[] = [];
  for (const { seq, object: o, latest } of pending) {
    if (!latest) continue;
    for (const r of o.refs) refs.push(seq, r.property, r.target);
    for (const ob of o.observables) observables.push({ kind: ob.kind, value: ob.value, seq });
    for (const l of o.labels) labels.push(seq, l);
    const doc = ftsDocument(o.searchText);
    if (doc !== '') words.push(seq, doc);
  }
  // Observable values are scattered (hashes, addresses): in key order, a batch's inserts walk
  // the (kind, value) b-tree once from left to right instead of jumping across it.
  observables.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : a.seq - b.seq));
  s.refs.insert(refs);
  s.observables.insert(observables.flatMap((ob) => [ob.kind, ob.value, ob.seq]));
  s.labels.insert(labels);
  s.words.insert(words);
  s.networks.insert([...networkPrefixes(observables).values()].flatMap((n) => [n.kind, n.prefix]));
}

/** Demotes the previous latest version `seq` and removes what it indexed. */
function unindex(s: Statements, seq: number): void {
  s.clearLatest.run(seq);
  s.deleteRefs.run(seq);
  s.deleteObservables.run(seq);
  s.deleteLabels.run(seq);
  s.deleteWords.run(seq);
}
