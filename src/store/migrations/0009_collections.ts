// TAXII 2.1 collections configured by administrators (TAXII 2.1 §1.6.4, §5), what was added to
// write-target collections, and the status resources of add-objects requests (§4.3.1).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `collections`, `collection_objects` and `taxii_status`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('collections')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('title', t.text, (c) => c.notNull())
    .addColumn('description', t.text, (c) => c.notNull())
    // §5.2.1: an alias MUST be unique within an API root; NULLs do not clash on either engine.
    .addColumn('alias', t.key, (c) => c.unique())
    .addColumn('kind', t.key, (c) => c.notNull())
    // JSON text: the saved query, the read and write grants, the media types.
    .addColumn('query', t.text, (c) => c.notNull())
    .addColumn('read_grants', t.text, (c) => c.notNull())
    .addColumn('write_grants', t.text, (c) => c.notNull())
    .addColumn('media_types', t.text, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .execute();

  // One row per object version added to a write-target collection. `n` orders the collection by
  // date added (§3.3) and is the cursor of its pages: a version already held in the store that
  // is added later is new to the collection, and `added_at` says when.
  const base = db.schema.createTable('collection_objects');
  const withN =
    dialect === 'postgres'
      ? base.addColumn('n', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : base.addColumn('n', 'integer', (c) => c.primaryKey());
  await withN
    .addColumn('collection_id', t.key, (c) => c.notNull())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('added_at', t.key, (c) => c.notNull())
    .addUniqueConstraint('collection_objects_member', ['collection_id', 'seq'])
    .execute();
  await db.schema.createIndex('collection_objects_order').on('collection_objects').columns(['collection_id', 'n']).execute();

  await db.schema
    .createTable('taxii_status')
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('collection_id', t.key, (c) => c.notNull())
    // The creator's organisation: only its members see the status (null: the command line).
    .addColumn('org_id', t.key)
    .addColumn('status', t.key, (c) => c.notNull())
    .addColumn('request_timestamp', t.key, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    // JSON text: the status resource's counts and lists.
    .addColumn('body', t.text, (c) => c.notNull())
    .execute();
}
