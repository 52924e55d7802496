// Setting decay models (PUT /api/v1/decay/models, `concord decay set|reset`): the checks of
// check.ts (shared with the web settings form) turned into the error the API answers, naming
// the field at fault as `models[i].field` (issue 17: "bad input gets a clear error naming the
// field"). Pure.
import { InvalidInputError } from '../../errors.ts';
import type { DecayKind, DecayModel } from './api.ts';
import { DECAY_NUMBER_FIELDS, type DecayModelPatch, modelPatchesErrors } from './check.ts';

export type { DecayModelPatch } from './check.ts';

/** Throws INVALID_INPUT for the first problem with `patches`, naming its field. */
function refuseFirst(patches: readonly DecayModelPatch[]): void {
  const [first] = modelPatchesErrors(patches);
  if (first) throw new InvalidInputError(first.message, { field: first.field });
}

/** Applies the patches to the current models (one per kind); throws INVALID_INPUT naming
 *  `models[i].field`; returns only the models that were patched. */
export function applyPatches(current: readonly DecayModel[], patches: readonly DecayModelPatch[]): DecayModel[] {
  refuseFirst(patches);
  const byKind = new Map(current.map((m) => [m.kind, m]));
  return patches.map((p, i) => {
    const base = byKind.get(p.kind as DecayKind);
    if (!base) throw new InvalidInputError(`models[${i}].kind "${p.kind}" has no current model`, { field: `models[${i}].kind` });
    const next: DecayModel = { ...base };
    for (const f of DECAY_NUMBER_FIELDS) {
      const v = p[f];
      if (v !== undefined) next[f] = v;
    }
    return next;
  });
}

/** The kinds named by `models[i].kind`, checked: known, and each once. */
export function checkKinds(kinds: readonly string[]): DecayKind[] {
  refuseFirst(kinds.map((kind) => ({ kind })));
  return kinds as DecayKind[];
}
