// The writes of the assistance projection (migrations/0039): a batch of projected rows replaces
// the rows of the same ids, each with the `seq` of the version it was projected from, so that
// the reads (assistance.repo.ts) join it to that version's access label.
import { type SqlBool, type Transaction, sql } from 'kysely';
import type { AssistanceRow, DeploymentRecord, ProfileRecord } from '../../domain/assistance/types.ts';
import { versionKey } from '../../domain/stix/timestamp.ts';
import { type AssistanceTables, decisionRow, deploymentRow, offerRow, profileRow, requestRow, workRow } from './assistance.rows.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

type Tx = Transaction<Tables & AssistanceTables>;

// Rows per statement: 17 columns each stays well under SQLite's 32,766 bound parameters.
const CHUNK = 400;

/** Every table a row id may be in: a removal clears it from each. */
const ROW_TABLES = [
  'assistance_requests',
  'assistance_offers',
  'assistance_decisions',
  'deployments',
  'expert_profiles',
  'deployment_work',
] as const;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

/** Stores (or replaces) `rows` in `tx`. */
export async function putRows(tx: Tx, rows: readonly AssistanceRow[], dialect: SqlDialect): Promise<void> {
  const of = byKind(rows);
  const seqs = await versionSeqs(tx, rows, dialect);
  const seq = (r: { id: string }): number => seqs.get(r.id) ?? 0;
  const bool = dialect.bool;
  for (const chunk of chunks(of.request)) {
    await replace(tx, 'assistance_requests', chunk);
    await tx
      .insertInto('assistance_requests')
      .values(chunk.map((r) => requestRow(r, seq(r))))
      .execute();
  }
  for (const chunk of chunks(of.offer)) {
    await replace(tx, 'assistance_offers', chunk);
    await tx
      .insertInto('assistance_offers')
      .values(chunk.map((r) => offerRow(r, seq(r))))
      .execute();
  }
  for (const chunk of chunks(of.decision)) {
    await replace(tx, 'assistance_decisions', chunk);
    await tx
      .insertInto('assistance_decisions')
      .values(chunk.map((r) => decisionRow(r, seq(r))))
      .execute();
  }
  for (const chunk of chunks(of.deployment)) await putDeployments(tx, chunk, seq);
  for (const chunk of chunks(of.profile)) await putProfiles(tx, chunk, seq, bool);
  for (const chunk of chunks(of.work)) {
    await replace(tx, 'deployment_work', chunk);
    await tx
      .insertInto('deployment_work')
      .values(chunk.map((r) => workRow(r, seq(r))))
      .execute();
  }
}

/** Removes the rows of `ids` (of any kind) in `tx`. */
export async function removeRows(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const chunk of chunks(ids)) {
    for (const table of ROW_TABLES) await tx.deleteFrom(table).where('id', 'in', chunk).execute();
    await tx.deleteFrom('deployment_members').where('deployment_id', 'in', chunk).execute();
    await tx.deleteFrom('profile_windows').where('profile_id', 'in', chunk).execute();
  }
}

/** The seq of the version each row was projected from: the version whose `modified` is the
 *  record's, or else the object's latest (the projector reads latest versions). A row whose
 *  object is not stored gets 0, which no label has: it is read by no one. */
async function versionSeqs(tx: Tx, rows: readonly AssistanceRow[], dialect: SqlDialect): Promise<Map<string, number>> {
  const wanted = new Map(rows.map((r) => [r.record.id, versionKey(r.record.modified)]));
  const seqs = new Map<string, number>();
  const exact = new Set<string>();
  for (const chunk of chunks([...wanted.keys()])) {
    const versions = await tx
      .selectFrom('objects as o')
      .select(['o.seq', 'o.id', 'o.version'])
      .where(sql<SqlBool>`${dialect.idIn('o', chunk)}`)
      .execute();
    for (const v of versions) {
      const seq = Number(v.seq);
      if (exact.has(v.id)) continue;
      if (wanted.get(v.id) === v.version) {
        exact.add(v.id);
        seqs.set(v.id, seq);
      } else if (seq > (seqs.get(v.id) ?? 0)) seqs.set(v.id, seq);
    }
  }
  return seqs;
}

/** The rows' records, by kind. */
function byKind(rows: readonly AssistanceRow[]): { [R in AssistanceRow as R['kind']]: R['record'][] } {
  const of: ReturnType<typeof byKind> = { request: [], offer: [], decision: [], deployment: [], profile: [], work: [] };
  for (const r of rows) {
    switch (r.kind) {
      case 'request':
        of.request.push(r.record);
        break;
      case 'offer':
        of.offer.push(r.record);
        break;
      case 'decision':
        of.decision.push(r.record);
        break;
      case 'deployment':
        of.deployment.push(r.record);
        break;
      case 'profile':
        of.profile.push(r.record);
        break;
      case 'work':
        of.work.push(r.record);
        break;
    }
  }
  return of;
}

/** Deletes the rows a chunk replaces. */
async function replace(tx: Tx, table: (typeof ROW_TABLES)[number], chunk: readonly { id: string }[]): Promise<void> {
  await tx
    .deleteFrom(table)
    .where(
      'id',
      'in',
      chunk.map((r) => r.id),
    )
    .execute();
}

/** Stores deployments with their members (the `deploymentsWith` lookup). */
async function putDeployments(tx: Tx, chunk: readonly DeploymentRecord[], seq: (r: { id: string }) => number): Promise<void> {
  await replace(tx, 'deployments', chunk);
  await tx
    .deleteFrom('deployment_members')
    .where(
      'deployment_id',
      'in',
      chunk.map((r) => r.id),
    )
    .execute();
  await tx
    .insertInto('deployments')
    .values(chunk.map((r) => deploymentRow(r, seq(r))))
    .execute();
  const members = chunk.flatMap((d) => [...new Set(d.profileIds)].map((p) => ({ deployment_id: d.id, profile_id: p })));
  for (const part of chunks(members)) await tx.insertInto('deployment_members').values(part).execute();
}

/** Stores profiles with their availability windows (the `profiles` window test). */
async function putProfiles(
  tx: Tx,
  chunk: readonly ProfileRecord[],
  seq: (r: { id: string }) => number,
  bool: (v: boolean) => number | boolean,
): Promise<void> {
  await replace(tx, 'expert_profiles', chunk);
  await tx
    .deleteFrom('profile_windows')
    .where(
      'profile_id',
      'in',
      chunk.map((r) => r.id),
    )
    .execute();
  await tx
    .insertInto('expert_profiles')
    .values(chunk.map((r) => profileRow(r, seq(r), bool)))
    .execute();
  const windows = chunk.flatMap((p) => p.availability.map((w) => ({ profile_id: p.id, from_at: w.from, until_at: w.until })));
  for (const part of chunks(windows)) await tx.insertInto('profile_windows').values(part).execute();
}
