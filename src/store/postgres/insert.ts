// The PostgreSQL ingest path: one transaction per batch, each table written by one statement
// over `unnest`ed arrays (a handful of parameters however large the batch).
import { sql, type Transaction } from 'kysely';
import type { InsertResult } from '../../domain/objects/types.ts';
import type { PreparedObject } from '../../domain/ingest/prepared.ts';
import type { AccessLabel } from '../../domain/access/types.ts';
import { accessRow } from '../shared/access-row.ts';
import { searchWords } from '../shared/search-words.ts';
import { networkPrefixes } from '../shared/object.reads.ts';
import type { Tables } from '../shared/tables.ts';

/**
 * Batches are written one at a time across every process on the database: seq order is then
 * commit order, so a reader paging by seq or added_at never skips a row committed late, and
 * added_at can be kept from decreasing. The key is "conc" in ASCII.
 */
const WRITE_LOCK = 0x636f6e63;

interface Fresh {
  o: PreparedObject;
  seq: number;
}

/** Stores a batch in the open transaction `trx`; see ObjectRepo.insertBatch. */
export async function insertBatchPg(
  trx: Transaction<Tables>,
  objects: readonly PreparedObject[],
  labels?: readonly (AccessLabel | null)[],
): Promise<InsertResult[]> {
  await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
  const held = await existingVersions(trx, objects);
  const results: InsertResult[] = [];
  const fresh: { o: PreparedObject; at: number; label: AccessLabel | null }[] = [];
  for (const [i, o] of objects.entries()) {
    const key = `${o.id}\u0000${o.version}`;
    const prior = held.get(key);
    if (prior !== undefined) {
      results.push({ status: 'exists', existingJson: prior });
      continue;
    }
    // A second occurrence in the same batch reports the first as held, as on SQLite.
    held.set(key, o.json);
    fresh.push({ o, at: results.length, label: labels?.[i] ?? null });
    results.push({ status: 'inserted', seq: 0 }); // seq filled in once reserved
  }
  if (fresh.length === 0) return results;
  const { firstSeq, addedAt } = await reserve(trx, fresh.length);
  const rows = fresh.map(({ o, at }, i): Fresh => {
    results[at] = { status: 'inserted', seq: firstSeq + i };
    return { o, seq: firstSeq + i };
  });
  const { winners, demoted } = await planLatest(trx, rows);
  await insertObjects(trx, rows, winners, addedAt);
  // Processes' caches of marking-definitions follow these notifications (migrations/0025), sent
  // when the transaction commits; once per batch rather than by a trigger on every row.
  if (rows.some((r) => r.o.type === 'marking-definition')) await sql`select pg_notify('concord_state', 'markings')`.execute(trx);
  if (demoted.length > 0) await unindex(trx, demoted);
  await index(trx, [...winners]);
  await storeLabels(
    trx,
    fresh.flatMap((f, i) => (f.label === null ? [] : [accessRow(firstSeq + i, f.label)])),
  );
  return results;
}

/** Rows per statement: well under PostgreSQL's 65,535 parameters (5 per row). */
const LABEL_CHUNK = 1000;

async function storeLabels(trx: Transaction<Tables>, rows: ReturnType<typeof accessRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += LABEL_CHUNK)
    await trx
      .insertInto('object_access')
      .values(rows.slice(i, i + LABEL_CHUNK))
      .execute();
}

async function existingVersions(trx: Transaction<Tables>, objects: readonly PreparedObject[]): Promise<Map<string, string>> {
  const r = await sql<{ id: string; version: string; json: string }>`
    select o.id, o.version, o.json
    from unnest(${objects.map((o) => o.id)}::text[], ${objects.map((o) => o.version)}::text[]) as k(id, version)
    join objects as o on o.id = k.id and o.version = k.version`.execute(trx);
  return new Map(r.rows.map((row) => [`${row.id}\u0000${row.version}`, row.json]));
}

/** Reserves `n` consecutive seqs and returns the batch's added_at (never before the last one). */
async function reserve(trx: Transaction<Tables>, n: number): Promise<{ firstSeq: number; addedAt: string }> {
  const r = await sql<{ last_seq: number; last_added: string | null }>`
    select setval(pg_get_serial_sequence('objects', 'seq'), nextval(pg_get_serial_sequence('objects', 'seq')) + ${n - 1}) as last_seq,
           (select added_at from objects order by seq desc limit 1) as last_added`.execute(trx);
  const row = r.rows[0];
  if (row === undefined) throw new Error('seq reservation returned no row');
  const now = new Date().toISOString();
  const addedAt = row.last_added !== null && row.last_added > now ? row.last_added : now;
  return { firstSeq: Number(row.last_seq) - n + 1, addedAt };
}

/** Which of `rows` become their id's latest version, and which held versions they demote. */
async function planLatest(trx: Transaction<Tables>, rows: readonly Fresh[]): Promise<{ winners: Set<Fresh>; demoted: number[] }> {
  const ids = [...new Set(rows.map((r) => r.o.id))];
  const current = await sql<{ id: string; version: string; seq: number }>`
    select id, version, seq from objects where id = any(${ids}::text[]) and latest`.execute(trx);
  const best = new Map<string, { version: string; fresh: Fresh | undefined }>();
  const heldSeq = new Map<string, number>();
  for (const c of current.rows) {
    best.set(c.id, { version: c.version, fresh: undefined });
    heldSeq.set(c.id, Number(c.seq));
  }
  // An older version arriving late is stored but leaves the latest as it is.
  for (const r of rows) {
    const b = best.get(r.o.id);
    if (b === undefined || r.o.version > b.version) best.set(r.o.id, { version: r.o.version, fresh: r });
  }
  const winners = new Set<Fresh>();
  const demoted: number[] = [];
  for (const [id, b] of best) {
    if (b.fresh === undefined) continue;
    winners.add(b.fresh);
    const held = heldSeq.get(id);
    if (held !== undefined) demoted.push(held);
  }
  return { winners, demoted };
}

async function insertObjects(trx: Transaction<Tables>, rows: readonly Fresh[], winners: Set<Fresh>, addedAt: string): Promise<void> {
  const col = <T>(f: (o: PreparedObject) => T): T[] => rows.map((r) => f(r.o));
  await sql`
    insert into objects (seq, id, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json, origin_key, source_id,
                         own_day, relationship_type)
    select s, i, v, t, sv, c, cb, r, l, ${addedAt}, j, ok, si, od, rt
    from unnest(${rows.map((r) => r.seq)}::bigint[], ${col((o) => o.id)}::text[], ${col((o) => o.version)}::text[],
                ${col((o) => o.type)}::text[], ${col((o) => o.specVersion)}::text[], ${col((o) => o.created)}::text[],
                ${col((o) => o.createdByRef)}::text[], ${col((o) => o.revoked)}::boolean[],
                ${rows.map((r) => winners.has(r))}::boolean[], ${col((o) => o.json)}::text[], ${col((o) => o.originKey ?? null)}::text[],
                ${col((o) => o.sourceId ?? null)}::bigint[],
                -- The dashboard's columns (migrations/0029).
                ${col((o) => o.ownDay)}::text[], ${col((o) => o.relationshipType)}::text[])
         as x(s, i, v, t, sv, c, cb, r, l, j, ok, si, od, rt)
    on conflict (id, version) do nothing`.execute(trx);
}

/** Demotes the previous latest versions and removes what they indexed. */
async function unindex(trx: Transaction<Tables>, seqs: readonly number[]): Promise<void> {
  const list = [...seqs];
  await sql`update objects set latest = false where seq = any(${list}::bigint[])`.execute(trx);
  await sql`delete from refs where seq = any(${list}::bigint[])`.execute(trx);
  await sql`delete from observables where seq = any(${list}::bigint[])`.execute(trx);
  await sql`delete from labels where seq = any(${list}::bigint[])`.execute(trx);
  await sql`delete from search where seq = any(${list}::bigint[])`.execute(trx);
}

/** Writes refs, observables, labels and words of the new latest versions. */
async function index(trx: Transaction<Tables>, winners: readonly Fresh[]): Promise<void> {
  if (winners.length === 0) return;
  const refs: [number[], string[], string[]] = [[], [], []];
  const obs: [string[], string[], number[]] = [[], [], []];
  const labels: [number[], string[]] = [[], []];
  const words: [number[], string[]] = [[], []];
  for (const { o, seq } of winners) {
    for (const r of o.refs) {
      refs[0].push(seq);
      refs[1].push(r.property);
      refs[2].push(r.target);
    }
    for (const ob of o.observables) {
      obs[0].push(ob.kind);
      obs[1].push(ob.value);
      obs[2].push(seq);
    }
    for (const l of o.labels) {
      labels[0].push(seq);
      labels[1].push(l);
    }
    const w = searchWords(o.searchText);
    if (w.length > 0) {
      words[0].push(seq);
      words[1].push(w.join(' '));
    }
  }
  // ON CONFLICT DO NOTHING: an object may list the same reference, observable or label twice.
  if (refs[0].length > 0) {
    await sql`insert into refs (seq, property, target_id)
      select * from unnest(${refs[0]}::bigint[], ${refs[1]}::text[], ${refs[2]}::text[]) on conflict do nothing`.execute(trx);
  }
  if (obs[0].length > 0) {
    await sql`insert into observables (kind, value, seq)
      select * from unnest(${obs[0]}::text[], ${obs[1]}::text[], ${obs[2]}::bigint[]) on conflict do nothing`.execute(trx);
  }
  const networks = [...networkPrefixes(winners.flatMap((w) => w.o.observables)).values()];
  if (networks.length > 0) {
    await sql`insert into observable_networks (kind, prefix)
      select * from unnest(${networks.map((n) => n.kind)}::text[], ${networks.map((n) => n.prefix)}::int[]) on conflict do nothing`.execute(
      trx,
    );
  }
  if (labels[0].length > 0) {
    await sql`insert into labels (seq, label)
      select * from unnest(${labels[0]}::bigint[], ${labels[1]}::text[]) on conflict do nothing`.execute(trx);
  }
  if (words[0].length > 0) {
    // array_to_tsvector takes the words as lexemes as they are, with no parser in between.
    await sql`insert into search (seq, words)
      select s, array_to_tsvector(string_to_array(w, ' '))
      from unnest(${words[0]}::bigint[], ${words[1]}::text[]) as x(s, w)`.execute(trx);
  }
}
