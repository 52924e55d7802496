// The incident projection on either engine: one Kysely implementation (migrations/0032_incidents.ts).
// Deadlines are stored and compared with the time of the question in the query, so "overdue"
// is never stale (issue 16, must 9).
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { containing, type IncidentsTable, type IncidentTables, standingIs, toLink, toRecord } from './incident.rows.ts';
import type { AccessLabel } from '../../domain/access/types.ts';
import type { IncidentFilter } from '../../domain/incidents/api.ts';
import { type IncidentLink, type IncidentRecord, PROJECTED_TYPES, type StageRecord } from '../../domain/incidents/project.ts';
import type { DueStage, IncidentGroups, IncidentListQuery, IncidentRepo, LabelledIncident } from '../repositories.ts';
import { labelFromJson } from './access.repo.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

type DB = Tables & IncidentTables;
type Eb = ExpressionBuilder<DB & { i: IncidentsTable }, 'i'>;

const CHUNK = 400;

/** The incident projection. */
export class KyselyIncidentRepo implements IncidentRepo {
  private readonly db: Kysely<DB>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<IncidentTables>();
    this.sql = dialect;
  }

  async cursor(): Promise<number> {
    const r = await this.db.selectFrom('incident_cursor').select('seq').where('id', '=', 1).executeTakeFirst();
    return r === undefined ? 0 : Number(r.seq);
  }

  async setCursor(seq: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('incident_cursor').where('id', '=', 1).execute();
      await tx.insertInto('incident_cursor').values({ id: 1, seq }).execute();
    });
  }

  async changes(after: number, limit: number): Promise<{ seq: number; id: string }[]> {
    const rows = await this.db
      .selectFrom('objects')
      .select(['seq', 'id'])
      .where('seq', '>', after)
      .where(sql<SqlBool>`${this.sql.inList('type', PROJECTED_TYPES)}`)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), id: r.id }));
  }

  async headSeq(): Promise<number> {
    const r = await this.db.selectFrom('objects').select(sql<number>`max(seq)`.as('m')).executeTakeFirst();
    return Number(r?.m ?? 0);
  }

  async replaceLinks(declaredBy: readonly string[], links: readonly IncidentLink[]): Promise<string[]> {
    if (declaredBy.length === 0) return [];
    return this.db.transaction().execute(async (tx) => {
      const touched = new Set(links.map((l) => l.incidentId));
      for (let i = 0; i < declaredBy.length; i += CHUNK) {
        const chunk = declaredBy.slice(i, i + CHUNK);
        const old = await tx.selectFrom('incident_links').select('incident_id').where('declared_by', 'in', chunk).execute();
        for (const o of old) touched.add(o.incident_id);
        await tx.deleteFrom('incident_links').where('declared_by', 'in', chunk).execute();
      }
      for (let i = 0; i < links.length; i += CHUNK) {
        const values = links.slice(i, i + CHUNK).map((l) => ({
          incident_id: l.incidentId,
          object_id: l.objectId,
          kind: l.kind,
          relationship_type: l.relationshipType,
          declared_by: l.declaredBy,
        }));
        await tx.insertInto('incident_links').values(values).execute();
      }
      return [...touched].sort();
    });
  }

  async links(incidentIds: readonly string[]): Promise<IncidentLink[]> {
    const out: IncidentLink[] = [];
    for (let i = 0; i < incidentIds.length; i += CHUNK) {
      const chunk = incidentIds.slice(i, i + CHUNK);
      const rows = await this.db.selectFrom('incident_links').selectAll().where('incident_id', 'in', chunk).execute();
      out.push(...rows.map(toLink));
    }
    return out;
  }

  async linksTo(objectId: string): Promise<IncidentLink[]> {
    const rows = await this.db.selectFrom('incident_links').selectAll().where('object_id', '=', objectId).execute();
    return rows.map(toLink);
  }

  async put(rows: readonly { record: IncidentRecord; stages: readonly StageRecord[] }[]): Promise<void> {
    if (rows.length === 0) return;
    const b = this.sql.bool;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK / 4) {
        const chunk = rows.slice(i, i + CHUNK / 4);
        const ids = chunk.map((r) => r.record.id);
        await tx.deleteFrom('incidents').where('id', 'in', ids).execute();
        await tx.deleteFrom('incident_stages').where('incident_id', 'in', ids).execute();
        await tx
          .insertInto('incidents')
          .values(
            chunk.map(({ record: r }) => ({
              id: r.id,
              seq: r.seq,
              owner_org: r.ownerOrg,
              csirt_org: r.csirtOrg,
              name: r.name,
              search: r.search,
              status: r.status,
              determination: r.determination,
              sector: r.sector,
              subsector: r.subsector,
              country: r.country,
              member_states: JSON.stringify(r.memberStates),
              rsit_class: r.rsitClass,
              rsit_type: r.rsitType,
              severity: r.severity,
              significant: b(r.significant),
              cross_border: b(r.crossBorder),
              tsp: b(r.tsp),
              aware_at: r.awareAt,
              handled_at: r.handledAt,
              modified: r.modified,
              facts: JSON.stringify(r.facts),
              next_due_at: r.nextDueAt,
            })),
          )
          .execute();
        const stages = chunk.flatMap(({ record, stages }) =>
          stages.map((s) => ({
            incident_id: record.id,
            stage: s.stage,
            request: s.request,
            due_at: s.dueAt,
            starts_at: s.startsAt,
            submitted_at: s.submittedAt,
          })),
        );
        if (stages.length > 0) await tx.insertInto('incident_stages').values(stages).execute();
      }
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        await tx.deleteFrom('incidents').where('id', 'in', chunk).execute();
        await tx.deleteFrom('incident_stages').where('incident_id', 'in', chunk).execute();
      }
    });
  }

  async get(id: string): Promise<LabelledIncident | undefined> {
    const r = await this.labelled().where('i.id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : this.toLabelled(r);
  }

  async stages(id: string): Promise<StageRecord[]> {
    const rows = await this.db.selectFrom('incident_stages').selectAll().where('incident_id', '=', id).orderBy('due_at').execute();
    return rows.map((s) => ({
      stage: s.stage as StageRecord['stage'],
      request: Number(s.request),
      dueAt: s.due_at,
      startsAt: s.starts_at,
      submittedAt: s.submitted_at,
    }));
  }

  async list(q: IncidentListQuery): Promise<LabelledIncident[]> {
    let base = this.labelled().where((eb) => this.matches(eb, q.filter, q.now));
    if (q.csirtOrg !== undefined) base = base.where('i.csirt_org', '=', q.csirtOrg);
    const audience = q.audience;
    if (audience !== undefined)
      base = base.where(
        sql<SqlBool>`(${this.sql.inList('oa.owner_org', audience.orgs)} or ${this.sql.inList('oa.distribution', audience.distributions)})`,
      );
    const { after, limit } = q;
    if (q.sort === 'due') {
      // Incidents with a waiting deadline first, soonest first; then those without one. Two
      // queries, each walking its index in order (nulls sort differently on the engines).
      const out: LabelledIncident[] = [];
      if (after === undefined || after.key !== null) {
        let dated = base.where('i.next_due_at', 'is not', null);
        if (after?.key != null) {
          const key = after.key;
          dated = dated.where((eb) =>
            eb.or([eb('i.next_due_at', '>', key), eb.and([eb('i.next_due_at', '=', key), eb('i.id', '>', after.id)])]),
          );
        }
        const rows = await dated.orderBy('i.next_due_at').orderBy('i.id').limit(limit).execute();
        out.push(...rows.map((r) => this.toLabelled(r)));
      }
      if (out.length < limit) {
        let undated = base.where('i.next_due_at', 'is', null);
        if (after?.key === null) undated = undated.where('i.id', '>', after.id);
        const rows = await undated
          .orderBy('i.id')
          .limit(limit - out.length)
          .execute();
        out.push(...rows.map((r) => this.toLabelled(r)));
      }
      return out;
    }
    const column = q.sort === 'modified' ? 'i.modified' : 'i.aware_at';
    let query = base;
    if (after?.key != null) {
      const key = after.key;
      query = query.where((eb) => eb.or([eb(column, '<', key), eb.and([eb(column, '=', key), eb('i.id', '<', after.id)])]));
    }
    const rows = await query.orderBy(column, 'desc').orderBy('i.id', 'desc').limit(limit).execute();
    return rows.map((r) => this.toLabelled(r));
  }

  async aware(from: string, to: string): Promise<LabelledIncident[]> {
    const rows = await this.labelled().where('i.aware_at', '>=', from).where('i.aware_at', '<', to).orderBy('i.aware_at').execute();
    return rows.map((r) => this.toLabelled(r));
  }

  async groups(since: string): Promise<IncidentGroups> {
    const label = 'oa.label';
    const from = this.db.selectFrom('incidents as i').innerJoin('object_access as oa', 'oa.seq', 'i.seq');
    const n = sql<number>`count(*)`.as('n');
    const places = await from
      .select([label, 'i.country', 'i.member_states', 'i.sector', n])
      .groupBy([label, 'i.country', 'i.member_states', 'i.sector'])
      .execute();
    const severities = await from
      .select([label, sql<string>`substr(i.aware_at, 1, 10)`.as('day'), 'i.severity', n])
      .where('i.aware_at', '>=', since)
      .groupBy([label, sql`substr(i.aware_at, 1, 10)`, 'i.severity'])
      .execute();
    return {
      places: places.map((r) => ({
        label: labelFromJson(r.label),
        country: r.country,
        memberStates: JSON.parse(r.member_states) as string[],
        sector: r.sector,
        count: Number(r.n),
      })),
      severities: severities.map((r) => ({ label: labelFromJson(r.label), day: r.day, severity: r.severity, count: Number(r.n) })),
    };
  }

  async dueSoon(now: string, until: string, limit: number): Promise<DueStage[]> {
    const rows = await this.db
      .selectFrom('incident_stages as s')
      .innerJoin('incidents as i', 'i.id', 's.incident_id')
      .innerJoin('object_access as oa', 'oa.seq', 'i.seq')
      .select(['oa.label', 'i.id', 'i.name', 's.stage', 's.due_at'])
      .where('s.submitted_at', 'is', null)
      .where('s.due_at', '>=', now)
      .where('s.due_at', '<=', until)
      .where(sql<SqlBool>`(s.starts_at is null or s.starts_at <= ${now})`)
      .orderBy('s.due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      label: labelFromJson(r.label),
      incidentId: r.id,
      incidentName: r.name,
      stage: r.stage as StageRecord['stage'],
      dueAt: r.due_at as string,
    }));
  }

  async waiting(now: string): Promise<LabelledIncident[]> {
    const rows = await this.labelled()
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('incident_stages as s')
            .select('s.incident_id')
            .whereRef('s.incident_id', '=', 'i.id')
            .where(sql<SqlBool>`(s.submitted_at is null and s.due_at is not null and (s.starts_at is null or s.starts_at <= ${now}))`),
        ),
      )
      .orderBy('i.next_due_at')
      .execute();
    return rows.map((r) => this.toLabelled(r));
  }

  private labelled() {
    return this.db
      .selectFrom('incidents as i')
      .leftJoin('object_access as oa', 'oa.seq', 'i.seq')
      .selectAll('i')
      .select('oa.label as access_label');
  }

  private toLabelled(r: IncidentsTable & { access_label: string | null }): LabelledIncident {
    return { record: toRecord(r), label: r.access_label === null ? null : (labelFromJson(r.access_label) as AccessLabel) };
  }

  /** The list's filters: AND across filters, OR within one (api.ts IncidentFilter). */
  private matches(eb: Eb, f: IncidentFilter, now: string): ReturnType<Eb['and']> {
    const all: ReturnType<Eb['and']>[] = [];
    const within = (
      column: 'i.status' | 'i.sector' | 'i.rsit_class' | 'i.severity' | 'i.determination',
      values?: readonly string[],
    ): void => {
      if (values !== undefined && values.length > 0) all.push(eb(column, 'in', values as string[]));
    };
    within('i.status', f.status);
    within('i.sector', f.sector);
    within('i.rsit_class', f.rsitClass);
    within('i.severity', f.severity);
    within('i.determination', f.determination);
    if (f.country !== undefined && f.country.length > 0)
      all.push(eb.or([eb('i.country', 'in', f.country), ...f.country.map((c) => eb('i.member_states', 'like', containing(`"${c}"`)))]));
    if (f.crossBorder !== undefined) all.push(eb('i.cross_border', '=', this.sql.bool(f.crossBorder)));
    if (f.owner !== undefined) all.push(eb('i.owner_org', '=', f.owner));
    for (const word of (f.text ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== ''))
      all.push(eb(sql`i.search`, 'like', sql`${containing(word)} escape '\\'`));
    const stageExists = (cond: ReturnType<typeof sql<SqlBool>>): void => {
      all.push(eb.exists(eb.selectFrom('incident_stages as s').select('s.incident_id').whereRef('s.incident_id', '=', 'i.id').where(cond)));
    };
    const standings = (f.stageStatus ?? []).map((s) => standingIs(s, now));
    // A stage still due is rare (a day or a few around now): those incidents are found from
    // the deadlines' index; the other standings hold for most incidents, which are then read in
    // the list's order and each tested by its own stages.
    const rare = f.stageStatus !== undefined && f.stageStatus.length > 0 && f.stageStatus.every((s) => s === 'due');
    if (rare)
      all.push(
        eb(
          'i.id',
          'in',
          eb
            .selectFrom('incident_stages as s')
            .select('s.incident_id')
            .where(sql<SqlBool>`${standingIs('due', now)}`),
        ),
      );
    else if (standings.length > 0) stageExists(sql<SqlBool>`(${sql.join(standings, sql` or `)})`);
    if (f.dueWithinHours !== undefined) {
      const until = new Date(Date.parse(now) + f.dueWithinHours * 3_600_000).toISOString();
      all.push(
        eb(
          'i.id',
          'in',
          eb
            .selectFrom('incident_stages as s')
            .select('s.incident_id')
            .where(
              sql<SqlBool>`(s.submitted_at is null and s.due_at >= ${now} and s.due_at <= ${until} and (s.starts_at is null or s.starts_at <= ${now}))`,
            ),
        ),
      );
    }
    return eb.and(all);
  }
}
