// `concord peer add|list|show|update|remove|status|pull` (issue 5, item 2): peers pinned by
// their URL and public key, with what they host, their accreditation and the outbound and
// inbound policies, administered as the node's command line.
import { actorName, CLI } from '../domain/identity/principal.ts';
import type { PeerInput } from '../domain/federation/peer-input.ts';
import type { PeerPullResult } from '../domain/federation/types.ts';
import type { PeerView } from '../services/federation/peer.service.ts';
import type { Services } from '../services/index.ts';
import {
  listText,
  oneRef,
  parseClearances,
  printFields,
  printJson,
  printTable,
  requireChanges,
  resolveOrg,
  runAdmin,
  usageExit,
} from './admin-format.ts';
import { parseCommand } from './context.ts';
import { Progress } from './progress.ts';

export const usage = `concord peer add <url> --key KEY [--name NAME] [--org ORG]... [--country CC]...
                 [--community ID]... [--accreditation SCHEME=LEVEL]...
                 [--max-tlp TLP] [--max-class SCHEME=LEVEL]... [--out-community ID]...
                 [--type TYPE]... [--exercise ID]... [--accept-type TYPE]... [--allow-unsigned]
                 [--no-sync] [--json]
concord peer list [--json]
concord peer show <id|name> [--json]
concord peer update <id|name> [same options as add; --url URL; --sync | --no-sync; --disable | --enable]
concord peer remove <id|name>
concord peer status [<id|name>] [--json]
concord peer pull <id|name> [--force] [--json]

KEY is the peer's public key as \`concord node info\` prints it there (base64), or PEM.
What the peer hosts: --org (identity id or name of an organisation known here), --country,
--community; --accreditation nato="NATO SECRET" is its highest level per scheme.
Outbound (what this node sends it, on top of the access policy): --max-tlp, --max-class,
--out-community, --type, --exercise (exercise data leaves only for the exercises listed).
Inbound: --accept-type (only these types), --allow-unsigned (tolerate objects without a valid
provenance key; a wrong signature is always quarantined). --no-sync pins the key only: objects
other peers relay from this node are verified against it, but nothing is exchanged with it.
pull --force: pull even if another process seems to be pulling it (one that was killed on
another host; a killed process of this host is taken over without it).`;

const OPTIONS = {
  key: { type: 'string' },
  url: { type: 'string' },
  name: { type: 'string' },
  org: { type: 'string', multiple: true },
  country: { type: 'string', multiple: true },
  community: { type: 'string', multiple: true },
  accreditation: { type: 'string', multiple: true },
  'max-tlp': { type: 'string' },
  'max-class': { type: 'string', multiple: true },
  'out-community': { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  exercise: { type: 'string', multiple: true },
  'accept-type': { type: 'string', multiple: true },
  'allow-unsigned': { type: 'boolean' },
  sync: { type: 'boolean' },
  'no-sync': { type: 'boolean' },
  disable: { type: 'boolean' },
  enable: { type: 'boolean' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAGS = {
  url: '<url>/--url',
  key: '--key',
  name: '--name',
  orgs: '--org',
  countries: '--country',
  communities: '--community',
  accreditation: '--accreditation',
  'outbound.maxTlp': '--max-tlp',
  'outbound.maxClassification': '--max-class',
  'outbound.communities': '--out-community',
  'outbound.types': '--type',
  'outbound.exercises': '--exercise',
  'inbound.acceptTypes': '--accept-type',
  org: '--org',
};

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/** Lists given as repeated options or comma-separated; "" clears. */
function items(v: string[] | undefined): string[] | undefined {
  return v
    ?.flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function pairs(v: string[] | undefined): Record<string, string> | undefined {
  return v === undefined ? undefined : parseClearances(v.flatMap((x) => x.split(',')));
}

async function input(s: Services, v: Values, url: string | undefined): Promise<PeerInput> {
  const orgs = items(v.org);
  const outbound: NonNullable<PeerInput['outbound']> = {
    ...(v['max-tlp'] !== undefined ? { maxTlp: v['max-tlp'] === '' ? null : v['max-tlp'] } : {}),
    ...(v['max-class'] !== undefined ? { maxClassification: pairs(v['max-class']) } : {}),
    ...(v['out-community'] !== undefined ? { communities: items(v['out-community']) } : {}),
    ...(v.type !== undefined ? { types: items(v.type) } : {}),
    ...(v.exercise !== undefined ? { exercises: items(v.exercise) } : {}),
  };
  const inbound: NonNullable<PeerInput['inbound']> = {
    ...(v['accept-type'] !== undefined ? { acceptTypes: items(v['accept-type']) } : {}),
    ...(v['allow-unsigned'] !== undefined ? { allowUnsigned: v['allow-unsigned'] } : {}),
  };
  const resolved =
    orgs === undefined
      ? undefined
      : await Promise.all(orgs.map(async (o) => (o.startsWith('identity--') ? o : (await resolveOrg(s, o)).id)));
  return {
    ...(url !== undefined ? { url } : {}),
    ...(v.key !== undefined ? { key: v.key } : {}),
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(resolved !== undefined ? { orgs: resolved } : {}),
    ...(v.country !== undefined ? { countries: items(v.country) } : {}),
    ...(v.community !== undefined ? { communities: items(v.community) } : {}),
    ...(v.accreditation !== undefined ? { accreditation: pairs(v.accreditation) } : {}),
    ...(Object.keys(outbound).length > 0 ? { outbound } : {}),
    ...(Object.keys(inbound).length > 0 ? { inbound } : {}),
    ...(v['no-sync'] ? { sync: false } : v.sync ? { sync: true } : {}),
    ...(v.disable ? { disabled: true } : v.enable ? { disabled: false } : {}),
  };
}

function pullText(r: PeerPullResult | null): string {
  if (r === null) return 'never pulled';
  const counts = `${r.objects} objects: ${r.accepted} new, ${r.unchanged} unchanged, ${r.quarantined} quarantined`;
  return r.ok ? `ok, ${counts}` : `failed: ${r.error ?? 'unknown'} (${counts})`;
}

function lagText(p: PeerView): string {
  return p.lag.versions === 0 ? 'caught up' : `${p.lag.versions} behind for ${p.lag.seconds}s`;
}

function show(p: PeerView): void {
  const o = p.outbound;
  printFields([
    ['id', p.id],
    ['name', p.name],
    ['url', p.url],
    ['key id', p.keyId],
    ['public key', p.publicKey],
    ['node', p.nodeId],
    ['state', p.disabled ? 'disabled' : p.sync ? 'syncing' : 'pinned only'],
    ['hosts orgs', listText(p.orgs)],
    ['countries', listText(p.countries)],
    ['communities', listText(p.communities)],
    ['accreditation', listText(Object.entries(p.accreditation).map(([k, v]) => `${k}=${v}`))],
    ['out max tlp', o.maxTlp ?? '-'],
    ['out max class', listText(Object.entries(o.maxClassification ?? {}).map(([k, v]) => `${k}=${v}`))],
    ['out communities', o.communities ? listText(o.communities) : '(all it is in)'],
    ['out types', o.types ? listText(o.types) : '(all)'],
    ['out exercises', listText(o.exercises ?? [])],
    ['accept types', p.inbound.acceptTypes ? listText(p.inbound.acceptTypes) : '(all)'],
    ['allow unsigned', p.inbound.allowUnsigned ? 'yes' : 'no'],
    ['cursor', p.state.cursor ?? '-'],
    ['lag', lagText(p)],
    ['last pull', p.state.lastPullAt ?? '-'],
    ['last result', pullText(p.state.lastResult)],
  ]);
}

function statusTable(peers: PeerView[]): void {
  printTable(
    ['ID', 'NAME', 'URL', 'STATE', 'CURSOR', 'LAG', 'LAST PULL', 'RESULT'],
    peers.map((p) => [
      p.id,
      p.name,
      p.url,
      p.disabled ? 'disabled' : p.sync ? 'syncing' : 'pinned',
      p.state.cursor ?? '-',
      lagText(p),
      p.state.lastPullAt ?? '-',
      pullText(p.state.lastResult),
    ]),
    'no peers',
  );
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action] = positionals;
  const ref = oneRef(positionals);
  const needsRef = ['add', 'show', 'update', 'remove', 'pull'];
  const known = [...needsRef, 'list', 'status'];
  if (values.help || !action || !known.includes(action) || (needsRef.includes(action) && ref === undefined))
    return usageExit(usage, values.help);
  return runAdmin(values, FLAGS, async (s) => {
    const fed = s.federation;
    const id = ref ?? '';
    if (action === 'add') {
      const p = await fed.peers.add(CLI, await input(s, values, id));
      if (values.json) printJson(p);
      else
        console.log(
          `peer ${p.id} (${p.name}) added: ${p.url}, key ${p.keyId}\nOn the peer, pin this node with the key \`concord node info\` prints here.`,
        );
      return 0;
    }
    if (action === 'update') {
      const change = await input(s, values, values.url);
      requireChanges(change, 'peer update');
      const p = await fed.peers.update(CLI, id, change);
      if (values.json) printJson(p);
      else show(p);
      return 0;
    }
    if (action === 'remove') {
      await fed.peers.remove(CLI, id);
      console.log(`peer ${id} removed`);
      return 0;
    }
    if (action === 'pull') {
      const p = await fed.peers.get(CLI, id);
      // The bar goes from where the cursor stood to the peer's head as it announces it.
      const from = Number(p.state.cursor ?? 0);
      const progress = new Progress(`pulling peer ${p.name}`);
      const r = await fed.sync.pull(p.id, {
        actor: actorName(CLI),
        force: values.force === true,
        onPage: (so, at) =>
          progress.share(so.objects, at.head !== null && at.head > from ? (at.cursor - from) / (at.head - from) : undefined),
      });
      progress.done();
      if (values.json) printJson(r);
      else console.log(pullText(r));
      return r.ok ? 0 : 1;
    }
    if (action === 'show' || (action === 'status' && ref !== undefined)) {
      const p = await fed.peers.get(CLI, id);
      if (values.json) printJson(p);
      else if (action === 'show') show(p);
      else statusTable([p]);
      return 0;
    }
    const peers = await fed.peers.list(CLI);
    if (values.json) printJson(peers);
    else if (action === 'list')
      printTable(
        ['ID', 'NAME', 'URL', 'KEY ID', 'STATE', 'COMMUNITIES'],
        peers.map((p) => [p.id, p.name, p.url, p.keyId, p.disabled ? 'disabled' : p.sync ? 'syncing' : 'pinned', listText(p.communities)]),
        'no peers',
      );
    else statusTable(peers);
    return 0;
  });
}
