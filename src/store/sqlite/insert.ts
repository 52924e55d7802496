// The SQLite ingest hot path: better-sqlite3 prepared statements, one IMMEDIATE transaction per
// batch. Kysely would compile and prepare each statement per row; here each is prepared once.
import type Database from 'better-sqlite3';
import type { InsertResult, PreparedObject } from '../types.ts';
import { ftsDocument } from '../shared/search-words.ts';

interface VersionRow {
  seq: number;
  version: string;
}

type ObjectParams = [string, string, string, string, string | null, string | null, number, number, string, string];

function prepare(db: Database.Database) {
  return {
    lastAddedAt: db.prepare<[], string>('select added_at from objects order by seq desc limit 1').pluck(),
    // Every version held for an id (usually none or one): one probe of the unique (id, version)
    // index, which also brings into the cache the page the insert below writes to. Cheaper
    // than `order by version desc limit 1`, whose backward seek costs twice as much.
    versionsOf: db.prepare<[string], VersionRow>('select seq, version from objects where id = ?'),
    insertObject: db.prepare<ObjectParams>(
      `insert into objects (id, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    existingJson: db.prepare<[string, string], string>('select json from objects where id = ? and version = ?').pluck(),
    clearLatest: db.prepare<[number]>('update objects set latest = 0 where seq = ?'),
    deleteRefs: db.prepare<[number]>('delete from refs where seq = ?'),
    deleteObservables: db.prepare<[number]>('delete from observables where seq = ?'),
    deleteLabels: db.prepare<[number]>('delete from labels where seq = ?'),
    deleteWords: db.prepare<[number]>('delete from search where rowid = ?'),
    // OR IGNORE: an object may list the same reference, observable or label twice.
    insertRef: db.prepare<[number, string, string]>('insert or ignore into refs (seq, property, target_id) values (?, ?, ?)'),
    insertObservable: db.prepare<[string, string, number]>('insert or ignore into observables (kind, value, seq) values (?, ?, ?)'),
    insertLabel: db.prepare<[number, string]>('insert or ignore into labels (seq, label) values (?, ?)'),
    insertWords: db.prepare<[number, string]>('insert into search (rowid, words) values (?, ?)'),
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
  // added_at never decreases with seq, even if the clock steps back (StoredObject.addedAt).
  const now = new Date().toISOString();
  const last = s.lastAddedAt.get();
  const addedAt = last !== undefined && last > now ? last : now;
  const results: InsertResult[] = [];
  for (const o of objects) {
    const held = s.versionsOf.all(o.id);
    let current: VersionRow | undefined;
    for (const v of held) if (current === undefined || v.version > current.version) current = v;
    // Held already, possibly from earlier in this batch: report the stored text.
    if (held.some((v) => v.version === o.version)) {
      results.push({ status: 'exists', existingJson: s.existingJson.get(o.id, o.version) ?? '' });
      continue;
    }
    // The greatest version is the latest; an older one arriving late is stored but changes nothing.
    const becomesLatest = current === undefined || o.version > current.version;
    const info = s.insertObject.run(
      o.id, o.version, o.type, o.specVersion, o.created, o.createdByRef, o.revoked ? 1 : 0, becomesLatest ? 1 : 0, addedAt, o.json,
    );
    const seq = Number(info.lastInsertRowid);
    results.push({ status: 'inserted', seq });
    if (!becomesLatest) continue;
    if (current !== undefined) unindex(s, current.seq);
    index(s, o, seq);
  }
  return results;
}

/** Indexes the latest version `seq` of `o`: refs, observables, labels, words. */
function index(s: Statements, o: PreparedObject, seq: number): void {
  for (const r of o.refs) s.insertRef.run(seq, r.property, r.target);
  for (const ob of o.observables) s.insertObservable.run(ob.kind, ob.value, seq);
  for (const l of o.labels) s.insertLabel.run(seq, l);
  const doc = ftsDocument(o.searchText);
  if (doc !== '') s.insertWords.run(seq, doc);
}

/** Demotes the previous latest version `seq` and removes what it indexed. */
function unindex(s: Statements, seq: number): void {
  s.clearLatest.run(seq);
  s.deleteRefs.run(seq);
  s.deleteObservables.run(seq);
  s.deleteLabels.run(seq);
  s.deleteWords.run(seq);
}
