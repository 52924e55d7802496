// `concord alert list|show|watch`: the node's collective-threat alerts (issue 17, musts 4 and 8),
// run as the node's command line, which reads every alert. `watch` prints each alert raised or
// grown as the node stores it (it reads the alert projection every `--interval` seconds, since
// the node that evaluates is the serving process, not this one).
import { CLI } from '../domain/identity/principal.ts';
import type { AlertView } from '../domain/alerts/api.ts';
import type { Services } from '../services/index.ts';
import { listText, printFields, printJson, printTable, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord alert list [--rule ID] [--community ID] [--since TIME] [--limit N] [--json]
concord alert show <alert-id> [--json]
concord alert watch [--rule ID] [--community ID] [--interval SECONDS] [--for SECONDS] [--json]

An alert is raised when a rule holds: the same indicator, value or malware family sighted by
at least N organisations in at least K countries within W hours (see \`concord alert-rule\`).`;

const OPTIONS = {
  rule: { type: 'string' },
  community: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  interval: { type: 'string' },
  for: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAGS = { rule: '--rule', community: '--community', since: '--since', limit: '--limit', cursor: '<cursor>' };

const line = (a: AlertView): string[] => [
  a.lastSeen,
  a.rule.name,
  `${a.subject.kind}: ${a.subject.label}`,
  String(a.organisations),
  listText(a.countries),
  String(a.sightings),
  a.exercise ?? '-',
  a.id,
];
const HEAD = ['LAST SEEN', 'RULE', 'SUBJECT', 'ORGS', 'COUNTRIES', 'SIGHTINGS', 'EXERCISE', 'ID'];

function printAlert(a: AlertView): void {
  printFields([
    ['id', a.id],
    ['rule', `${a.rule.name} (${a.rule.id})`],
    ['community', a.rule.community],
    ['subject', `${a.subject.kind}: ${a.subject.label}`],
    ['organisations', String(a.organisations)],
    ['countries', listText(a.countries)],
    ['sectors', listText(a.sectors)],
    ['sightings', String(a.sightings)],
    ['first seen', a.firstSeen],
    ['last seen', a.lastSeen],
    ['exercise', a.exercise ?? '-'],
    ['tlp', a.marking?.tlp ?? '-'],
    ['objects', listText(a.objectRefs)],
    ['places', listText(a.places.map((p) => `${p.country} ${p.count}`))],
  ]);
}

const seconds = (v: string | undefined, fallback: number): number => (v === undefined || !(Number(v) > 0) ? fallback : Number(v));

/** Polls the alert list; prints what is new or grown since the last look. */
async function watch(
  s: Services,
  filter: { rule?: string; community?: string },
  every: number,
  until: number,
  json: boolean,
): Promise<number> {
  const seen = new Map<string, string>();
  for (const a of (await s.alerts.list(CLI, { ...filter, limit: 200 })).alerts) seen.set(a.id, a.modified);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, Math.min(every * 1000, Math.max(until - Date.now(), 0))));
    for (const a of (await s.alerts.list(CLI, { ...filter, limit: 200 })).alerts.reverse()) {
      if (seen.get(a.id) === a.modified) continue;
      seen.set(a.id, a.modified);
      if (json) console.log(JSON.stringify(a));
      else console.log(line(a).join('  '));
    }
  }
  return 0;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action, id] = positionals;
  if (values.help || !action || !['list', 'show', 'watch'].includes(action) || (action === 'show') !== (id !== undefined)) {
    return usageExit(usage, values.help);
  }
  const filter = { ...(values.rule ? { rule: values.rule } : {}), ...(values.community ? { community: values.community } : {}) };
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'show') {
      const a = await s.alerts.get(CLI, id ?? '');
      if (values.json) printJson(a);
      else printAlert(a);
      return 0;
    }
    if (action === 'watch') {
      const until = Date.now() + seconds(values.for, 365 * 24 * 3600) * 1000;
      return watch(s, filter, seconds(values.interval, 2), until, values.json === true);
    }
    const page = await s.alerts.list(CLI, {
      ...filter,
      ...(values.since ? { since: values.since } : {}),
      limit: seconds(values.limit, 50),
    });
    if (values.json) printJson(page);
    else printTable(HEAD, page.alerts.map(line), 'no alerts');
    return 0;
  });
}
