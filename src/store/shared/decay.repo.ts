// Decay models on either engine: one Kysely implementation (migrations/0037_decay_models.ts).
import type { Kysely } from 'kysely';
import { DECAY_KINDS, type DecayKind, type DecayModel } from '../../domain/decay/api.ts';
import type { DecayRepo, StoredDecayModel } from '../decay-repositories.ts';
import type { Tables } from './tables.ts';

interface DecayModelsTable {
  kind: string;
  lifetime_days: number;
  decay_speed: number;
  base_score: number;
  threshold: number;
  sighting_boost: number;
  false_positive_penalty: number;
  updated_at: string;
  updated_by: string;
}

/** The table of this repository, next to the store's own. */
export type DecayTables = { decay_models: DecayModelsTable };

const isKind = (k: string): k is DecayKind => (DECAY_KINDS as readonly string[]).includes(k);

/** SQLite's REAL is a double; PostgreSQL's double precision comes back as a number too, but
 *  Number() keeps a driver that returns text honest. */
function toStored(r: DecayModelsTable, kind: DecayKind): StoredDecayModel {
  return {
    model: {
      kind,
      lifetimeDays: Number(r.lifetime_days),
      decaySpeed: Number(r.decay_speed),
      baseScore: Number(r.base_score),
      threshold: Number(r.threshold),
      sightingBoost: Number(r.sighting_boost),
      falsePositivePenalty: Number(r.false_positive_penalty),
    },
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** The decay models administrators set. */
export class KyselyDecayRepo implements DecayRepo {
  private readonly db: Kysely<Tables & DecayTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<DecayTables>();
  }

  async list(): Promise<StoredDecayModel[]> {
    const rows = await this.db.selectFrom('decay_models').selectAll().orderBy('kind').execute();
    // A row of a kind this version does not know (written by a later one) is left unused.
    return rows.flatMap((r) => (isKind(r.kind) ? [toStored(r, r.kind)] : []));
  }

  async put(models: readonly DecayModel[], at: string, by: string): Promise<void> {
    if (models.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const m of models) {
        const row = {
          lifetime_days: m.lifetimeDays,
          decay_speed: m.decaySpeed,
          base_score: m.baseScore,
          threshold: m.threshold,
          sighting_boost: m.sightingBoost,
          false_positive_penalty: m.falsePositivePenalty,
          updated_at: at,
          updated_by: by,
        };
        await trx
          .insertInto('decay_models')
          .values({ kind: m.kind, ...row })
          .onConflict((oc) => oc.column('kind').doUpdateSet(row))
          .execute();
      }
    });
  }

  async reset(kinds: readonly string[]): Promise<void> {
    if (kinds.length === 0) return;
    await this.db
      .deleteFrom('decay_models')
      .where('kind', 'in', [...kinds])
      .execute();
  }
}
