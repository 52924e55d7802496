// `concord audit verify|list|actions`: check the hash-chained audit log end to end, and read it.
import type { AuditListRequest } from '../domain/audit/types.ts';
import { AuditService } from '../services/audit.service.ts';
import { configFrom, parseCommand, withServices } from './context.ts';

export const usage = `concord audit verify [--json]
concord audit list [--limit N] [--action CODE] [--actor NAME] [--since DATE] [--until DATE]
                   [--target ID] [--q WORDS] [--before SEQ] [--json]
concord audit actions

verify exits 0 when the log is intact, 1 naming the first altered, removed or reordered entry;
       it also asks each syncing peer for the audit head this node stated to it (peers keep
       the latest, signed) and fails when the log no longer holds that entry with that hash.
list shows entries newest first; --before SEQ shows the entries older than SEQ (the "next"
       printed after a full page).
  --actor   user:<name> (with that user's tokens) or system:<name>
  --since, --until  ISO 8601 dates (2026-12-07, the whole day for --until) or date-times
  --target  the object, user, feed or peer an entry is about, by id
  --q       words that must all occur in the entry's details or target
actions lists the actions that occur in the log.`;

function positive(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    limit: { type: 'string' },
    action: { type: 'string' },
    actor: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    target: { type: 'string' },
    q: { type: 'string' },
    before: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [action] = positionals;
  if (values.help || !action || !['verify', 'list', 'actions'].includes(action) || positionals.length > 1) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const before = positive(values.before);
  if (values.before !== undefined && before === undefined) {
    console.error('--before needs the seq of an entry (a positive integer)');
    return 2;
  }
  const config = configFrom(values);
  return withServices(config, async (services, store) => {
    const audit = new AuditService({ audit: store.audit });
    if (action === 'verify') {
      const [result, witnesses] = await Promise.all([audit.verify(), services.federation.witness.check()]);
      if (values.json) console.log(JSON.stringify({ ...result, witnesses }));
      else if (result.ok) console.log(`audit log intact: ${result.count} entries, head ${result.head.hash}`);
      else console.log(`audit log broken at entry #${result.seq}: ${result.reason} — ${result.message}`);
      // Peers keep this node's signed heads: a history rewritten consistently shows here.
      if (!values.json)
        for (const w of witnesses)
          console.log(`witness ${w.peer}: ${w.ok === true ? `entry #${w.seq} as stated on ${w.statedAt} holds` : (w.message ?? '')}`);
      return result.ok && witnesses.every((w) => w.ok !== false) ? 0 : 1;
    }
    if (action === 'actions') {
      for (const a of await audit.actions()) console.log(a);
      return 0;
    }
    const limit = Math.min(positive(values.limit) ?? 50, 500);
    const filters: Omit<AuditListRequest, 'limit'> = {};
    for (const key of ['action', 'actor', 'since', 'until', 'target', 'q'] as const) {
      const v = values[key];
      if (v !== undefined && v.trim() !== '') filters[key] = v.trim();
    }
    const page = await audit.list({ limit, ...(before !== undefined ? { after: before } : {}), ...filters });
    if (values.json) console.log(JSON.stringify(page.items));
    else if (page.items.length === 0) console.log('no audit entries');
    else {
      for (const e of page.items)
        console.log(`${e.seq}\t${e.at}\t${e.action}\t${e.actor ?? '-'}\t${e.target ?? '-'}\t${JSON.stringify(e.details)}`);
      if (page.next !== null) console.log(`more: --before ${page.next}`);
    }
    return 0;
  });
}
