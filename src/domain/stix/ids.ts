// STIX identifiers (STIX 2.1 §2.9) and deterministic SCO identifiers (§2.9, §3.4, and the
// "ID Contributing Properties" of each SCO in §6).

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue } from './types.ts';

export { hasTypeChars, idType, isIdOfType, isStixId, isTypeNameAt, isUuidAt } from './id-format.ts';

/** Namespace for deterministic SCO identifiers (STIX 2.1 §2.9). */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const NAMESPACE_BYTES = Buffer.from(SCO_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * ID Contributing Properties of each SCO (STIX 2.1 §6.1–§6.18). Process has none (§6.13: "use a
 * UUIDv4"). File and network-traffic include their whole `extensions` dictionary.
 */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

// "If the hashes property is present, include only one hash. The selected hash SHOULD come from
// this ordered list" (§6.1, §6.7, §6.18); otherwise the first one given, as python-stix2 does.
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function chooseOneHash(hashes: JsonValue): JsonValue | undefined {
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) return undefined;
  for (const name of HASH_PREFERENCE) {
    const v = hashes[name];
    if (v !== undefined) return { [name]: v };
  }
  for (const name in hashes) {
    const v = hashes[name];
    if (v !== undefined) return { [name]: v };
  }
  return undefined;
}

/** UUIDv5 (RFC 4122 §4.3) of `name` in `namespace` bytes, using SHA-1. */
export function uuidV5(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Deterministic identifier of an SCO (STIX 2.1 §2.9): UUIDv5 in the SCO namespace over the RFC 8785
 * canonical JSON of the type's ID Contributing Properties. Undefined for a type without such
 * properties (process, custom types) or when none is present: §2.9 then requires a UUIDv4.
 */
export function deterministicScoId(obj: { readonly type: string; readonly [key: string]: JsonValue }): string | undefined {
  const names = ID_CONTRIBUTING_PROPERTIES[obj.type];
  if (names === undefined || names.length === 0) return undefined;
  const contributing: Record<string, JsonValue> = {};
  let any = false;
  for (const name of names) {
    const raw = obj[name];
    if (raw === undefined) continue;
    const v = name === 'hashes' ? chooseOneHash(raw) : raw;
    if (v === undefined) continue;
    contributing[name] = v;
    any = true;
  }
  if (!any) return undefined;
  const text = canonicalize(contributing);
  if (text === undefined) return undefined;
  return `${obj.type}--${uuidV5(NAMESPACE_BYTES, text)}`;
}
