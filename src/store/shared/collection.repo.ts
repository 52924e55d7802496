// TAXII collections on either engine: one Kysely implementation (migrations/0009_collections.ts).
// Reads select, in SQL, which versions of each object a TAXII request asks for (TAXII 2.1
// §3.4.1 `match[version]`) in the order they were added to the collection (§3.3); the access
// policy is applied by the caller, on what this returns.
import { sql, type Expression, type Generated, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type {
  Collection,
  CollectionEntry,
  CollectionKind,
  CollectionQuery,
  CollectionRead,
  StatusRecord,
} from '../../domain/collections/types.ts';
import type { CollectionRepo } from '../repositories.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';
import { toStored } from './object.reads.ts';
import { labelFromJson } from './access.repo.ts';

interface CollectionsTable {
  id: string;
  title: string;
  description: string;
  alias: string | null;
  kind: string;
  query: string;
  read_grants: string;
  write_grants: string;
  media_types: string;
  created_at: string;
  updated_at: string;
}

interface CollectionObjectsTable {
  n: Generated<number>;
  collection_id: string;
  seq: number;
  added_at: string;
}

interface TaxiiStatusTable {
  id: string;
  collection_id: string;
  org_id: string | null;
  status: string;
  request_timestamp: string;
  updated_at: string;
  body: string;
}

/** The tables of this repository, next to the store's own. */
export type CollectionTables = {
  collections: CollectionsTable;
  collection_objects: CollectionObjectsTable;
  taxii_status: TaxiiStatusTable;
};

type Db = Kysely<Tables & CollectionTables>;

function isKind(k: string): k is CollectionKind {
  return k === 'query' || k === 'target';
}

function toCollection(r: CollectionsTable): Collection {
  // An internal invariant (only this repository writes the column), hence no Concord error code.
  if (!isKind(r.kind)) throw new Error(`collection ${r.id} has an unknown kind ${r.kind}`);
  // Written by this repository from a Collection, so the parsed shapes are known.
  const query: CollectionQuery = JSON.parse(r.query);
  const read: string[] = JSON.parse(r.read_grants);
  const write: string[] = JSON.parse(r.write_grants);
  const mediaTypes: string[] = JSON.parse(r.media_types);
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    alias: r.alias,
    kind: r.kind,
    query,
    read,
    write,
    mediaTypes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(c: Collection): CollectionsTable {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    kind: c.kind,
    query: JSON.stringify(c.query),
    read_grants: JSON.stringify(c.read),
    write_grants: JSON.stringify(c.write),
    media_types: JSON.stringify(c.mediaTypes),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

const or = (conds: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> =>
  conds.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(conds, sql` or `)})`;

/** Collections, their membership and TAXII status resources. */
export class KyselyCollectionRepo implements CollectionRepo {
  private readonly db: Db;
  private readonly d: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<CollectionTables>();
    this.d = dialect;
  }

  async create(c: Collection): Promise<void> {
    await this.db.insertInto('collections').values(toRow(c)).execute();
  }

  async update(c: Collection): Promise<void> {
    const { id: _id, created_at: _created, ...set } = toRow(c);
    await this.db.updateTable('collections').set(set).where('id', '=', c.id).execute();
  }

  async remove(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('collection_objects').where('collection_id', '=', id).execute();
      const r = await tx.deleteFrom('collections').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  async find(ref: string): Promise<Collection | undefined> {
    const row =
      (await this.db.selectFrom('collections').selectAll().where('id', '=', ref).executeTakeFirst()) ??
      (await this.db.selectFrom('collections').selectAll().where('alias', '=', ref).executeTakeFirst());
    return row && toCollection(row);
  }

  async list(): Promise<Collection[]> {
    const rows = await this.db.selectFrom('collections').selectAll().orderBy('title').orderBy('id').execute();
    return rows.map(toCollection);
  }

  async entries(c: Collection, read: CollectionRead): Promise<CollectionEntry[]> {
    const conds = this.requestConditions(read);
    const rows =
      c.kind === 'target'
        ? await this.db
            .selectFrom('collection_objects as m')
            .innerJoin('objects as v', 'v.seq', 'm.seq')
            .leftJoin('object_access as a', 'a.seq', 'v.seq')
            .select([
              'v.seq',
              'v.id',
              'v.type',
              'v.version',
              'v.added_at',
              'v.json',
              'v.latest',
              'm.n as position',
              'm.added_at as date_added',
              'a.label',
            ])
            .where('m.collection_id', '=', c.id)
            .where('m.n', '>', read.after ?? 0)
            .$if(read.addedAfter !== undefined, (q) => q.where('m.added_at', '>', read.addedAfter ?? ''))
            .where(this.selectTarget(c.id, read))
            .where((eb) => eb.and(conds))
            .orderBy('m.n')
            .limit(read.limit)
            .execute()
        : await this.db
            .selectFrom('objects as v')
            .leftJoin('object_access as a', 'a.seq', 'v.seq')
            .select([
              'v.seq',
              'v.id',
              'v.type',
              'v.version',
              'v.added_at',
              'v.json',
              'v.latest',
              'v.seq as position',
              'v.added_at as date_added',
              'a.label',
            ])
            .where('v.seq', '>', read.after ?? 0)
            .$if(read.addedAfter !== undefined, (q) => q.where('v.added_at', '>', read.addedAfter ?? ''))
            .where(this.selectQuery(read))
            .where((eb) => eb.and([...conds, ...this.savedQuery(c.query)]))
            .orderBy('v.seq')
            .limit(read.limit)
            .execute();
    // Each version's label comes with it (a primary-key probe of object_access), so that the
    // access gate needs no second query for the page.
    return rows.map((r) => ({
      position: Number(r.position),
      dateAdded: r.date_added,
      object: toStored(r),
      label: r.label === null ? null : labelFromJson(r.label),
      latest: r.latest === true || r.latest === 1,
    }));
  }

  async addMembers(collectionId: string, seqs: number[], addedAt: string): Promise<void> {
    if (seqs.length === 0) return;
    for (let i = 0; i < seqs.length; i += 500) {
      const values = seqs.slice(i, i + 500).map((seq) => ({ collection_id: collectionId, seq, added_at: addedAt }));
      await this.db
        .insertInto('collection_objects')
        .values(values)
        .onConflict((oc) => oc.columns(['collection_id', 'seq']).doNothing())
        .execute();
    }
  }

  async removeMembers(collectionId: string, seqs: number[]): Promise<number> {
    if (seqs.length === 0) return 0;
    const r = await this.db
      .deleteFrom('collection_objects')
      .where('collection_id', '=', collectionId)
      .where('seq', 'in', seqs)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async putStatus(s: StatusRecord): Promise<void> {
    const { id, collectionId, orgId, status, requestTimestamp, updatedAt, ...rest } = s;
    const row = {
      id,
      collection_id: collectionId,
      org_id: orgId,
      status,
      request_timestamp: requestTimestamp,
      updated_at: updatedAt,
      body: JSON.stringify(rest),
    };
    await this.db
      .insertInto('taxii_status')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ status, updated_at: updatedAt, body: row.body }))
      .execute();
  }

  async getStatus(id: string): Promise<StatusRecord | undefined> {
    const r = await this.db.selectFrom('taxii_status').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    // Written by putStatus from a StatusRecord.
    const body: Omit<StatusRecord, 'id' | 'collectionId' | 'orgId' | 'status' | 'requestTimestamp' | 'updatedAt'> = JSON.parse(r.body);
    const status = r.status === 'complete' ? 'complete' : 'pending';
    return {
      id: r.id,
      collectionId: r.collection_id,
      orgId: r.org_id,
      status,
      requestTimestamp: r.request_timestamp,
      updatedAt: r.updated_at,
      ...body,
    };
  }

  /** The request's own filters on `objects as v`: ids, types, spec versions (§3.4.1). */
  private requestConditions(read: CollectionRead): Expression<SqlBool>[] {
    const out: Expression<SqlBool>[] = [];
    if (read.ids) out.push(this.d.idIn('v', read.ids));
    if (read.types) out.push(this.d.inList('v.type', read.types));
    if (read.specVersions) out.push(this.d.inList('v.spec_version', read.specVersions));
    return out;
  }

  /** A query collection's saved filter: types and authors per version; labels are indexed on
   *  latest versions, so an object belongs when its latest version has the label. */
  private savedQuery(q: CollectionQuery): Expression<SqlBool>[] {
    const out: Expression<SqlBool>[] = [];
    if (q.types) out.push(this.d.inList('v.type', q.types));
    if (q.createdByRefs) out.push(this.d.inList('v.created_by_ref', q.createdByRefs));
    if (q.labels) {
      out.push(
        sql<SqlBool>`v.id in (select o.id from objects o where ${this.d.isLatest('o')} and o.seq in (select labels.seq from labels where ${this.d.inList('labels.label', q.labels)}))`,
      );
    }
    return out;
  }

  /** `match[version]` over the store's versions of each object (a query collection). */
  private selectQuery(read: CollectionRead): RawBuilder<SqlBool> {
    const s = read.select;
    if (s.all) return sql<SqlBool>`1 = 1`;
    const conds: RawBuilder<SqlBool>[] = [];
    if (s.last) conds.push(this.d.isLatest('v'));
    if (s.first) conds.push(sql<SqlBool>`not exists (select 1 from objects w where ${this.d.idOf('w', 'v.id')} and w.version < v.version)`);
    if (s.versions.length > 0) conds.push(this.d.inList('v.version', s.versions));
    return or(conds);
  }

  /** `match[version]` over the versions added to a write-target collection. */
  private selectTarget(collectionId: string, read: CollectionRead): RawBuilder<SqlBool> {
    const s = read.select;
    if (s.all) return sql<SqlBool>`1 = 1`;
    const beyond = (op: '<' | '>') =>
      sql<SqlBool>`not exists (select 1 from collection_objects m2 inner join objects w on w.seq = m2.seq
        where m2.collection_id = ${collectionId} and ${this.d.idOf('w', 'v.id')} and w.version ${sql.raw(op)} v.version)`;
    const conds: RawBuilder<SqlBool>[] = [];
    if (s.last) conds.push(beyond('>'));
    if (s.first) conds.push(beyond('<'));
    if (s.versions.length > 0) conds.push(this.d.inList('v.version', s.versions));
    return or(conds);
  }
}
