// Each organisation's roster on either engine (issue 18, must 2; migrations/0038). Every read and
// write but `add` and `byProfiles` is scoped to one organisation: an organisation never reads or
// changes another's experts, whatever id it names.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { ExpertRecord } from '../../domain/assistance/types.ts';
import type { RosterRepo } from '../assistance-repositories.ts';
import { clearances, stringArray, windows } from './json-columns.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { Tables } from './tables.ts';

export interface ExpertsTable {
  id: string;
  org_id: string;
  profile_id: string;
  pseudonym: string;
  name: string;
  email: string | null;
  phone: string | null;
  skills: string;
  certifications: string;
  languages: string;
  clearances: string;
  availability: string;
  deployment_ids: string;
  country: string;
  utc_offset_minutes: number | null;
  on_site: number | boolean;
  published: number | boolean;
  created: string;
  modified: string;
}

/** The roster's table, next to the store's own. */
export type RosterTables = { experts: ExpertsTable };

type DB = Tables & RosterTables;

function toRecord(r: ExpertsTable): ExpertRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    profileId: r.profile_id,
    pseudonym: r.pseudonym,
    name: r.name,
    email: r.email,
    phone: r.phone,
    skills: stringArray(r.skills),
    certifications: stringArray(r.certifications),
    languages: stringArray(r.languages),
    clearances: clearances(JSON.parse(r.clearances)),
    availability: windows(JSON.parse(r.availability)),
    deploymentIds: stringArray(r.deployment_ids),
    country: r.country,
    utcOffsetMinutes: r.utc_offset_minutes === null ? null : Number(r.utc_offset_minutes),
    onSite: Boolean(r.on_site),
    published: Boolean(r.published),
    created: r.created,
    modified: r.modified,
  };
}

/** The roster. */
export class KyselyRosterRepo implements RosterRepo {
  private readonly db: Kysely<DB>;
  private readonly sql: SqlDialect;

  constructor(db: Kysely<Tables>, dialect: SqlDialect) {
    this.db = db.withTables<RosterTables>();
    this.sql = dialect;
  }

  async add(expert: ExpertRecord): Promise<void> {
    await this.db.insertInto('experts').values(this.toRow(expert)).execute();
  }

  async update(orgId: string, expert: ExpertRecord): Promise<boolean> {
    // The id and the organisation stay: a row never moves to another organisation's roster.
    const { id: _id, org_id: _org, created: _created, ...changes } = this.toRow(expert);
    const r = await this.db.updateTable('experts').set(changes).where('org_id', '=', orgId).where('id', '=', expert.id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async get(orgId: string, id: string): Promise<ExpertRecord | undefined> {
    const r = await this.db.selectFrom('experts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : toRecord(r);
  }

  async list(orgId: string): Promise<ExpertRecord[]> {
    const rows = await this.db.selectFrom('experts').selectAll().where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async byProfiles(profileIds: readonly string[]): Promise<ExpertRecord[]> {
    if (profileIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('experts')
      .selectAll()
      .where(sql<SqlBool>`${this.sql.inList('profile_id', profileIds)}`)
      .orderBy('profile_id')
      .execute();
    return rows.map(toRecord);
  }

  async remove(orgId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('experts').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  private toRow(e: ExpertRecord): ExpertsTable {
    return {
      id: e.id,
      org_id: e.orgId,
      profile_id: e.profileId,
      pseudonym: e.pseudonym,
      name: e.name,
      email: e.email,
      phone: e.phone,
      skills: JSON.stringify(e.skills),
      certifications: JSON.stringify(e.certifications),
      languages: JSON.stringify(e.languages),
      clearances: JSON.stringify(e.clearances),
      availability: JSON.stringify(e.availability),
      deployment_ids: JSON.stringify(e.deploymentIds),
      country: e.country,
      utc_offset_minutes: e.utcOffsetMinutes,
      on_site: this.sql.bool(e.onSite),
      published: this.sql.bool(e.published),
      created: e.created,
      modified: e.modified,
    };
  }
}
