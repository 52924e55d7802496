// Request schemas of the object endpoints (TypeBox → JSON Schema, validated by Fastify and
// published in the OpenAPI document).
import { Type } from '@fastify/type-provider-typebox';

const Csv = (description: string) => Type.Optional(Type.String({ description, minLength: 1, maxLength: 4000 }));
const Timestamp = (description: string) => Type.Optional(Type.String({ description, minLength: 1, maxLength: 40 }));

export const ListQuery = Type.Object(
  {
    type: Csv('STIX types, comma-separated (e.g. `indicator,malware`)'),
    created_by_ref: Csv('Identity ids of the creators, comma-separated'),
    label: Csv('Labels, comma-separated; an object matches when it has any of them'),
    tlp: Csv('TLP 2.0 levels, comma-separated (`clear`, `green`, `amber`, `amber+strict`, `red`)'),
    modified_after: Timestamp('Only versions modified at or after this STIX timestamp'),
    modified_before: Timestamp('Only versions modified at or before this STIX timestamp'),
    added_after: Timestamp('Only objects stored at or after this time (ISO 8601)'),
    added_before: Timestamp('Only objects stored before this time (ISO 8601)'),
    revoked: Type.Optional(Type.Boolean({ description: 'Only revoked (true) or only not revoked (false) objects' })),
    q: Type.Optional(
      Type.String({
        description: 'Full-text search over name, description, labels, pattern, aliases and external ids',
        minLength: 1,
        maxLength: 500,
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ description: 'The `next` value of the previous page', maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', description: 'STIX identifier' }) });

export const GetQuery = Type.Object(
  { version: Type.Optional(Type.String({ description: 'The `modified` timestamp of the version wanted; latest when absent' })) },
  { additionalProperties: false },
);

export const NeighbourhoodQuery = Type.Object(
  { depth: Type.Integer({ minimum: 1, maximum: 2, default: 1, description: 'Hops from the object (a relationship counts as one hop)' }) },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    type: Csv('STIX types, comma-separated'),
    since: Timestamp('Only objects stored at or after this time (ISO 8601)'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
