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

/** The period every panel answers for (issue 15, must 7): the `days` calendar days (UTC) ending
 *  today, shown per day up to 31 days and per 7-day bucket beyond. */
export interface DashboardRange {
  days: number;
  /** `YYYY-MM-DD`, first day included. */
  from: string;
  /** `YYYY-MM-DD`, today, included. */
  to: string;
  bucket: 'day' | 'week';
}

/** One bar of the activity chart: what happened in the bucket starting `start`, by the objects' own
 *  time (domain/dashboard/own-time.ts), split by kind. */
export interface ActivityBucket {
  /** `YYYY-MM-DD`, the bucket's first day. */
  start: string;
  /** Objects other than relationships and sightings, by their `created`. */
  objects: number;
  relationships: number;
  /** Sightings by when they were sighted (`last_seen`, else `first_seen`, else `created`). */
  sightings: number;
}

/** Where threats were sighted and where targets are: keys are ISO 3166-1 alpha-2 countries; a
 *  location without a country counts under `@<latitude>,<longitude>` (two decimals) when it has
 *  coordinates, else under `region:<region>` (STIX 2.1 §4.9 region-ov). */
export interface PlaceLayers {
  /** Sightings by the country of their `where_sighted_refs` (a location's `country`, an identity's
   *  organisation country or `located-at` location). */
  sighted: Count[];
  /** `targets` relationships by the country of their target (location or identity). */
  targeted: Count[];
}

/** What makes a threat "active" in the period (issue 15, must 7). */
export interface ThreatActivity {
  /** Relationships created in the period with the threat at either end. */
  relationships: number;
  /** Of those, the ones from an indicator (`indicates`). */
  indicators: number;
  /** Sightings of the threat sighted in the period. */
  sightings: number;
}

export interface Dashboard {
  /** The store's highest seq when computed; the live stream reports later changes. */
  asOf: number;
  range: DashboardRange;
  /** Everything the reader may read, whenever made. */
  total: number;
  /** What the reader may read made (by its own time) in the period; the panels below count these. */
  inRange: number;
  byType: Count[];
  byTlp: Count[];
  byClassification: Count[];
  places: PlaceLayers;
  activity: ActivityBucket[];
  /** Threat actors, intrusion sets, malware and campaigns by activity in the period. */
  topThreats: (ObjectSummary & { activity: ThreatActivity })[];
  /** The newest objects other organisations shared with the reader's, stored in the period. */
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
  /** `YYYY-MM-DD` of the versions' own time (own-time.ts); null when they have none (SCOs). */
  day: string | null;
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
  /** The other end's type (`indicator` for an `indicates`); null for a sighting. */
  otherType: string | null;
  /** `YYYY-MM-DD` of the edge's own time (own-time.ts). */
  day: string | null;
  count: number;
}

/** Sightings (layer `sighted`, one per `where_sighted_refs` entry) and `targets` relationships
 *  (layer `targeted`) grouped by the place they name and the labels that decide who may count them. */
export interface PlaceGroup {
  layer: keyof PlaceLayers;
  /** The location or identity id. */
  placeId: string;
  /** The place's own label; null when the store does not hold it. */
  placeLabel: string | null;
  /** The sighting's or relationship's label. */
  label: string;
  /** The sighted object's or the relationship source's label. */
  sourceLabel: string | null;
  day: string | null;
  count: number;
}

/** What the store knows of places: locations with their country, and identities `located-at` a
 *  location (STIX 2.1 §4.9, §5.2), each with its labels. */
export interface PlaceFacts {
  locations: {
    id: string;
    label: string;
    country: string | null;
    region: string | null;
    latitude: number | null;
    longitude: number | null;
  }[];
  locatedAt: { identityId: string; locationId: string; label: string; sourceLabel: string; targetLabel: string }[];
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
