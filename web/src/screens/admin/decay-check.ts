// The checks of a decay model the API makes (issue 17, must 6; src/domain/decay/validate.ts),
// run in the browser before saving so each error shows next to its cell. Field names are the
// API's: `models[i].property`.
import type { DecayModel } from '../../../../src/domain/decay/api.ts';

/** The numeric properties of a model, in the table's order, with their words and the API's bounds
 *  (`minOpen`: the bound itself is refused). */
export const MODEL_FIELDS = [
  { key: 'lifetimeDays', label: 'Lifetime (days)', min: 0, max: 3650, minOpen: true, what: 'a number of days above 0 and at most 3650' },
  { key: 'decaySpeed', label: 'Decay speed', min: 0, max: 100, minOpen: true, what: 'a number above 0 and at most 100' },
  { key: 'baseScore', label: 'Base score', min: 0, max: 100, minOpen: false, what: 'a score from 0 to 100' },
  { key: 'threshold', label: 'Threshold', min: 0, max: 100, minOpen: false, what: 'a score from 0 to 100' },
  { key: 'sightingBoost', label: 'Points per sighting', min: 0, max: 100, minOpen: false, what: 'a number of points from 0 to 100' },
  {
    key: 'falsePositivePenalty',
    label: 'Points per false positive',
    min: 0,
    max: 100,
    minOpen: false,
    what: 'a number of points from 0 to 100',
  },
] as const satisfies readonly { key: keyof DecayModel; label: string; min: number; max: number; minOpen: boolean; what: string }[];

export type ModelField = (typeof MODEL_FIELDS)[number]['key'];
/** A model as typed: every number as its text. */
export type ModelText = { kind: DecayModel['kind'] } & Record<ModelField, string>;

export const textOf = (m: DecayModel): ModelText => ({
  kind: m.kind,
  lifetimeDays: String(m.lifetimeDays),
  decaySpeed: String(m.decaySpeed),
  baseScore: String(m.baseScore),
  threshold: String(m.threshold),
  sightingBoost: String(m.sightingBoost),
  falsePositivePenalty: String(m.falsePositivePenalty),
});

/** A cell's name as the API names it in its errors. */
export const cellName = (i: number, key: ModelField): string => `models[${i}].${key}`;

/** The models the texts make, and each cell's error by its API name (`models[2].threshold`). */
export function modelsOf(rows: readonly ModelText[]): { models: DecayModel[]; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const models = rows.map((row, i) => {
    const m: DecayModel = {
      kind: row.kind,
      lifetimeDays: 0,
      decaySpeed: 0,
      baseScore: 0,
      threshold: 0,
      sightingBoost: 0,
      falsePositivePenalty: 0,
    };
    for (const f of MODEL_FIELDS) {
      const text = row[f.key].trim();
      const n = text === '' ? Number.NaN : Number(text);
      const ok = Number.isFinite(n) && (f.minOpen ? n > f.min : n >= f.min) && n <= f.max;
      if (!ok) errors.set(cellName(i, f.key), `${f.key} must be ${f.what}, got ${JSON.stringify(text)}`);
      m[f.key] = n;
    }
    return m;
  });
  return { models, errors };
}
