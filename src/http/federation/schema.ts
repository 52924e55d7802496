// Request schemas of the peer administration API (issue 5, item 2).
import { Type } from '@fastify/type-provider-typebox';

const Strings = (max = 200) => Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: max });
const Levels = Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 100 }));

export const PeerParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const PeerBody = Type.Object(
  {
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    key: Type.Optional(Type.String({ maxLength: 2000 })),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    orgs: Type.Optional(Strings()),
    countries: Type.Optional(Strings()),
    communities: Type.Optional(Strings()),
    accreditation: Type.Optional(Levels),
    outbound: Type.Optional(
      Type.Object(
        {
          // Null first: the validator coerces types, and tried first a string would take null as "".
          maxTlp: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 20 })])),
          maxClassification: Type.Optional(Type.Union([Levels, Type.Null()])),
          communities: Type.Optional(Type.Union([Strings(), Type.Null()])),
          types: Type.Optional(Type.Union([Strings(), Type.Null()])),
          exercises: Type.Optional(Strings()),
        },
        { additionalProperties: false },
      ),
    ),
    inbound: Type.Optional(
      Type.Object(
        { acceptTypes: Type.Optional(Type.Union([Strings(), Type.Null()])), allowUnsigned: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    sync: Type.Optional(Type.Boolean()),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RetractBody = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 1000 }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const NotifyBody = Type.Object({ node: Type.String({ maxLength: 300 }), head: Type.Integer({ minimum: 0 }) });

export const GroupsBody = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 1000 }) },
  { additionalProperties: false },
);
