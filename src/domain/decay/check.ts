// The ranges of a decay model's fields (issue 17, must 6), as a pure check with no server
// imports so that the web settings form shows the same errors as PUT /api/v1/decay/models,
// next to each field.
import { DECAY_KINDS, type DecayModel } from './api.ts';

/** One problem with a model: the field (a DecayModel property) and what is wrong. */
export interface DecayModelError {
  field: keyof DecayModel;
  message: string;
}

type NumberField = Exclude<keyof DecayModel, 'kind'>;

/** The range of each number field, with why it is bounded. */
const RANGES: Readonly<Record<NumberField, { min: number; max: number; minOpen?: boolean; what: string }>> = {
  // A lifetime of 0 would make every indicator expired at birth; ten years is beyond any
  // indicator's useful life.
  lifetimeDays: { min: 0, max: 3650, minOpen: true, what: 'a number of days above 0 and at most 3650' },
  // 1/δ is the polynomial's exponent: δ must be positive; beyond 100 the curve is a step at age 0.
  decaySpeed: { min: 0, max: 100, minOpen: true, what: 'a number above 0 and at most 100' },
  baseScore: { min: 0, max: 100, what: 'a score from 0 to 100' },
  threshold: { min: 0, max: 100, what: 'a score from 0 to 100' },
  sightingBoost: { min: 0, max: 100, what: 'a number of points from 0 to 100' },
  falsePositivePenalty: { min: 0, max: 100, what: 'a number of points from 0 to 100' },
};

/** The number fields of a model, in form order. */
export const DECAY_NUMBER_FIELDS = Object.keys(RANGES) as NumberField[];

/** Why `v` is not acceptable for `field`, or undefined when it is. */
export function fieldError(field: NumberField, v: unknown): string | undefined {
  const r = RANGES[field];
  const ok = typeof v === 'number' && Number.isFinite(v) && (r.minOpen ? v > r.min : v >= r.min) && v <= r.max;
  return ok ? undefined : `${field} must be ${r.what}, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
}

/** Every problem with a whole model (empty when it is acceptable). */
export function checkDecayModel(m: DecayModel): DecayModelError[] {
  const out: DecayModelError[] = [];
  if (!(DECAY_KINDS as readonly string[]).includes(m.kind))
    out.push({ field: 'kind', message: `kind must be one of ${DECAY_KINDS.join(', ')}, got "${String(m.kind)}"` });
  for (const f of DECAY_NUMBER_FIELDS) {
    const message = fieldError(f, m[f]);
    if (message !== undefined) out.push({ field: f, message });
  }
  return out;
}

/** One model to set (PUT /api/v1/decay/models `models[i]`): its kind and the fields to change. */
export type DecayModelPatch = { kind: string } & Partial<Omit<DecayModel, 'kind'>>;

/** A problem with the models to set: `field` is the path the API names (`models[i].<prop>`). */
export interface DecayPatchError {
  field: string;
  message: string;
}

/** Every problem with the models to set, as the API refuses them (it answers the first):
 *  an unknown or repeated kind, a field out of its range. Pure, for the web settings form too. */
export function modelPatchesErrors(patches: readonly DecayModelPatch[]): DecayPatchError[] {
  const out: DecayPatchError[] = [];
  const seen = new Set<string>();
  for (const [i, p] of patches.entries()) {
    const at = `models[${i}]`;
    if (!(DECAY_KINDS as readonly string[]).includes(p.kind))
      out.push({ field: `${at}.kind`, message: `${at}.kind must be one of ${DECAY_KINDS.join(', ')}, got "${p.kind}"` });
    else if (seen.has(p.kind)) out.push({ field: `${at}.kind`, message: `${at}.kind "${p.kind}" is given twice` });
    seen.add(p.kind);
    for (const f of DECAY_NUMBER_FIELDS) {
      const message = p[f] === undefined ? undefined : fieldError(f, p[f]);
      if (message !== undefined) out.push({ field: `${at}.${f}`, message: `${at}.${message}` });
    }
  }
  return out;
}
