// Wire types of writing objects through the API and the UI (issue 15, must 4): create an object
// or a new version of it, revoke it, relate two objects, record a sighting, change markings, and
// the same on a selection (must 5, bulk actions). The server fills in what STIX asks of a
// producer (id, spec_version, created, modified, created_by_ref: STIX 2.1 §3.2) and then writes
// through the same ingest path, validation and write rules as an import; the UI imports these
// types and validates with the same domain rules before it sends.
import type { ObjectMarking } from '../markings/banner.ts';
import type { Tlp } from '../markings/tlp.ts';

/** Markings chosen by the writer from names (never typed ids). Absent: the organisation's
 *  defaults for a new object, the current markings for a new version. */
export interface MarkingInput {
  tlp?: Tlp;
  /** `organization`, `sharing-group:<id>`, `community:<id>` or `federation`. */
  distribution?: string;
}

/** POST /api/v1/objects: a new object (any type the writer may create). */
export interface CreateObjectRequest extends MarkingInput {
  /** The object's own properties; `id` may be given (a new id is minted when absent). */
  object: { type: string } & Record<string, unknown>;
}

/** POST /api/v1/objects/{id}/versions: a new version of an object of the writer's organisation. */
export interface ReviseObjectRequest extends MarkingInput {
  /** Properties to set on the latest version; `null` removes a property. `id`, `type`,
   *  `spec_version`, `created` and `created_by_ref` cannot change (STIX 2.1 §3.6). */
  changes: Record<string, unknown>;
  /** The `modified` of the version the writer started from: when a newer one exists the write
   *  is refused with CONFLICT instead of silently overwriting it (lost update). */
  base?: string;
}

/** POST /api/v1/relationships (STIX 2.1 §5.1). */
export interface RelateRequest extends MarkingInput {
  source_ref: string;
  target_ref: string;
  relationship_type: string;
  description?: string;
}

/** POST /api/v1/sightings (STIX 2.1 §5.2). */
export interface SightRequest extends MarkingInput {
  sighting_of_ref: string;
  where_sighted_refs?: string[];
  observed_data_refs?: string[];
  first_seen?: string;
  last_seen?: string;
  count?: number;
  description?: string;
}

/** What every single write answers (201): the stored version and its marking summary. */
export interface WriteResult {
  object: { id: string; type: string; modified?: string } & Record<string, unknown>;
  marking: ObjectMarking;
}

/** One problem a check found, located by JSON path inside the object (`$.pattern`). */
export interface WriteIssue {
  path: string;
  message: string;
  rule: string;
  severity: 'error' | 'warning';
}

/** POST /api/v1/objects/check: validation of a CreateObjectRequest without storing it. */
export interface CheckResult {
  ok: boolean;
  issues: WriteIssue[];
}

/** What a bulk request does to each selected object (each one a new version, under the write rules). */
export type BulkAction = { kind: 'revoke' } | ({ kind: 'markings' } & MarkingInput) | { kind: 'labels'; add?: string[]; remove?: string[] };

/** POST /api/v1/objects/bulk: at most BULK_MAX ids. */
export interface BulkRequest {
  ids: string[];
  action: BulkAction;
}

/** Each id's outcome; one refusal does not stop the others. */
export interface BulkResult {
  results: { id: string; ok: boolean; code?: string; detail?: string }[];
}

export const BULK_MAX = 1000;
