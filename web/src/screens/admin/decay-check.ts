// The decay table's values as models, checked with the API's own check (issue 17, must 6;
// src/domain/decay/check.ts) before saving so each error shows next to its cell. Cells are named
// as the API names them in its refusals: `models[i].property`.
import type { DecayModel } from '../../../../src/domain/decay/api.ts';
import { type DECAY_NUMBER_FIELDS, modelPatchesErrors } from '../../../../src/domain/decay/check.ts';

/** The numeric properties of a model, in the table's order, with their words. */
export const MODEL_FIELDS = [
  { key: 'lifetimeDays', label: 'Lifetime (days)' },
  { key: 'decaySpeed', label: 'Decay speed' },
  { key: 'baseScore', label: 'Base score' },
  { key: 'threshold', label: 'Threshold' },
  { key: 'sightingBoost', label: 'Points per sighting' },
  { key: 'falsePositivePenalty', label: 'Points per false positive' },
] as const satisfies readonly { key: (typeof DECAY_NUMBER_FIELDS)[number]; label: string }[];

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

const EMPTY: Omit<DecayModel, 'kind'> = {
  lifetimeDays: 0,
  decaySpeed: 0,
  baseScore: 0,
  threshold: 0,
  sightingBoost: 0,
  falsePositivePenalty: 0,
};

/** The models the texts make, and each cell's error as the API would answer it (its
 *  modelPatchesErrors, by `models[i].property`). */
export function modelsOf(rows: readonly ModelText[]): { models: DecayModel[]; errors: Map<string, string> } {
  const models = rows.map((row) => {
    const m: DecayModel = { ...EMPTY, kind: row.kind };
    for (const f of MODEL_FIELDS) {
      const text = row[f.key].trim();
      // An empty cell is no number (Number('') would be 0, which some fields accept).
      m[f.key] = text === '' ? Number.NaN : Number(text);
    }
    return m;
  });
  return { models, errors: new Map(modelPatchesErrors(models).map((e) => [e.field, e.message])) };
}
