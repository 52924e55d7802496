// Checking decay models an administrator sets (PUT /api/v1/decay/models, `concord decay set`):
// each error names the field at fault as `models[i].field` (issue 17: "bad input gets a clear
// error naming the field"). Pure.
import { InvalidInputError } from '../../errors.ts';
import { DECAY_KINDS, type DecayKind, type DecayModel } from './api.ts';

/** One model to set: its kind and the fields to change; fields left out keep their value. */
export type DecayModelPatch = { kind: string } & Partial<Omit<DecayModel, 'kind'>>;

type NumberField = Exclude<keyof DecayModel, 'kind'>;

/** The range of each field, with why it is bounded. */
const RANGES: Readonly<Record<NumberField, { min: number; max: number; minOpen?: boolean; what: string }>> = {
  // A lifetime of zero would make every indicator expired at birth; ten years is beyond any
  // indicator's useful life.
  lifetimeDays: { min: 0, max: 3650, minOpen: true, what: 'a number of days above 0 and at most 3650' },
  // 1/δ is the exponent: δ must be positive; beyond 100 the curve is a step at age 0.
  decaySpeed: { min: 0, max: 100, minOpen: true, what: 'a number above 0 and at most 100' },
  baseScore: { min: 0, max: 100, what: 'a score from 0 to 100' },
  threshold: { min: 0, max: 100, what: 'a score from 0 to 100' },
  sightingBoost: { min: 0, max: 100, what: 'a number of points from 0 to 100' },
  falsePositivePenalty: { min: 0, max: 100, what: 'a number of points from 0 to 100' },
};

const FIELDS = Object.keys(RANGES) as NumberField[];

function checkNumber(at: string, field: NumberField, v: unknown): number {
  const r = RANGES[field];
  const ok = typeof v === 'number' && Number.isFinite(v) && (r.minOpen ? v > r.min : v >= r.min) && v <= r.max;
  if (!ok) throw new InvalidInputError(`${at}.${field} must be ${r.what}, got ${JSON.stringify(v)}`, { field: `${at}.${field}` });
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
    for (const f of FIELDS) if (p[f] !== undefined) next[f] = checkNumber(at, f, p[f]);
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
