// Factories for who uses a node in tests: an organisation with a user of given roles and
// clearances, and that user's API token (CONVENTIONS.md, Tests: factories create what a
// record needs).
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Org, User } from '../../src/domain/identity/types.ts';
import type { Services } from '../../src/services/index.ts';

let counter = 0;

export interface Person {
  org: Org;
  user: User;
  password: string;
  token: string;
  /** `Authorization` header for `app.inject`. */
  auth: { authorization: string };
}

export interface PersonOptions {
  org?: Org;
  orgName?: string;
  country?: string;
  communities?: string[];
  roles?: string[];
  clearances?: Record<string, string>;
  exercises?: string[];
  scope?: 'read' | 'read-write';
}

/** Creates (or reuses) an organisation and a user in it with a read-write (or `scope`) token. */
export async function buildPerson(services: Services, opts: PersonOptions = {}): Promise<Person> {
  const n = ++counter;
  const org =
    opts.org ??
    (await services.orgs.addOrg(CLI, {
      name: opts.orgName ?? `Test CSIRT ${n}-${process.pid}`,
      ...(opts.country ? { country: opts.country } : {}),
      communities: opts.communities ?? [],
    }));
  const password = `correct horse battery ${n}`;
  const { user } = await services.users.addUser(CLI, {
    orgId: org.id,
    username: `user${n}-${process.pid}`,
    password,
    roles: opts.roles ?? ['analyst'],
    clearances: opts.clearances ?? {},
    exercises: opts.exercises ?? [],
  });
  const { secret } = await services.users.createToken(CLI, { userId: user.id, name: 'test', scope: opts.scope ?? 'read-write' });
  return { org, user, password, token: secret, auth: { authorization: `Bearer ${secret}` } };
}
