// Aggregates for the situational-awareness dashboard and the live event stream (issue 6).
// The store groups by access label; the service decides, label by label, what a reader may count
// (DESIGN.md principle 2: counts go through the access policy, never around it).
import type { StoredObject } from './types.ts';

/** Latest versions sharing a type and the same labels (the object's and, for a relationship or
 *  sighting, its ends'). Labels are the stored JSON text of an AccessLabel; null = end not held. */
export interface LabelGroup {
  type: string;
  label: string;
  sourceLabel: string | null;
  targetLabel: string | null;
  /** `YYYY-MM-DD` the versions were stored. */
  day: string;
  count: number;
}

/** Relationships and sightings that point at one object (an intrusion set, a malware), grouped by
 *  the labels that decide whether a reader may count them. */
export interface ActivityGroup {
  id: string;
  type: string;
  /** The object's own label. */
  label: string;
  /** `relationship` or `sighting`. */
  edgeType: string;
  /** The relationship's or sighting's label. */
  edgeLabel: string;
  /** The relationship's other end; null for a sighting (whose only end is the object). */
  otherLabel: string | null;
  count: number;
}

/** A newly stored, labelled version, with the labels of its ends. */
export interface AddedVersion {
  seq: number;
  id: string;
  type: string;
  label: string;
  sourceLabel: string | null;
  targetLabel: string | null;
}

/** Read-only aggregate queries over objects and their access labels. */
export interface StatsRepo {
  /** The highest stored seq (0 when empty): the dashboard cache key and the stream's start. */
  maxSeq(): Promise<number>;
  /** Latest versions grouped by type, labels and the day they were stored. */
  labelGroups(): Promise<LabelGroup[]>;
  /** Relationships and sightings (latest) whose end is a latest object of one of `types`. */
  activity(types: readonly string[]): Promise<ActivityGroup[]>;
  /** Latest versions not owned by `ownerOrg`, newest first, seq below `before` when given. */
  recent(options: { notOwnedBy: string; excludeTypes: readonly string[]; before?: number; limit: number }): Promise<StoredObject[]>;
  /** Labelled versions with seq above `after`, in seq order, at most `limit`. */
  addedSince(after: number, limit: number): Promise<AddedVersion[]>;
}
