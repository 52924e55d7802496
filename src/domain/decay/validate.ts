// Checking decay models an administrator sets (PUT /api/v1/decay/models, `concord decay set`):
// each error names the field at fault as `models[i].field` (issue 17: "bad input gets a clear
// error naming the field"). Pure.
import { InvalidInputError } from '../../errors.ts';
import { DECAY_KINDS, type DecayKind, type DecayModel } from './api.ts';
import { DECAY_NUMBER_FIELDS, fieldError } from './check.ts';

/** One model to set: its kind and the fields to change; fields left out keep their value. */
export type DecayModelPatch = { kind: string } & Partial<Omit<DecayModel, 'kind'>>;

function checkNumber(at: string, field: (typeof DECAY_NUMBER_FIELDS)[number], v: unknown): number {
  const message = fieldError(field, v);
  if (message !== undefined) throw new InvalidInputError(`${at}.${message}`, { field: `${at}.${field}` });
  return v as number;
}

/** Applies the patches to the current models (one per kind); throws INVALID_INPUT naming
 *  `models[i].field`; returns only the models that were patched. */
export function applyPatches(current: readonly DecayModel[], patches: readonly DecayModelPatch[]): DecayModel[] {
  const byKind = new Map(current.map((m) => [m.kind, m]));
  const kinds = checkKinds(patches.map((p) => p.kind));
  return patches.map((p, i) => {
    const at = `models[${i}]`;
    const kind = kinds[i] ?? 'default';
    const base = byKind.get(kind);
    if (!base) throw new InvalidInputError(`${at}.kind "${kind}" has no current model`, { field: `${at}.kind` });
    const next: DecayModel = { ...base };
    for (const f of DECAY_NUMBER_FIELDS) if (p[f] !== undefined) next[f] = checkNumber(at, f, p[f]);
    return next;
  });
}

/** The kinds named by `models[i].kind`, checked: known, and each once. */
export function checkKinds(kinds: readonly string[]): DecayKind[] {
  const seen = new Set<string>();
  return kinds.map((k, i) => {
    const at = `models[${i}].kind`;
    if (!(DECAY_KINDS as readonly string[]).includes(k))
      throw new InvalidInputError(`${at} must be one of ${DECAY_KINDS.join(', ')}, got "${k}"`, { field: at });
    if (seen.has(k)) throw new InvalidInputError(`${at} "${k}" is given twice`, { field: at });
    seen.add(k);
    return k as DecayKind;
  });
}
