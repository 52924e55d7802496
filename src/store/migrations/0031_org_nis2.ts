// What an organisation is under NIS2 (issue 16, must 2): a CSIRT, or an essential or important
// entity with its Annex I/II sectors and the CSIRT whose constituency it is in (Art. 3, Art. 11).
import type { Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Adds `nis2_role`, `sectors` and `csirt_org` to `organizations`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('organizations').addColumn('nis2_role', t.text).execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('sectors', t.text, (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('organizations').addColumn('csirt_org', t.text).execute();
  await db.schema.createIndex('organizations_csirt').on('organizations').column('csirt_org').execute();
}
