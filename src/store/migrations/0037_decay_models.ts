// Decay models (issue 17, must 6): one row per indicator kind an administrator has set; a kind
// without a row uses the default model (domain/decay/model.ts). Scores are computed when read
// from these rows, so changing a row changes every indicator's score at once (no per-indicator
// state to recompute, unlike OpenCTI #7790).
import { sql, type Kysely } from 'kysely';
import { columnTypes, type StoreDialect } from './dialect.ts';

/** Creates `decay_models`. */
export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = columnTypes(dialect);
  // Fractional values (a decay speed of 0.5, a lifetime of 1.5 days) are allowed.
  const real = dialect === 'postgres' ? sql`double precision` : sql`real`;
  await db.schema
    .createTable('decay_models')
    .addColumn('kind', t.key, (c) => c.primaryKey())
    .addColumn('lifetime_days', real, (c) => c.notNull())
    .addColumn('decay_speed', real, (c) => c.notNull())
    .addColumn('base_score', real, (c) => c.notNull())
    .addColumn('threshold', real, (c) => c.notNull())
    .addColumn('sighting_boost', real, (c) => c.notNull())
    .addColumn('false_positive_penalty', real, (c) => c.notNull())
    .addColumn('updated_at', t.key, (c) => c.notNull())
    .addColumn('updated_by', t.text, (c) => c.notNull())
    .execute();
}
