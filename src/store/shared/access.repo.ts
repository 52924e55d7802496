// Access labels on either engine: one Kysely implementation.
import type { Kysely } from 'kysely';
import type { AccessLabel } from '../../domain/access/types.ts';
import { formatDistribution } from '../../domain/access/types.ts';
import type { AccessRepo } from '../repositories.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** Rows per statement: well under SQLite's parameter limit (5 per row). */
const CHUNK = 500;

/** Distinct label texts kept parsed; a store holds few (owner × TLP × distribution × …). */
const PARSED_CAPACITY = 1000;
const parsed = new Map<string, AccessLabel>();

/**
 * The AccessLabel of an `object_access.label` text (written by put() from an AccessLabel). The
 * text is the cache key, so a version whose label differs can never get another's parse; most
 * versions of a store share a few texts, and read paths (a lookup, a TAXII page) then skip
 * `JSON.parse` for each hit.
 */
export function labelFromJson(text: string): AccessLabel {
  let label = parsed.get(text);
  if (label === undefined) {
    label = JSON.parse(text) as AccessLabel;
    if (parsed.size >= PARSED_CAPACITY) parsed.clear();
    parsed.set(text, label);
  }
  return label;
}

/** Access labels of object versions. */
export class KyselyAccessRepo implements AccessRepo {
  private readonly db: Kysely<Tables>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, sql: SqlDialect) {
    this.db = db;
    this.sql = sql;
  }

  async put(rows: { seq: number; label: AccessLabel }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map(({ seq, label }) => ({
        seq,
        owner_org: label.ownerOrg,
        tlp: label.tlp,
        distribution: formatDistribution(label.distribution),
        label: JSON.stringify(label),
      }));
      await this.db.insertInto('object_access').values(values).execute();
    }
  }

  async labels(seqs: readonly number[]): Promise<Map<number, AccessLabel>> {
    const out = new Map<number, AccessLabel>();
    for (let i = 0; i < seqs.length; i += CHUNK) {
      const chunk = seqs.slice(i, i + CHUNK);
      const rows = await this.db.selectFrom('object_access').select(['seq', 'label']).where('seq', 'in', chunk).execute();
      for (const r of rows) out.set(Number(r.seq), labelFromJson(r.label));
    }
    return out;
  }

  async latest(ids: readonly string[]): Promise<Map<string, AccessLabel>> {
    const out = new Map<string, AccessLabel>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('objects as o')
      .innerJoin('object_access as a', 'a.seq', 'o.seq')
      .select(['o.id', 'a.label'])
      .where(this.sql.idIn('o', ids))
      .where(this.sql.isLatest('o'))
      .execute();
    for (const r of rows) out.set(r.id, labelFromJson(r.label));
    return out;
  }
}
