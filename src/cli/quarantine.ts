// `concord quarantine list|show|retry`: what was not stored, why, and trying again.
import { CLI } from '../domain/identity/principal.ts';
import { configFrom, parseCommand, withServices } from './context.ts';

export const usage = `concord quarantine list [--reason CODE] [--limit N] [--json]
concord quarantine show <id>
concord quarantine retry <id>`;

function entryId(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function reasonText(details: unknown): string {
  if (details !== null && typeof details === 'object' && 'message' in details) return String(details.message);
  return '';
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { reason: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  const [action, idArg] = positionals;
  if (values.help || !action || !['list', 'show', 'retry'].includes(action)) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = configFrom(values);
  return withServices(config, async (s) => {
    if (action === 'list') {
      const limit = Math.min(Math.max(Number(values.limit ?? 50) || 50, 1), 500);
      const page = await s.quarantine.list({ limit }, values.reason ? { reason: values.reason } : undefined);
      if (values.json) console.log(JSON.stringify(page.items));
      else if (page.items.length === 0) console.log('the quarantine is empty');
      else for (const e of page.items) console.log(`${e.id}\t${e.receivedAt}\t${e.reason}\t${e.objectId ?? '-'}\t${reasonText(e.details)}`);
      return 0;
    }
    const id = entryId(idArg);
    if (id === undefined) {
      console.error(`quarantine ${action} needs the numeric id of an entry (see: concord quarantine list)`);
      return 2;
    }
    if (action === 'show') {
      console.log(JSON.stringify(await s.quarantine.show(id), null, 2));
      return 0;
    }
    const result = await s.quarantine.retry(CLI, id);
    console.log(
      result.outcome === 'stored' ? `entry ${id} is now stored` : `entry ${id} failed again: ${JSON.stringify(result.summary.reasons)}`,
    );
    return result.outcome === 'stored' ? 0 : 1;
  });
}
