// Retraction bookkeeping on either engine (migrations/0011_federation.ts). Purging keeps the
// version rows (store sequences, and so every peer's cursor, must never go back; see
// migrations/0001_objects.ts) but replaces their content and removes everything derived from it.
import { sql, type Kysely } from 'kysely';
import type { TombstoneRepo } from '../repositories.ts';
import type { Tombstone } from '../../domain/federation/types.ts';
import { chunks } from './chunks.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

interface TombstonesTable {
  object_id: string;
  retracted_at: string;
  retracted_by: string;
  retraction_id: string;
}

type FedTables = Tables & { tombstones: TombstonesTable; egress_forms: { seq: number } };

/** The bare identity a purged version keeps: type, id and version timestamps, nothing else. */
function stub(json: string): string {
  const o = JSON.parse(json) as Record<string, unknown>;
  const keep: Record<string, unknown> = { type: o['type'], spec_version: o['spec_version'] ?? '2.1', id: o['id'] };
  for (const k of ['created', 'modified']) if (o[k] !== undefined) keep[k] = o[k];
  return JSON.stringify({ ...keep, x_concord_retracted: true });
}

/** Tombstones and the purge. */
export class KyselyTombstoneRepo implements TombstoneRepo {
  private readonly db: Kysely<FedTables>;
  private readonly d: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<{ tombstones: TombstonesTable; egress_forms: { seq: number } }>();
    this.d = dialect;
  }

  async get(ids: readonly string[]): Promise<Map<string, Tombstone>> {
    const out = new Map<string, Tombstone>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db.selectFrom('tombstones').selectAll().where('object_id', 'in', part).execute();
      for (const r of rows)
        out.set(r.object_id, {
          objectId: r.object_id,
          retractedAt: r.retracted_at,
          retractedBy: r.retracted_by,
          retractionId: r.retraction_id,
        });
    }
    return out;
  }

  async list(limit: number): Promise<Tombstone[]> {
    const rows = await this.db.selectFrom('tombstones').selectAll().orderBy('retracted_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      objectId: r.object_id,
      retractedAt: r.retracted_at,
      retractedBy: r.retracted_by,
      retractionId: r.retraction_id,
    }));
  }

  async purge(ids: readonly string[], by: string, retractionId: string, at: string): Promise<number> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      let purged = 0;
      for (const part of chunks(unique)) {
        const versions = await tx.selectFrom('objects as o').select(['o.seq', 'o.json']).where(this.d.idIn('o', part)).execute();
        for (const v of versions) {
          await tx
            .updateTable('objects')
            .set({ json: stub(v.json) })
            .where('seq', '=', v.seq)
            .execute();
        }
        const seqs = versions.map((v) => Number(v.seq));
        for (const s of chunks(seqs)) {
          await tx.deleteFrom('object_access').where('seq', 'in', s).execute();
          await tx.deleteFrom('refs').where('seq', 'in', s).execute();
          await tx.deleteFrom('observables').where('seq', 'in', s).execute();
          await tx.deleteFrom('labels').where('seq', 'in', s).execute();
          // The signed form sent to peers holds the content too.
          await tx.deleteFrom('egress_forms').where('seq', 'in', s).execute();
          // The full-text index: an FTS5 table keyed by rowid on SQLite, a table keyed by seq on PostgreSQL.
          if (this.d.name === 'sqlite') await sql`delete from search where rowid in (${sql.join(s)})`.execute(tx);
          else await sql`delete from search where seq in (${sql.join(s)})`.execute(tx);
        }
        // Quarantined copies hold the raw content too.
        await tx.deleteFrom('quarantine').where('object_id', 'in', part).execute();
        await tx
          .insertInto('tombstones')
          .values(part.map((id) => ({ object_id: id, retracted_at: at, retracted_by: by, retraction_id: retractionId })))
          .onConflict((oc) => oc.column('object_id').doNothing())
          .execute();
        purged += versions.length;
      }
      return purged;
    });
  }
}
