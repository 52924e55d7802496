// The assistance projection on either engine: one Kysely implementation (migrations/0039). Each
// row keeps the `seq` of the version it was projected from and is read with that version's
// access label in the same statement, so that the services apply every reader's filter.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { AccessLabel } from '../../domain/access/types.ts';
import { ASSISTANCE_TYPES } from '../../domain/assistance/api.ts';
import type {
  AssistanceRow,
  DecisionRecord,
  DeploymentRecord,
  OfferRecord,
  ProfileRecord,
  RequestRecord,
  WorkRecord,
} from '../../domain/assistance/types.ts';
import type { AssistanceRepo, Labelled, ProfileQuery, RequestQuery } from '../assistance-repositories.ts';
import { labelFromJson } from './access.repo.ts';
import {
  type AssistanceTables,
  decisionRecord,
  deploymentRecord,
  offerRecord,
  profileRecord,
  requestRecord,
  workRecord,
} from './assistance.rows.ts';
import { putRows, removeRows } from './assistance.writes.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

type DB = Tables & AssistanceTables;

const labelOf = (text: string | null): AccessLabel | null => (text === null ? null : labelFromJson(text));

function labelled<R, T>(toRecord: (r: R) => T): (r: R & { access_label: string | null }) => Labelled<T> {
  return (r) => ({ record: toRecord(r), label: labelOf(r.access_label) });
}

/** The assistance projection. */
export class KyselyAssistanceRepo implements AssistanceRepo {
  private readonly db: Kysely<DB>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<AssistanceTables>();
    this.sql = dialect;
  }

  async cursor(): Promise<number> {
    const r = await this.db.selectFrom('assistance_cursor').select('seq').where('id', '=', 1).executeTakeFirst();
    return r === undefined ? 0 : Number(r.seq);
  }

  async setCursor(seq: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('assistance_cursor').where('id', '=', 1).execute();
      await tx.insertInto('assistance_cursor').values({ id: 1, seq }).execute();
    });
  }

  async changes(after: number, limit: number): Promise<{ seq: number; id: string; type: string }[]> {
    const rows = await this.db
      .selectFrom('objects')
      .select(['seq', 'id', 'type'])
      .where('seq', '>', after)
      .where(sql<SqlBool>`${this.sql.inList('type', ASSISTANCE_TYPES)}`)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), id: r.id, type: r.type }));
  }

  async put(rows: readonly AssistanceRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute((tx) => putRows(tx, rows, this.sql));
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction().execute((tx) => removeRows(tx, ids));
  }

  async request(id: string): Promise<Labelled<RequestRecord> | undefined> {
    const r = await this.requestsLabelled().where('r.id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : labelled(requestRecord)(r);
  }

  async requests(q: RequestQuery): Promise<Labelled<RequestRecord>[]> {
    let query = this.requestsLabelled();
    if (q.statuses !== undefined) query = query.where('r.status', 'in', q.statuses.length > 0 ? [...q.statuses] : ['']);
    const org = q.org;
    if (org !== undefined) query = query.where((eb) => eb.or([eb('r.org_id', '=', org), eb('r.coordinator_org', '=', org)]));
    const after = q.after;
    if (after !== undefined)
      query = query.where((eb) =>
        eb.or([eb('r.modified', '<', after.modified), eb.and([eb('r.modified', '=', after.modified), eb('r.id', '<', after.id)])]),
      );
    const rows = await query.orderBy('r.modified', 'desc').orderBy('r.id', 'desc').limit(q.limit).execute();
    return rows.map(labelled(requestRecord));
  }

  async offersOf(requestIds: readonly string[]): Promise<Labelled<OfferRecord>[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('assistance_offers as o')
      .leftJoin('object_access as oa', 'oa.seq', 'o.seq')
      .selectAll('o')
      .select('oa.label as access_label')
      .where(sql<SqlBool>`${this.sql.inList('o.request_id', requestIds)}`)
      .orderBy('o.created')
      .orderBy('o.id')
      .execute();
    return rows.map(labelled(offerRecord));
  }

  async offer(id: string): Promise<Labelled<OfferRecord> | undefined> {
    const r = await this.db
      .selectFrom('assistance_offers as o')
      .leftJoin('object_access as oa', 'oa.seq', 'o.seq')
      .selectAll('o')
      .select('oa.label as access_label')
      .where('o.id', '=', id)
      .executeTakeFirst();
    return r === undefined ? undefined : labelled(offerRecord)(r);
  }

  async decisionsOf(requestIds: readonly string[]): Promise<Labelled<DecisionRecord>[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('assistance_decisions as d')
      .leftJoin('object_access as oa', 'oa.seq', 'd.seq')
      .selectAll('d')
      .select('oa.label as access_label')
      .where(sql<SqlBool>`${this.sql.inList('d.request_id', requestIds)}`)
      .orderBy('d.created')
      .orderBy('d.id')
      .execute();
    return rows.map(labelled(decisionRecord));
  }

  async deploymentsOf(requestIds: readonly string[]): Promise<Labelled<DeploymentRecord>[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.deploymentsLabelled()
      .where(sql<SqlBool>`${this.sql.inList('d.request_id', requestIds)}`)
      .orderBy('d.created')
      .orderBy('d.id')
      .execute();
    return rows.map(labelled(deploymentRecord));
  }

  async deployment(id: string): Promise<Labelled<DeploymentRecord> | undefined> {
    const r = await this.deploymentsLabelled().where('d.id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : labelled(deploymentRecord)(r);
  }

  async deploymentsWith(profileIds: readonly string[]): Promise<Labelled<DeploymentRecord>[]> {
    if (profileIds.length === 0) return [];
    const rows = await this.deploymentsLabelled()
      .where('d.id', 'in', (eb) =>
        eb
          .selectFrom('deployment_members as m')
          .select('m.deployment_id')
          .where(sql<SqlBool>`${this.sql.inList('m.profile_id', profileIds)}`),
      )
      .orderBy('d.created')
      .orderBy('d.id')
      .execute();
    return rows.map(labelled(deploymentRecord));
  }

  async workOf(deploymentIds: readonly string[]): Promise<Labelled<WorkRecord>[]> {
    if (deploymentIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('deployment_work as w')
      .leftJoin('object_access as oa', 'oa.seq', 'w.seq')
      .selectAll('w')
      .select('oa.label as access_label')
      .where(sql<SqlBool>`${this.sql.inList('w.deployment_id', deploymentIds)}`)
      .orderBy('w.created')
      .orderBy('w.id')
      .execute();
    return rows.map(labelled(workRecord));
  }

  async profile(id: string): Promise<Labelled<ProfileRecord> | undefined> {
    const r = await this.profilesLabelled().where('p.id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : labelled(profileRecord)(r);
  }

  async profiles(q: ProfileQuery): Promise<Labelled<ProfileRecord>[]> {
    let query = this.profilesLabelled();
    if (q.excludeOrg !== undefined) query = query.where('p.org_id', '<>', q.excludeOrg);
    if (q.orgs !== undefined) query = query.where(sql<SqlBool>`${this.sql.inList('p.org_id', q.orgs)}`);
    const { from, until } = q;
    // Available at some point in [from, until]: one of its windows overlaps the span.
    if (from !== undefined || until !== undefined)
      query = query.where(({ exists, selectFrom }) => {
        let w = selectFrom('profile_windows as w').select('w.profile_id').whereRef('w.profile_id', '=', 'p.id');
        if (until !== undefined) w = w.where('w.from_at', '<=', until);
        if (from !== undefined) w = w.where('w.until_at', '>=', from);
        return exists(w);
      });
    const rows = await query.orderBy('p.id').limit(q.limit).execute();
    return rows.map(labelled(profileRecord));
  }

  private requestsLabelled() {
    return this.db
      .selectFrom('assistance_requests as r')
      .leftJoin('object_access as oa', 'oa.seq', 'r.seq')
      .selectAll('r')
      .select('oa.label as access_label');
  }

  private deploymentsLabelled() {
    return this.db
      .selectFrom('deployments as d')
      .leftJoin('object_access as oa', 'oa.seq', 'd.seq')
      .selectAll('d')
      .select('oa.label as access_label');
  }

  private profilesLabelled() {
    return this.db
      .selectFrom('expert_profiles as p')
      .leftJoin('object_access as oa', 'oa.seq', 'p.seq')
      .selectAll('p')
      .select('oa.label as access_label');
  }
}
