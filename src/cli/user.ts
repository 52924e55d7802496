// `concord user add|list|show|update|disable`: accounts, run as the node's command line (issue 3,
// item 8). Users are named by id or user name, organisations by id or name. A password is only
// ever read from stdin, never from an option that would land in the shell history.
import { CLI } from '../domain/identity/principal.ts';
import type { User } from '../domain/identity/types.ts';
import type { UserInput } from '../services/user.service.ts';
import type { Services } from '../services/index.ts';
import {
  listText,
  oneRef,
  orgNames,
  parseClearances,
  printFields,
  printJson,
  printTable,
  readSecretFromStdin,
  requireChanges,
  resolveOrg,
  resolveUser,
  runAdmin,
  stateText,
  usageExit,
} from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord user add --org ORG --username NAME [--display-name TEXT] [--password-stdin [--must-change]]
                  [--role ROLE]... [--clearance SCHEME=LEVEL]... [--exercise ID]... [--json]
concord user list [--org ORG] [--json]
concord user show <id|username> [--json]
concord user update <id|username> [--display-name TEXT] [--role ROLE]... [--clearance SCHEME=LEVEL]...
                    [--no-clearances] [--exercise ID]... [--no-exercises] [--password-stdin [--must-change]]
                    [--unlock] [--enable] [--json]
concord user disable <id|username> [--json]

ROLE is admin, org-admin, analyst, coordinator or viewer (default analyst); ORG an organisation's
id or name. --clearance nato="NATO SECRET" sets the highest level held in a scheme. On update,
--role, --clearance and --exercise replace the whole list. Without --password-stdin, add prints a
one-time password once, which the user must replace at sign-in; --must-change asks the same of a
password given with --password-stdin. --unlock clears failed sign-ins and a lock.`;

const OPTIONS = {
  org: { type: 'string' },
  username: { type: 'string' },
  'display-name': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'must-change': { type: 'boolean' },
  role: { type: 'string', multiple: true },
  clearance: { type: 'string', multiple: true },
  'no-clearances': { type: 'boolean' },
  exercise: { type: 'string', multiple: true },
  'no-exercises': { type: 'boolean' },
  unlock: { type: 'boolean' },
  enable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = {
  org: '--org',
  orgId: '--org',
  username: '--username',
  displayName: '--display-name',
  password: '--password-stdin',
  mustChangePassword: '--must-change',
  roles: '--role',
  clearances: '--clearance',
  exercises: '--exercise',
};

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/** What the options change, the password read from stdin included. */
async function changes(values: Values): Promise<UserInput> {
  const clearances = values['no-clearances'] ? {} : values.clearance !== undefined ? parseClearances(values.clearance) : undefined;
  const exercises = values['no-exercises'] ? [] : values.exercise;
  return {
    ...(values['display-name'] !== undefined ? { displayName: values['display-name'] } : {}),
    ...(values.role !== undefined ? { roles: values.role } : {}),
    ...(clearances !== undefined ? { clearances } : {}),
    ...(exercises !== undefined ? { exercises } : {}),
    ...(values['password-stdin'] ? { password: await readSecretFromStdin() } : {}),
    ...(values['must-change'] ? { mustChangePassword: true } : {}),
    ...(values.unlock ? { unlock: true } : {}),
    ...(values.enable ? { disabled: false } : {}),
  };
}

function clearanceText(c: Record<string, string>): string {
  return listText(Object.entries(c).map(([scheme, level]) => `${scheme}=${level}`));
}

async function print(s: Services, u: User, json: boolean | undefined): Promise<void> {
  if (json) return printJson(u);
  const org = await orgNames(s);
  printFields([
    ['id', u.id],
    ['username', u.username],
    ['display name', u.displayName],
    ['organisation', org(u.orgId)],
    ['roles', listText(u.roles)],
    ['clearances', clearanceText(u.clearances)],
    ['exercises', listText(u.exercises)],
    ['state', stateText(u.disabled)],
    ['password', u.mustChangePassword ? 'one-time: to be changed at sign-in' : 'chosen by the user'],
    ['created', u.createdAt],
    ['updated', u.updatedAt],
  ]);
}

async function add(s: Services, values: Values): Promise<number> {
  const org = values.org !== undefined ? await resolveOrg(s, values.org) : undefined;
  const input = await changes(values);
  const { user, password } = await s.users.addUser(CLI, {
    ...input,
    ...(org ? { orgId: org.id } : {}),
    ...(values.username !== undefined ? { username: values.username } : {}),
  });
  if (values.json) {
    printJson(password !== undefined ? { user, password } : { user });
    return 0;
  }
  console.log(`user ${user.username} added to ${org?.name ?? user.orgId} with roles ${listText(user.roles)}: ${user.id}`);
  if (password !== undefined) {
    console.log(`one-time password: ${password}`);
    console.log('it is shown only now; pass it to the user over a separate channel.');
  }
  return 0;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const needsRef = action === 'show' || action === 'update' || action === 'disable';
  const misplaced =
    (action !== 'add' && values.username !== undefined) || (action !== 'add' && action !== 'list' && values.org !== undefined);
  if (
    values.help ||
    !action ||
    !['add', 'list', 'show', 'update', 'disable'].includes(action) ||
    (needsRef ? ref === undefined : positionals.length > 1) ||
    misplaced
  ) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'add') return add(s, values);
    if (action === 'list') {
      const org = values.org !== undefined ? await resolveOrg(s, values.org) : undefined;
      const users = await s.users.listUsers(CLI, org ? { orgId: org.id } : {});
      const orgName = await orgNames(s);
      if (values.json) printJson(users);
      else
        printTable(
          ['USERNAME', 'ID', 'ORGANISATION', 'ROLES', 'STATE'],
          users.map((u) => [u.username, u.id, orgName(u.orgId), listText(u.roles), stateText(u.disabled)]),
          'no users',
        );
      return 0;
    }
    const user = await resolveUser(s, ref ?? '');
    if (action === 'show') {
      await print(s, user, values.json);
      return 0;
    }
    const input = action === 'disable' ? { disabled: true } : await changes(values);
    requireChanges(input, 'user');
    const next = await s.users.updateUser(CLI, user.id, input);
    if (values.json) printJson(next);
    else console.log(`user ${next.username} ${action === 'disable' ? 'disabled' : 'updated'}`);
    return 0;
  });
}
