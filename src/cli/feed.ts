// `concord feed add|list|rename|pull|remove`: TAXII 2.1 feeds this node pulls from (issue 4, item 3),
// administered as the node's command line. `serve` pulls due feeds on their interval; `pull`
// pulls one now, with a progress line on a terminal and a summary.
import { CLI } from '../domain/identity/principal.ts';
import { intervalText, parseInterval, type FeedAuth, type FeedPullResult } from '../domain/feeds/types.ts';
import { InvalidInputError } from '../errors.ts';
import { feedView } from '../services/feed.service.ts';
import type { Feed } from '../domain/feeds/types.ts';
import { oneRef, printJson, printTable, readSecretFromStdin, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord feed add <url> --name NAME [--collection ID] [--user U (--password P | --password-stdin) | --token T]
                  [--interval 15m] [--tlp TLP] [--distribution D] [--json]
concord feed list [--json]
concord feed rename <name|id> --name NEW
concord feed pull <name|id> [--force] [--json]
concord feed remove <name|id>

--name      what the feed is called (unique): in the list, import sources and the audit log
<url> is a TAXII 2.1 discovery URL, an API root (then --collection picks one of its
collections, by id or alias, unless only one is readable) or a collection URL.
--interval  how often \`concord serve\` pulls it: 30s, 15m, 2h, 1d (default 15m, at least 10s)
--tlp, --distribution  markings of objects that arrive without them (default: the organisation's)
--force     pull even if another process seems to be pulling it (one that was killed)
Credentials are kept in the data directory as given; \`feed list\` never prints them.`;

const OPTIONS = {
  name: { type: 'string' },
  collection: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  token: { type: 'string' },
  interval: { type: 'string' },
  tlp: { type: 'string' },
  distribution: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = {
  name: '--name',
  url: '<url>',
  collection: '--collection',
  tlp: '--tlp',
  distribution: '--distribution',
  interval: '--interval',
  auth: '--user/--token',
};

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

async function authFrom(v: Values): Promise<FeedAuth> {
  const password = v['password-stdin'] ? await readSecretFromStdin() : v.password;
  if (v.token !== undefined && (v.user !== undefined || password !== undefined))
    throw new InvalidInputError('give either --token or --user and --password, not both', { field: 'auth' });
  if (v.token !== undefined) return { kind: 'token', token: v.token };
  if (v.user !== undefined || password !== undefined) {
    if (v.user === undefined || password === undefined) throw new InvalidInputError('--user and --password go together', { field: 'auth' });
    return { kind: 'basic', user: v.user, password };
  }
  return { kind: 'none' };
}

function resultText(r: FeedPullResult | null): string {
  if (r === null) return 'never pulled';
  const counts = `${r.objects} objects: ${r.accepted} new, ${r.unchanged} unchanged, ${r.quarantined} quarantined`;
  return r.ok ? `ok, ${counts}` : `failed: ${r.error ?? 'unknown'} (${counts})`;
}

function printList(feeds: Feed[]): void {
  printTable(
    ['NAME', 'ID', 'URL', 'AUTH', 'EVERY', 'LAST PULL', 'RESULT'],
    feeds.map((f) => [
      f.name,
      f.id,
      f.objectsUrl,
      f.auth.kind === 'basic' ? `basic:${f.auth.user}` : f.auth.kind,
      intervalText(f.intervalSeconds),
      f.lastPullAt ?? '-',
      resultText(f.lastResult),
    ]),
    'no feeds',
  );
}

function printResult(r: FeedPullResult): void {
  const lines = [
    `pages        ${r.pages}`,
    `objects      ${r.objects}`,
    `accepted     ${r.accepted}`,
    `unchanged    ${r.unchanged}`,
    `quarantined  ${r.quarantined}`,
  ];
  for (const [reason, n] of Object.entries(r.reasons)) lines.push(`  ${reason}: ${n}`);
  if (r.quarantined > 0) lines.push('see them with: npx concord quarantine list');
  if (r.error) lines.push(`stopped: ${r.error}\n(every page before this one is committed; the next pull resumes after it)`);
  console.log(lines.join('\n'));
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const known = ['add', 'list', 'pull', 'remove', 'rename'];
  const needsRef = action !== 'list';
  if (values.help || !action || !known.includes(action) || (needsRef ? ref === undefined : positionals.length > 1))
    return usageExit(usage, values.help);
  const interval = parseInterval(values.interval ?? '15m');
  if (interval === undefined) {
    console.error(`error: --interval must be a duration of at least 10s such as 30s, 15m, 2h or 1d, got "${values.interval ?? ''}"`);
    return 2;
  }
  return runAdmin(values, FLAGS, async (s) => {
    if (action === 'list') {
      const feeds = await s.feeds.list(CLI);
      if (values.json) printJson(feeds.map((f) => feedView(f)));
      else printList(feeds);
      return 0;
    }
    const id = ref ?? '';
    if ((action === 'add' || action === 'rename') && (values.name === undefined || values.name.trim() === '')) {
      throw new InvalidInputError(`feed ${action} needs --name`, { field: 'name' });
    }
    if (action === 'rename') {
      const feed = await s.feeds.rename(CLI, id, values.name ?? '');
      console.log(`feed ${feed.id} is now named ${feed.name}`);
      return 0;
    }
    if (action === 'add') {
      const input = {
        name: values.name ?? '',
        url: id,
        collection: values.collection,
        auth: await authFrom(values),
        intervalSeconds: interval,
        tlp: values.tlp,
        distribution: values.distribution,
      };
      const feed = await s.feeds.add(CLI, input);
      if (values.json) printJson(feedView(feed));
      else console.log(`feed ${feed.name} (${feed.id}) added: ${feed.objectsUrl}\npull it now with: npx concord feed pull '${feed.name}'`);
      return 0;
    }
    if (action === 'remove') {
      await s.feeds.remove(CLI, id);
      console.log(`feed ${id} removed`);
      return 0;
    }
    const progress = new Progress(`pulling feed ${(await s.feeds.get(CLI, id)).name}`);
    const result = await s.feeds.pull(CLI, id, {
      onPage: (p) => progress.update(p.bytes, p.summary.objects),
      force: values.force === true,
    });
    progress.done();
    if (values.json) printJson(result);
    else printResult(result);
    return result.ok ? 0 : 1;
  });
}
