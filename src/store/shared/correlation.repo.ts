// "Also seen in" from the observables index, one Kysely implementation for both engines. The
// index holds one row per (kind, value, seq) of each latest version, with its primary key on
// (kind, value, seq) and an index on seq (migrations/0001; on SQLite both in the index file
// `ix`, sqlite/index-file.ts, found by the unqualified table name): an object's values are one
// probe of `observables_seq`, a value's other objects one backward walk of the primary key.
import type { Kysely } from 'kysely';
import type { Observable, ObservableKind } from '../../domain/observables/types.ts';
import type { Carrier, CorrelationRepo } from '../correlation-repositories.ts';
import { labelFromJson } from './access.repo.ts';
import { OBJECT_COLUMNS, toStored } from './object.reads.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

/** Correlation reads over `observables`, `objects` and `object_access`. */
export class KyselyCorrelationRepo implements CorrelationRepo {
  private readonly db: Kysely<Tables>;
  private readonly dialect: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  async valuesOf(id: string): Promise<{ seq: number; values: Observable[] } | undefined> {
    const latest = await this.db
      .selectFrom('objects as o')
      .select('o.seq')
      .where(this.dialect.idIs('o', id))
      .where(this.dialect.isLatest('o'))
      .executeTakeFirst();
    if (!latest) return undefined;
    const seq = Number(latest.seq);
    const rows = await this.db
      .selectFrom('observables')
      .select(['kind', 'value'])
      .where('seq', '=', seq)
      .orderBy('kind')
      .orderBy('value')
      .execute();
    // The index holds only kinds that normalisation produced (domain/observables/types.ts).
    return { seq, values: rows.map((r) => ({ kind: r.kind as ObservableKind, value: r.value })) };
  }

  async carriers(value: Observable, except: number, before: number | undefined, limit: number): Promise<Carrier[]> {
    let seqs = this.db
      .selectFrom('observables as ob')
      .select('ob.seq')
      .where('ob.kind', '=', value.kind)
      .where('ob.value', '=', value.value)
      .where('ob.seq', '!=', except);
    if (before !== undefined) seqs = seqs.where('ob.seq', '<', before);
    // The newest carriers first, `limit` of them, walked on the primary key before any object
    // row is read; then their rows and labels by seq.
    const page = seqs.orderBy('ob.seq', 'desc').limit(limit);
    const rows = await this.db
      .selectFrom('objects as o')
      .leftJoin('object_access as a', 'a.seq', 'o.seq')
      .select([...OBJECT_COLUMNS, 'a.label'])
      .where('o.seq', 'in', page)
      .orderBy('o.seq', 'desc')
      .execute();
    return rows.map((r) => ({ object: toStored(r), label: r.label === null ? null : labelFromJson(r.label) }));
  }
}
