// The rows of the incident projection's tables and their conversions (migrations/0032), shared
// by the repository's reads and writes.
import { type SqlBool, sql } from 'kysely';
import type { StageStatus } from '../../domain/incidents/clocks.ts';
import type { IncidentLink, IncidentRecord } from '../../domain/incidents/project.ts';

export interface IncidentsTable {
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

export interface StagesTable {
  incident_id: string;
  stage: string;
  request: number;
  due_at: string | null;
  starts_at: string | null;
  submitted_at: string | null;
}

export interface LinksTable {
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

export const toRecord = (r: IncidentsTable): IncidentRecord => ({
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

export const toLink = (r: LinksTable): IncidentLink => ({
  incidentId: r.incident_id,
  objectId: r.object_id,
  kind: r.kind as IncidentLink['kind'],
  relationshipType: r.relationship_type,
  declaredBy: r.declared_by,
});

/** `like` pattern matching `word` anywhere, with its wildcards escaped. */
export const containing = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One stage standing at `now`, as a condition on a row `s` of incident_stages. */
export function standingIs(status: StageStatus, now: string): ReturnType<typeof sql<SqlBool>> {
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
