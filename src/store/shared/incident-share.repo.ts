// Cross-border shares of incidents on either engine: one Kysely implementation
// (migrations/0034_incident_shares.ts).
import type { Kysely } from 'kysely';
import type { IncidentShareRecord } from '../../domain/incidents/share.ts';
import type { IncidentShareRepo } from '../repositories.ts';
import type { Tables } from './tables.ts';

interface IncidentSharesTable {
  id: string;
  incident_id: string;
  kind: string;
  mode: string;
  recipients: string;
  shared_object: string;
  sharing_group: string;
  org_id: string;
  by: string;
  at: string;
}

/** The table of this repository, next to the store's own. */
export type IncidentShareTables = { incident_shares: IncidentSharesTable };

function toRecord(r: IncidentSharesTable): IncidentShareRecord {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind as IncidentShareRecord['kind'],
    mode: r.mode as IncidentShareRecord['mode'],
    recipients: JSON.parse(r.recipients) as IncidentShareRecord['recipients'],
    sharedObject: r.shared_object,
    sharingGroup: r.sharing_group,
    orgId: r.org_id,
    by: r.by,
    at: r.at,
  };
}

/** The record of every share and handover, oldest first per incident. */
export class KyselyIncidentShareRepo implements IncidentShareRepo {
  private readonly db: Kysely<Tables & IncidentShareTables>;

  constructor(db: Kysely<Tables>) {
    this.db = db.withTables<IncidentShareTables>();
  }

  async add(s: IncidentShareRecord): Promise<void> {
    await this.db
      .insertInto('incident_shares')
      .values({
        id: s.id,
        incident_id: s.incidentId,
        kind: s.kind,
        mode: s.mode,
        recipients: JSON.stringify(s.recipients),
        shared_object: s.sharedObject,
        sharing_group: s.sharingGroup,
        org_id: s.orgId,
        by: s.by,
        at: s.at,
      })
      .execute();
  }

  async of(ids: readonly string[]): Promise<IncidentShareRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('incident_shares')
      .selectAll()
      .where((eb) => eb.or([eb('incident_id', 'in', [...ids]), eb('shared_object', 'in', [...ids])]))
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }
}
