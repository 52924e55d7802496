// The prefix lengths of the IP networks held as observables, per kind. A lookup of an address
// probes its covering networks of these lengths only, instead of all 32 (IPv4) or 128 (IPv6).
// Rows are only added: a length no longer held costs one useless probe, never a missed match.
import { sql, type Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `observable_networks` (kind, prefix). */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  let table = db.schema
    .createTable('observable_networks')
    .addColumn('kind', t.key, (c) => c.notNull())
    .addColumn('prefix', t.int, (c) => c.notNull())
    .addPrimaryKeyConstraint('observable_networks_pk', ['kind', 'prefix']);
  if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  // Networks indexed before this table existed.
  const slash = dialect === 'sqlite' ? sql`instr(value, '/')` : sql`strpos(value, '/')`;
  await sql`insert into observable_networks (kind, prefix)
    select distinct kind, cast(substr(value, ${slash} + 1) as integer) from observables
    where kind in ('ipv4', 'ipv6') and ${slash} > 0`.execute(db);
}
