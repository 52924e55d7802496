// Request schemas of the collection administration API (/api/v1/collections). Unknown
// properties are refused so that a typo is an error rather than a silent no-op.
import { Type } from '@fastify/type-provider-typebox';

const Grants = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
  maxItems: 1000,
  description: '*, org:<id> or community:<id>; empty grants nobody',
});
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 1000 });

export const CollectionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    alias: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    kind: Type.Optional(Type.Union([Type.Literal('query'), Type.Literal('target')])),
    types: Type.Optional(Names),
    labels: Type.Optional(Names),
    createdByRefs: Type.Optional(Names),
    minScore: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description: 'Leave out indicators whose decay score is below this (0–100); null clears it (issue 17)',
      }),
    ),
    read: Type.Optional(Grants),
    write: Type.Optional(Grants),
  },
  { additionalProperties: false },
);

export const CollectionRefParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
