// `concord collection add|list|show|update|remove`: the TAXII collections of the node (issue 4),
// a saved query over the store or a write target, with read and write grants, administered as
// the node's command line.
import { CLI } from '../domain/identity/principal.ts';
import type { CollectionInput } from '../services/collection.service.ts';
import type { Services } from '../services/index.ts';
import type { Collection } from '../domain/collections/types.ts';
import { listText, oneRef, printFields, printJson, printTable, requireChanges, resolveOrg, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord collection add --title TITLE [--kind query|target] [--description TEXT] [--alias ALIAS]
                      [--type TYPE]... [--label LABEL]... [--created-by IDENTITY]... [--min-score N]
                      [--read GRANT]... [--write GRANT]... [--json]
concord collection list [--json]
concord collection show <id|alias> [--json]
concord collection update <id|alias> [--title TITLE] [--description TEXT] [--alias ALIAS]
                      [--type TYPE]... [--label LABEL]... [--created-by IDENTITY]... [--min-score N|""]
                      [--read GRANT]... [--write GRANT]... [--json]
concord collection remove <id|alias>

A query collection (the default) shows the objects of the store matching its --type, --label
and --created-by filters; a target collection shows what TAXII clients added to it. A GRANT is
* (every signed-in user), org:<id|name> or community:<id>; list options replace the list, and
--read "" or --write "" grants nobody. --min-score leaves out indicators whose decay score is
below N (other objects pass; "" clears it). The TAXII access policy still applies to every object.`;

const OPTIONS = {
  title: { type: 'string' },
  description: { type: 'string' },
  alias: { type: 'string' },
  kind: { type: 'string' },
  type: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  'created-by': { type: 'string', multiple: true },
  'min-score': { type: 'string' },
  read: { type: 'string', multiple: true },
  write: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const FLAGS = {
  title: '--title',
  alias: '--alias',
  kind: '--kind',
  types: '--type',
  labels: '--label',
  createdByRefs: '--created-by',
  minScore: '--min-score',
  read: '--read',
  write: '--write',
};

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/** Grants as given, with `org:<name>` resolved to the organisation's id; "" means none. */
async function grants(s: Services, given: string[] | undefined, field: string): Promise<string[] | undefined> {
  if (given === undefined) return undefined;
  const out: string[] = [];
  for (const g of given.filter((x) => x !== '')) out.push(g.startsWith('org:') ? `org:${(await resolveOrg(s, g.slice(4), field)).id}` : g);
  return out;
}

async function changes(s: Services, values: Values): Promise<CollectionInput> {
  const kind = values.kind;
  const read = await grants(s, values.read, 'read');
  const write = await grants(s, values.write, 'write');
  return {
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.alias !== undefined ? { alias: values.alias } : {}),
    ...(kind === 'query' || kind === 'target' ? { kind } : {}),
    ...(values.type !== undefined ? { types: values.type } : {}),
    ...(values.label !== undefined ? { labels: values.label } : {}),
    ...(values['created-by'] !== undefined ? { createdByRefs: values['created-by'] } : {}),
    ...(values['min-score'] !== undefined ? { minScore: values['min-score'] === '' ? null : Number(values['min-score']) } : {}),
    ...(read !== undefined ? { read } : {}),
    ...(write !== undefined ? { write } : {}),
  };
}

function print(c: Collection, json: boolean | undefined): void {
  if (json) return printJson(c);
  printFields([
    ['id', c.id],
    ['title', c.title],
    ['description', c.description || '-'],
    ['alias', c.alias ?? '-'],
    ['kind', c.kind],
    ['types', listText(c.query.types ?? [])],
    ['labels', listText(c.query.labels ?? [])],
    ['created by', listText(c.query.createdByRefs ?? [])],
    ['min score', c.query.minScore === undefined ? '-' : String(c.query.minScore)],
    ['read', listText(c.read)],
    ['write', listText(c.write)],
    ['taxii url', `/taxii2/api/collections/${c.id}/`],
  ]);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const needsRef = action === 'show' || action === 'update' || action === 'remove';
  const known = ['add', 'list', 'show', 'update', 'remove'];
  if (values.help || !action || !known.includes(action) || (needsRef ? ref === undefined : positionals.length > 1))
    return usageExit(usage, values.help);
  if (values.kind !== undefined && values.kind !== 'query' && values.kind !== 'target') {
    console.error(`error: --kind must be query or target, got "${values.kind}"`);
    return 2;
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const all = await s.collections.list(CLI);
      if (values.json) printJson(all);
      else
        printTable(
          ['ID', 'ALIAS', 'KIND', 'TITLE', 'READ', 'WRITE'],
          all.map((c) => [c.id, c.alias ?? '-', c.kind, c.title, listText(c.read), listText(c.write)]),
          'no collections',
        );
      return 0;
    }
    if (action === 'add') {
      const c = await s.collections.add(CLI, await changes(s, values));
      if (values.json) printJson(c);
      else console.log(`collection ${c.id} (${c.title}) added`);
      return 0;
    }
    if (action === 'show') {
      print(await s.collections.get(CLI, ref ?? ''), values.json);
      return 0;
    }
    if (action === 'remove') {
      await s.collections.remove(CLI, ref ?? '');
      console.log(`collection ${ref ?? ''} removed`);
      return 0;
    }
    const input = await changes(s, values);
    requireChanges(input, 'collection');
    const c = await s.collections.update(CLI, ref ?? '', input);
    if (values.json) printJson(c);
    else console.log(`collection ${c.id} updated`);
    return 0;
  });
}
