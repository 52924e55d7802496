// `concord deployment …` (issue 18, musts 4, 6 and 8): a request's team formed from accepted
// experts, its start and end, the daily status notes and tasks its members' organisations record,
// and the after-action report, through the same services as the REST API and the UI. The command
// line acts as the node: for the requester where the deployment is the requester's to run, and
// for the organisation named with --org where the service takes one (notes, tasks).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type AfterActionInput, type DeploymentView, MODES } from '../domain/assistance/api.ts';
import { CLI } from '../domain/identity/principal.ts';
import { InvalidInputError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { listText, printFields, printJson, printTable, resolveOrg } from './admin-format.ts';
import { type FlagTable, given, list, numberOf, runCommand, subcommand, windowOf } from './assist-options.ts';
import { clocksText, windowText } from './assist-print.ts';
import { GLOBAL_OPTIONS } from './context.ts';
import { oneOf, time } from './incident-input.ts';

export const usage = `concord deployment create <request-id> [--name NAME] [--expert PROFILE-ID]... [--from TIME --until TIME]
                        [--mode on-site|remote|either] [--location PLACE] [--json]
concord deployment show <deployment-id> [--json]
concord deployment start <deployment-id> [--json]
concord deployment end <deployment-id> [--json]
concord deployment update <deployment-id> [--from TIME --until TIME] [--location PLACE] [--json]
concord deployment note <deployment-id> --text TEXT --hours H [--day YYYY-MM-DD] [--org ORG] [--json]
concord deployment task add <deployment-id> --name NAME [--description TEXT] [--assignee WHO] [--due TIME] [--org ORG] [--json]
concord deployment task update <deployment-id> <task-id> [--outcome OUTCOME] [--assignee WHO] [--due TIME] [--json]
concord deployment report <deployment-id> [--file report.json] [--findings TEXT] [--actions TEXT] [--worked TEXT]
                        [--recommendations TEXT] [--missing-skill SKILL]... [--json]

create forms the team of a request from its accepted experts (default: all of them); start and end
set it active and ended (the after-action report is then due within one month). note records a
day's work with the time spent, for the member organisation named with --org; task adds the
incident suite's task, linked to the request's incident when there is one. report writes the
after-action report: --file holds an AfterActionInput as JSON ({"findings": …}), which the options
override. TIME is ISO 8601, now, "3h ago" or "in 2d".`;

const str = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;

const OPTIONS = {
  ...GLOBAL_OPTIONS,
  json: { type: 'boolean' },
  org: str,
  name: str,
  expert: many,
  from: str,
  until: str,
  mode: str,
  location: str,
  text: str,
  hours: str,
  day: str,
  description: str,
  assignee: str,
  due: str,
  outcome: str,
  file: str,
  findings: str,
  actions: str,
  worked: str,
  recommendations: str,
  'missing-skill': many,
} as const;

function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
}

type Values = ReturnType<typeof parse>['values'];

const FLAGS: FlagTable = { profileIds: '--expert', missingSkills: '--missing-skill', window: '--from/--until', status: '' };

const ARITY: Record<string, number> = {
  create: 1,
  show: 1,
  start: 1,
  end: 1,
  update: 1,
  note: 1,
  'task add': 1,
  'task update': 2,
  report: 1,
};

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cmd = subcommand(positionals, ARITY);
  const fn = cmd === undefined ? undefined : (s: Services) => dispatch(s, cmd.name, cmd.ids, values);
  return runCommand(values, usage, FLAGS, fn);
}

async function dispatch(s: Services, name: string, ids: string[], v: Values): Promise<number> {
  const d = s.assistance.deployments;
  const [id = '', taskId = ''] = ids;
  const org = v.org === undefined ? undefined : (await resolveOrg(s, v.org, '--org')).id;
  switch (name) {
    case 'create': {
      const input = given({
        name: v.name,
        profileIds: list(v.expert),
        window: windowOf(v.from, v.until),
        mode: oneOf(v.mode, '--mode', MODES),
        location: v.location,
      });
      return shown(await d.deploy(CLI, id, input), 'deployment created', v.json);
    }
    case 'show':
      await s.assistance.requests.catchUp();
      return shown(await d.get(CLI, id), undefined, v.json);
    case 'start':
      return shown(await d.update(CLI, id, { status: 'active' }), 'deployment started', v.json);
    case 'end':
      return shown(await d.update(CLI, id, { status: 'ended' }), 'deployment ended', v.json);
    case 'update': {
      const input = given({ window: windowOf(v.from, v.until), location: v.location });
      if (Object.keys(input).length === 0) throw new InvalidInputError('nothing to change: give --from and --until, or --location');
      return shown(await d.update(CLI, id, input), 'deployment updated', v.json);
    }
    case 'note': {
      const hours = numberOf(v.hours, '--hours', 0, 10_000);
      if (v.text === undefined || hours === undefined) {
        throw new InvalidInputError('--text and --hours are required: what the team did, and the time spent', {
          field: v.text === undefined ? '--text' : '--hours',
        });
      }
      const note = await d.addNote(CLI, id, { text: v.text, hours, ...(v.day === undefined ? {} : { day: v.day }) }, org);
      return written(note, `note added: ${note.id} (${note.day}, ${note.hours} h)`, v.json);
    }
    case 'task add': {
      if (v.name === undefined) throw new InvalidInputError('--name is required: the task', { field: '--name' });
      const task = await d.addTask(CLI, id, { name: v.name, ...taskFields(v) }, org);
      return written(task, `task added: ${task.id} ${task.name}`, v.json);
    }
    case 'task update': {
      const task = await d.updateTask(CLI, id, taskId, { ...given({ outcome: v.outcome }), ...taskFields(v) });
      return written(task, `task updated: ${task.id} ${task.name} (${task.outcome ?? 'no outcome'})`, v.json);
    }
    default: {
      const report = await d.report(CLI, id, await afterAction(v));
      return written(report, `after-action report written: ${report.id}`, v.json);
    }
  }
}

function taskFields(v: Values): { description?: string; assignee?: string; due?: string } {
  return given({ description: v.description, assignee: v.assignee, due: time(v.due, '--due') });
}

/** The after-action report: --file's JSON, with the options given over it. */
async function afterAction(v: Values): Promise<AfterActionInput> {
  const file = v.file === undefined ? {} : (JSON.parse(await readFile(v.file, 'utf8')) as Partial<AfterActionInput>);
  const options = given<Partial<AfterActionInput>>({
    findings: v.findings,
    actions: v.actions,
    worked: v.worked,
    recommendations: v.recommendations,
    missingSkills: list(v['missing-skill']),
  });
  // Missing texts go to the service as empty, so that its refusal names every missing field at once.
  return { findings: '', actions: '', worked: '', recommendations: '', missingSkills: [], ...file, ...options };
}

function written(view: unknown, line: string, json: boolean | undefined): number {
  if (json) printJson(view);
  else console.log(line);
  return 0;
}

function shown(view: DeploymentView, what: string | undefined, json: boolean | undefined): number {
  if (json) printJson(view);
  else if (what !== undefined) console.log(`${what}: ${view.id} ${view.name} (${view.status})`);
  else printDeployment(view);
  return 0;
}

/** A deployment's page: members (names only when released), tasks, notes, time, the report. */
function printDeployment(d: DeploymentView): void {
  printFields([
    ['id', d.id],
    ['name', d.name],
    ['status', d.status],
    ['request', d.requestId],
    ['requester', d.requester.name],
    ['incident', d.incidentId ?? '-'],
    ['window', windowText(d.window)],
    ['mode', [d.mode, d.location].filter(Boolean).join(', ')],
    ['hours', String(d.hours)],
    ['tlp', d.marking?.tlp ?? '-'],
    ['clocks', clocksText(d.clocks)],
    ['after-action', d.afterAction ? `${d.afterAction.id} by ${d.afterAction.org.name}` : '-'],
  ]);
  console.log('\nmembers:');
  printTable(
    ['PSEUDONYM', 'ORGANISATION', 'COVERS', 'NAME', 'CONTACT'],
    d.members.map((m) => [
      m.pseudonym,
      m.org.name,
      listText(m.covers),
      m.name ?? '-',
      listText([m.email, m.phone].filter((x) => x !== null)),
    ]),
    '  none',
  );
  console.log('\ntasks:');
  printTable(
    ['OUTCOME', 'NAME', 'ASSIGNEE', 'DUE', 'ID'],
    d.tasks.map((t) => [t.outcome ?? '-', t.name, t.assignee ?? '-', t.due ?? '-', t.id]),
    '  none',
  );
  console.log('\nstatus notes:');
  printTable(
    ['DAY', 'ORGANISATION', 'HOURS', 'TEXT'],
    d.notes.map((n) => [n.day, n.org.name, String(n.hours), n.text]),
    '  none',
  );
}
