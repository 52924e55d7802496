// Sharing groups received from peers (issue 5, item 3): an object distributed to a sharing
// group carries that group, signed by its origin node, and the receiving node keeps it (read-only)
// so that its members there can read the object. `origin_key` is the key id of the node that
// manages the group; null for the groups of this node.
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `sharing_groups.origin_key`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('sharing_groups').addColumn('origin_key', t.key).execute();
}
