// The origin of a version received from a peer (issue 5, item 6: only the origin node publishes
// new versions) is kept on the version itself, `objects.origin_key`, written with it. It was a
// table of its own, `object_origins`, keyed by object id: every received object then cost an
// insert at a random place of that table's B-tree and the pages it dirtied, about a tenth of what
// receiving an object cost (bench/RESULTS.md, session 5). The column is appended with the row.
import { sql, type Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `objects.origin_key` (null: not received from a peer), fills it from `object_origins`
 *  for every version of the objects recorded there, and drops that table. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('objects').addColumn('origin_key', t.key).execute();
  if (dialect === 'postgres') {
    await sql`update objects as o set origin_key = r.key_id from object_origins as r where r.object_id = o.id`.execute(db);
  } else {
    await sql`update objects set origin_key = (select key_id from object_origins where object_id = objects.id)
              where id in (select object_id from object_origins)`.execute(db);
  }
  await db.schema.dropTable('object_origins').execute();
}
