// The incident projection on either engine: one Kysely implementation (migrations/0032_incidents.ts).
// Deadlines are stored and compared with the time of the question in the query, so "overdue"
// is never stale (issue 16, must 9).
import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { AccessLabel } from '../../domain/access/types.ts';
import type { IncidentFilter } from '../../domain/incidents/api.ts';
import type { StageStatus } from '../../domain/incidents/clocks.ts';
import { type IncidentLink, type IncidentRecord, PROJECTED_TYPES, type StageRecord } from '../../domain/incidents/project.ts';
import type { IncidentGroups, IncidentListQuery, IncidentRepo, LabelledIncident } from '../repositories.ts';
import { labelFromJson } from './access.repo.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

interface IncidentsTable {
  id: string;
  seq: number;
  owner_org: string;
  csirt_org: string | null;
  name: string;
  search: string;
  status: string;
  determination: string;
  sector: string | null;
  subsector: string | null;
  country: string | null;
  member_states: string;
  rsit_class: string | null;
  rsit_type: string | null;
  severity: string | null;
  significant: number | boolean;
  cross_border: number | boolean;
  tsp: number | boolean;
  aware_at: string;
  handled_at: string | null;
  modified: string;
  facts: string;
  next_due_at: string | null;
}

interface StagesTable {
  incident_id: string;
  stage: string;
  request: number;
  due_at: string | null;
  starts_at: string | null;
  submitted_at: string | null;
}

interface LinksTable {
  incident_id: string;
  object_id: string;
  kind: string;
  relationship_type: string | null;
  declared_by: string;
}

/** The tables of this repository, next to the store's own. */
export type IncidentTables = {
  incidents: IncidentsTable;
  incident_stages: StagesTable;
  incident_links: LinksTable;
  incident_cursor: { id: number; seq: number };
};

type DB = Tables & IncidentTables;
type Eb = ExpressionBuilder<DB & { i: IncidentsTable }, 'i'>;

const CHUNK = 400;

const toRecord = (r: IncidentsTable): IncidentRecord => ({
  id: r.id,
  seq: Number(r.seq),
  ownerOrg: r.owner_org,
  csirtOrg: r.csirt_org,
  name: r.name,
  search: r.search,
  status: r.status as IncidentRecord['status'],
  determination: r.determination as IncidentRecord['determination'],
  sector: r.sector,
  subsector: r.subsector,
  country: r.country,
  memberStates: JSON.parse(r.member_states) as string[],
  rsitClass: r.rsit_class,
  rsitType: r.rsit_type,
  severity: r.severity as IncidentRecord['severity'],
  significant: Boolean(r.significant),
  crossBorder: Boolean(r.cross_border),
  tsp: Boolean(r.tsp),
  awareAt: r.aware_at,
  handledAt: r.handled_at,
  modified: r.modified,
  facts: JSON.parse(r.facts) as IncidentRecord['facts'],
  nextDueAt: r.next_due_at,
});

const toLink = (r: LinksTable): IncidentLink => ({
  incidentId: r.incident_id,
  objectId: r.object_id,
  kind: r.kind as IncidentLink['kind'],
  relationshipType: r.relationship_type,
  declaredBy: r.declared_by,
});

/** `like` pattern matching `word` anywhere, with its wildcards escaped. */
const containing = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One stage standing at `now`, as a condition on a row `s` of incident_stages. */
function standingIs(status: StageStatus, now: string): ReturnType<typeof sql<SqlBool>> {
  const started = sql`(s.starts_at is null or s.starts_at <= ${now})`;
  switch (status) {
    case 'overdue':
      return sql<SqlBool>`(s.submitted_at is null and s.due_at < ${now} and ${started})`;
    case 'due':
      return sql<SqlBool>`(s.submitted_at is null and s.due_at >= ${now} and ${started})`;
    case 'submitted-on-time':
      return sql<SqlBool>`(s.submitted_at is not null and (s.due_at is null or s.submitted_at <= s.due_at))`;
    case 'submitted-late':
      return sql<SqlBool>`(s.submitted_at > s.due_at)`;
    case 'not-started':
      return sql<SqlBool>`(s.submitted_at is null and (s.due_at is null or s.starts_at > ${now}))`;
  }
}

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

  async links(incidentId: string): Promise<IncidentLink[]> {
    const rows = await this.db.selectFrom('incident_links').selectAll().where('incident_id', '=', incidentId).execute();
    return rows.map(toLink);
  }

  async linksTo(objectId: string): Promise<IncidentLink[]> {
    const rows = await this.db.selectFrom('incident_links').selectAll().where('object_id', '=', objectId).execute();
    return rows.map(toLink);
  }

  async put(record: IncidentRecord, stages: readonly StageRecord[]): Promise<void> {
    const b = this.sql.bool;
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('incidents').where('id', '=', record.id).execute();
      await tx.deleteFrom('incident_stages').where('incident_id', '=', record.id).execute();
      await tx
        .insertInto('incidents')
        .values({
          id: record.id,
          seq: record.seq,
          owner_org: record.ownerOrg,
          csirt_org: record.csirtOrg,
          name: record.name,
          search: record.search,
          status: record.status,
          determination: record.determination,
          sector: record.sector,
          subsector: record.subsector,
          country: record.country,
          member_states: JSON.stringify(record.memberStates),
          rsit_class: record.rsitClass,
          rsit_type: record.rsitType,
          severity: record.severity,
          significant: b(record.significant),
          cross_border: b(record.crossBorder),
          tsp: b(record.tsp),
          aware_at: record.awareAt,
          handled_at: record.handledAt,
          modified: record.modified,
          facts: JSON.stringify(record.facts),
          next_due_at: record.nextDueAt,
        })
        .execute();
      if (stages.length > 0)
        await tx
          .insertInto('incident_stages')
          .values(
            stages.map((s) => ({
              incident_id: record.id,
              stage: s.stage,
              request: s.request,
              due_at: s.dueAt,
              starts_at: s.startsAt,
              submitted_at: s.submittedAt,
            })),
          )
          .execute();
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('incidents').where('id', '=', id).execute();
      await tx.deleteFrom('incident_stages').where('incident_id', '=', id).execute();
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

  async groups(now: string, since: string, until: string): Promise<IncidentGroups> {
    const label = 'oa.label';
    const from = this.db.selectFrom('incidents as i').innerJoin('object_access as oa', 'oa.seq', 'i.seq');
    const n = sql<number>`count(*)`.as('n');
    const [places, sectors, severities, due] = await Promise.all([
      from.select([label, 'i.country', 'i.member_states', n]).groupBy([label, 'i.country', 'i.member_states']).execute(),
      from.select([label, 'i.sector', n]).groupBy([label, 'i.sector']).execute(),
      from
        .select([label, sql<string>`substr(i.aware_at, 1, 10)`.as('day'), 'i.severity', n])
        .where('i.aware_at', '>=', since)
        .groupBy([label, sql`substr(i.aware_at, 1, 10)`, 'i.severity'])
        .execute(),
      from
        .innerJoin('incident_stages as s', 's.incident_id', 'i.id')
        .select([label, 'i.id', 'i.name', 's.stage', 's.due_at'])
        .where('s.submitted_at', 'is', null)
        .where('s.due_at', '>=', now)
        .where('s.due_at', '<=', until)
        .where(sql<SqlBool>`(s.starts_at is null or s.starts_at <= ${now})`)
        .orderBy('s.due_at')
        .limit(1000)
        .execute(),
    ]);
    return {
      places: places.map((r) => ({
        label: labelFromJson(r.label),
        country: r.country,
        memberStates: JSON.parse(r.member_states) as string[],
        count: Number(r.n),
      })),
      sectors: sectors.map((r) => ({ label: labelFromJson(r.label), sector: r.sector, count: Number(r.n) })),
      severities: severities.map((r) => ({ label: labelFromJson(r.label), day: r.day, severity: r.severity, count: Number(r.n) })),
      dueSoon: due.map((r) => ({
        label: labelFromJson(r.label),
        incidentId: r.id,
        incidentName: r.name,
        stage: r.stage as StageRecord['stage'],
        dueAt: r.due_at as string,
      })),
    };
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
    if (standings.length > 0) stageExists(sql<SqlBool>`(${sql.join(standings, sql` or `)})`);
    if (f.dueWithinHours !== undefined) {
      const until = new Date(Date.parse(now) + f.dueWithinHours * 3_600_000).toISOString();
      stageExists(
        sql<SqlBool>`(s.submitted_at is null and s.due_at >= ${now} and s.due_at <= ${until} and (s.starts_at is null or s.starts_at <= ${now}))`,
      );
    }
    return eb.and(all);
  }
}
