// Origins of received objects on either engine: `objects.origin_key` since
// migrations/0021_origin_key.ts.
import type { Kysely } from 'kysely';
import type { OriginRepo } from '../repositories.ts';
import type { Origin } from '../../domain/federation/types.ts';
import { chunks } from './chunks.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** Origins of received objects: the origin key their versions were stored with. */
export class KyselyOriginRepo implements OriginRepo {
  private readonly db: Kysely<Tables>;
  private readonly d: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db;
    this.d = dialect;
  }

  async get(ids: readonly string[]): Promise<Map<string, Origin>> {
    const out = new Map<string, Origin>();
    for (const part of chunks([...new Set(ids)])) {
      // The first version received names the origin (only it may add versions afterwards).
      const rows = await this.db
        .selectFrom('objects as o')
        .select(['o.id', 'o.origin_key'])
        .where(this.d.idIn('o', part))
        .where('o.origin_key', 'is not', null)
        .orderBy('o.seq')
        .execute();
      for (const r of rows) if (r.origin_key !== null && !out.has(r.id)) out.set(r.id, { keyId: r.origin_key });
    }
    return out;
  }
}
