// The alert projection on both engines (issue 17, must 4; migrations/0036).
import type { Kysely } from 'kysely';
import type { RuleSubject } from '../../domain/alerts/api.ts';
import type { AlertListQuery, AlertRecord } from '../../domain/alerts/types.ts';
import type { AlertRepo, LabelledAlert } from '../alert-repositories.ts';
import { labelFromJson } from './access.repo.ts';
import type { AlertsTable, AlertTables, Tables } from './tables.ts';

type DB = Tables & AlertTables;

const CHUNK = 200;

function toRow(r: AlertRecord): AlertsTable {
  return {
    id: r.id,
    seq: r.seq,
    rule_id: r.ruleId,
    community: r.community,
    exercise: r.exercise ?? '',
    subject_kind: r.subjectKind,
    subject_key: r.subjectKey,
    subject_label: r.subjectLabel,
    organisations: r.organisations,
    countries: JSON.stringify(r.countries),
    sightings: r.sightings,
    first_seen: r.firstSeen,
    last_seen: r.lastSeen,
    created: r.created,
    modified: r.modified,
  };
}

function toRecord(r: AlertsTable): AlertRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    ruleId: r.rule_id,
    community: r.community,
    exercise: r.exercise === '' ? null : r.exercise,
    subjectKind: r.subject_kind as RuleSubject,
    subjectKey: r.subject_key,
    subjectLabel: r.subject_label,
    organisations: Number(r.organisations),
    countries: JSON.parse(r.countries) as string[],
    sightings: Number(r.sightings),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    created: r.created,
    modified: r.modified,
  };
}

/** The alert projection. */
export class KyselyAlertRepo implements AlertRepo {
  private readonly db: Kysely<DB>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<AlertTables>();
  }

  async put(rows: readonly AlertRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await tx
          .deleteFrom('alerts')
          .where(
            'id',
            'in',
            chunk.map((r) => r.id),
          )
          .execute();
        await tx.insertInto('alerts').values(chunk.map(toRow)).execute();
      }
    });
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK)
      await this.db
        .deleteFrom('alerts')
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
  }

  async get(id: string): Promise<LabelledAlert | undefined> {
    const r = await this.labelled().where('a.id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : toLabelled(r);
  }

  async list(q: AlertListQuery): Promise<LabelledAlert[]> {
    let query = this.labelled();
    if (q.rule !== undefined) query = query.where('a.rule_id', '=', q.rule);
    if (q.community !== undefined) query = query.where('a.community', '=', q.community);
    if (q.since !== undefined) query = query.where('a.last_seen', '>=', q.since);
    const after = q.after;
    if (after !== undefined)
      query = query.where((eb) =>
        eb.or([eb('a.last_seen', '<', after.lastSeen), eb.and([eb('a.last_seen', '=', after.lastSeen), eb('a.id', '<', after.id)])]),
      );
    const rows = await query.orderBy('a.last_seen', 'desc').orderBy('a.id', 'desc').limit(q.limit).execute();
    return rows.map(toLabelled);
  }

  private labelled() {
    return this.db
      .selectFrom('alerts as a')
      .leftJoin('object_access as oa', 'oa.seq', 'a.seq')
      .selectAll('a')
      .select('oa.label as access_label');
  }
}

function toLabelled(r: AlertsTable & { access_label: string | null }): LabelledAlert {
  return { record: toRecord(r), label: r.access_label === null ? null : labelFromJson(r.access_label) };
}
