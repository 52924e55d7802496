// `concord incident …` (issue 16, must 10): everything the incident screens do, from the command
// line, through the same services as the REST API and the UI. The command line reads and writes
// as the node (the system principal): it sees every incident held here, and writes for the
// organisation named with --org where the service takes one (opening an incident), otherwise as
// the service decides for the node (the incident's owner; its CSIRT for answers).
import { CLI } from '../domain/identity/principal.ts';
import type { IncidentDetail, IncidentRow, ShareView } from '../domain/incidents/api.ts';
import { summaryCsv } from '../domain/incidents/summary.ts';
import { ConcordError, InvalidInputError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { printJson, resolveOrg, usageExit } from './admin-format.ts';
import { configFrom, withServices } from './context.ts';
import {
  answerRequest,
  eventRequest,
  filterOf,
  impactRequest,
  linkRequest,
  oneOf,
  openRequest,
  reportRequest,
  shareRequest,
  STAGES,
  taskRequest,
  taskUpdate,
  time,
  updateRequest,
} from './incident-input.ts';
import { flagOf, parse, type Values } from './incident-options.ts';
import { printDetail, printInbox, printRows, printSummary } from './incident-print.ts';
import { Progress } from './progress.ts';

export const usage = `concord incident list [--status S,...] [--sector S,...] [--country CC,...] [--rsit-class C,...]
                      [--severity S,...] [--determination D,...] [--stage-status overdue,...]
                      [--due-within HOURS] [--cross-border|--no-cross-border] [--owner ORG] [--q TEXT]
                      [--sort newest|due|modified] [--limit N] [--all] [--json]
concord incident show <id> [--json]
concord incident open --name NAME --aware-at TIME [--org ORG] [--description TEXT] [--determination D]
                      [--sector S] [--subsector S] [--member-state CC]... [--[no-]significant]
                      [--[no-]suspected-malicious] [--[no-]cross-border] [--rsit-class C] [--rsit-type T]
                      [--severity low|medium|high|critical] [--tlp TLP] [--json]
concord incident update <id> [the options of open] [--status new|open|closed] [--handled-at TIME] [--base MODIFIED]
concord incident event add <id> --name NAME [--description TEXT] [--start TIME] [--end TIME]
                      [--status occurred|ongoing|pending|undetermined]
concord incident task add <id> --name NAME [--description TEXT] [--assignee USER] [--due TIME] [--priority 0-100]
concord incident task update <id> <task-id> [--outcome pending|ongoing|successful|failed|cancelled]
                      [--assignee USER] [--due TIME] [--description TEXT]
concord incident impact add <id> --category C [--description TEXT] [--criticality 0-100] [--start TIME]
                      [--end TIME] [--recoverability R]
concord incident impact update <id> <impact-id> [the options of impact add]
concord incident link <id> <object-id> [--type related-to|attributed-to|...] [--confidence 0-100]
concord incident note <id> --content TEXT [--abstract TEXT]
concord incident report <id> --stage STAGE [--file report.json] [--summary TEXT] [--[no-]suspected-malicious]
                      [--[no-]cross-border-impact] [--cross-border-description TEXT] [--initial-assessment TEXT]
                      [--severity S] [--impact TEXT] [--indicator ID]... [--status-update TEXT]
                      [--detailed-description TEXT] [--root-cause TEXT] [--mitigation-applied TEXT]
                      [--mitigation-ongoing TEXT] [--request N] [--revise]
concord incident prefill <id> --stage STAGE
concord incident answer <id> --feedback TEXT [--report REPORT-ID]
concord incident answer <id> --request-intermediate --due TIME [--content TEXT]
concord incident share <id> (--whole | --summary TEXT [--name NAME]) [--member-state CC]... [--tlp TLP]
concord incident handover <id> --org ORG [--note TEXT]
concord incident inbox --org CSIRT [--json]
concord incident summary --from TIME --to TIME [--csv | --json]

STAGE is early-warning, notification, intermediate, progress or final (NIS2 Art. 23(4)); a report
missing what its stage requires is refused, naming every missing field (exit code 1). prefill prints
the report's starting content as JSON, to edit and give back with --file. TIME is ISO 8601, now,
"3h ago" or "in 2d". List options take several values, comma-separated or repeated. The list shows
each stage's standing (due, submitted on time, submitted late, deadline exceeded) and countdown.
Every write prints the incident as it now stands (--json: the incident page's data).
--org names an organisation by id or name: the entity (or CSIRT) opening the incident; the CSIRT
whose inbox to list; the organisation an incident is handed over to.`;

/** What each subcommand needs after the subcommand word(s): the incident id and further ids. */
const ARITY: Record<string, number> = {
  list: 0,
  show: 1,
  open: 0,
  update: 1,
  'event add': 1,
  'task add': 1,
  'task update': 2,
  'impact add': 1,
  'impact update': 2,
  link: 2,
  note: 1,
  report: 1,
  prefill: 1,
  answer: 1,
  share: 1,
  handover: 1,
  inbox: 0,
  summary: 0,
};

/** The subcommand (`task add` is two words) and its operands. */
function command(positionals: readonly string[]): { name: string; ids: string[] } | undefined {
  const [first = '', second = '', ...rest] = positionals;
  const two = `${first} ${second}`;
  if (ARITY[two] !== undefined) return ARITY[two] === rest.length ? { name: two, ids: rest } : undefined;
  const ids = positionals.slice(1);
  return ARITY[first] === ids.length && !['event', 'task', 'impact'].includes(first) ? { name: first, ids } : undefined;
}

/** A refusal on stderr: the code and message, then every field at fault as the option that gave it. */
function refusal(e: ConcordError): void {
  console.error(`error ${e.code}: ${e.message}`);
  const d = e.details;
  // `errors`: a report's missing fields (ReportIncompleteError); `issues`: validation findings.
  const listed = [d['errors'], d['issues']].find(Array.isArray) as { path?: string; field?: string; message: string }[] | undefined;
  if (listed !== undefined) {
    for (const i of listed) {
      const where = i.field ?? i.path;
      console.error(`  ${where === undefined ? '' : `${flagOf(where)}: `}${i.message}`);
    }
  } else if (typeof d['field'] === 'string') console.error(`  at ${flagOf(d['field'])}`);
  else if (typeof d['parameter'] === 'string') console.error(`  at ${flagOf(d['parameter'])}`);
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const cmd = command(positionals);
  if (values.help || cmd === undefined) return usageExit(usage, values.help);
  try {
    return await withServices(configFrom(values), (s) => dispatch(s, cmd.name, cmd.ids, values));
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    refusal(e);
    return 1;
  }
}

/** A write's answer: the incident as it now stands. */
function written(d: IncidentDetail, what: string, json: boolean | undefined): number {
  if (json) printJson(d);
  else console.log(`${what}: ${d.row.id} ${d.row.name}`);
  return 0;
}

function shared(v: ShareView, json: boolean | undefined): number {
  if (json) printJson(v);
  else {
    const to = v.recipients.map((r) => r.name).join(', ');
    console.log(v.kind === 'handover' ? `handed over ${v.sharedObject} to ${to}` : `shared ${v.sharedObject} (${v.mode}) with ${to}`);
  }
  return 0;
}

/** The reads: the incident services' views, as the node reads them. */
async function dispatch(s: Services, name: string, ids: string[], v: Values): Promise<number> {
  const [id = ''] = ids;
  switch (name) {
    case 'list':
      return list(s, v);
    case 'show': {
      const d = await s.incidents.get(CLI, id);
      if (v.json) printJson(d);
      else printDetail(d);
      return 0;
    }
    case 'prefill': {
      const stage = oneOf(v.stage, '--stage', STAGES);
      if (stage === undefined) throw new InvalidInputError(`--stage is required: one of ${STAGES.join(', ')}`, { field: '--stage' });
      printJson(await s.incidents.prefill(CLI, id, stage));
      return 0;
    }
    case 'inbox':
      return inbox(s, v);
    case 'summary':
      return summary(s, v);
    default:
      return write(s, name, ids, v);
  }
}

/** The writes: each prints the incident as it now stands (or the share made). */
async function write(s: Services, name: string, ids: string[], v: Values): Promise<number> {
  const [id = '', second = ''] = ids;
  const w = s.incidentWrites;
  switch (name) {
    case 'open': {
      const org = v.org === undefined ? undefined : (await resolveOrg(s, v.org, 'org')).id;
      return written(await w.open(CLI, openRequest(v), org), 'incident opened', v.json);
    }
    case 'update':
      return written(await w.update(CLI, id, updateRequest(v)), 'incident updated', v.json);
    case 'event add':
      return written(await w.addEvent(CLI, id, eventRequest(v)), 'event added', v.json);
    case 'task add':
      return written(await w.addTask(CLI, id, taskRequest(v)), 'task added', v.json);
    case 'task update':
      return written(await w.updateTask(CLI, id, second, taskUpdate(v)), 'task updated', v.json);
    case 'impact add': {
      const { category, ...rest } = impactRequest(v);
      if (category === undefined) throw new InvalidInputError('--category is required: the impact category', { field: '--category' });
      return written(await w.addImpact(CLI, id, { category, ...rest }), 'impact added', v.json);
    }
    case 'impact update':
      return written(await w.updateImpact(CLI, id, second, impactRequest(v)), 'impact updated', v.json);
    case 'link':
      return written(await w.link(CLI, id, linkRequest(v, second)), 'linked', v.json);
    case 'note': {
      if (v.content === undefined) throw new InvalidInputError('--content is required: the note', { field: '--content' });
      return written(await w.note(CLI, id, { content: v.content, ...(v.abstract ? { abstract: v.abstract } : {}) }), 'note added', v.json);
    }
    case 'report':
      return written(await w.submitReport(CLI, id, await reportRequest(v)), 'report submitted', v.json);
    case 'answer':
      return written(await w.answer(CLI, id, answerRequest(v)), 'answer sent', v.json);
    case 'share':
      return shared(await s.incidentShares.share(CLI, id, shareRequest(v)), v.json);
    default: {
      if (v.org === undefined)
        throw new InvalidInputError('--org is required: the organisation that coordinates from now on', { field: '--org' });
      const to = (await resolveOrg(s, v.org, 'org')).id;
      return shared(await s.incidentShares.handover(CLI, id, { org: to, ...(v.note ? { note: v.note } : {}) }), v.json);
    }
  }
}

/** The incidents list: one page, or every page with --all (a progress line on a terminal). */
async function list(s: Services, v: Values): Promise<number> {
  const { filter, sort, limit } = filterOf(v, v.owner === undefined ? undefined : (await resolveOrg(s, v.owner, 'owner')).id);
  const rows: IncidentRow[] = [];
  const progress = v.all ? new Progress('listing incidents') : undefined;
  let after: string | undefined;
  for (;;) {
    const page = await s.incidents.list(CLI, filter, sort, { limit, ...(after === undefined ? {} : { after }) });
    rows.push(...page.items);
    progress?.share(rows.length, undefined);
    if (!v.all || page.next === null) {
      if (!v.all && page.next !== null && !v.json) console.error(`more incidents follow: --all lists every page`);
      break;
    }
    after = page.next;
  }
  progress?.done();
  if (v.json) printJson(rows);
  else printRows(rows);
  return 0;
}

/** The reports waiting for a CSIRT's answer (its inbox): the CSIRT named with --org. */
async function inbox(s: Services, v: Values): Promise<number> {
  if (v.org === undefined) throw new InvalidInputError('--org is required: the CSIRT whose inbox to list', { field: '--org' });
  const items = await s.incidents.inbox(CLI, (await resolveOrg(s, v.org, 'org')).id);
  if (v.json) printJson(items);
  else printInbox(items);
  return 0;
}

/** The quarterly summary for ENISA (NIS2 Art. 23(9)), for any period. */
async function summary(s: Services, v: Values): Promise<number> {
  const from = time(v.from, '--from');
  const to = time(v.to, '--to');
  if (from === undefined || to === undefined) {
    throw new InvalidInputError('--from and --to are required: the period (such as 2026-01-01 and 2026-04-01)', {
      field: from === undefined ? '--from' : '--to',
    });
  }
  if (v.csv && v.json) throw new InvalidInputError('give --csv or --json, not both', { field: '--csv' });
  const result = await s.incidents.summary(CLI, from, to);
  if (v.csv) process.stdout.write(summaryCsv(result));
  else if (v.json) printJson(result);
  else printSummary(result);
  return 0;
}
