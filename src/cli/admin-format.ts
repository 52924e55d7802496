// What the administration commands (`concord org|user|token|community|sharing-group`) share:
// running as the command line principal, naming the option at fault, resolving names to ids,
// and printing records for people (aligned text) or machines (`--json`).
import { text } from 'node:stream/consumers';
import { CLI } from '../domain/identity/principal.ts';
import type { Org, SharingGroup, User } from '../domain/identity/types.ts';
import { ConcordError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { configFrom, withServices } from './context.ts';

type GlobalValues = Parameters<typeof configFrom>[0];

/** Maps a service's field names (`roles`, `clearances.nato`) to the option that set them. */
export type FlagNames = Record<string, string>;

/**
 * Opens the services and runs `fn`. An input error that names a field is printed with the
 * option that gave it, so `--role boss` answers "… (--role)" rather than the service's `roles`.
 */
export async function runAdmin(values: GlobalValues, flags: FlagNames, fn: (s: Services) => Promise<number>): Promise<number> {
  try {
    return await withServices(configFrom(values), fn);
  } catch (e) {
    const field = e instanceof ConcordError ? e.details['field'] : undefined;
    const flag = typeof field === 'string' ? (flags[field] ?? flags[field.split(/[.[]/)[0] ?? '']) : undefined;
    if (!(e instanceof ConcordError) || flag === undefined) throw e;
    console.error(`error ${e.code}: ${e.message} (${flag})`);
    return 2;
  }
}

/** Prints a command's usage (on stdout, as the other commands do): exit 0 for --help, 2 otherwise. */
export function usageExit(usage: string, help: boolean | undefined): number {
  console.log(usage);
  return help ? 0 : 2;
}

/** An `update` without any change is a usage mistake, not an audited no-op. */
export function requireChanges(input: object, command: string): void {
  if (Object.keys(input).length === 0) throw new InvalidInputError(`nothing to change; see \`concord ${command} --help\` for the options`);
}

/** Machine output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** A record as `label: value` lines with the values aligned. */
export function printFields(fields: readonly (readonly [string, string])[]): void {
  const width = Math.max(...fields.map(([k]) => k.length)) + 1;
  for (const [k, v] of fields) console.log(`${`${k}:`.padEnd(width)} ${v}`);
}

/** Rows under a header with aligned columns; `empty` when there are none. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[], empty: string): void {
  if (rows.length === 0) {
    console.log(empty);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const r of [header, ...rows])
    console.log(
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
}

/** `a, b` or `-` for an empty list. */
export function listText(items: readonly string[]): string {
  return items.length === 0 ? '-' : items.join(', ');
}

/** `enabled` or `disabled`. */
export function stateText(disabled: boolean): string {
  return disabled ? 'disabled' : 'enabled';
}

/**
 * The new value of a list option: `replace` (the repeated main option) replaces the list, then
 * `add` and `remove` edit it. Undefined when none was given, so the service leaves it unchanged.
 */
export function editList(current: readonly string[], replace?: string[], add?: string[], remove?: string[]): string[] | undefined {
  if (replace === undefined && add === undefined && remove === undefined) return undefined;
  const drop = new Set(remove ?? []);
  return [...new Set([...(replace ?? current), ...(add ?? [])])].filter((x) => !drop.has(x));
}

function pick<T>(items: readonly T[], ref: string, keys: (t: T) => string[], what: string, field: string): T {
  const exact = items.find((t) => keys(t).includes(ref));
  if (exact) return exact;
  // Names are unique as written; a case-insensitive match is accepted only when it is unique.
  const folded = items.filter((t) => keys(t).some((k) => k.toLowerCase() === ref.toLowerCase()));
  if (folded.length === 1 && folded[0] !== undefined) return folded[0];
  if (folded.length > 1) throw new InvalidInputError(`${what} "${ref}" is ambiguous; use the id`, { field });
  throw new NotFoundError(`${what} "${ref}"`, { field });
}

/** An organisation by id or name. */
export async function resolveOrg(s: Services, ref: string, field = 'org'): Promise<Org> {
  return pick(await s.orgs.listOrgs(CLI), ref, (o) => [o.id, o.name], 'organisation', field);
}

/** A user by id or user name. */
export async function resolveUser(s: Services, ref: string, field = 'user'): Promise<User> {
  return pick(await s.users.listUsers(CLI), ref, (u) => [u.id, u.username], 'user', field);
}

/** A sharing group by id or name. */
export async function resolveGroup(s: Services, ref: string): Promise<SharingGroup> {
  return pick(await s.orgs.listSharingGroups(CLI), ref, (g) => [g.id, g.name], 'sharing group', 'group');
}

/** Organisation id → name, for printing members and owners by name. */
export async function orgNames(s: Services): Promise<(id: string) => string> {
  const names = new Map((await s.orgs.listOrgs(CLI)).map((o) => [o.id, o.name]));
  return (id) => names.get(id) ?? id;
}

/** `scheme=level` pairs (`nato=NATO SECRET`) as a clearance map. */
export function parseClearances(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new InvalidInputError(`clearance "${p}" must be scheme=level, such as nato="NATO SECRET"`, { field: 'clearances' });
    out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return out;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `2w`, `90m` from now, an ISO 8601 timestamp, or `never` (null). */
export function parseExpiry(value: string, now = Date.now()): string | null {
  if (value === 'never') return null;
  const m = /^(\d+)([mhdw])$/.exec(value);
  const unit = m?.[2] !== undefined ? UNIT_MS[m[2]] : undefined;
  if (m && unit !== undefined) return new Date(now + Number(m[1]) * unit).toISOString();
  const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t))
    throw new InvalidInputError(`expiry "${value}" must be a duration such as 30d, 12h or 2w, an ISO 8601 timestamp, or never`, {
      field: 'expiresAt',
    });
  return new Date(t).toISOString();
}

/** A password piped on stdin, without the line ending `echo` adds. */
export async function readSecretFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter and Ctrl-D): ');
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** Exactly one positional reference (`<id|name>`) after the subcommand, or undefined. */
export function oneRef(positionals: readonly string[]): string | undefined {
  return positionals.length === 2 ? positionals[1] : undefined;
}
