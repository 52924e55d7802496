// STIX identifiers (STIX 2.1 §2.9) and deterministic SCO identifiers (§2.9, §3.4, and the
// "ID Contributing Properties" of each SCO in §6).

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue, StixId } from './types.ts';

const UUID_LENGTH = 36;

// Hexadecimal digits in either case: RFC 4122 §3 reads them case-insensitively.
const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

/** Namespace for deterministic SCO identifiers (STIX 2.1 §2.9). */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const NAMESPACE_BYTES = Buffer.from(SCO_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/**
 * True when the first `end` characters of `s` form a type name: lowercase ASCII letters, digits
 * and hyphens, starting with a letter (§3.1), no two hyphens in a row (§11.2, §7.3.2).
 */
export function isTypeNameAt(s: string, end: number): boolean {
  if (end < 1) return false;
  const first = s.charCodeAt(0);
  if (first < 97 || first > 122) return false;
  return hasTypeChars(s, 1, end);
}

/** True when s[from, end) has only a-z, 0-9 and hyphens, never two hyphens in a row. */
export function hasTypeChars(s: string, from: number, end: number): boolean {
  let prevHyphen = false;
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 45) {
      if (prevHyphen) return false;
      prevHyphen = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      prevHyphen = false;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * True when `s` ends with an RFC 4122 UUID starting at offset `at` (§2.9 requires an RFC
 * 4122-compliant UUID): version 1–5 in the third group, variant 10xx in the fourth. Written as a
 * character loop because identifiers are checked several times per object on the ingest path.
 */
export function isUuidAt(s: string, at: number): boolean {
  if (s.length - at !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = s.charCodeAt(at + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (c >= 128 || HEX_DIGIT[c] !== 1) {
      return false;
    }
  }
  const version = s.charCodeAt(at + 14);
  const variant = s.charCodeAt(at + 19) | 0x20; // lower-case the letter
  return version >= 49 && version <= 53 && (variant === 56 || variant === 57 || variant === 97 || variant === 98);
}

/** True when `s` is a STIX identifier: `<object-type>--<UUID>` (STIX 2.1 §2.9). */
export function isStixId(s: unknown): s is StixId {
  if (typeof s !== 'string') return false;
  const sep = s.length - UUID_LENGTH - 2;
  if (sep < 1 || s.charCodeAt(sep) !== 45 || s.charCodeAt(sep + 1) !== 45) return false;
  return isTypeNameAt(s, sep) && isUuidAt(s, sep + 2);
}

/** The object type named by a STIX identifier, or undefined when `s` is not one. */
export function idType(s: string): string | undefined {
  return isStixId(s) ? s.slice(0, s.length - UUID_LENGTH - 2) : undefined;
}

/** True when `id` is a well-formed identifier for an object of type `type` (no allocation). */
export function isIdOfType(id: string, type: string): boolean {
  return (
    id.length === type.length + 2 + UUID_LENGTH &&
    id.startsWith(type) &&
    id.charCodeAt(type.length) === 45 &&
    id.charCodeAt(type.length + 1) === 45 &&
    isTypeNameAt(id, type.length) &&
    isUuidAt(id, type.length + 2)
  );
}

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
