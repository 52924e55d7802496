// Correlation (issue 17, must 5): "also seen in" drawn from the observables index (no table of
// pairs), with a correlation limit and MISP warninglists.
import type { ObjectMarking } from '../markings/banner.ts';

/** A warninglist a value is on. */
export interface WarninglistHit {
  /** The folder name of the list (as in the MISP warninglists repository). */
  id: string;
  name: string;
}

/** One observable value of an object and the other objects that carry it. */
export interface CorrelatedValue {
  kind: string;
  value: string;
  /** How many other latest objects the reader may read carry it (counted up to the limit + 1). */
  objects: number;
  /** More than the correlation limit: shown as such, not expanded. */
  tooCommon: boolean;
  warninglists: WarninglistHit[];
  /** The other objects, when not too common and not warninglisted (the reader's only). */
  seenIn: { id: string; type: string; name: string | null; marking?: ObjectMarking }[];
}

/** GET /api/v1/objects/{id}/correlations. */
export interface Correlation {
  of: string;
  limit: number;
  values: CorrelatedValue[];
}

/** Per lookup match (GET/POST /api/v1/lookup): how many other objects the reader may read carry
 *  the matched value, counted up to the limit + 1, and whether that is more than the limit. */
export interface LookupCorrelation {
  objects: number;
  tooCommon: boolean;
}
