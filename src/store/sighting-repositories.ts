// The repositories of collective detection (issue 17): the sighting projection. Kept beside
// repositories.ts, which re-exports them. Alerts, decay models and warninglists keep their own
// files beside this one.
import type { AccessLabel } from '../domain/access/types.ts';
import type { SightingType } from '../domain/sightings/api.ts';
import type { SightingRecord } from '../domain/sightings/types.ts';

/** A projected sighting with the access label of the version it was projected from (null: not
 *  labelled, read by no one). */
export interface LabelledSighting {
  record: SightingRecord;
  label: AccessLabel | null;
}

/** Decay's input: sightings of one object grouped by what they said and their access label
 *  (the caller keeps the groups the reader may read: a score never reveals a sighting the
 *  reader could not see). Counts are of sightings, not of their `count` property. */
export interface SightingGroup {
  of: string;
  type: SightingType;
  label: AccessLabel | null;
  sightings: number;
  /** The latest `last_seen` in the group. */
  lastSeen: string;
}

/** The sighting projection: rows derived from stored `sighting` objects. */
export interface SightingRepo {
  /** The last store sequence projected (0 before the first). */
  cursor(): Promise<number>;
  setCursor(seq: number): Promise<void>;
  /** Versions of `sighting` stored after `after`, in seq order. */
  changes(after: number, limit: number): Promise<{ seq: number; id: string }[]>;
  /** Stores (or replaces) rows, in one transaction. */
  put(rows: readonly SightingRecord[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Sightings of these objects, newest `last_seen` first (at most `limit` when given). */
  ofObjects(ids: readonly string[], limit?: number): Promise<LabelledSighting[]>;
  /** Sightings whose `last_seen` is at or after `since` (of these objects, when given): the
   *  window an alert rule looks at. */
  since(since: string, of?: readonly string[]): Promise<LabelledSighting[]>;
  /** Decay's input for these object ids: sightings whose `last_seen` is at or after `since`, grouped. */
  groups(ids: readonly string[], since: string): Promise<SightingGroup[]>;
}
