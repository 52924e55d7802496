// The stored form of one object version, computed from a validated object by examine.ts and
// written by the store (store/repositories.ts ObjectRepo.insertBatch).
import type { Observable } from '../observables/types.ts';

/** An edge from an object to another object it references (`*_ref`, `*_refs`, SRO ends). */
export interface Ref {
  /** The property that holds the reference, as a JSON path without `$.` (e.g. `object_refs`). */
  property: string;
  target: string;
}

/** One object version ready to store, computed by the ingest domain from a validated object. */
export interface PreparedObject {
  id: string;
  type: string;
  specVersion: string;
  /** Fixed-width version key (domain/stix/timestamp.ts `versionKey`) of `modified`, else `created`, else ''. */
  version: string;
  /** Fixed-width key of `created`, or null when the object has none (SCOs). */
  created: string | null;
  createdByRef: string | null;
  revoked: boolean;
  labels: string[];
  /** Compact JSON text; stored and returned verbatim. */
  json: string;
  /** Words for full-text search: name, description, labels, pattern, and similar. */
  searchText: string;
  refs: Ref[];
  observables: Observable[];
  /** `object_marking_refs`, from which the access label is derived (domain/access/label.ts)
   *  on the writing thread without parsing `json` again. */
  markingRefs: string[];
  /** The distribution in Concord's object extension, as written, or null. */
  distribution: string | null;
  /** The key id of the node that originated this version, when it was received from a peer
   *  (set by ingestion from the verified provenance, not by examine). */
  originKey?: string;
  /** The import run that stores it (`ingest_sources.id`; set by ingestion, issue 15, must 3). */
  sourceId?: number;
  /** The dashboard's columns (issue 15, must 7; migrations/0029): the `YYYY-MM-DD` of the
   *  object's own time (domain/dashboard/own-time.ts), and a relationship's `relationship_type`,
   *  kept beside the JSON so that the store-wide counts never parse it. */
  ownDay: string | null;
  relationshipType: string | null;
}
