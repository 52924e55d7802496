// The access labels of stored object versions (migrations/0007_object_access.ts).
import type { AccessLabel } from '../domain/access/types.ts';

export interface AccessRepo {
  /** Stores the labels of newly stored versions. */
  put(rows: { seq: number; label: AccessLabel }[]): Promise<void>;
  /** Labels of these versions; a version without a label is absent from the map. */
  labels(seqs: readonly number[]): Promise<Map<number, AccessLabel>>;
  /** The label of each id's latest version, for the ids that are held (and labelled). */
  latest(ids: readonly string[]): Promise<Map<string, AccessLabel>>;
}
