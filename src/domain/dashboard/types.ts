// What the dashboard and marking-banner endpoints answer (issue 6), and the aggregate rows the store
// groups by access label for them. Kept free of server imports so that the web UI reads the same
// types (web/src/api/dashboard.ts, objects.ts).
import type { Tlp } from '../markings/tlp.ts';
import type { BannerMarks } from '../markings/banner.ts';

/** A key and how many. */
export interface Count {
  key: string;
  count: number;
}

/** A dashboard row naming one object. */
export interface ObjectSummary {
  id: string;
  type: string;
  name: string;
  addedAt?: string;
  count?: number;
  tlp?: string;
}

export interface Dashboard {
  /** The store's highest seq when computed; the live stream reports later changes. */
  asOf: number;
  total: number;
  byType: Count[];
  byTlp: Count[];
  byClassification: Count[];
  /** ISO 3166-1 alpha-2 country of the owning organisation; `unknown` when it has none. */
  byCountry: Count[];
  activity: { day: string; count: number }[];
  topThreats: ObjectSummary[];
  recent: ObjectSummary[];
  /** The marking banner of everything counted above (issue 15, must 1). */
  banner: BannerMarks;
}

/** The markings of what one screen shows (the marking banner, CONVENTIONS.md, Front end). */
export interface Banner extends BannerMarks {
  /** Per id the reader may see: its TLP and classification level. */
  objects: Record<string, { tlp: Tlp; classification: string | null }>;
}

// The store groups by access label; the service decides, label by label, what a reader may count
// (DESIGN.md principle 2: counts go through the access policy, never around it).

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
