// `concord token create|list|show|revoke`: API tokens, run as the node's command line (issue 3,
// item 8). The secret is printed once, at creation; only its hash is kept, so no later command
// can show it again. `add` is an alias of `create`, `disable` of `revoke`.
import { CLI } from '../domain/identity/principal.ts';
import type { ApiToken, TokenScope } from '../domain/identity/types.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { oneRef, parseExpiry, printFields, printJson, printTable, resolveUser, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord token create --user USER [--name NAME] [--scope read|read-write] [--expires WHEN] [--json]
concord token list [--user USER] [--json]
concord token show <id> [--json]
concord token revoke <id> [--json]

USER is a user's id or user name. --scope defaults to read. --expires is a duration from now
(30d, 12h, 2w, 90m), an ISO 8601 timestamp, or never (the default).
The secret is printed once by create and cannot be shown again. add = create, disable = revoke.`;

const OPTIONS = {
  user: { type: 'string' },
  name: { type: 'string' },
  scope: { type: 'string' },
  expires: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAGS = { user: '--user', userId: '--user', name: '--name', scope: '--scope', expiresAt: '--expires' };

const ALIASES = new Map([
  ['create', 'create'],
  ['add', 'create'],
  ['list', 'list'],
  ['show', 'show'],
  ['revoke', 'revoke'],
  ['disable', 'revoke'],
]);

const SCOPES: readonly TokenScope[] = ['read', 'read-write'];

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/** active, revoked or expired, as authentication would judge it now. */
function stateOf(t: ApiToken, now = Date.now()): string {
  if (t.revokedAt !== null) return `revoked ${t.revokedAt}`;
  if (t.expiresAt !== null && Date.parse(t.expiresAt) <= now) return `expired ${t.expiresAt}`;
  return 'active';
}

async function usernames(s: Services): Promise<(id: string) => string> {
  const names = new Map((await s.users.listUsers(CLI)).map((u) => [u.id, u.username]));
  return (id) => names.get(id) ?? id;
}

async function create(s: Services, values: Values): Promise<number> {
  // The service would quietly read any other scope as `read`; a typo should not pass unnoticed.
  const scope = SCOPES.find((x) => x === (values.scope ?? 'read'));
  if (scope === undefined) throw new InvalidInputError(`scope "${values.scope}" must be read or read-write`, { field: 'scope' });
  if (values.user === undefined) throw new InvalidInputError('a token needs the user it acts for', { field: 'user' });
  const user = await resolveUser(s, values.user);
  const expiresAt = values.expires !== undefined ? parseExpiry(values.expires) : null;
  const { token, secret } = await s.users.createToken(CLI, {
    userId: user.id,
    scope,
    expiresAt,
    ...(values.name !== undefined ? { name: values.name } : {}),
  });
  if (values.json) {
    printJson({ token, secret });
    console.error('the secret is shown only now and cannot be shown again; store it safely.');
    return 0;
  }
  console.log(
    `token ${token.id} (${token.name}) created for ${user.username}: scope ${token.scope}, expires ${token.expiresAt ?? 'never'}`,
  );
  console.log(`secret: ${secret}`);
  console.log('the secret is shown only now and cannot be shown again; store it safely.');
  return 0;
}

async function findToken(s: Services, id: string): Promise<ApiToken> {
  // The service has no getToken; the command line, a node administrator, lists every token.
  const token = (await s.users.listTokens(CLI)).find((t) => t.id === id);
  if (!token) throw new NotFoundError(`token ${id}`, { field: 'token' });
  return token;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const action = ALIASES.get(positionals[0] ?? '');
  const ref = oneRef(positionals);
  const needsRef = action === 'show' || action === 'revoke';
  const misplaced =
    (action !== 'create' && (values.name !== undefined || values.scope !== undefined || values.expires !== undefined)) ||
    (needsRef && values.user !== undefined);
  if (values.help || action === undefined || (needsRef ? ref === undefined : positionals.length > 1) || misplaced) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'create') return create(s, values);
    if (action === 'list') {
      const user = values.user !== undefined ? await resolveUser(s, values.user) : undefined;
      const tokens = await s.users.listTokens(CLI, user?.id);
      const name = await usernames(s);
      if (values.json) printJson(tokens);
      else
        printTable(
          ['ID', 'USER', 'NAME', 'SCOPE', 'EXPIRES', 'LAST USED', 'STATE'],
          tokens.map((t) => [t.id, name(t.userId), t.name, t.scope, t.expiresAt ?? 'never', t.lastUsedAt ?? '-', stateOf(t)]),
          'no tokens',
        );
      return 0;
    }
    const token = await findToken(s, ref ?? '');
    if (action === 'show') {
      if (values.json) printJson(token);
      else {
        const name = await usernames(s);
        printFields([
          ['id', token.id],
          ['user', name(token.userId)],
          ['name', token.name],
          ['scope', token.scope],
          ['expires', token.expiresAt ?? 'never'],
          ['last used', token.lastUsedAt ?? '-'],
          ['state', stateOf(token)],
          ['created', token.createdAt],
        ]);
      }
      return 0;
    }
    const revoked = await s.users.revokeToken(CLI, token.id);
    if (values.json) printJson(revoked);
    else console.log(`token ${revoked.id} revoked; it no longer authenticates`);
    return 0;
  });
}
