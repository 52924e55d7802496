// `concord community add|list|show|update|disable`: the named communities organisations belong
// to (`nato`, `eu`, a national CSIRT network), run as the node's command line (issue 3, item 8).
import { CLI } from '../domain/identity/principal.ts';
import type { Community } from '../domain/identity/types.ts';
import type { CommunityInput } from '../services/org.service.ts';
import type { Services } from '../services/index.ts';
import { listText, oneRef, printFields, printJson, printTable, requireChanges, runAdmin, stateText, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord community add <id> [--name NAME] [--description TEXT] [--json]
concord community list [--json]
concord community show <id> [--json]
concord community update <id> [--name NAME] [--description TEXT] [--enable] [--json]
concord community disable <id> [--json]

<id> is lower-case letters, digits and dashes (nato, eu, nordic-csirts).`;

const OPTIONS = {
  name: { type: 'string' },
  description: { type: 'string' },
  enable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = { id: '<id>', name: '--name', description: '--description' };

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

async function print(s: Services, c: Community, json: boolean | undefined): Promise<void> {
  if (json) return printJson(c);
  const members = (await s.orgs.listOrgs(CLI)).filter((o) => o.communities.includes(c.id)).map((o) => o.name);
  printFields([
    ['id', c.id],
    ['name', c.name],
    ['description', c.description || '-'],
    ['state', stateText(c.disabled)],
    ['organisations', listText(members)],
    ['created', c.createdAt],
    ['updated', c.updatedAt],
  ]);
}

function changes(values: Values): CommunityInput {
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.enable ? { disabled: false } : {}),
  };
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const id = oneRef(positionals);
  const needsId = action !== 'list';
  if (
    values.help ||
    !action ||
    !['add', 'list', 'show', 'update', 'disable'].includes(action) ||
    (needsId ? id === undefined : positionals.length > 1)
  ) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const all = await s.orgs.listCommunities(CLI);
      if (values.json) printJson(all);
      else
        printTable(
          ['ID', 'NAME', 'STATE', 'DESCRIPTION'],
          all.map((c) => [c.id, c.name, stateText(c.disabled), c.description]),
          'no communities',
        );
      return 0;
    }
    const ref = id ?? '';
    if (action === 'add') {
      const c = await s.orgs.addCommunity(CLI, { id: ref, ...changes(values) });
      if (values.json) printJson(c);
      else console.log(`community ${c.id} (${c.name}) added`);
      return 0;
    }
    if (action === 'show') {
      await print(s, await s.orgs.getCommunity(CLI, ref), values.json);
      return 0;
    }
    const input: CommunityInput = action === 'disable' ? { disabled: true } : changes(values);
    requireChanges(input, 'community');
    const c = await s.orgs.updateCommunity(CLI, ref, input);
    if (values.json) printJson(c);
    else console.log(`community ${c.id} ${action === 'disable' ? 'disabled' : 'updated'}`);
    return 0;
  });
}
