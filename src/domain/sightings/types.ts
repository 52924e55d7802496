// The sighting projection (issue 17): one row per sighting's latest version, derived at ingest
// from the STIX object, whatever way it came (API, import, feed, peer).
import type { Disclosure, SightingType } from './api.ts';

/** One projected sighting. */
export interface SightingRecord {
  id: string;
  /** Store sequence of the version projected. */
  seq: number;
  /** `sighting_of_ref` and its type. */
  of: string;
  ofType: string;
  /** The label's owner: the sighting organisation here; for a sighting that reached this node
   *  without its organisation, the node that sent it. Never shown to partners as is. */
  ownerOrg: string;
  disclosure: Disclosure;
  /** Distinct-sighter key: the organisation id when disclosed, else the extension's token. */
  sighter: string;
  country: string | null;
  sectors: string[];
  type: SightingType;
  count: number;
  firstSeen: string;
  lastSeen: string;
  exercise: string | null;
  description: string | null;
}
