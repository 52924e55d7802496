// `concord org add|list|show|update|disable`: the organisations of the node and of its peers,
// administered as the node's command line (issue 3, item 8). Organisations are named by id or name.
import { CLI } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import type { OrgInput } from '../services/org.service.ts';
import type { Services } from '../services/index.ts';
import {
  editList,
  listText,
  oneRef,
  printFields,
  printJson,
  printTable,
  requireChanges,
  resolveOrg,
  runAdmin,
  stateText,
  usageExit,
} from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord org add --name NAME [--country CC] [--community ID]... [--default-tlp TLP]
                 [--default-distribution DIST] [--id identity--UUID] [--node PEER]
                 [--nis2-role csirt|essential|important|none] [--sector KEY]... [--csirt NAME|ID]
                 [--sighting-disclosure organization|country-sector|anonymous] [--json]
concord org list [--json]
concord org show <id|name> [--json]
concord org update <id|name> [--name NAME] [--country CC] [--community ID]... [--add-community ID]...
                   [--remove-community ID]... [--default-tlp TLP] [--default-distribution DIST]
                   [--node PEER] [--nis2-role ROLE] [--sector KEY]... [--csirt NAME|ID]
                   [--sighting-disclosure organization|country-sector|anonymous] [--enable] [--json]
concord org disable <id|name> [--json]

--country is an ISO 3166-1 alpha-2 code (BE); "" clears it. --community replaces the list.
--default-tlp is clear|green|amber|amber+strict|red; --default-distribution is organization,
community:<id>, sharing-group:<id> or federation. --node names the peer hosting the organisation
("" for this node). Users of a disabled organisation can no longer sign in.
--nis2-role is what the organisation is under NIS2 (Art. 3). --sector is a NIS2 Annex I/II key,
sector or sector/subsector (energy/electricity, health); it replaces the list, "" clears it.
--csirt names the CSIRT whose constituency an essential or important entity is in ("" leaves it):
the CSIRT's users then see the incidents the entity reports.
--sighting-disclosure is what partners learn of who sighted, for the organisation's sightings that
choose nothing: its name, only its country and sectors, or only that someone sighted.`;

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  country: { type: 'string' },
  community: { type: 'string', multiple: true },
  'add-community': { type: 'string', multiple: true },
  'remove-community': { type: 'string', multiple: true },
  'default-tlp': { type: 'string' },
  'default-distribution': { type: 'string' },
  node: { type: 'string' },
  'nis2-role': { type: 'string' },
  sector: { type: 'string', multiple: true },
  csirt: { type: 'string' },
  'sighting-disclosure': { type: 'string' },
  enable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = {
  id: '--id',
  name: '--name',
  country: '--country',
  communities: '--community',
  node: '--node',
  defaultTlp: '--default-tlp',
  defaultDistribution: '--default-distribution',
  nis2Role: '--nis2-role',
  sectors: '--sector',
  csirtOrg: '--csirt',
  sightingDisclosure: '--sighting-disclosure',
};

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/** What the options change; `current` is the organisation being updated (none when adding). */
function changes(values: Values, current?: Org): OrgInput {
  const communities = editList(current?.communities ?? [], values.community, values['add-community'], values['remove-community']);
  const blankIsNull = (v: string): string | null => (v.trim() === '' ? null : v);
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.country !== undefined ? { country: blankIsNull(values.country) } : {}),
    ...(communities !== undefined ? { communities } : {}),
    ...(values.node !== undefined ? { node: blankIsNull(values.node) } : {}),
    // TLP names are case-insensitive on input and stored in lower case, as labels carry them.
    ...(values['default-tlp'] !== undefined ? { defaultTlp: values['default-tlp'].toLowerCase() } : {}),
    ...(values['default-distribution'] !== undefined ? { defaultDistribution: values['default-distribution'] } : {}),
    ...(values['nis2-role'] !== undefined ? { nis2Role: values['nis2-role'].toLowerCase() } : {}),
    ...(values.sector !== undefined ? { sectors: values.sector.filter((k) => k.trim() !== '') } : {}),
    ...(values.csirt !== undefined ? { csirtOrg: blankIsNull(values.csirt) } : {}),
    ...(values['sighting-disclosure'] !== undefined ? { sightingDisclosure: values['sighting-disclosure'] } : {}),
    ...(values.enable ? { disabled: false } : {}),
  };
}

async function print(s: Services, org: Org, json: boolean | undefined): Promise<void> {
  if (json) return printJson(org);
  const groups = (await s.orgs.listSharingGroups(CLI)).filter((g) => g.members.includes(org.id)).map((g) => g.name);
  printFields([
    ['id', org.id],
    ['name', org.name],
    ['country', org.country ?? '-'],
    ['communities', listText(org.communities)],
    ['sharing groups', listText(groups)],
    ['hosted on', org.node ?? 'this node'],
    ['NIS2 role', org.nis2Role ?? 'none'],
    ['sectors', listText(org.sectors)],
    ['CSIRT', org.csirtOrg === null ? '-' : ((await s.orgs.listOrgs(CLI)).find((o) => o.id === org.csirtOrg)?.name ?? org.csirtOrg)],
    ['default TLP', org.defaultTlp],
    ['default distribution', org.defaultDistribution],
    ['sighting disclosure', org.sightingDisclosure],
    ['state', stateText(org.disabled)],
    ['created', org.createdAt],
    ['updated', org.updatedAt],
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
    (action !== 'add' && values.id !== undefined)
  ) {
    return usageExit(usage, values.help);
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const orgs = await s.orgs.listOrgs(CLI);
      if (values.json) printJson(orgs);
      else
        printTable(
          ['ID', 'NAME', 'COUNTRY', 'NIS2', 'COMMUNITIES', 'NODE', 'STATE'],
          orgs.map((o) => [
            o.id,
            o.name,
            o.country ?? '-',
            o.nis2Role ?? '-',
            listText(o.communities),
            o.node ?? 'local',
            stateText(o.disabled),
          ]),
          'no organisations',
        );
      return 0;
    }
    if (action === 'add') {
      const org = await s.orgs.addOrg(CLI, { ...(values.id !== undefined ? { id: values.id } : {}), ...changes(values) });
      if (values.json) printJson(org);
      else console.log(`organisation ${org.name} added: ${org.id}`);
      return 0;
    }
    const org = await resolveOrg(s, ref ?? '');
    if (action === 'show') {
      await print(s, org, values.json);
      return 0;
    }
    const input = action === 'disable' ? { disabled: true } : changes(values, org);
    requireChanges(input, 'org');
    const next = await s.orgs.updateOrg(CLI, org.id, input);
    if (values.json) printJson(next);
    else console.log(`organisation ${next.name} ${action === 'disable' ? 'disabled' : 'updated'}`);
    return 0;
  });
}
