// Request schemas of the feed administration API (/api/v1/feeds). Unknown properties are refused
// so that a typo is an error rather than a silent no-op. Credentials are flat fields, as on the
// command line (`--user/--password` or `--token`), and turned into one FeedAuth here.
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { FeedAuth } from '../../domain/feeds/types.ts';
import { InvalidInputError } from '../../errors.ts';

export const FeedParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const Name = Type.String({ minLength: 1, maxLength: 100, description: 'What the feed is called; unique on the node' });

export const FeedBody = Type.Object(
  {
    name: Name,
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'A TAXII 2.1 discovery URL, API root, collections list or collection URL',
    }),
    collection: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'With a discovery URL or API root: the collection, by id or alias' }),
    ),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    // The same floor as `concord feed add --interval` (domain/feeds/types.ts parseInterval).
    intervalSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 30 * 86400, default: 900 })),
    tlp: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'TLP of objects that arrive without one' })),
    distribution: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Distribution of objects that arrive without one' }),
    ),
  },
  { additionalProperties: false },
);

export type FeedBodyType = Static<typeof FeedBody>;

/** The feed's credentials: a bearer token, HTTP Basic, or none (TAXII 2.1 §1.6.9). */
export function feedAuthOf(b: FeedBodyType): FeedAuth {
  if (b.token !== undefined && (b.user !== undefined || b.password !== undefined)) {
    throw new InvalidInputError('give either a token or a user name and password, not both', { field: 'token' });
  }
  if (b.token !== undefined) return { kind: 'token', token: b.token };
  if (b.user === undefined && b.password === undefined) return { kind: 'none' };
  if (b.user === undefined) throw new InvalidInputError('a password goes with a user name', { field: 'user' });
  if (b.password === undefined) throw new InvalidInputError('a user name goes with a password', { field: 'password' });
  return { kind: 'basic', user: b.user, password: b.password };
}

/** A feed's editable fields (issue 15, must 9: names are editable). */
export const FeedPatch = Type.Object({ name: Name }, { additionalProperties: false });
