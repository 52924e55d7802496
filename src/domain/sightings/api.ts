// What the sighting services answer and accept (issue 17, musts 1–3): the shapes the HTTP API,
// the command line and the web UI share. Wire objects stay STIX `sighting`s (STIX 2.1 §5.2);
// these are the views built on them.
import type { BannerMarks } from '../markings/banner.ts';
import type { ObservableKind } from '../observables/types.ts';

/** Concord's sighting extension on `sighting` (declared by an extension-definition, §7.3). */
export const CONCORD_SIGHTING_EXTENSION_ID = 'extension-definition--6f39348b-e71c-5d36-82e7-89df63ffdc9f';

/** What a sighting says, as MISP's sighting types 0, 1 and 2: seen, a false positive, expired. */
export const SIGHTING_TYPES = ['sighting', 'false-positive', 'expired'] as const;
export type SightingType = (typeof SIGHTING_TYPES)[number];

/** What partners (everyone outside the sighting organisation) learn of who sighted (must 2). */
export const DISCLOSURES = ['organization', 'country-sector', 'anonymous'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/**
 * The extension as it travels in `sighting.extensions[CONCORD_SIGHTING_EXTENSION_ID]`. The
 * object itself is written in its disclosed form: with `organization` it names the sighter in
 * `created_by_ref` and `where_sighted_refs`; otherwise it names no organisation anywhere (and its
 * signed provenance names the node, not the organisation), `country`/`sectors` are kept only for
 * `country-sector`, and `sighter_token` — a keyed hash of the organisation and what was sighted,
 * unlinkable across objects — lets rules count distinct sighters without knowing them.
 */
export interface ConcordSightingExtension {
  extension_type: 'property-extension';
  sighting_type: SightingType;
  disclosure: Disclosure;
  sighter_token?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** NIS2 sector keys of the sighter (identity/nis2-sectors). */
  sectors?: string[];
}

/** One sighting to record (POST /api/v1/sightings). Times default to now, count to 1. */
export interface NewSighting {
  /** `sighting_of_ref`: an indicator, observable, malware or any SDO the caller may read. */
  of: string;
  firstSeen?: string;
  lastSeen?: string;
  count?: number;
  type?: SightingType;
  /** Defaults to the organisation's default disclosure. */
  disclosure?: Disclosure;
  description?: string;
  tlp?: string;
  distribution?: string;
}

/** One observed value of a batch (POST /api/v1/sightings/batch). */
export interface ObservedValue {
  value: string;
  /** Detected from the value when absent, as lookups do. */
  kind?: ObservableKind;
  firstSeen?: string;
  lastSeen?: string;
  count?: number;
  type?: SightingType;
}

/** A batch: observed values matched to what the caller may read, each match sighted. */
export interface SightingBatch {
  observed: ObservedValue[];
  disclosure?: Disclosure;
  tlp?: string;
  distribution?: string;
}

/** What one observed value matched and the sightings recorded for it (enrichment and report in one). */
export interface BatchOutcome {
  index: number;
  value: string;
  kind: ObservableKind | null;
  normalized: string | null;
  matches: { id: string; type: string; name: string | null }[];
  /** Ids of the sightings recorded, one per match. */
  sightings: string[];
}

export interface BatchResult {
  received: number;
  matched: number;
  recorded: number;
  results: BatchOutcome[];
}

/** Who sighted, as far as the reader may know (access/sighting-disclosure). */
export interface SighterView {
  /** Null when the sighting does not disclose its organisation to this reader. */
  org: { id: string; name: string } | null;
  country: string | null;
  sectors: string[];
  /** The reader's own organisation sighted it. */
  own: boolean;
}

/** One sighting as a reader sees it. */
export interface SightingView {
  id: string;
  of: string;
  type: SightingType;
  count: number;
  firstSeen: string;
  lastSeen: string;
  disclosure: Disclosure;
  sighter: SighterView;
  exercise: string | null;
  description: string | null;
  marking: BannerMarks | null;
}

/** One day of the series (UTC), by what the sightings said. */
export interface SightingDay {
  day: string;
  sightings: number;
  falsePositives: number;
  expired: number;
}

/** A lookup match's sightings (must 3: "shown … in lookup results"): the true sightings the reader
 *  may see and the latest `last_seen` among them. */
export interface SightingSummary {
  count: number;
  lastSeen: string | null;
}

/** Sightings of one object (and, for a malware family, of the indicators that indicate it). */
export interface SightingAggregate {
  of: string;
  /** Every object whose sightings are counted here: `of`, and a malware's indicators. */
  includes: string[];
  /** Sum of `count` of true sightings. */
  total: number;
  sightings: number;
  falsePositives: number;
  expired: number;
  /** Distinct sighters (disclosed or not). */
  organisations: number;
  firstSeen: string | null;
  lastSeen: string | null;
  series: SightingDay[];
  /** `org: null` gathers the sightings whose organisation is not disclosed to the reader. */
  byOrg: { org: { id: string; name: string } | null; count: number }[];
  byCountry: { country: string | null; count: number }[];
  bySector: { sector: string | null; count: number }[];
  /** The latest sightings, newest first. */
  recent: SightingView[];
  /** The marking banner of every sighting counted here (the object page folds it into its own). */
  banner?: BannerMarks;
}
