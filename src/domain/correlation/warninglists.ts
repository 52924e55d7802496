// MISP warninglists (issue 17, must 5): lists of known benign values (public DNS resolvers, cloud
// ranges, top domains) in the layout of the public repository MISP/misp-warninglists, one
// `lists/<id>/list.json` per list with `name`, `version`, `description`, `type` (string,
// substring, hostname, cidr, regex), `list` and `matching_attributes` (MISP attribute types).
// This module reads one list.json; warninglist-matcher.ts indexes many for matching.
import type { ObservableKind } from '../observables/types.ts';
import { InvalidInputError } from '../../errors.ts';

/** How a list's entries are compared with a value (MISP Warninglist::checkValue). */
export const WARNINGLIST_TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/** One parsed list. */
export interface Warninglist {
  /** The folder name (`public-dns-v4`): stable across versions of the repository. */
  id: string;
  name: string;
  version: number | string;
  description: string;
  type: WarninglistType;
  list: readonly string[];
  matchingAttributes: readonly string[];
  /** The Concord kinds the list applies to; `all` when matching_attributes is empty or names
   *  no type (MISP then applies the list to every attribute type, as its 'ALL' entry). */
  kinds: ReadonlySet<ObservableKind> | 'all';
}

/**
 * MISP attribute types (misp-core-format, "Attribute types") and the Concord kind their value
 * (or, for composites such as `domain|ip` and `ip-dst|port`, one of its parts) normalises to.
 * `ip-*` types become both IP kinds: MISP does not tell IPv4 from IPv6.
 */
const MISP_TYPE_KINDS: Readonly<Record<string, readonly ObservableKind[]>> = {
  'ip-src': ['ipv4', 'ipv6'],
  'ip-dst': ['ipv4', 'ipv6'],
  'ip-src|port': ['ipv4', 'ipv6'],
  'ip-dst|port': ['ipv4', 'ipv6'],
  'domain|ip': ['domain', 'ipv4', 'ipv6'],
  hostname: ['domain'],
  'hostname|port': ['domain'],
  domain: ['domain'],
  url: ['url'],
  uri: ['url'],
  link: ['url'],
  email: ['email'],
  'email-src': ['email'],
  'email-dst': ['email'],
  'target-email': ['email'],
  'whois-registrant-email': ['email'],
  AS: ['asn'],
  'mac-address': ['mac'],
  md5: ['hash:md5'],
  sha1: ['hash:sha1'],
  sha256: ['hash:sha256'],
  sha512: ['hash:sha512'],
  'sha3-256': ['hash:sha3-256'],
  'sha3-512': ['hash:sha3-512'],
  ssdeep: ['hash:ssdeep'],
  tlsh: ['hash:tlsh'],
  'filename|md5': ['hash:md5'],
  'filename|sha1': ['hash:sha1'],
  'filename|sha256': ['hash:sha256'],
  'filename|sha512': ['hash:sha512'],
  'filename|ssdeep': ['hash:ssdeep'],
  'filename|tlsh': ['hash:tlsh'],
  filename: ['file-name'],
  mutex: ['mutex'],
  regkey: ['windows-registry-key'],
  'regkey|value': ['windows-registry-key'],
  'user-agent': ['user-agent'],
  'x509-fingerprint-md5': ['x509-fingerprint'],
  'x509-fingerprint-sha1': ['x509-fingerprint'],
  'x509-fingerprint-sha256': ['x509-fingerprint'],
};

/** The Concord kinds a list with these matching_attributes applies to. */
export function kindsOf(matchingAttributes: readonly string[]): ReadonlySet<ObservableKind> | 'all' {
  if (matchingAttributes.length === 0 || matchingAttributes.includes('ALL')) return 'all';
  const kinds = new Set<ObservableKind>();
  for (const a of matchingAttributes) for (const k of MISP_TYPE_KINDS[a] ?? []) kinds.add(k);
  // Types Concord has no kind for (sha224, btc, …): the list can match nothing here.
  return kinds;
}

/** A list.json that cannot be used: the message names the file and the field. */
function bad(file: string, field: string, message: string): InvalidInputError {
  return new InvalidInputError(`${file}: ${field} ${message}`, { file, field });
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Parses the text of one list.json. `id` is its folder name, `file` the path named in errors.
 * Throws InvalidInputError naming the file and the field (`type`, `list[3]`, …).
 */
export function parseWarninglist(id: string, file: string, text: string): Warninglist {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(file, '(document)', `is not JSON: ${(e as Error).message}`);
  }
  const o = asRecord(json);
  if (!o) throw bad(file, '(document)', 'must be a JSON object');
  const name = o['name'];
  if (typeof name !== 'string' || name.trim() === '') throw bad(file, 'name', 'must be a non-empty string');
  const type = o['type'];
  if (typeof type !== 'string' || !(WARNINGLIST_TYPES as readonly string[]).includes(type)) {
    throw bad(file, 'type', `must be one of ${WARNINGLIST_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const version = o['version'] ?? '';
  if (typeof version !== 'number' && typeof version !== 'string') throw bad(file, 'version', 'must be a number or a string');
  const description = o['description'] ?? '';
  if (typeof description !== 'string') throw bad(file, 'description', 'must be a string');
  const list = o['list'];
  if (!Array.isArray(list)) throw bad(file, 'list', 'must be an array of strings');
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'string') throw bad(file, `list[${i}]`, `must be a string, got ${JSON.stringify(entry)}`);
  }
  const attrs = o['matching_attributes'] ?? [];
  if (!Array.isArray(attrs) || !attrs.every((a) => typeof a === 'string')) {
    throw bad(file, 'matching_attributes', 'must be an array of MISP attribute types');
  }
  if (type === 'regex') checkRegexEntries(file, list as string[]);
  return {
    id,
    name,
    version,
    description,
    type: type as WarninglistType,
    list: list as string[],
    matchingAttributes: attrs as string[],
    kinds: kindsOf(attrs as string[]),
  };
}

/**
 * A regex entry as MISP writes it (PCRE with delimiters, `/^foo\.com$/i`) as a JavaScript
 * RegExp; an entry without delimiters is the pattern itself. Undefined when JavaScript cannot
 * compile it (PCRE-only syntax).
 */
export function warninglistRegex(entry: string): RegExp | undefined {
  const m = /^\/(.*)\/([a-zA-Z]*)$/s.exec(entry);
  const source = m ? (m[1] ?? '') : entry;
  // PCRE flags without a JavaScript meaning (x, U, D, …) are dropped; i, m, s mean the same.
  const flags = m ? [...new Set((m[2] ?? '').replace(/[^ims]/g, ''))].join('') : '';
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

/** The checks of every regex entry of a list: the first that JavaScript cannot compile, named. */
export function checkRegexEntries(file: string, list: readonly string[]): RegExp[] {
  return list.map((entry, i) => {
    const re = warninglistRegex(entry);
    if (!re) throw bad(file, `list[${i}]`, `is not a regular expression JavaScript can compile: ${JSON.stringify(entry)}`);
    return re;
  });
}
