// RFC 8785 (JSON Canonicalization Scheme): one byte sequence per JSON value, so that two
// objects with the same content compare equal whatever their key order or whitespace.
import canonicalize from 'canonicalize';

/** The RFC 8785 canonical text of a JSON value. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

/** True when two JSON texts hold the same value. */
export function sameJsonContent(a: string, b: string): boolean {
  if (a === b) return true;
  return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
}
