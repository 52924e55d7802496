// TAXII collections (migrations/0009_collections.ts): their configuration, the reads of their
// contents and add-objects status resources.
import type { VersionSelection } from '../taxii/params.ts';
import type { StoredObject } from '../objects/types.ts';
import type { AccessLabel } from '../access/types.ts';

/** `query`: a saved filter over the store; `target`: shows what clients added to it. */
export type CollectionKind = 'query' | 'target';

/** The saved filter of a query collection; every field narrows (AND). */
export interface CollectionQuery {
  types?: string[];
  /** Objects whose latest version has any of these labels (all their versions). */
  labels?: string[];
  createdByRefs?: string[];
  /** Indicators whose decay score (as the reader sees it) is below this are left out; other
   *  objects pass (issue 17, must 6). A TAXII client reads it unmodified: the collection is the filter. */
  minScore?: number;
}

/** A collection as configured by an administrator. Grants: `*` (every authenticated user),
 *  `org:<id>` or `community:<id>`; an empty list grants nobody. */
export interface Collection {
  id: string;
  title: string;
  description: string;
  alias: string | null;
  kind: CollectionKind;
  query: CollectionQuery;
  read: string[];
  write: string[];
  mediaTypes: string[];
  createdAt: string;
  updatedAt: string;
}

/** One page of a collection's contents, in the order they were added. */
export interface CollectionRead {
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  /** Exclusive bound on the date added (ISO 8601, milliseconds). */
  addedAfter?: string;
  select: VersionSelection;
  /** Cursor: entries after this position. */
  after?: number;
  limit: number;
}

/** An object version in a collection: its position (cursor) and when it was added there. */
export interface CollectionEntry {
  position: number;
  dateAdded: string;
  object: StoredObject;
  /** The version's access label, read in the same statement (null: not labelled, read by no one). */
  label: AccessLabel | null;
  /** Whether the version was its object's latest when it was read. */
  latest: boolean;
}

/** A TAXII status resource as stored (§4.3.1). */
export interface StatusRecord {
  id: string;
  collectionId: string;
  orgId: string | null;
  status: 'pending' | 'complete';
  requestTimestamp: string;
  updatedAt: string;
  totalCount: number;
  successCount: number;
  failureCount: number;
  pendingCount: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

/** §4.3.1 status-details. */
export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}
