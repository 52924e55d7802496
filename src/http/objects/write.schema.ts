// Request schemas of the write API (issue 15, must 4; must 5 for bulk), after the wire types of
// domain/writing/types.ts (TypeBox → JSON Schema, validated by Fastify, published in OpenAPI).
import { Type } from '@fastify/type-provider-typebox';
import { TLP_LEVELS } from '../../domain/markings/tlp.ts';
import { BULK_MAX } from '../../domain/writing/types.ts';
import { SIGHTING_COUNT_MAX } from '../../domain/writing/relations.ts';

const StixId = (description: string) => Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', description });
const Text = (description: string) => Type.Optional(Type.String({ description, maxLength: 100_000 }));

const markingFields = {
  tlp: Type.Optional(
    Type.Union(
      TLP_LEVELS.map((t) => Type.Literal(t)),
      { description: 'TLP 2.0 level; absent: the organisation default (new objects) or the current one (new versions)' },
    ),
  ),
  distribution: Type.Optional(
    Type.String({
      description: '`organization`, `sharing-group:<id>`, `community:<id>` or `federation`; absent: as for tlp',
      minLength: 1,
      maxLength: 200,
    }),
  ),
};

export const MarkingBody = Type.Object(markingFields, { additionalProperties: false });

export const CreateBody = Type.Object(
  {
    object: Type.Object(
      { type: Type.String({ minLength: 1, maxLength: 250, description: 'STIX type, e.g. `indicator`' }) },
      {
        additionalProperties: true,
        description: "The object's own properties; id, spec_version, created, modified and created_by_ref are filled in",
      },
    ),
    ...markingFields,
  },
  { additionalProperties: false },
);

export const ReviseBody = Type.Object(
  {
    changes: Type.Record(Type.String(), Type.Unknown(), { description: 'Properties to set; null removes one' }),
    base: Type.Optional(
      Type.String({ maxLength: 40, description: 'The `modified` of the version the changes start from (409 when a newer one exists)' }),
    ),
    ...markingFields,
  },
  { additionalProperties: false },
);

export const RelateBody = Type.Object(
  {
    source_ref: StixId('The object the relationship starts from'),
    target_ref: StixId('The object it points to'),
    relationship_type: Type.String({
      minLength: 1,
      maxLength: 250,
      description: 'A STIX 2.1 relationship type (`uses`, `indicates`, …) or a custom lower-case hyphenated one',
    }),
    description: Text('Why the two are related (Markdown)'),
    ...markingFields,
  },
  { additionalProperties: false },
);

export const SightBody = Type.Object(
  {
    sighting_of_ref: StixId('What was sighted: an indicator, malware, campaign, …'),
    where_sighted_refs: Type.Optional(Type.Array(StixId('An identity or location'), { maxItems: 1000 })),
    observed_data_refs: Type.Optional(Type.Array(StixId('An observed-data object'), { maxItems: 1000 })),
    first_seen: Type.Optional(Type.String({ maxLength: 40, description: 'STIX timestamp' })),
    last_seen: Type.Optional(Type.String({ maxLength: 40, description: 'STIX timestamp, not before first_seen' })),
    count: Type.Optional(Type.Integer({ minimum: 0, maximum: SIGHTING_COUNT_MAX })),
    description: Text('What was seen (Markdown)'),
    ...markingFields,
  },
  { additionalProperties: false },
);

export const BulkBody = Type.Object(
  {
    ids: Type.Array(StixId('An object of the selection'), { minItems: 1, maxItems: BULK_MAX }),
    action: Type.Union([
      Type.Object({ kind: Type.Literal('revoke') }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('markings'), ...markingFields }, { additionalProperties: false }),
      Type.Object(
        {
          kind: Type.Literal('labels'),
          add: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 250 }), { maxItems: 100 })),
          remove: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 250 }), { maxItems: 100 })),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);
