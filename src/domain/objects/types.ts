// Object versions as the store hands them back, and the filters, pages and edges of their reads
// (DESIGN.md, Storage). Read by services and HTTP alike; the store implements them.
import type { Observable } from '../observables/types.ts';
import type { AccessLabel } from '../access/types.ts';
import type { Hideable } from '../explorer/types.ts';

/** A stored version as read back. */
export interface StoredObject {
  /** Monotonic store sequence of this version; the basis of cursors. */
  seq: number;
  id: string;
  type: string;
  version: string;
  /** When this version was stored, ISO 8601 with milliseconds, never decreasing with `seq`. */
  addedAt: string;
  json: string;
}

/** What happened to one object of a batch. */
export type InsertResult =
  | { status: 'inserted'; seq: number }
  /** The same (id, version) is already held; the caller compares contents. */
  | { status: 'exists'; existingJson: string };

/** Filters of the object list; every field narrows (AND). */
export interface ObjectFilter {
  ids?: string[];
  types?: string[];
  createdByRefs?: string[];
  /** An object matches when it has any of these labels. */
  labels?: string[];
  /** Version keys (fixed width) bounding `modified`; inclusive. */
  modifiedFrom?: string;
  modifiedTo?: string;
  /** ISO timestamps bounding `addedAt`; inclusive from, exclusive to. */
  addedFrom?: string;
  addedTo?: string;
  revoked?: boolean;
  /** Full-text query: every word must occur in the object's search text. */
  text?: string;
  /** TLP 2.0 levels of the version's access label (`clear`, `green`, …); any of them matches. */
  tlps?: string[];
  /** Kinds of objects left out (issue 15, must 5): `deprecated` (ATT&CK's x_mitre_deprecated),
   *  `revoked`, `system` (Concord's own plumbing, domain/explorer/rules.ts). */
  hide?: readonly Hideable[];
  /** Owner organisations of the version's access label; any of them matches (a facet, must 5). */
  owners?: string[];
  /** Only versions carrying granular markings (the Explorer counts those matching a text search
   *  by reading them, issue 15, must 5). */
  granularOnly?: boolean;
}

/** An order of the object list other than store order (issue 15, must 5). */
export interface SortOrder {
  by: 'modified' | 'created' | 'name' | 'type';
  desc: boolean;
}

/** Where a sorted page starts: after the row with this sort key and seq (keyset, no offsets). */
export interface SortPosition {
  key: string;
  seq: number;
}

/** One page in a sort order: each version with its sort key, and the position to continue from. */
export interface SortedPage {
  items: { object: StoredObject; key: string }[];
  next: SortPosition | null;
}

/** Keyset pagination over `seq`, ascending. */
export interface PageRequest {
  after?: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` to get the next page; null on the last page. */
  next: number | null;
}

/** A relationship or reference edge between two objects' latest versions. */
export interface Edge {
  source: string;
  property: string;
  target: string;
}

/** An object matched by an observable lookup, and which value matched it. */
export interface LookupHit {
  observable: Observable;
  object: StoredObject;
  /** The version's access label, read in the same statement (null: not labelled, read by no one). */
  label: AccessLabel | null;
}
