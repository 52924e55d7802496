// `concord roster …` (issue 18, musts 2 and 8): an organisation's experts, with the personal details
// that never leave it. The command line acts as the node for the organisation named with --org
// (default: the node's operating organisation); partners only ever see the pseudonymous profile
// (`concord assist profiles`).
import { parseArgs } from 'node:util';
import type { ExpertInput, ExpertView } from '../domain/assistance/api.ts';
import { CLI } from '../domain/identity/principal.ts';
import type { Services } from '../services/index.ts';
import { listText, printFields, printJson, printTable, resolveOrg } from './admin-format.ts';
import { clearanceOf, type FlagTable, given, intervalOf, list, runCommand, subcommand } from './assist-options.ts';
import { windowText } from './assist-print.ts';
import { GLOBAL_OPTIONS } from './context.ts';
import { integer } from './incident-input.ts';

export const usage = `concord roster add --name NAME --country CC [--skill SKILL]... [--language CODE]...
                   [--certification TEXT]... [--clearance SCHEME=LEVEL]... [--utc-offset MINUTES]
                   [--[no-]on-site] [--available FROM/UNTIL]... [--email ADDRESS] [--phone NUMBER]
                   [--no-published] [--org ORG] [--json]
concord roster list [--org ORG] [--json]
concord roster show <expert-id> [--org ORG] [--json]
concord roster update <expert-id> [the options of add] [--published] [--org ORG] [--json]
concord roster remove <expert-id> [--org ORG]

An expert's name, e-mail and phone stay in the organisation: partners see a pseudonymous profile
(skills, languages, clearance level, country, availability), published unless --no-published, and
the name only once the expert is accepted into a deployment, and then only its members. SKILL is an
ENISA ECSF role profile (cyber-incident-responder, digital-forensics-investigator, …) or a free tag
(tag:volatility). --available gives a window the expert can be deployed (2027-01-04/2027-01-29);
update replaces every list given (skills, languages, clearances, windows). --org names the
organisation whose roster it is, by id or name.`;

const str = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;
const flag = { type: 'boolean' } as const;

const OPTIONS = {
  ...GLOBAL_OPTIONS,
  json: flag,
  org: str,
  name: str,
  email: str,
  phone: str,
  skill: many,
  certification: many,
  language: many,
  clearance: many,
  country: str,
  'utc-offset': str,
  'on-site': flag,
  available: many,
  published: flag,
} as const;

/** Parses the arguments; booleans take `--no-` to say false (`--no-on-site`). */
function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
}

type Values = ReturnType<typeof parse>['values'];

const FLAGS: FlagTable = {
  skills: '--skill',
  languages: '--language',
  certifications: '--certification',
  clearances: '--clearance',
  availability: '--available',
  utcOffsetMinutes: '--utc-offset',
  onSite: '--on-site',
};

const ARITY: Record<string, number> = { add: 0, list: 0, show: 1, update: 1, remove: 1 };

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cmd = subcommand(positionals, ARITY);
  const fn = cmd === undefined ? undefined : (s: Services) => dispatch(s, cmd.name, cmd.ids[0] ?? '', values);
  return runCommand(values, usage, FLAGS, fn);
}

/** The expert fields given on the command line (lists replace the expert's). */
function expertFields(v: Values): Partial<ExpertInput> {
  return given<Partial<ExpertInput>>({
    name: v.name,
    email: v.email,
    phone: v.phone,
    skills: list(v.skill),
    certifications: list(v.certification),
    languages: list(v.language),
    clearances: v.clearance?.map((c) => clearanceOf(c, '--clearance')),
    country: v.country?.toUpperCase(),
    utcOffsetMinutes: integer(v['utc-offset'], '--utc-offset', -720, 840),
    onSite: v['on-site'],
    availability: v.available?.map((w) => intervalOf(w, '--available')),
    published: v.published,
  });
}

async function dispatch(s: Services, name: string, id: string, v: Values): Promise<number> {
  const roster = s.assistance.roster;
  const org = v.org === undefined ? undefined : (await resolveOrg(s, v.org, '--org')).id;
  switch (name) {
    case 'add': {
      const f = expertFields(v);
      const input: ExpertInput = {
        skills: [],
        languages: [],
        availability: [],
        onSite: false,
        ...f,
        name: f.name ?? '',
        country: f.country ?? '',
      };
      return shown(await roster.add(CLI, input, org), 'expert added', v.json);
    }
    case 'list': {
      const experts = await roster.list(CLI, org);
      if (v.json) printJson(experts);
      else printExperts(experts);
      return 0;
    }
    case 'show':
      return shown(await roster.get(CLI, id, org), undefined, v.json);
    case 'update':
      return shown(await roster.update(CLI, id, expertFields(v), org), 'expert updated', v.json);
    default:
      await roster.remove(CLI, id, org);
      console.log(`expert removed: ${id}`);
      return 0;
  }
}

function shown(e: ExpertView, what: string | undefined, json: boolean | undefined): number {
  if (json) printJson(e);
  else if (what !== undefined) console.log(`${what}: ${e.id} ${e.name} (profile ${e.pseudonym})`);
  else printExpert(e);
  return 0;
}

const clearancesText = (e: ExpertView): string => listText((e.clearances ?? []).map((c) => `${c.scheme} ${c.level}`));

function printExperts(experts: readonly ExpertView[]): void {
  printTable(
    ['NAME', 'PSEUDONYM', 'SKILLS', 'LANGUAGES', 'COUNTRY', 'ON SITE', 'AVAILABLE', 'ID'],
    experts.map((e) => [
      e.name,
      e.pseudonym,
      listText(e.skills),
      listText(e.languages),
      e.country,
      e.onSite ? 'yes' : 'no',
      listText(e.availability.map(windowText)),
      e.id,
    ]),
    'no experts',
  );
}

function printExpert(e: ExpertView): void {
  printFields([
    ['id', e.id],
    ['name', e.name],
    ['email', e.email ?? '-'],
    ['phone', e.phone ?? '-'],
    ['pseudonym', e.pseudonym],
    ['profile', `${e.profileId}${e.published === false ? ' (not published)' : ''}`],
    ['skills', listText(e.skills)],
    ['certifications', listText(e.certifications ?? [])],
    ['languages', listText(e.languages)],
    ['clearances', clearancesText(e)],
    ['country', e.country],
    ['utc offset', e.utcOffsetMinutes === undefined ? '-' : `${e.utcOffsetMinutes} min`],
    ['on site', e.onSite ? 'yes' : 'no'],
    ['available', listText(e.availability.map(windowText))],
    ['past deployments', String(e.pastDeployments)],
  ]);
}
