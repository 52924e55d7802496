// What `concord assist`, `concord roster` and `concord deployment` share (issue 18, must 8):
// subcommand words, the command-line forms of windows and clearances, and refusals that name the
// option at fault. The services check what the input means and name the field by its JSON path
// (`needs.window.until`, `experts[2].expertId`); `flagFor` turns the path back into the option.
import type { Clearance, Window } from '../domain/assistance/api.ts';
import { ConcordError, InvalidInputError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { usageExit } from './admin-format.ts';
import { configFrom, withServices } from './context.ts';
import { time } from './incident-input.ts';

export { given, list } from './incident-input.ts';

/** A service field (a path segment, index stripped) → the option that gives it; '' for a field no
 *  option gives (a record's state, which a conflict names). */
export type FlagTable = Readonly<Record<string, string>>;

/** The option that gave `field`: the innermost path segment the table names, else the last
 *  segment in kebab case (`needs.window.until` → `--from/--until`, `audience.ids[0]` → `--to-org`,
 *  `affectedEntity` → `--affected-entity`). */
export function flagFor(field: string, table: FlagTable): string {
  if (field.startsWith('--') || field.startsWith('<')) return field;
  const segments = field
    .replace(/^\$\.?/, '')
    .split(/[./]/)
    .map((s) => s.replace(/\[\d+\]$/, ''))
    .filter(Boolean);
  const named = segments.findLast((s) => table[s] !== undefined);
  if (named !== undefined) return table[named] ?? '';
  const last = segments.at(-1) ?? field;
  return `--${last.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Prints a refusal: the code and message, then each field at fault as its option. */
export function printRefusal(e: ConcordError, table: FlagTable): void {
  console.error(`error ${e.code}: ${e.message}`);
  const issues = e.details['issues'];
  if (Array.isArray(issues)) {
    for (const i of issues as { field?: unknown; message?: unknown }[]) {
      const flag = typeof i.field === 'string' ? flagFor(i.field, table) : '';
      const where = flag === '' ? '' : `${flag}: `;
      console.error(`  ${where}${String(i.message ?? '')}`);
    }
  } else if (typeof e.details['field'] === 'string') {
    const flag = flagFor(e.details['field'], table);
    if (flag !== '') console.error(`  at ${flag}`);
  }
}

/** Global option values, as context.ts reads them. */
type GlobalValues = Parameters<typeof configFrom>[0] & { help?: boolean | undefined };

/**
 * Runs one subcommand against the node's services: usage (exit 2) when `fn` is undefined, a
 * refusal (exit 1, naming the option) when a service refuses.
 */
export async function runCommand(
  values: GlobalValues,
  usage: string,
  table: FlagTable,
  fn: ((s: Services) => Promise<number>) | undefined,
): Promise<number> {
  if (values.help || fn === undefined) return usageExit(usage, values.help);
  try {
    return await withServices(configFrom(values), fn);
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    printRefusal(e, table);
    return 1;
  }
}

/** `--from` and `--until` as a window; undefined when neither is given. */
export function windowOf(from: string | undefined, until: string | undefined): Window | undefined {
  if (from === undefined && until === undefined) return undefined;
  const f = time(from, '--from');
  const u = time(until, '--until');
  if (f === undefined) throw new InvalidInputError('--from is required with --until: when the window starts', { field: '--from' });
  if (u === undefined) throw new InvalidInputError('--until is required with --from: when the window ends', { field: '--until' });
  return { from: f, until: u };
}

/** `FROM/UNTIL` (an availability window, ISO 8601 interval form) as a window. */
export function intervalOf(text: string, option: string): Window {
  const slash = text.indexOf('/');
  if (slash <= 0) throw new InvalidInputError(`${option} "${text}" must be FROM/UNTIL, such as 2027-01-04/2027-01-29`, { field: option });
  return { from: time(text.slice(0, slash), option) ?? '', until: time(text.slice(slash + 1), option) ?? '' };
}

/** `scheme=level` (`nato=NATO SECRET`) as a clearance. */
export function clearanceOf(text: string, option: string): Clearance {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidInputError(`${option} "${text}" must be scheme=level, such as nato="NATO SECRET"`, { field: option });
  return { scheme: text.slice(0, eq).trim(), level: text.slice(eq + 1).trim() };
}

/** A number option within [min, max] (hours may be fractional). */
export function numberOf(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new InvalidInputError(`${option} "${value}" must be a number from ${min} to ${max}`, { field: option });
  }
  return n;
}

/** The subcommand (`request add` is two words when `first` is a group) and its operands, if
 *  their count is what `arity` says. */
export function subcommand(
  positionals: readonly string[],
  arity: Readonly<Record<string, number>>,
): { name: string; ids: string[] } | undefined {
  const [first = '', second = '', ...rest] = positionals;
  const two = `${first} ${second}`;
  if (arity[two] !== undefined) return arity[two] === rest.length ? { name: two, ids: rest } : undefined;
  const ids = positionals.slice(1);
  return arity[first] === ids.length ? { name: first, ids } : undefined;
}
