// Import runs on either engine (migrations/0030_ingest_sources.ts): the SQL is the same, so one
// Kysely implementation serves both.
import type { Kysely } from 'kysely';
import { SOURCE_KINDS, type IngestSource, type NewIngestSource, type SourceKind } from '../../domain/objects/source.ts';
import type { SourceRepo } from '../repositories.ts';
import { chunks } from './chunks.ts';
import type { Tables } from './tables.ts';

const isKind = (k: string): k is SourceKind => (SOURCE_KINDS as readonly string[]).includes(k);

/** Import runs, and the run of a stored version. */
export class KyselySourceRepo implements SourceRepo {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Tables>) {
    this.db = db;
  }

  async create(source: NewIngestSource, at: string): Promise<number> {
    const row = await this.db
      .insertInto('ingest_sources')
      .values({ kind: source.kind, label: source.label ?? null, job_id: source.jobId ?? null, actor: source.actor ?? null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async ofVersions(seqs: readonly number[]): Promise<Map<number, IngestSource>> {
    const out = new Map<number, IngestSource>();
    for (const part of chunks([...new Set(seqs)])) {
      const rows = await this.db
        .selectFrom('objects as o')
        .innerJoin('ingest_sources as s', 's.id', 'o.source_id')
        .select(['o.seq', 's.id', 's.kind', 's.label', 's.job_id', 's.actor', 's.created_at'])
        .where('o.seq', 'in', part)
        .execute();
      for (const r of rows) {
        // Only this repository writes the column, from a SourceKind: an internal invariant.
        if (!isKind(r.kind)) throw new Error(`ingest source ${r.id} has an unknown kind ${r.kind}`);
        out.set(Number(r.seq), {
          id: Number(r.id),
          kind: r.kind,
          label: r.label,
          jobId: r.job_id,
          actor: r.actor,
          createdAt: r.created_at,
        });
      }
    }
    return out;
  }
}
