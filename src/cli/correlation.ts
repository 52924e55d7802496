// `concord correlation <id>` (issue 17, must 5 and 8): the objects that share an observable value
// with an object ("also seen in"), as the node reads them, with the correlation limit and the
// warninglists the node is configured with (--correlation-limit, --warninglists).
import type { Correlation, CorrelatedValue } from '../domain/correlation/api.ts';
import { CLI } from '../domain/identity/principal.ts';
import { configFrom, parseCommand, withServices } from './context.ts';
import { stderrLog } from './warninglist.ts';

export const usage = `concord correlation <id> [--json]
  The object's observable values and, for each, the other objects that carry it ("also seen in").
  A value carried by more objects than the correlation limit (--correlation-limit,
  CONCORD_CORRELATION_LIMIT, default 20) is shown as too common, and a value on a warninglist
  (--warninglists DIR, CONCORD_WARNINGLISTS_DIR) with the lists it is on; neither is expanded.`;

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** One value's lines: the value and what it correlates with, then each object it is seen in. */
function valueLines(v: CorrelatedValue, limit: number): string[] {
  const lists = v.warninglists.map((w) => `${w.id} (${w.name})`).join(', ');
  const seen = v.tooCommon ? `too common: more than ${plural(limit, 'other object')}` : `${plural(v.objects, 'other object')}`;
  const head = `${v.kind} ${v.value}: ${seen}${lists ? `; on warninglist ${lists}, not expanded` : ''}`;
  return [head, ...v.seenIn.map((s) => `  ${s.id}  ${s.name ?? ''}`.trimEnd())];
}

/** The correlation as text. */
export function formatCorrelation(c: Correlation): string {
  if (c.values.length === 0) return `${c.of}: no observable values`;
  return [
    `${c.of}: ${plural(c.values.length, 'value')} (correlation limit ${c.limit})`,
    ...c.values.flatMap((v) => valueLines(v, c.limit)),
  ].join('\n');
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } });
  const [id] = positionals;
  if (values.help || id === undefined || positionals.length !== 1) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = configFrom(values);
  return withServices(config, async (services) => {
    await services.warninglists.load(stderrLog);
    const c = await services.correlation.of(CLI, id);
    console.log(values.json ? JSON.stringify(c, null, 2) : formatCorrelation(c));
    return 0;
  });
}
