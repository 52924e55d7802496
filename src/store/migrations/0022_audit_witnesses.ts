// What this node holds of its peers' audit heads (domain/federation/audit-witness.ts): the latest
// statement each peer signed, kept so that the peer can check its own history against it later.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `audit_witnesses`, one row per stating node key. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('audit_witnesses')
    .addColumn('key_id', t.key, (c) => c.primaryKey())
    .addColumn('seq', t.int, (c) => c.notNull())
    // The statement as the peer signed it (JSON), shown back to it unchanged.
    .addColumn('statement', t.text, (c) => c.notNull())
    .addColumn('witnessed_at', t.key, (c) => c.notNull())
    .execute();
}
