// Kysely table types shared by both engines. Column names follow DESIGN.md (Data model);
// migrations/ creates them. PostgreSQL int8 values are parsed to numbers at connect time
// (postgres/open.ts), so `seq` is a number on both engines.
import type { Generated } from 'kysely';
import type { IdentityTables } from './identity.tables.ts';

/** One row per stored object version. */
export interface ObjectsTable {
  seq: Generated<number>;
  id: string;
  version: string;
  type: string;
  spec_version: string;
  created: string | null;
  created_by_ref: string | null;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  revoked: number | boolean;
  /** Set on the greatest version of each id only (0/1 in SQLite). */
  latest: number | boolean;
  added_at: string;
  json: string;
  /** Key id of the node that originated this version, when it came from a peer (migrations/0021). */
  origin_key: string | null;
  /** The import run that stored this version (`ingest_sources.id`, migrations/0030); null before. */
  source_id: number | null;
  /** The version's own day and a relationship's type, for the dashboard (migrations/0029). */
  own_day: string | null;
  relationship_type: string | null;
}

/** One import run: where the versions holding its id came from (migrations/0030). */
export interface IngestSourcesTable {
  id: Generated<number>;
  kind: string;
  label: string | null;
  job_id: string | null;
  actor: string | null;
  created_at: string;
}

/** References held by the latest version of each source object, keyed by that version's seq. */
export interface RefsTable {
  seq: number;
  property: string;
  target_id: string;
}

/** Normalised observables of latest versions, keyed by the version's seq. */
export interface ObservablesTable {
  kind: string;
  value: string;
  seq: number;
}

/** Prefix lengths of the IP networks among the observables (migrations/0004). */
export interface ObservableNetworksTable {
  kind: string;
  prefix: number;
}

/** Labels of latest versions, keyed by the version's seq. */
export interface LabelsTable {
  seq: number;
  label: string;
}

export interface QuarantineTable {
  id: Generated<number>;
  received_at: string;
  source: string;
  object_id: string | null;
  reason: string;
  /** JSON text. */
  details: string;
  raw: string;
}

export interface ImportJobsTable {
  id: string;
  state: string;
  source: string;
  created_at: string;
  updated_at: string;
  bytes_total: number | null;
  bytes_read: number;
  objects_read: number;
  /** JSON text of an ImportSummary. */
  summary: string | null;
  org_id: string | null;
  /** migrations/0026: the uploaded file's name and the uploader's user name. */
  file_name: string | null;
  uploaded_by: string | null;
}

/** The access label of one stored version (migrations/0007_object_access.ts). */
export interface ObjectAccessTable {
  seq: number;
  owner_org: string;
  tlp: string;
  distribution: string;
  label: string;
}

/** Every table the store's Kysely queries touch (full-text tables are queried raw). */
export interface Tables extends IdentityTables {
  object_access: ObjectAccessTable;
  objects: ObjectsTable;
  refs: RefsTable;
  observables: ObservablesTable;
  observable_networks: ObservableNetworksTable;
  labels: LabelsTable;
  quarantine: QuarantineTable;
  import_jobs: ImportJobsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  ingest_sources: IngestSourcesTable;
}

/** The hash-chained audit log (migrations/0006); `seq` is assigned by the repo, not the engine. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  /** JSON text of a JSON object. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** The one-row head of the audit chain (id is always 1), moved with every append. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The alert projection (issue 17, must 4; migrations/0036); `exercise` is '' outside exercises. */
export interface AlertsTable {
  id: string;
  seq: number;
  rule_id: string;
  community: string;
  exercise: string;
  subject_kind: string;
  subject_key: string;
  subject_label: string;
  organisations: number;
  countries: string;
  sightings: number;
  first_seen: string;
  last_seen: string;
  created: string;
  modified: string;
}

/** The alert projection's tables, added to `Tables` by its repository (db.withTables). */
export type AlertTables = { alerts: AlertsTable };
