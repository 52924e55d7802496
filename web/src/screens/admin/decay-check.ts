// The checks of a decay model the API makes (issue 17, must 6), run in the browser before saving
// so each error shows next to its cell. Field names are the API's: `models.<i>.<property>`.
import type { DecayModel } from '../../../../src/domain/decay/api.ts';

/** The numeric properties of a model, in the table's order, with their words and bounds. */
export const MODEL_FIELDS = [
  { key: 'lifetimeDays', label: 'Lifetime (days)', min: 1, max: 36_500, integer: true },
  { key: 'decaySpeed', label: 'Decay speed', min: 0.01, max: 100, integer: false },
  { key: 'baseScore', label: 'Base score', min: 0, max: 100, integer: false },
  { key: 'threshold', label: 'Threshold', min: 0, max: 100, integer: false },
  { key: 'sightingBoost', label: 'Points per sighting', min: 0, max: 100, integer: false },
  { key: 'falsePositivePenalty', label: 'Points per false positive', min: 0, max: 100, integer: false },
] as const satisfies readonly { key: keyof DecayModel; label: string; min: number; max: number; integer: boolean }[];

export type ModelField = (typeof MODEL_FIELDS)[number]['key'];
/** A model as typed: every number as its text. */
export type ModelText = { kind: DecayModel['kind'] } & Record<ModelField, string>;

export const textOf = (m: DecayModel): ModelText => ({
  kind: m.kind,
  ...(Object.fromEntries(MODEL_FIELDS.map((f) => [f.key, String(m[f.key])])) as Record<ModelField, string>),
});

/** The models the texts make, and each cell's error by its API name (`models.2.threshold`). */
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
      const n = Number(text);
      const name = `models.${i}.${f.key}`;
      if (text === '' || !Number.isFinite(n)) errors.set(name, `${f.key} must be a number`);
      else if (f.integer && !Number.isInteger(n)) errors.set(name, `${f.key} must be a whole number of days`);
      else if (n < f.min || n > f.max) errors.set(name, `${f.key} must be from ${f.min} to ${f.max}`);
      m[f.key] = n;
    }
    // The indicator counts as expired below the threshold: one above the base would expire it at once.
    if (!errors.has(`models.${i}.threshold`) && m.threshold > m.baseScore)
      errors.set(`models.${i}.threshold`, 'threshold must not be above baseScore');
    return m;
  });
  return { models, errors };
}
