// The alert projection's row (issue 17, must 4): what the alerts list shows and filters on,
// derived from an alert's latest version on this node.
import type { RuleSubject } from './api.ts';

/** One projected alert. */
export interface AlertRecord {
  id: string;
  /** Store sequence of the version projected (its access label is that version's). */
  seq: number;
  ruleId: string;
  community: string;
  exercise: string | null;
  subjectKind: RuleSubject;
  subjectKey: string;
  subjectLabel: string;
  organisations: number;
  countries: string[];
  sightings: number;
  firstSeen: string;
  lastSeen: string;
  created: string;
  modified: string;
}

/** One page of the alerts list (the reader's access is decided by the caller). */
export interface AlertListQuery {
  rule?: string;
  community?: string;
  /** Alerts whose last sighting is at or after this time. */
  since?: string;
  /** Keyset position: the last row of the previous page (newest activity first). */
  after?: { lastSeen: string; id: string };
  limit: number;
}
