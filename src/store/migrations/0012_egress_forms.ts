// Signed egress forms (issue 5, item 4): the text in which this node sends a version it
// originated, with its provenance extension and signature, written when the version is first
// signed and served as stored from then on, so that no page a peer pulls signs or canonicalises
// anything again. One row per version (seq); Ed25519 is deterministic, so a version signed again
// by another process gives the same text and the second insert changes nothing.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `egress_forms`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('egress_forms')
    .addColumn('seq', t.int, (c) => c.primaryKey())
    // The node key that signed it: a form signed by another key is not served.
    .addColumn('key_id', t.key, (c) => c.notNull())
    .addColumn('json', t.text, (c) => c.notNull())
    .execute();
}
