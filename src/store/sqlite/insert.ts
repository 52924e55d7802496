// The SQLite ingest hot path: better-sqlite3 prepared statements, one IMMEDIATE transaction per
// batch. Kysely would compile and prepare each statement per row; here each is prepared once.
//
// A batch is first decided in memory (which objects are new, which become latest, their seqs),
// then written table by table with multi-row statements (rows.ts): one probe query for the
// whole batch instead of one per object. What derives from the latest versions goes to the
// index file (index-file.ts): within the same transaction for small batches, and through the
// index writer thread for large ones (index-writer.ts), which writes it while this thread writes
// `objects`.
import { join, dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { InsertResult } from '../../domain/objects/types.ts';
import type { PreparedObject } from '../../domain/ingest/prepared.ts';
import type { AccessLabel } from '../../domain/access/types.ts';
import { accessRow } from '../shared/access-row.ts';
import { idKey } from '../shared/id-key.ts';
import { DerivedWriter, derivedBatch, type DerivedBatch } from './derived.ts';
import { INDEX_FILE, INDEX_SCHEMA, recoverIndex } from './index-file.ts';
import { IndexWriter } from './index-writer.ts';
import { RowInserter } from './rows.ts';

/** Batches of at least this many objects have their derived rows written by the index writer
 *  thread (an import's batches); smaller ones (API writes, tests) within their transaction. */
const PARALLEL_FROM = 1000;
/** A large batch with more derived data than this (characters, ~64 per row) is indexed on this
 *  thread all the same: it must stay far below the index writer's heap limit (index-writer.ts). */
const PARALLEL_MAX_CHARS = 16 * 2 ** 20;

function derivedChars(objects: readonly PreparedObject[]): number {
  let n = 0;
  for (const o of objects) n += o.searchText.length + 64 * (o.refs.length + o.observables.length + o.labels.length);
  return n;
}

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
  /** Its id's key (shared/id-key.ts). */
  key: number;
  /** Cleared when a greater version of the same id follows in the batch. */
  latest: boolean;
  label: AccessLabel | null;
}

type Labels = readonly (AccessLabel | null)[] | undefined;

function prepare(db: Database.Database) {
  return {
    lastRow: db.prepare<[], { seq: number; added_at: string }>('select seq, added_at from objects order by seq desc limit 1'),
    // Every version held under the keys of the batch's ids (usually none): one statement whose
    // IN list SQLite sorts, so the id_key index is probed in key order. A key may also match
    // another id (shared/id-key.ts); heldVersions keeps the batch's own.
    versionsOf: db.prepare<[string], Version & { id: string }>(
      'select seq, id, version from objects where id_key in (select value from json_each(?))',
    ),
    jsonOf: db.prepare<[number], string>('select json from objects where seq = ?').pluck(),
    clearLatest: db.prepare<[number]>('update objects set latest = 0 where seq = ?'),
    lockMain: db.prepare<[]>('update main.objects set latest = latest where seq = 0'),
    // seq is given explicitly: INTEGER PRIMARY KEY, so max(seq) + 1 onward appends as SQLite
    // itself would (migrations/0001_objects.ts), and the derived rows can be built beforehand.
    objects: new RowInserter(
      db,
      'insert into objects (seq, id, id_key, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json, origin_key, source_id' +
        // The dashboard's columns (migrations/0029).
        ', own_day, relationship_type)',
      16,
    ),
    access: new RowInserter(db, 'insert into object_access (seq, owner_org, tlp, distribution, label)', 5),
    // Processes' caches of marking-definitions follow this count (migrations/0025_state_changes.ts).
    markingsChanged: db.prepare<[]>("update state_changes set generation = generation + 1 where kind = 'markings'"),
  };
}

type Statements = ReturnType<typeof prepare>;

/** A batch decided and its `objects` rows written; its derived rows still to write. */
interface Planned {
  results: InsertResult[];
  derived: DerivedBatch;
}

/** Writes object batches into SQLite; see ObjectRepo.insertBatch for the semantics. */
export class SqliteWriter {
  private readonly db: Database.Database;
  private readonly inline: (objects: readonly PreparedObject[], labels: Labels) => InsertResult[];
  private readonly parallel: (objects: readonly PreparedObject[], labels: Labels, ix: IndexWriter) => InsertResult[];
  private indexWriter: IndexWriter | undefined;
  /** The index file commits not yet answered. */
  private pending: Promise<void> = Promise.resolve();
  /** Set when one of them failed. */
  private lost = false;

  constructor(db: Database.Database) {
    const s = prepare(db);
    const derived = new DerivedWriter(db, INDEX_SCHEMA);
    this.db = db;
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout)
    // instead of failing when a read transaction tries to upgrade. It locks the main file, then
    // the index file: the order of index-writer.ts.
    this.inline = db.transaction((objects: readonly PreparedObject[], labels: Labels) => {
      const p = writeBatch(s, objects, labels, () => undefined);
      derived.write(p.derived);
      return p.results;
    }).immediate;
    // Not IMMEDIATE: that would lock the index file too, which the index writer must lock. The
    // first statement writes (nothing) to the main file, so the main file is locked at once all
    // the same, before anything is read.
    this.parallel = db.transaction((objects: readonly PreparedObject[], labels: Labels, ix: IndexWriter) => {
      s.lockMain.run();
      const p = writeBatch(s, objects, labels, (d) => ix.begin(d));
      // The main file commits only once the index writer holds the index file's lock.
      ix.awaitLocked();
      return p.results;
    });
    open.set(db, this);
  }

  /**
   * Stores a batch in one transaction per file; results are in input order. A large `bulk`
   * batch returns once the main file committed; its index file commit completes on the index
   * writer thread while the caller prepares the next batch (`settled` waits for it), so until
   * then a lookup or search may not find the batch's versions, while reading them by id or
   * listing them does. Any other batch returns once both files committed.
   */
  async insertBatch(objects: readonly PreparedObject[], labels?: Labels, bulk = false): Promise<InsertResult[]> {
    if (objects.length === 0) return [];
    const inline = objects.length < PARALLEL_FROM || derivedChars(objects) > PARALLEL_MAX_CHARS;
    if (inline || this.lost) {
      await this.settled();
      if (inline) return this.inline(objects, labels);
    }
    if (this.indexWriter?.failed) this.indexWriter = undefined;
    this.indexWriter ??= new IndexWriter(indexFilePath(this.db), this.db.name);
    const ix = this.indexWriter;
    let results: InsertResult[];
    try {
      results = this.parallel(objects, labels, ix);
    } catch (e) {
      this.track(ix.end(false), false);
      await this.settled();
      throw e;
    }
    this.track(ix.end(true), true);
    if (!bulk) await this.settled();
    return results;
  }

  /** Waits until the index file holds every batch written so far. */
  async settled(): Promise<void> {
    await this.pending;
    if (!this.lost) return;
    // An index file commit failed (its objects are stored): index them again now, on this
    // connection, as the next open would.
    this.lost = false;
    recoverIndex(this.db);
  }

  /** Stops the index writer thread, if one was started, once what it has is committed. */
  async close(): Promise<void> {
    const ix = this.indexWriter;
    this.indexWriter = undefined;
    await this.pending;
    await ix?.close();
  }

  private track(end: Promise<void>, commit: boolean): void {
    const done = end.catch(() => {
      if (commit) this.lost = true;
    });
    this.pending = Promise.all([this.pending, done]).then(() => undefined);
  }
}

const open = new WeakMap<Database.Database, SqliteWriter>();

/** Stops the index writer of the connection `db`, if any (the store is closing). */
export function closeWriter(db: Database.Database): Promise<void> {
  return open.get(db)?.close() ?? Promise.resolve();
}

function indexFilePath(db: Database.Database): string {
  const file = db.prepare<[], string>(`select file from pragma_database_list where name = '${INDEX_SCHEMA}'`).pluck().get();
  return file !== undefined && file !== '' ? file : join(dirname(db.name), INDEX_FILE);
}

/**
 * Decides the batch, hands its derived rows to `derivedReady` (before the `objects` rows are
 * written, so that the index writer works meanwhile), writes the `objects` rows.
 */
function writeBatch(s: Statements, objects: readonly PreparedObject[], labels: Labels, derivedReady: (d: DerivedBatch) => void): Planned {
  const last = s.lastRow.get();
  // added_at never decreases with seq, even if the clock steps back (StoredObject.addedAt).
  const now = new Date().toISOString();
  const addedAt = last !== undefined && last.added_at > now ? last.added_at : now;
  // Each id's key, hashed once: the probe and the rows both need it.
  const keys = new Map(objects.map((o) => [o.id, idKey(o.id)] as const));
  const held = heldVersions(s, keys);
  const pending: Pending[] = [];
  const demoted: number[] = [];
  const results: InsertResult[] = [];
  const first = (last?.seq ?? 0) + 1;
  let seq = first - 1;
  for (const [i, o] of objects.entries()) {
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
    const p: Pending = {
      seq: ++seq,
      object: o,
      key: keys.get(o.id) ?? idKey(o.id),
      latest: current === undefined || o.version > current.version,
      label: labels?.[i] ?? null,
    };
    pending.push(p);
    results.push({ status: 'inserted', seq: p.seq });
    versions.push({ seq: p.seq, version: o.version, pending: p });
    held.set(o.id, versions);
    if (!p.latest || current === undefined) continue;
    if (current.pending !== undefined) current.pending.latest = false;
    else {
      // The previous latest version: demoted here, its derived rows removed with the batch's.
      s.clearLatest.run(current.seq);
      demoted.push(current.seq);
    }
  }
  const latest = pending.filter((p) => p.latest).map((p) => [p.seq, p.object] as const);
  const derived = derivedBatch(latest, demoted, first, seq);
  derivedReady(derived);
  writeObjects(s, pending, addedAt);
  if (pending.some((p) => p.object.type === 'marking-definition')) s.markingsChanged.run();
  return { results, derived };
}

/** The versions already stored for the ids in `keys` (id → its key), by id. */
function heldVersions(s: Statements, keys: ReadonlyMap<string, number>): Map<string, Version[]> {
  const held = new Map<string, Version[]>();
  for (const { id, seq, version } of s.versionsOf.all(JSON.stringify([...keys.values()]))) {
    if (!keys.has(id)) continue;
    const versions = held.get(id) ?? [];
    versions.push({ seq, version });
    held.set(id, versions);
  }
  return held;
}

function writeObjects(s: Statements, pending: readonly Pending[], addedAt: string): void {
  const flat: (string | number | null)[] = [];
  const access: (string | number)[] = [];
  for (const { seq, object: o, key, latest, label } of pending) {
    flat.push(
      seq,
      o.id,
      key,
      o.version,
      o.type,
      o.specVersion,
      o.created,
      o.createdByRef,
      o.revoked ? 1 : 0,
      latest ? 1 : 0,
      addedAt,
      o.json,
      o.originKey ?? null,
      o.sourceId ?? null,
      // The dashboard's columns (migrations/0029).
      o.ownDay,
      o.relationshipType,
    );
    if (label === null) continue;
    const a = accessRow(seq, label);
    access.push(a.seq, a.owner_org, a.tlp, a.distribution, a.label);
  }
  s.objects.insert(flat);
  s.access.insert(access);
}
