// `concord warninglist list|check` (issue 17, must 5 and 8): the MISP warninglists the node is
// pointed at (--warninglists DIR, CONCORD_WARNINGLISTS_DIR) and which of them a value is on.
// Reads the lists only; the store is not opened.
import { CLI } from '../domain/identity/principal.ts';
import { OBSERVABLE_KINDS, type ObservableKind } from '../domain/observables/types.ts';
import { InvalidInputError } from '../errors.ts';
import { WarninglistService, type WarninglistLog } from '../services/warninglist.service.ts';
import { configFrom, parseCommand } from './context.ts';

export const usage = `concord warninglist list [--json]
concord warninglist check <value> [--kind KIND] [--json]

list    the lists loaded from --warninglists DIR (CONCORD_WARNINGLISTS_DIR): id, type, entries, name
check   which lists a value is on; its kind (ipv4, domain, url, hash:sha256, …) is detected unless given`;

/** Loading problems on stderr (a list that does not parse is skipped, naming its file). */
export const stderrLog: WarninglistLog = {
  info: () => {},
  error: (_obj, msg) => console.error(msg),
};

function kindOf(raw: string | undefined): ObservableKind | undefined {
  if (raw === undefined) return undefined;
  const kind = OBSERVABLE_KINDS.find((k) => k === raw);
  if (!kind) throw new InvalidInputError(`--kind must be one of ${OBSERVABLE_KINDS.join(', ')}, got "${raw}"`, { field: '--kind' });
  return kind;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' }, kind: { type: 'string' } });
  const [action, ...rest] = positionals;
  const arity = action === 'list' ? 0 : action === 'check' ? 1 : -1;
  if (values.help || rest.length !== arity) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = configFrom(values);
  if (config.warninglistsDir === undefined && !values.json)
    console.error('no warninglists configured (--warninglists DIR or CONCORD_WARNINGLISTS_DIR)');
  const service = new WarninglistService({ dir: config.warninglistsDir });
  await service.load(stderrLog);
  if (action === 'list') {
    const lists = await service.lists(CLI);
    if (values.json) console.log(JSON.stringify(lists, null, 2));
    else for (const l of lists) console.log(`${l.id}\t${l.type}\t${l.entries}\t${l.name}`);
    return 0;
  }
  const r = await service.check(CLI, rest[0] ?? '', kindOf(values.kind));
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else if (r.kind === null) console.log(`${r.value}: kind not recognised (give --kind)`);
  else if (r.warninglists.length === 0) console.log(`${r.normalized ?? r.value} (${r.kind}): on no warninglist`);
  else for (const w of r.warninglists) console.log(`${r.normalized} (${r.kind}): ${w.id}\t${w.name}`);
  return 0;
}
