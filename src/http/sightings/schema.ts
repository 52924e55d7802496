// Request schemas of the sighting API (issue 17, musts 1, 3 and 8), after the wire types of
// domain/sightings/api.ts (TypeBox → JSON Schema, validated by Fastify, published in OpenAPI).
// Ranges and enums are checked by the service, so that a refusal names the field as the API
// states it (`count`, `observed[3].lastSeen`), not as the schema validator words it.
import { Type } from '@fastify/type-provider-typebox';
import { OBSERVABLE_KINDS } from '../../domain/observables/types.ts';
import { DISCLOSURES, type Disclosure, SIGHTING_TYPES, type SightingType } from '../../domain/sightings/api.ts';
import type { ObservableKind } from '../../domain/observables/types.ts';
import { MAX_BATCH } from '../../services/sighting-batch.ts';
import { SightBody } from '../objects/write.schema.ts';

const Time = (description: string) => Type.Optional(Type.String({ maxLength: 40, description }));
const markings = {
  tlp: Type.Optional(Type.String({ maxLength: 20, description: 'TLP 2.0 level; absent: the organisation default' })),
  distribution: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: '`organization`, `sharing-group:<id>`, `community:<id>` or `federation`' }),
  ),
};
const sightingFields = {
  firstSeen: Time('STIX timestamp; absent: lastSeen, or now'),
  lastSeen: Time('STIX timestamp, not before firstSeen; absent: firstSeen, or now'),
  count: Type.Optional(Type.Integer({ description: 'How many times, 1 to 999,999,999; absent: 1' })),
  // Typed as the API's enum, checked by the service (which names the field in its refusal).
  type: Type.Optional(
    Type.Unsafe<SightingType>(Type.String({ maxLength: 40, description: `One of ${SIGHTING_TYPES.join(', ')}; absent: sighting` })),
  ),
};
const disclosure = Type.Optional(
  Type.Unsafe<Disclosure>(
    Type.String({
      maxLength: 40,
      description: `What partners learn of who sighted: ${DISCLOSURES.join(', ')}; absent: the organisation default`,
    }),
  ),
);

/** A NewSighting. */
export const NewSightingBody = Type.Object(
  {
    of: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'The id of what was sighted: an indicator, malware, any SDO you may read',
    }),
    ...sightingFields,
    disclosure,
    description: Type.Optional(Type.String({ maxLength: 100_000, description: 'What was seen (Markdown)' })),
    ...markings,
  },
  { additionalProperties: false },
);

/** POST /sightings: a NewSighting, or (the write API's form, issue 15) a STIX sighting's own properties. */
export const RecordBody = Type.Union([NewSightingBody, SightBody]);

/** A SightingBatch. */
export const BatchBody = Type.Object(
  {
    observed: Type.Array(
      Type.Object(
        {
          value: Type.String({ maxLength: 10_000, description: 'The value observed: an address, domain, URL, hash…' }),
          kind: Type.Optional(
            Type.Unsafe<ObservableKind>(
              Type.String({ maxLength: 40, description: `One of ${OBSERVABLE_KINDS.join(', ')}; absent: detected` }),
            ),
          ),
          ...sightingFields,
        },
        { additionalProperties: false },
      ),
      // The count is checked by the service, whose refusal names `observed`.
      { description: `At most ${MAX_BATCH} observed values` },
    ),
    disclosure,
    ...markings,
  },
  { additionalProperties: false },
);

export const ObjectParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });
