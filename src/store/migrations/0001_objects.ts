// Object versions and what hangs off each object's latest version: refs, observables, labels
// and the full-text index (DESIGN.md, Data model).
//
// The latest version is marked by `objects.latest` and indexed by partial indexes (WHERE
// latest), rather than copied into a table of its own keyed by id: such a table costs a second
// random-key b-tree insert per object, and random-key inserts dominate ingest cost (measured
// in bench/store-insert.ts). The index of ids already finds an id's latest version: its greatest
// version (on SQLite, since migration 0024, the index of their integer keys).
import { sql, type Kysely, type CreateTableBuilder, type SqlBool } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `objects` with its latest-version indexes, `refs`, `observables`, `labels`, `search`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await createObjects(db, dialect);
  await createDerived(db, dialect);
  await createFullText(db, dialect);
}

/** SQLite tables keyed by their primary key alone are stored WITHOUT ROWID (one b-tree, not two). */
function clustered<T extends string, C extends string>(t: CreateTableBuilder<T, C>, dialect: StoreDialect): CreateTableBuilder<T, C> {
  return dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t;
}

/** The predicate of the latest-version partial indexes; queries repeat it literally (sql-dialect.ts). */
function latestPredicate(dialect: StoreDialect, revoked = false) {
  if (dialect === 'postgres') return revoked ? sql<SqlBool>`latest and revoked` : sql<SqlBool>`latest`;
  return revoked ? sql<SqlBool>`latest = 1 and revoked = 1` : sql<SqlBool>`latest = 1`;
}

async function createObjects(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  // TAXII cursors and `added_after` readers rely on seq only growing. Rows of `objects` are
  // never deleted (a retraction keeps a tombstone version), so SQLite's plain INTEGER PRIMARY
  // KEY, which takes max(rowid) + 1, only grows too. AUTOINCREMENT would guarantee that
  // after deletions as well, at the price of an update of sqlite_sequence per insert (~4 µs).
  const base = db.schema.createTable('objects');
  const withSeq =
    dialect === 'postgres'
      ? base.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : base.addColumn('seq', 'integer', (c) => c.primaryKey());
  await withSeq
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('version', t.key, (c) => c.notNull())
    .addColumn('type', t.key, (c) => c.notNull())
    .addColumn('spec_version', t.key, (c) => c.notNull())
    .addColumn('created', t.key)
    .addColumn('created_by_ref', t.key)
    .addColumn('revoked', t.bool, (c) => c.notNull())
    .addColumn('latest', t.bool, (c) => c.notNull())
    .addColumn('added_at', t.key, (c) => c.notNull())
    .addColumn('json', t.text, (c) => c.notNull())
    .addUniqueConstraint('objects_id_version', ['id', 'version'])
    .execute();
  // added_at grows with seq, so this index turns an added_at bound into a seq bound.
  await db.schema.createIndex('objects_added_at').on('objects').columns(['added_at', 'seq']).execute();
  const latest = latestPredicate(dialect);
  const partial = (name: string, columns: string[]) => db.schema.createIndex(name).on('objects').columns(columns).where(latest).execute();
  // No partial index on (seq) alone: objects is stored in seq order already, and most rows are
  // latest versions, so an unfiltered listing reads the table itself.
  await partial('objects_latest_type', ['type', 'seq']);
  await partial('objects_latest_created_by', ['created_by_ref', 'seq']);
  await partial('objects_latest_version', ['version']);
  // Revoked versions are few, so this index is small and costs nothing to other inserts.
  await db.schema.createIndex('objects_latest_revoked').on('objects').columns(['seq']).where(latestPredicate(dialect, true)).execute();
}

async function createDerived(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  // Keyed by the source's seq, so that new rows append rather than land at random places.
  await clustered(
    db.schema
      .createTable('refs')
      .addColumn('seq', t.int, (c) => c.notNull())
      .addColumn('property', t.key, (c) => c.notNull())
      .addColumn('target_id', t.key, (c) => c.notNull())
      .addPrimaryKeyConstraint('refs_pk', ['seq', 'property', 'target_id']),
    dialect,
  ).execute();
  await db.schema.createIndex('refs_target').on('refs').columns(['target_id', 'seq']).execute();

  // Keyed by (kind, value) first: a lookup is one index probe per value.
  await clustered(
    db.schema
      .createTable('observables')
      .addColumn('kind', t.key, (c) => c.notNull())
      .addColumn('value', t.key, (c) => c.notNull())
      .addColumn('seq', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('observables_pk', ['kind', 'value', 'seq']),
    dialect,
  ).execute();
  await db.schema.createIndex('observables_seq').on('observables').columns(['seq']).execute();

  await clustered(
    db.schema
      .createTable('labels')
      .addColumn('seq', t.int, (c) => c.notNull())
      .addColumn('label', t.key, (c) => c.notNull())
      .addPrimaryKeyConstraint('labels_pk', ['seq', 'label']),
    dialect,
  ).execute();
  await db.schema.createIndex('labels_label').on('labels').columns(['label', 'seq']).execute();
}

async function createFullText(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  if (dialect === 'sqlite') {
    // Contentless (the words are never read back), rows deletable by rowid = seq; the `ascii`
    // tokenizer keeps the words of shared/search-words.ts intact; detail=none because queries
    // are single words, never phrases or NEAR.
    await sql`create virtual table search using fts5(
      words, content = '', contentless_delete = 1, tokenize = 'ascii', detail = none
    )`.execute(db);
    return;
  }
  await db.schema
    .createTable('search')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('words', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index search_words on search using gin (words)`.execute(db);
}
