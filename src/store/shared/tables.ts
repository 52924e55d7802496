// Kysely table types shared by both engines. Column names follow DESIGN.md (Data model);
// migrations/ creates them. PostgreSQL int8 values are parsed to numbers at connect time
// (postgres/open.ts), so `seq` is a number on both engines.
import type { Generated } from 'kysely';

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
}

/** Every table the store's Kysely queries touch (full-text tables are queried raw). */
export interface Tables {
  objects: ObjectsTable;
  refs: RefsTable;
  observables: ObservablesTable;
  observable_networks: ObservableNetworksTable;
  labels: LabelsTable;
  quarantine: QuarantineTable;
  import_jobs: ImportJobsTable;
}
