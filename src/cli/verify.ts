// `concord verify <bundle>` (issue 5, item 4): checks the provenance signatures of the objects of
// a bundle offline, against the keys pinned in this node's store (its own and its peers') and
// any given with --key. Nothing is imported and nothing is sent anywhere.
import { readFile } from 'node:fs/promises';
import type { PublicKeyBytes } from '../domain/federation/ed25519.ts';
import { keyIdOf, parsePublicKey, publicKeyBytes } from '../domain/federation/keys.ts';
import { travelsUnsigned, verifyObject } from '../domain/federation/provenance.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { CLI } from '../domain/identity/principal.ts';
import { printJson, runAdmin, usageExit } from './admin-format.ts';
import { parseCommand } from './context.ts';

export const usage = `concord verify <bundle.json> [--key KEY]... [--json]
  Checks the Concord provenance signature of every object in the bundle (or JSON array) against
  this node's key, its pinned peers' keys and each --key (base64 or PEM). Marking definitions
  and Concord's published objects travel unsigned (identical on every node) and are only
  counted. Exit 0 when every other object is signed and intact, 1 otherwise.`;

const OPTIONS = { key: { type: 'string', multiple: true }, json: { type: 'boolean' } } as const;

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const [file] = positionals;
  if (values.help || file === undefined || positionals.length !== 1) return usageExit(usage, values.help);
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  const objects: unknown[] = Array.isArray(parsed)
    ? parsed
    : Array.isArray((parsed as { objects?: unknown }).objects)
      ? (parsed as { objects: unknown[] }).objects
      : [parsed];
  return runAdmin(values, { key: '--key' }, async (s) => {
    const keys = new Map<string, PublicKeyBytes>();
    const own = await s.federation.node.identity();
    keys.set(own.keyId, own.verifier);
    for (const p of await s.federation.peers.list(CLI)) keys.set(p.keyId, publicKeyBytes(p.publicKey));
    for (const k of values.key ?? []) {
      const pub = parsePublicKey(k);
      keys.set(keyIdOf(pub), publicKeyBytes(pub));
    }
    // As ingress takes them (services/federation/ingress.service.ts): definitions need no signature.
    const isDefinition = (o: unknown): boolean => o !== null && typeof o === 'object' && travelsUnsigned(o as StixObject);
    const definitions = objects.filter(isDefinition).length;
    const results = objects
      .filter((o) => !isDefinition(o))
      .map((o) => {
        const obj = o as StixObject;
        const v = verifyObject(obj, (k) => keys.get(k));
        return v.ok
          ? { id: obj.id, ok: true, origin: v.provenance.originNode, keyId: v.provenance.keyId }
          : { id: obj.id, ok: false, reason: v.reason, message: v.message };
      });
    const bad = results.filter((r) => !r.ok);
    if (values.json) printJson({ objects: results.length, valid: results.length - bad.length, invalid: bad.length, definitions, results });
    else {
      for (const r of bad) console.log(`${r.id}: ${r.reason} ${r.message ?? ''}`);
      const more = definitions > 0 ? ` (and ${definitions} definitions, unsigned by design)` : '';
      console.log(`${results.length} objects: ${results.length - bad.length} signed and intact, ${bad.length} not${more}`);
    }
    return bad.length === 0 ? 0 : 1;
  });
}
