// Request schemas of the administration API. Unknown properties are refused so that a typo
// (`dissabled`) is an error rather than a silent no-op.
import { Type } from '@fastify/type-provider-typebox';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const OrgBody = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    country: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 2 }), Type.Null()])),
    communities: Type.Optional(Type.Array(Slug, { maxItems: 100 })),
    node: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    defaultTlp: Type.Optional(Type.String({ maxLength: 20 })),
    defaultDistribution: Type.Optional(Type.String({ maxLength: 200 })),
    nis2Role: Type.Optional(
      Type.Union([Type.String({ maxLength: 20, description: 'csirt, essential, important or none (NIS2 Art. 3)' }), Type.Null()]),
    ),
    sectors: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100, description: 'NIS2 Annex I/II keys: sector or sector/subsector' }),
    ),
    csirtOrg: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 200, description: "The CSIRT organisation (id or name) of an entity's constituency" }),
        Type.Null(),
      ]),
    ),
    sightingDisclosure: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'What partners learn of who sighted, by default: organization, country-sector or anonymous (issue 17)',
      }),
    ),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CommunityBody = Type.Object(
  {
    id: Type.Optional(Slug),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SharingGroupBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    ownerOrg: Type.Optional(Type.String({ maxLength: 200 })),
    members: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UserBody = Type.Object(
  {
    orgId: Type.Optional(Type.String({ maxLength: 200 })),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    mustChangePassword: Type.Optional(
      Type.Boolean({
        description:
          'The user must choose a new password at next sign-in (set with a password chosen for them; a generated one always sets it)',
      }),
    ),
    roles: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5 })),
    clearances: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 100 }))),
    exercises: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
    disabled: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UsersQuery = Type.Object({ orgId: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

export const TokenBody = Type.Object(
  {
    userId: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scope: Type.Optional(Type.Union([Type.Literal('read'), Type.Literal('read-write')])),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const TokensQuery = Type.Object({ userId: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
