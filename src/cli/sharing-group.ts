// `concord sharing-group add|list|show|update|disable`: named sets of organisations, possibly on
// other nodes, that objects can be shared to (issue 3, item 8). Groups and organisations are named
// by id or name; the owner is always a member.
import { CLI } from '../domain/identity/principal.ts';
import type { SharingGroup } from '../domain/identity/types.ts';
import type { SharingGroupInput } from '../services/org.service.ts';
import type { Services } from '../services/index.ts';
import {
  editList,
  listText,
  oneRef,
  orgNames,
  printFields,
  printJson,
  printTable,
  requireChanges,
  resolveGroup,
  resolveOrg,
  runAdmin,
  stateText,
  usageExit,
} from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord sharing-group add --name NAME --owner ORG [--member ORG]... [--description TEXT] [--json]
concord sharing-group list [--json]
concord sharing-group show <id|name> [--json]
concord sharing-group update <id|name> [--name NAME] [--description TEXT] [--member ORG]...
                             [--add-member ORG]... [--remove-member ORG]... [--enable] [--json]
concord sharing-group disable <id|name> [--json]

ORG is an organisation's id or name. --member replaces the member list; the owner stays a member.`;

const OPTIONS = {
  name: { type: 'string' },
  description: { type: 'string' },
  owner: { type: 'string' },
  member: { type: 'string', multiple: true },
  'add-member': { type: 'string', multiple: true },
  'remove-member': { type: 'string', multiple: true },
  enable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = { name: '--name', description: '--description', ownerOrg: '--owner', owner: '--owner', members: '--member' };

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

async function orgIds(s: Services, refs: string[] | undefined): Promise<string[] | undefined> {
  if (refs === undefined) return undefined;
  const ids: string[] = [];
  for (const ref of refs) ids.push((await resolveOrg(s, ref, 'members')).id);
  return ids;
}

/** What the options change; `current` is the group being updated (none when adding). */
async function changes(s: Services, values: Values, current?: SharingGroup): Promise<SharingGroupInput> {
  const members = editList(
    current?.members ?? [],
    await orgIds(s, values.member),
    await orgIds(s, values['add-member']),
    await orgIds(s, values['remove-member']),
  );
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(members !== undefined ? { members } : {}),
    ...(values.enable ? { disabled: false } : {}),
  };
}

async function print(s: Services, g: SharingGroup, json: boolean | undefined): Promise<void> {
  if (json) return printJson(g);
  const name = await orgNames(s);
  printFields([
    ['id', g.id],
    ['name', g.name],
    ['description', g.description || '-'],
    ['owner', name(g.ownerOrg)],
    ['members', listText(g.members.map(name))],
    ['managed on', g.origin === null ? 'this node' : `peer node key ${g.origin}`],
    ['state', stateText(g.disabled)],
    ['created', g.createdAt],
    ['updated', g.updatedAt],
  ]);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const needsRef = action === 'show' || action === 'update' || action === 'disable';
  if (
    values.help ||
    !action ||
    !['add', 'list', 'show', 'update', 'disable'].includes(action) ||
    (needsRef ? ref === undefined : positionals.length > 1) ||
    (action !== 'add' && values.owner !== undefined)
  ) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const groups = await s.orgs.listSharingGroups(CLI);
      const name = await orgNames(s);
      if (values.json) printJson(groups);
      else
        printTable(
          ['ID', 'NAME', 'OWNER', 'MEMBERS', 'STATE'],
          groups.map((g) => [g.id, g.name, name(g.ownerOrg), String(g.members.length), stateText(g.disabled)]),
          'no sharing groups',
        );
      return 0;
    }
    if (action === 'add') {
      const owner = values.owner !== undefined ? (await resolveOrg(s, values.owner, 'owner')).id : undefined;
      const g = await s.orgs.addSharingGroup(CLI, { ...(owner !== undefined ? { ownerOrg: owner } : {}), ...(await changes(s, values)) });
      if (values.json) printJson(g);
      else console.log(`sharing group ${g.name} added with ${g.members.length} members: ${g.id}`);
      return 0;
    }
    const group = await resolveGroup(s, ref ?? '');
    if (action === 'show') {
      await print(s, group, values.json);
      return 0;
    }
    const input = action === 'disable' ? { disabled: true } : await changes(s, values, group);
    requireChanges(input, 'sharing-group');
    const next = await s.orgs.updateSharingGroup(CLI, group.id, input);
    if (values.json) printJson(next);
    else console.log(`sharing group ${next.name} ${action === 'disable' ? 'disabled' : `updated, members: ${next.members.length}`}`);
    return 0;
  });
}
