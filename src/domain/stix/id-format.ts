// STIX identifiers (STIX 2.1 §2.9): their form, free of Node's modules so that the validator
// runs in the browser too (issue 15, must 4: forms validate with the API's rules). ids.ts adds
// the deterministic SCO identifiers, which need SHA-1, and re-exports these.
import type { StixId } from './types.ts';

const UUID_LENGTH = 36;

// Hexadecimal digits in either case: RFC 4122 §3 reads them case-insensitively.
const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

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
