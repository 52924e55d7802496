// The read half of ObjectRepo, one Kysely implementation for both engines. Each engine's
// object.repo.ts extends it with its own insertBatch (and, for SQLite, a faster lookup).
import { sql, type Kysely } from 'kysely';
import type { Observable } from '../../domain/observables/types.ts';
import type {
  Edge,
  LookupHit,
  ObjectFilter,
  Page,
  PageRequest,
  SortOrder,
  SortPosition,
  SortedPage,
  StoredObject,
} from '../../domain/objects/types.ts';
import { sortKey } from './sort.ts';
import { searchGroups } from './search-groups.ts';
import type { SearchGroup } from '../../domain/explorer/types.ts';
import { addedBound, checkPage, filterConditions } from './filter.ts';
import type { SqlDialect } from './sql-dialect.ts';
import { labelFromJson } from './access.repo.ts';
import type { Tables } from './tables.ts';

/** Columns of a stored version as selected from `objects as o`. */
export interface ObjectRow {
  seq: number;
  id: string;
  type: string;
  version: string;
  added_at: string;
  json: string;
}

/** The columns of ObjectRow, from `objects as o`. */
export const OBJECT_COLUMNS = ['o.seq', 'o.id', 'o.type', 'o.version', 'o.added_at', 'o.json'] as const;

/** A row of `objects` as the contract returns it. */
export function toStored(r: ObjectRow): StoredObject {
  return { seq: Number(r.seq), id: r.id, type: r.type, version: r.version, addedAt: r.added_at, json: r.json };
}

/** An ObjectRow read with its version's `object_access.label` (null: not labelled). */
export interface LabelledRow extends ObjectRow {
  label: string | null;
}

/** A lookup hit from a row read with its label. */
export function toHit(observable: Observable, r: LabelledRow): LookupHit {
  return { observable, object: toStored(r), label: r.label === null ? null : labelFromJson(r.label) };
}

/** `kind/prefix` keys of the IP networks among `observables` (values such as `10.0.0.0/24`). */
export function networkPrefixes(observables: Iterable<{ kind: string; value: string }>): Map<string, { kind: string; prefix: number }> {
  const out = new Map<string, { kind: string; prefix: number }>();
  for (const { kind, value } of observables) {
    const slash = value.indexOf('/');
    if (slash < 0 || (kind !== 'ipv4' && kind !== 'ipv6')) continue;
    const prefix = Number(value.slice(slash + 1));
    out.set(`${kind}/${prefix}`, { kind, prefix });
  }
  return out;
}

/** Pairs unique by kind and value, in first-seen order, with their position. */
export function distinctObservables(observables: readonly Observable[]): Map<string, { at: number; o: Observable }> {
  const out = new Map<string, { at: number; o: Observable }>();
  for (const o of observables) {
    const key = `${o.kind}\u0000${o.value}`;
    if (!out.has(key)) out.set(key, { at: out.size, o });
  }
  return out;
}

/** Lookup hits in the order of the queried observables, then by seq. */
export function orderHits(hits: LookupHit[], wanted: Map<string, { at: number }>): LookupHit[] {
  const at = (h: LookupHit): number => wanted.get(`${h.observable.kind}\u0000${h.observable.value}`)?.at ?? 0;
  return hits.sort((a, b) => at(a) - at(b) || a.object.seq - b.object.seq);
}

/** Exclusive seq bounds: `seq > after` and, when set, `seq < before`. */
export interface SeqRange {
  after: number;
  before: number | undefined;
}

/** Reads of object versions shared by both engines (the ObjectRepo contract minus writing). */
export class ObjectReads {
  protected readonly db: Kysely<Tables>;
  protected readonly dialect: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** Latest versions matching the filter, ordered by `seq` of that version. */
  async list(filter: ObjectFilter, page: PageRequest): Promise<Page<StoredObject>> {
    checkPage(page);
    const range = await this.seqRange(filter);
    const rows = range ? await this.page(filter, false, range, page.after ?? 0, page.limit + 1) : [];
    const items = rows.slice(0, page.limit).map(toStored);
    const last = items.at(-1);
    return { items, next: rows.length > page.limit && last ? last.seq : null };
  }

  /** Latest versions matching the filter in `order`, after a keyset position: (key, seq) rows
   *  compared as a row value, so ties on the key are broken by seq and no row is skipped or
   *  repeated between pages (issue 15, must 5: keyset cursors that stay correct under sorting). */
  async listSorted(filter: ObjectFilter, order: SortOrder, after: SortPosition | undefined, limit: number): Promise<SortedPage> {
    checkPage({ limit });
    const range = await this.seqRange(filter);
    if (!range) return { items: [], next: null };
    const key = sortKey(order.by, this.dialect);
    let q = this.db.selectFrom('objects as o').select([...OBJECT_COLUMNS, key.as('sort_key')]);
    if (range.after > 0) q = q.where('o.seq', '>', range.after);
    if (range.before !== undefined) q = q.where('o.seq', '<', range.before);
    for (const c of filterConditions(filter, false, this.dialect)) q = q.where(c);
    const dir = order.desc ? 'desc' : 'asc';
    if (after !== undefined) q = q.where(sql<boolean>`(${key}, o.seq) ${sql.raw(order.desc ? '<' : '>')} (${after.key}, ${after.seq})`);
    const rows = await q
      .orderBy(key, dir)
      .orderBy('o.seq', dir)
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((r) => ({ object: toStored(r), key: String(r.sort_key) }));
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? { key: last.key, seq: last.object.seq } : null };
  }

  /** The versions matching the filter grouped by type and access labels, and by object label
   *  (the Explorer's total and facets, issue 15, must 5). */
  async searchGroups(filter: ObjectFilter, maxRows: number): Promise<{ groups: SearchGroup[]; byLabel: SearchGroup[]; capped: boolean }> {
    const range = await this.seqRange(filter);
    if (!range) return { groups: [], byLabel: [], capped: false };
    // At most `maxRows` matching versions are grouped, the first in store order: the seq of the
    // next one, when there is one, bounds the range (one walk of the filter's index or rows).
    let probe = this.db.selectFrom('objects as o').select('o.seq');
    if (range.after > 0) probe = probe.where('o.seq', '>', range.after);
    if (range.before !== undefined) probe = probe.where('o.seq', '<', range.before);
    for (const c of filterConditions(filter, false, this.dialect)) probe = probe.where(c);
    const beyond = await probe.orderBy('o.seq').limit(1).offset(maxRows).executeTakeFirst();
    const bounded = beyond === undefined ? range : { ...range, before: Number(beyond.seq) };
    return { ...(await searchGroups(this.db, this.dialect, filter, bounded)), capped: beyond !== undefined };
  }

  /** Counts latest versions matching the filter. */
  async count(filter: ObjectFilter): Promise<number> {
    const range = await this.seqRange(filter);
    if (!range) return 0;
    let q = this.db.selectFrom('objects as o').select((eb) => eb.fn.countAll().as('n'));
    if (range.after > 0) q = q.where('o.seq', '>', range.after);
    if (range.before !== undefined) q = q.where('o.seq', '<', range.before);
    for (const c of filterConditions(filter, false, this.dialect)) q = q.where(c);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The latest version, or the version with this exact key. */
  async get(id: string, version?: string): Promise<StoredObject | undefined> {
    const q = this.fromObjects().where(this.dialect.idIs('o', id));
    const row = await (version === undefined ? q.where(this.dialect.isLatest('o')) : q.where('o.version', '=', version)).executeTakeFirst();
    return row && toStored(row);
  }

  /** Latest versions of these ids, in the order of `ids`; missing ids are left out. */
  async getMany(ids: string[]): Promise<StoredObject[]> {
    if (ids.length === 0) return [];
    const rows = await this.fromObjects().where(this.dialect.isLatest('o')).where(this.dialect.idIn('o', ids)).execute();
    const order = new Map(ids.map((id, i) => [id, i] as const).reverse());
    return rows.map(toStored).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /** Every version of an object, oldest first. */
  async versions(id: string): Promise<StoredObject[]> {
    const rows = await this.fromObjects().where(this.dialect.idIs('o', id)).orderBy('o.version').execute();
    return rows.map(toStored);
  }

  /** Edges whose source or target is one of `ids`, each once, sorted. */
  async edges(ids: string[]): Promise<Edge[]> {
    if (ids.length === 0) return [];
    // refs rows belong to latest versions only, so joining by seq yields the source's id.
    const edge = () =>
      this.db
        .selectFrom('refs as r')
        .innerJoin('objects as s', 's.seq', 'r.seq')
        .select(['s.id as source', 'r.property', 'r.target_id as target']);
    const sources = this.db.selectFrom('objects as o').select('o.seq').where(this.dialect.isLatest('o')).where(this.dialect.idIn('o', ids));
    const rows = await edge()
      .where('r.seq', 'in', sources)
      .union(edge().where(this.dialect.inList('r.target_id', ids)))
      .orderBy('source')
      .orderBy('property')
      .orderBy('target')
      .execute();
    return rows.map((r) => ({ source: r.source, property: r.property, target: r.target }));
  }

  /** Prefix lengths of the `kind` networks held as observables. */
  async networkPrefixes(kind: 'ipv4' | 'ipv6'): Promise<ReadonlySet<number>> {
    const rows = await this.db.selectFrom('observable_networks').select('prefix').where('kind', '=', kind).execute();
    return new Set(rows.map((r) => Number(r.prefix)));
  }

  /** Latest objects indexed under any of these observables, each with its access label. */
  async lookup(observables: Observable[]): Promise<LookupHit[]> {
    const wanted = distinctObservables(observables);
    if (wanted.size === 0) return [];
    const hits: LookupHit[] = [];
    // Chunked so that two parameters per value stay under SQLite's 32,766-parameter limit.
    const all = [...wanted.values()];
    for (let i = 0; i < all.length; i += 5000) {
      const pairs = all.slice(i, i + 5000).map(({ o }) => sql`(${o.kind}, ${o.value})`);
      // The label comes with the hit, so that the access gate needs no second query.
      const rows = await this.db
        .selectFrom('observables as ob')
        .innerJoin('objects as o', 'o.seq', 'ob.seq')
        .leftJoin('object_access as a', 'a.seq', 'o.seq')
        .select(['ob.kind', 'ob.value', ...OBJECT_COLUMNS, 'a.label'])
        .where(sql<boolean>`(ob.kind, ob.value) in (values ${sql.join(pairs)})`)
        .execute();
      for (const r of rows) {
        const w = wanted.get(`${r.kind}\u0000${r.value}`);
        if (w) hits.push(toHit(w.o, r));
      }
    }
    return orderHits(hits, wanted);
  }

  /** Streams versions in `seq` order, one keyset page at a time. */
  async *scan(filter: ObjectFilter, options: { allVersions?: boolean; batchSize?: number } = {}): AsyncGenerator<StoredObject> {
    const size = options.batchSize ?? 1000;
    checkPage({ limit: size });
    const allVersions = options.allVersions ?? false;
    filterConditions(filter, allVersions, this.dialect); // refuses a bad filter before any query
    const range = await this.seqRange(filter);
    if (!range) return;
    let after = 0;
    for (;;) {
      const rows = await this.page(filter, allVersions, range, after, size);
      for (const r of rows) yield toStored(r);
      const last = rows.at(-1);
      if (rows.length < size || !last) return;
      after = Number(last.seq);
    }
  }

  protected fromObjects() {
    return this.db.selectFrom('objects as o').select(OBJECT_COLUMNS);
  }

  /**
   * The filter's added_at bounds as a seq range, or undefined when nothing can match. added_at
   * never decreases with seq, so a bound is the seq of the first version added at or after it:
   * one probe of objects(added_at, seq), after which the page query is a plain range on seq.
   */
  private async seqRange(filter: ObjectFilter): Promise<SeqRange | undefined> {
    const firstAddedAt = async (bound: string, name: string): Promise<number | undefined> => {
      const row = await this.db
        .selectFrom('objects')
        .select('seq')
        .where('added_at', '>=', addedBound(bound, name))
        .orderBy('added_at')
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      return row && Number(row.seq);
    };
    const range: SeqRange = { after: 0, before: undefined };
    if (filter.addedFrom !== undefined) {
      const from = await firstAddedAt(filter.addedFrom, 'addedFrom');
      if (from === undefined) return undefined;
      range.after = from - 1;
    }
    if (filter.addedTo !== undefined) range.before = await firstAddedAt(filter.addedTo, 'addedTo');
    return range;
  }

  /** One keyset page in seq order: latest versions, or every version when `allVersions`. */
  protected page(filter: ObjectFilter, allVersions: boolean, range: SeqRange, after: number, limit: number): Promise<ObjectRow[]> {
    // One lower bound on seq, not two: SQLite would use only one of them to seek.
    let q = this.fromObjects().where('o.seq', '>', Math.max(after, range.after));
    if (range.before !== undefined) q = q.where('o.seq', '<', range.before);
    for (const c of filterConditions(filter, allVersions, this.dialect)) q = q.where(c);
    return q.orderBy('o.seq').limit(limit).execute();
  }
}
