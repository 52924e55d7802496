// Request schemas of the decay routes (issue 17, musts 6 and 8), published in the OpenAPI
// document. Ranges are checked by the service (domain/decay/validate.ts) so that every error
// names `models[i].field` the same way for the API and the command line.
import { Type } from '@fastify/type-provider-typebox';
import { DECAY_KINDS } from '../../domain/decay/api.ts';

const Num = (description: string) => Type.Optional(Type.Number({ description }));

/** One model to set: its kind and the fields to change. */
const ModelPatch = Type.Object(
  {
    kind: Type.String({ maxLength: 40, description: `The indicator kind: ${DECAY_KINDS.join(', ')}` }),
    lifetimeDays: Num('τ: days after which the score reaches 0 (above 0, at most 3650)'),
    decaySpeed: Num('δ: the polynomial’s speed (above 0, at most 100); above 1 falls fast at first'),
    baseScore: Num('Score at age 0 before sightings (0–100)'),
    threshold: Num('Below this score the indicator counts as expired (0–100)'),
    sightingBoost: Num('Points added per true sighting within the lifetime (0–100)'),
    falsePositivePenalty: Num('Points removed per false-positive sighting within the lifetime (0–100)'),
  },
  { additionalProperties: false },
);

export const PutModelsBody = Type.Object(
  {
    models: Type.Array(ModelPatch, {
      minItems: 1,
      maxItems: DECAY_KINDS.length,
      description: 'The kinds to change; fields left out keep their value, kinds left out are unchanged',
    }),
    reset: Type.Optional(Type.Boolean({ description: 'Put the listed kinds back on their default models (other fields ignored)' })),
  },
  { additionalProperties: false },
);

/** `min_score` on lookups and exports: indicators scoring below it are left out. */
export const MinScore = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: 100,
    description: 'Leave out indicators whose decay score is below this (0–100); other objects pass',
  }),
);
