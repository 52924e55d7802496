// `concord sighting add|batch|list` (issue 17, musts 1, 3 and 8): record a sighting, report a
// file of observed values (matched to what the node holds and sighted in one call per 10,000
// values), and read an object's sightings. The node writes (the system principal) for its
// operating organisation, or the one named with --org, through the same service as the REST API.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CLI } from '../domain/identity/principal.ts';
import type { BatchResult, Disclosure, ObservedValue, SightingAggregate, SightingBatch, SightingType } from '../domain/sightings/api.ts';
import { ConcordError, InvalidInputError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { MAX_BATCH } from '../services/sighting-batch.ts';
import { printFields, printTable } from './admin-format.ts';
import { configFrom, parseCommand, withServices } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord sighting add <object-id> [--type sighting|false-positive|expired] [--count N]
                     [--first-seen T] [--last-seen T] [--disclosure D] [--description TEXT]
                     [--tlp T] [--distribution D] [--org O] [--json]
concord sighting batch <file.csv|file.json|-> [--disclosure D] [--tlp T] [--distribution D] [--org O] [--json]
concord sighting list <object-id> [--json]

add    records one sighting (STIX 2.1 §5.2) of an indicator, malware or other object held here
batch  matches each observed value to the indicators held here and records a sighting per match.
       CSV: one value a line, value[,first_seen[,last_seen[,count]]] ('#' starts a comment);
       JSON: a SightingBatch ({"observed": [{"value": …, "firstSeen": …}, …]}). - reads stdin.
list   the object's sightings: totals, the daily series, by organisation, country and sector, the latest
--disclosure  what partners learn of who sighted: organization | country-sector | anonymous
              (default: the organisation's, see concord org update --sighting-disclosure)
--tlp         clear|green|amber|amber+strict|red (default: the organisation's)
--org         the sighting organisation, by id or name (default: the node's operating organisation)
Times are STIX timestamps (2026-12-07T10:00:00Z); they default to now.`;

const OPTIONS = {
  type: { type: 'string' },
  count: { type: 'string' },
  'first-seen': { type: 'string' },
  'last-seen': { type: 'string' },
  disclosure: { type: 'string' },
  description: { type: 'string' },
  tlp: { type: 'string' },
  distribution: { type: 'string' },
  org: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommand<typeof OPTIONS>>['values'];

/** A whole number given on the command line; throws naming `at`. */
function whole(text: string, at: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw new InvalidInputError(`${at} must be a whole number, not "${text}"`, { field: at });
  return n;
}

/**
 * The observed values of a CSV text: `value[,first_seen[,last_seen[,count]]]` a line, blank
 * lines and `#` comments skipped. Errors name the line.
 */
export function parseObservedLines(text: string): { observed: ObservedValue[]; lines: number[] } {
  const observed: ObservedValue[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [value = '', first = '', last = '', count = ''] = line.split(',').map((c) => c.trim());
    observed.push({
      value,
      ...(first !== '' ? { firstSeen: first } : {}),
      ...(last !== '' ? { lastSeen: last } : {}),
      ...(count !== '' ? { count: whole(count, `line ${i + 1}: count`) } : {}),
    });
    lines.push(i + 1);
  });
  return { observed, lines };
}

/** The batch in a file (CSV or a JSON SightingBatch), with the line of each value when CSV. */
async function readBatch(path: string): Promise<{ batch: SightingBatch; lines: number[] | undefined }> {
  const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  if (text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new InvalidInputError(`${path}: ${(e as Error).message}`, { field: 'file' });
    }
    const batch = parsed as SightingBatch;
    if (!Array.isArray(batch.observed))
      throw new InvalidInputError(`${path}: a JSON batch lists its values in "observed"`, { field: 'observed' });
    return { batch, lines: undefined };
  }
  const { observed, lines } = parseObservedLines(text);
  return { batch: { observed }, lines };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends the batch 10,000 values at a time (the API's limit), with a progress line on a terminal.
 * A refusal names the line (CSV) or the value's index in the whole file.
 */
async function sendBatch(s: Services, values: Values, path: string): Promise<BatchResult> {
  const { batch, lines } = await readBatch(path);
  // What a JSON batch says of its markings and disclosure, unless a flag says otherwise.
  const options = {
    ...(batch.disclosure ? { disclosure: batch.disclosure } : {}),
    ...(batch.tlp ? { tlp: batch.tlp } : {}),
    ...(batch.distribution ? { distribution: batch.distribution } : {}),
    ...(values.disclosure ? { disclosure: values.disclosure as Disclosure } : {}),
    ...(values.tlp ? { tlp: values.tlp } : {}),
    ...(values.distribution ? { distribution: values.distribution } : {}),
  };
  const total: BatchResult = { received: 0, matched: 0, recorded: 0, results: [] };
  const progress = new Progress(`sighting ${path === '-' ? 'stdin' : basename(path)}`);
  for (let start = 0; start < batch.observed.length; start += MAX_BATCH) {
    const observed = batch.observed.slice(start, start + MAX_BATCH);
    let r: BatchResult;
    try {
      r = await s.sightings.batch(CLI, { ...options, observed }, values.org);
    } catch (e) {
      throw relocate(e, start, lines);
    }
    total.received += r.received;
    total.matched += r.matched;
    total.recorded += r.recorded;
    total.results.push(...r.results.map((o) => ({ ...o, index: o.index + start })));
    progress.share(total.recorded, total.received / batch.observed.length);
  }
  progress.done();
  return total;
}

/** `observed[i].field` of one request, named as the line of the file (or the index in it). */
function relocate(e: unknown, start: number, lines: number[] | undefined): unknown {
  if (!(e instanceof ConcordError)) return e;
  const field = e.details['field'];
  const m = typeof field === 'string' ? /^observed\[(\d+)\]\.(.+)$/.exec(field) : null;
  if (m === null) return e;
  const at = start + Number(m[1]);
  const where = lines === undefined ? `observed[${at}].${m[2]}` : `line ${lines[at]}: ${m[2]}`;
  return new InvalidInputError(`${where}: ${e.message.replace(/^observed\[\d+\]\./, '')}`, { field: where });
}

function printAggregate(a: SightingAggregate): void {
  printFields([
    ['object', a.of],
    ['includes', a.includes.length > 1 ? a.includes.slice(1).join(', ') : '-'],
    ['sightings', `${a.sightings} (${a.total} times), ${a.falsePositives} false positive, ${a.expired} expired`],
    ['organisations', String(a.organisations)],
    ['first seen', a.firstSeen ?? '-'],
    ['last seen', a.lastSeen ?? '-'],
    ['by organisation', a.byOrg.map((o) => `${o.org?.name ?? 'undisclosed'} ${o.count}`).join(', ') || '-'],
    ['by country', a.byCountry.map((c) => `${c.country ?? 'undisclosed'} ${c.count}`).join(', ') || '-'],
    ['by sector', a.bySector.map((c) => `${c.sector ?? 'undisclosed'} ${c.count}`).join(', ') || '-'],
  ]);
  console.log('');
  printTable(
    ['day', 'sightings', 'false positives', 'expired'],
    a.series.map((d) => [d.day, String(d.sightings), String(d.falsePositives), String(d.expired)]),
    'no sightings you may see',
  );
  if (a.recent.length === 0) return;
  console.log('');
  printTable(
    ['last seen', 'type', 'count', 'sighter', 'id'],
    a.recent.map((s) => [s.lastSeen, s.type, String(s.count), s.sighter.org?.name ?? s.sighter.country ?? 'undisclosed', s.id]),
    '',
  );
}

async function act(s: Services, action: string, target: string, values: Values): Promise<void> {
  if (action === 'list') {
    const a = await s.sightings.aggregate(CLI, target);
    return values.json ? console.log(JSON.stringify(a)) : printAggregate(a);
  }
  if (action === 'batch') {
    const r = await sendBatch(s, values, target);
    if (values.json) return console.log(JSON.stringify(r));
    return console.log(`${r.received} values, ${r.matched} matched, ${r.recorded} sightings recorded`);
  }
  const r = await s.sightings.record(
    CLI,
    {
      of: target,
      ...(values.type ? { type: values.type as SightingType } : {}),
      ...(values.count !== undefined ? { count: whole(values.count, 'count') } : {}),
      ...(values['first-seen'] ? { firstSeen: values['first-seen'] } : {}),
      ...(values['last-seen'] ? { lastSeen: values['last-seen'] } : {}),
      ...(values.disclosure ? { disclosure: values.disclosure as Disclosure } : {}),
      ...(values.description ? { description: values.description } : {}),
      ...(values.tlp ? { tlp: values.tlp } : {}),
      ...(values.distribution ? { distribution: values.distribution } : {}),
    },
    values.org,
  );
  if (values.json) return console.log(JSON.stringify(r));
  console.log(
    `${r.object.id} sighting of ${r.sighting.of}, ${r.sighting.disclosure}, TLP:${(r.sighting.marking?.tlp ?? '').toUpperCase()}`,
  );
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action = '', target, ...rest] = positionals;
  if (values.help || !['add', 'batch', 'list'].includes(action) || target === undefined || rest.length > 0) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  try {
    await withServices(configFrom(values), (s) => act(s, action, target, values));
    return 0;
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    console.error(`error ${e.code}: ${e.message}`);
    if (typeof e.details['field'] === 'string') console.error(`  at ${e.details['field']}`);
    return 1;
  }
}
