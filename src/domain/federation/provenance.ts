// Signed provenance (issue 5, item 4; DESIGN.md, Federation): every object a node originates
// leaves it with Concord's object extension carrying the origin node, its key id, the origin
// organisation, the distribution and an Ed25519 signature (RFC 8032) over the RFC 8785 canonical
// JSON of the whole object with only the `signature` property removed. Relays pass it unchanged,
// so a relay can neither alter the content nor widen the distribution without breaking it.
// Ed25519 signatures are deterministic: signing the same version again gives the same bytes.
import { sign, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../stix/canonical.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import type { SharingGroup } from '../identity/types.ts';
import { CONCORD_OBJECT_EXTENSION_ID, CONCORD_PUBLISHED_IDS } from '../markings/concord-markings.ts';
import { verifyEd25519, type PublicKeyBytes } from './ed25519.ts';
import { nodeIdentityId } from './keys.ts';

/**
 * The sharing group an object distributed to one is meant for, as its origin node holds it when
 * signing: a receiving node has no such group of its own, and adopts this one (read-only) so
 * that its members there can read the object. Signed with the object like the rest.
 */
export interface GroupStatement {
  id: string;
  name: string;
  /** The organisation that manages the group on the origin node. */
  owner: string;
  members: string[];
  /** When the group last changed on its origin node: a receiver keeps the latest it saw. */
  modified: string;
}

/** What the origin node states of its group `g`: with its members, or with `members` instead. */
export function groupStatement(g: SharingGroup, members: readonly string[] = g.members): GroupStatement {
  return { id: g.id, name: g.name, owner: g.ownerOrg, members: [...members], modified: g.updatedAt };
}

/** The provenance an object carries. */
export interface Provenance {
  originNode: string;
  originOrg: string;
  keyId: string;
  distribution: string;
  signature: string;
  /** With a `sharing-group:<id>` distribution, that group (absent from nodes before 1.2.0). */
  group?: GroupStatement;
}

/** Who signs: the node's key id, identity and private key. */
export interface Signer {
  keyId: string;
  nodeId: string;
  key: KeyObject;
}

/** Why an object's provenance is not accepted; stable quarantine reason codes. */
export type ProvenanceFailure = 'PEER_UNSIGNED' | 'PEER_ORIGIN_UNKNOWN' | 'PEER_SIGNATURE_INVALID';

export type Verified = { ok: true; provenance: Provenance } | { ok: false; reason: ProvenanceFailure; message: string };

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function extensionOf(o: StixObject): JsonObject | undefined {
  const exts = o['extensions'];
  const ext = isObject(exts) ? exts[CONCORD_OBJECT_EXTENSION_ID] : undefined;
  return isObject(ext) ? ext : undefined;
}

/** The provenance of a signed object; undefined when it carries no signature. */
export function provenanceOf(o: StixObject): Provenance | undefined {
  const ext = extensionOf(o);
  if (!ext || typeof ext['signature'] !== 'string') return undefined;
  const str = (k: string): string => (typeof ext[k] === 'string' ? (ext[k] as string) : '');
  const p: Provenance = {
    originNode: str('origin_node'),
    originOrg: str('origin_org'),
    keyId: str('key_id'),
    distribution: str('distribution'),
    signature: str('signature'),
  };
  const group = groupStatementOf(ext['sharing_group']);
  if (group !== undefined) p.group = group;
  return p;
}

/** Whether an object travels unsigned: marking definitions are immutable (STIX 2.1 §7.2.1) and
 *  Concord's own published objects are identical on every node, so neither carries provenance. */
export function travelsUnsigned(o: Pick<StixObject, 'type' | 'id'>): boolean {
  return o.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(o.id);
}

/** Properties of the extension that only a signing node writes (signObject). */
const CLAIMS = ['signature', 'origin_node', 'key_id', 'origin_org'] as const;

/**
 * Whether an object claims a node's provenance: its Concord extension names an origin or carries
 * a signature. Such an object must verify against that node's pinned key on every way in, not
 * only on peer pulls; one that merely states a distribution makes no claim (its importer becomes
 * its origin). Definitions never claim provenance (travelsUnsigned).
 */
export function claimsProvenance(o: StixObject): boolean {
  const ext = extensionOf(o);
  return ext !== undefined && !travelsUnsigned(o) && CLAIMS.some((k) => ext[k] !== undefined);
}

/** A group statement as it travels (in an object's extension, or a peer's answer); undefined
 *  when `v` is not one. */
export function groupStatementOf(v: JsonValue | undefined): GroupStatement | undefined {
  if (!isObject(v)) return undefined;
  const { id, name, owner, members, modified } = v;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof owner !== 'string' || typeof modified !== 'string') return undefined;
  if (!Array.isArray(members) || !members.every((m) => typeof m === 'string')) return undefined;
  return { id, name, owner, members: members as string[], modified };
}

/** The object without the signature property, its keys in the order they came in. */
function withoutSignature(o: StixObject): StixObject {
  const ext = extensionOf(o);
  if (!ext) return o;
  const { signature: _signature, ...rest } = ext;
  const exts = o['extensions'] as JsonObject;
  return { ...o, extensions: { ...exts, [CONCORD_OBJECT_EXTENSION_ID]: rest } };
}

/** The text that is signed: the canonical JSON of the object without the signature property. */
export function signingText(o: StixObject): string {
  return canonicalJson(withoutSignature(o));
}

/** A signed object as a node stores and serves it: canonical (RFC 8785) with its signature, so
 *  that a receiver's verifyObject can skip canonicalising it. */
export function signedText(o: StixObject): string {
  return canonicalJson(o);
}

/** A copy of `o` carrying the provenance of `signer` for `originOrg` and `distribution` (and
 *  the sharing group that distribution names, if any), signed. */
export function signObject(o: StixObject, signer: Signer, originOrg: string, distribution: string, group?: GroupStatement): StixObject {
  const exts = isObject(o['extensions']) ? o['extensions'] : {};
  const current = extensionOf(o) ?? {};
  const { signature: _old, sharing_group: _group, ...kept } = current;
  const ext: JsonObject = {
    ...kept,
    extension_type: 'property-extension',
    distribution,
    origin_node: signer.nodeId,
    origin_org: originOrg,
    key_id: signer.keyId,
  };
  if (group !== undefined)
    ext['sharing_group'] = { id: group.id, name: group.name, owner: group.owner, members: [...group.members], modified: group.modified };
  const unsigned: StixObject = { ...o, extensions: { ...exts, [CONCORD_OBJECT_EXTENSION_ID]: ext } };
  const signature = sign(null, Buffer.from(signingText(unsigned)), signer.key).toString('base64url');
  return { ...unsigned, extensions: { ...exts, [CONCORD_OBJECT_EXTENSION_ID]: { ...ext, signature } } };
}

/**
 * Verifies an object's provenance against the pinned keys (`keyFor`). The origin node must be
 * the identity of the signing key, and the signature must cover the object as received.
 * `attestedBy`: the key id whose holder attested the very text this object was parsed from (a
 * page its origin signed as a whole, request-signature.ts); an object that key signed needs no
 * second check of the same key's word.
 */
export function verifyObject(o: StixObject, keyFor: (keyId: string) => PublicKeyBytes | undefined, attestedBy?: string): Verified {
  const p = provenanceOf(o);
  if (!p) return { ok: false, reason: 'PEER_UNSIGNED', message: `${o.id} carries no Concord provenance signature` };
  const key = keyFor(p.keyId);
  if (!key)
    return {
      ok: false,
      reason: 'PEER_ORIGIN_UNKNOWN',
      message: `${o.id} is signed by key ${p.keyId || '(none)'}, which is not pinned here`,
    };
  if (p.originNode !== nodeIdentityId(p.keyId)) {
    return {
      ok: false,
      reason: 'PEER_SIGNATURE_INVALID',
      message: `${o.id}: origin_node ${p.originNode} is not the node of key ${p.keyId}`,
    };
  }
  if (attestedBy !== undefined && p.keyId === attestedBy) return { ok: true, provenance: p };
  // The text as it came in, without its signature, is the signing text when the sender kept
  // the canonical key order (signedText), and then canonicalising (~15 µs an object) is saved.
  // Only text the origin signed can verify, so trying it first accepts nothing more: a receiver
  // stores what it parsed, and that serialises to the verified text plus the signature.
  const signature = Buffer.from(p.signature, 'base64url');
  const unsigned = withoutSignature(o);
  if (verifyEd25519(key, JSON.stringify(unsigned), signature) || verifyEd25519(key, canonicalJson(unsigned), signature))
    return { ok: true, provenance: p };
  return {
    ok: false,
    reason: 'PEER_SIGNATURE_INVALID',
    message: `${o.id}: the provenance signature of ${p.originNode} does not match the content (altered after signing)`,
  };
}
