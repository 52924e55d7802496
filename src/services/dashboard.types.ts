// What the dashboard and marking-banner endpoints answer (issue 6). Kept free of server imports so
// that the web UI reads the same types (web/src/api/dashboard.ts, objects.ts).
import type { Tlp } from '../domain/markings/tlp.ts';

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
}

/** The markings of what one screen shows (the marking banner, CONVENTIONS.md, Front end). */
export interface Banner {
  tlp: Tlp | null;
  /** Highest level per scheme, e.g. `NATO SECRET`. */
  classifications: string[];
  releasableTo: string[];
  /** Per id the reader may see: its TLP and classification level. */
  objects: Record<string, { tlp: Tlp; classification: string | null }>;
}
