// The decay models' repository (issue 17, must 6), kept beside repositories.ts, which
// re-exports it.
import type { DecayModel } from '../domain/decay/api.ts';

/** A stored model with who set it and when. */
export interface StoredDecayModel {
  model: DecayModel;
  updatedAt: string;
  updatedBy: string;
}

/** Decay models set by administrators: one row per kind; kinds without a row use the defaults. */
export interface DecayRepo {
  /** Every stored model, by kind. */
  list(): Promise<StoredDecayModel[]>;
  /** Stores (or replaces) the models of their kinds, in one transaction. */
  put(models: readonly DecayModel[], at: string, by: string): Promise<void>;
  /** Removes the rows of these kinds: they use the defaults again. */
  reset(kinds: readonly string[]): Promise<void>;
}
