// The repository of correlation (issue 17, must 5): "also seen in" read from the observables
// index (DESIGN.md, data model: correlation is by index, never by a pairwise table). Kept beside
// repositories.ts, which re-exports it.
import type { AccessLabel } from '../domain/access/types.ts';
import type { StoredObject } from '../domain/objects/types.ts';
import type { Observable } from '../domain/observables/types.ts';

/** A latest version carrying a value, with its access label (null: not labelled, read by no one). */
export interface Carrier {
  object: StoredObject;
  label: AccessLabel | null;
}

/** Reads of the observables index for correlation; adds no table of its own. */
export interface CorrelationRepo {
  /** The seq of the latest version of `id` and its observable values, by kind then value;
   *  undefined when the object is not held. */
  valuesOf(id: string): Promise<{ seq: number; values: Observable[] } | undefined>;
  /**
   * Latest versions other than seq `except` indexed under `value`, newest first, with
   * `seq < before` when given, at most `limit`: the caller pages with the last seq it read
   * and keeps the ones its reader may read.
   */
  carriers(value: Observable, except: number, before: number | undefined, limit: number): Promise<Carrier[]>;
}
