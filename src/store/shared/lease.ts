// Pull leases (a feed's, a peer's): one pull at a time per row across processes. The row keeps
// who holds it (`lease_holder`) and until when (`lease_until`, an ISO timestamp).
import { sql, type Kysely } from 'kysely';

/** Tables whose rows carry a lease. */
export type LeasedTable = 'feeds' | 'peers';

/**
 * Takes row `id`'s lease for `holder` until `until`, unless another holder's lease runs after
 * `now`; true when taken. One conditional UPDATE: atomic on both engines, so two processes
 * cannot both win.
 */
export async function claimLease<DB>(
  db: Kysely<DB>,
  table: LeasedTable,
  id: string,
  holder: string,
  now: string,
  until: string,
): Promise<boolean> {
  const r = await sql`update ${sql.table(table)} set lease_holder = ${holder}, lease_until = ${until}
    where id = ${id} and (lease_until is null or lease_until < ${now} or lease_holder = ${holder})`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Gives row `id`'s lease back, if `holder` still holds it. */
export async function releaseLease<DB>(db: Kysely<DB>, table: LeasedTable, id: string, holder: string): Promise<void> {
  await sql`update ${sql.table(table)} set lease_holder = null, lease_until = null where id = ${id} and lease_holder = ${holder}`.execute(
    db,
  );
}

/** Who holds row `id`'s lease now (its time may have run out), if anyone. */
export async function leaseHolder<DB>(db: Kysely<DB>, table: LeasedTable, id: string): Promise<string | null> {
  const r = await sql<{ lease_holder: string | null }>`select lease_holder from ${sql.table(table)} where id = ${id}`.execute(db);
  return r.rows[0]?.lease_holder ?? null;
}
