// `concord node info|retract|tombstones` (issue 5, items 1 and 6): the node's federation
// identity (what peers pin), and retraction of objects this node shared by mistake.
import { CLI } from '../domain/identity/principal.ts';
import { printFields, printJson, printTable, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord node info [--pem] [--json]
concord node retract <id>... [--reason TEXT] [--json]
concord node tombstones [--json]

info        the node id, its Ed25519 public key (base64 of the 32 raw bytes, what
            \`concord peer add --key\` takes on a peer; --pem prints the PEM form), key id,
            and the organisations it hosts (what \`concord peer add --org\` takes there)
retract     purges objects this node originated, here and on every peer that holds them,
            with a signed retraction; they are never accepted again
tombstones  what was retracted here, when and by which node`;

const OPTIONS = { pem: { type: 'boolean' }, reason: { type: 'string' }, json: { type: 'boolean' } } as const;

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [action, ...ids] = positionals;
  const ok = action === 'info' || action === 'tombstones' ? ids.length === 0 : action === 'retract' && ids.length > 0;
  if (values.help || !ok) return usageExit(usage, values.help);
  return runAdmin(values, { ids: '<id>' }, async (s) => {
    if (action === 'info') {
      const n = await s.federation.node.identity();
      // A partner pinning this node names the organisations it hosts by id.
      const hosted = (await s.orgs.listOrgs(CLI)).filter((o) => o.node === null && !o.disabled);
      if (values.json)
        printJson({
          nodeId: n.nodeId,
          keyId: n.keyId,
          publicKey: n.publicKey,
          publicKeyPem: n.publicKeyPem,
          organisations: hosted.map((o) => ({ id: o.id, name: o.name, country: o.country })),
        });
      else if (values.pem) process.stdout.write(n.publicKeyPem);
      else
        printFields([
          ['node id', n.nodeId],
          ['public key', n.publicKey],
          ['key id', n.keyId],
          ...hosted.map((o): [string, string] => ['hosts', `${o.id} (${o.name})`]),
        ]);
      return 0;
    }
    if (action === 'retract') {
      const r = await s.federation.retractions.retract(CLI, ids, values.reason);
      if (values.json) printJson({ retraction: r.retraction.id, purged: r.purged });
      else
        console.log(
          `retracted ${ids.length} object(s) (${r.purged} versions purged here) with ${r.retraction.id}; peers purge them when they pull it`,
        );
      return 0;
    }
    const list = await s.federation.tombstones(200);
    if (values.json) printJson(list);
    else
      printTable(
        ['OBJECT', 'RETRACTED AT', 'BY KEY', 'RETRACTION'],
        list.map((t) => [t.objectId, t.retractedAt, t.retractedBy, t.retractionId]),
        'nothing retracted',
      );
    return 0;
  });
}
