// Request schemas of the object endpoints (TypeBox → JSON Schema, validated by Fastify and
// published in the OpenAPI document).
import { Type } from '@fastify/type-provider-typebox';

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+--[0-9a-fA-F-]{36}$', description: 'STIX identifier' }) });

export const GetQuery = Type.Object(
  { version: Type.Optional(Type.String({ description: 'The `modified` timestamp of the version wanted; latest when absent' })) },
  { additionalProperties: false },
);

export const NeighbourhoodQuery = Type.Object(
  { depth: Type.Integer({ minimum: 1, maximum: 2, default: 1, description: 'Hops from the object (a relationship counts as one hop)' }) },
  { additionalProperties: false },
);
