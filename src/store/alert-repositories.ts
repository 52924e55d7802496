// The alert projection's repository (issue 17, must 4; migrations/0036). Kept beside
// repositories.ts, which re-exports it.
import type { AccessLabel } from '../domain/access/types.ts';
import type { AlertListQuery, AlertRecord } from '../domain/alerts/types.ts';

/** An alert row with the access label of the version it was projected from (null: not
 *  labelled, read by no one). */
export interface LabelledAlert {
  record: AlertRecord;
  label: AccessLabel | null;
}

/** The alert projection: rows derived from this node's `x-concord-alert` objects. */
export interface AlertRepo {
  /** Stores (or replaces) rows, in one transaction. */
  put(rows: readonly AlertRecord[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  get(id: string): Promise<LabelledAlert | undefined>;
  /** One page, newest `last_seen` first (id descending on ties). */
  list(q: AlertListQuery): Promise<LabelledAlert[]>;
}
