// Canonical forms of observable values, so that lookup and correlation match whatever spelling
// the input used (DESIGN.md, data model: observables). Every normaliser returns undefined for a
// value that is not valid for its kind, and is idempotent: normalising a canonical value returns
// it unchanged.
import { domainToASCII } from './idna.ts';
import { coveringNets, formatNet, maskNet, parseNet } from './ip.ts';
import type { Observable, ObservableKind } from './types.ts';

/** Normalises `raw` as a value of `kind`; undefined when it is not a valid value of that kind. */
export function normalizeObservable(kind: ObservableKind, raw: string): Observable | undefined {
  const value = normalizeValue(kind, raw);
  return value === undefined ? undefined : { kind, value };
}

// Hex length of each fixed-length hash algorithm (STIX 2.1 §10.7 hashing-algorithm-ov).
const HASH_HEX_LENGTH: Partial<Record<ObservableKind, number>> = {
  'hash:md5': 32,
  'hash:sha1': 40,
  'hash:sha256': 64,
  'hash:sha512': 128,
  'hash:sha3-256': 64,
  'hash:sha3-512': 128,
};

function normalizeValue(kind: ObservableKind, raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  switch (kind) {
    case 'ipv4':
      return normalizeIp(4, s);
    case 'ipv6':
      return normalizeIp(6, s);
    case 'domain':
      return normalizeDomain(s);
    case 'url':
      return normalizeUrl(s);
    case 'email':
      return normalizeEmail(s);
    case 'mac':
      return normalizeMac(s);
    case 'asn':
      return normalizeAsn(s);
    case 'hash:ssdeep':
      return SSDEEP.test(s) ? s : undefined;
    case 'hash:tlsh':
      return TLSH.test(s) ? s.toLowerCase() : undefined;
    case 'hash:md5':
    case 'hash:sha1':
    case 'hash:sha256':
    case 'hash:sha512':
    case 'hash:sha3-256':
    case 'hash:sha3-512':
      return normalizeHex(s, HASH_HEX_LENGTH[kind] ?? 0);
    default:
      // File names, mutexes, registry keys, user agents, certificate serials: compared as given.
      return s;
  }
}

// ssdeep digests are base64 and case matters, so they are kept as given, not lower-cased:
// "blocksize:hash:hash", optionally followed by `,"filename"` as ssdeep prints it.
const SSDEEP = /^\d+:[A-Za-z0-9+/]+:[A-Za-z0-9+/]+(?:,".*")?$/;
// TLSH: optional version prefix T1, then 70 (128 buckets) up to 138 (256 buckets, 3-byte checksum) hex digits.
const TLSH = /^(?:T1)?[0-9A-Fa-f]{70,138}$/;

function normalizeHex(s: string, length: number): string | undefined {
  if (s.length !== length) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return undefined;
  }
  return s.toLowerCase();
}

/** An address stays plain; a network loses its host bits; a full-length prefix becomes the address. */
function normalizeIp(v: 4 | 6, s: string): string | undefined {
  const net = parseNet(v, s);
  return net ? formatNet(maskNet(net)) : undefined;
}

/**
 * Lower-case, no trailing dot, IDN labels as punycode A-labels (WHATWG domain to ASCII, which
 * applies UTS #46). Labels are 1–63 octets and the name at most 253 (RFC 1035 §2.3.4). `_` is
 * allowed as DNS allows it (SRV, DMARC names); a numeric last label would be an IP address.
 */
function normalizeDomain(input: string): string | undefined {
  const s = input.endsWith('.') ? input.slice(0, -1) : input;
  let plain = true;
  for (let i = 0; i < s.length && plain; i++) plain = s.charCodeAt(i) < 0x80;
  const lower = s.toLowerCase();
  const d = plain && !lower.includes('xn--') ? lower : domainToASCII(s);
  if (d === '' || d.length > 253) return undefined;
  let labelStart = 0;
  let numericLabel = true;
  for (let i = 0; i <= d.length; i++) {
    const c = i < d.length ? d.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (i === labelStart || i - labelStart > 63) return undefined;
      if (i === d.length && numericLabel) return undefined;
      labelStart = i + 1;
      numericLabel = true;
    } else if (c >= 0x30 && c <= 0x39) {
      // A digit leaves the label as numeric (or not) as it was.
    } else if ((c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f) {
      numericLabel = false;
    } else {
      return undefined;
    }
  }
  return d;
}

const SPECIAL_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * WHATWG URL parse for validation and for the authority: scheme and host lower-cased (IDN as
 * punycode), default port removed. Path, query and fragment are kept exactly as given, since
 * the URL parser would re-encode and resolve them and indicators match on what was written.
 */
function normalizeUrl(s: string): string | undefined {
  const url = URL.parse(s);
  const first = s.charCodeAt(0) | 0x20;
  if (!url || first < 0x61 || first > 0x7a) return undefined;
  const scheme = url.protocol;
  const rest = s.slice(s.indexOf(':') + 1);
  const special = SPECIAL_SCHEMES.has(scheme);
  if (!special && !rest.startsWith('//')) return scheme + rest; // no authority: mailto:, urn:, data:
  // Special schemes accept any run of '/' or '\' before the host (WHATWG "special authority
  // ignore slashes state"); file: and other schemes have exactly two.
  let i = 2;
  if (special && scheme !== 'file:') {
    i = 0;
    while (rest[i] === '/' || rest[i] === '\\') i++;
  }
  let end = i;
  while (end < rest.length) {
    const c = rest[end];
    if (c === '/' || c === '?' || c === '#' || (special && c === '\\')) break;
    end++;
  }
  const tail = rest.slice(end);
  const user = url.username || url.password ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = special && (tail === '' || tail[0] === '?' || tail[0] === '#') ? `/${tail}` : tail;
  // Hosts of non-special schemes are opaque to WHATWG and keep their case; DNS names do not.
  const host = special ? url.host : url.host.toLowerCase();
  return `${scheme}//${user}${host}${path}`;
}

/** Lower-case; the domain part is normalised as a domain name (IDN to punycode). */
function normalizeEmail(s: string): string | undefined {
  const at = s.indexOf('@');
  if (at < 1 || at > 64 || at !== s.lastIndexOf('@') || /\s/.test(s)) return undefined;
  const domain = normalizeDomain(s.slice(at + 1));
  return domain ? `${s.slice(0, at).toLowerCase()}@${domain}` : undefined;
}

/** `00:1A:2B:3C:4D:5E`, `00-1a-…`, `1:2:…` (1–2 digits), `001a.2b3c.4d5e` or 12 digits → `00:1a:2b:3c:4d:5e` (STIX 2.1 §6.10). */
function normalizeMac(s: string): string | undefined {
  let octets: string[];
  if (MAC_PLAIN.test(s)) octets = s.match(/../g) ?? [];
  else if (MAC_DOTTED.test(s)) octets = s.replace(/\./g, '').match(/../g) ?? [];
  else octets = s.split(s.includes('-') ? '-' : ':').map((o) => (o.length === 1 ? `0${o}` : o));
  if (octets.length !== 6) return undefined;
  const out = octets.join(':').toLowerCase();
  return MAC.test(out) ? out : undefined;
}

const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
const MAC_PLAIN = /^[0-9a-f]{12}$/i;
const MAC_DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/** `AS64500`, `64500` or asdot `1.10` (RFC 5396) → decimal string, 0 ≤ n < 2^32. */
function normalizeAsn(s: string): string | undefined {
  const m = /^(?:AS)?(\d{1,10})(?:\.(\d{1,5}))?$/i.exec(s);
  if (!m) return undefined;
  const high = Number(m[1]);
  const n = m[2] === undefined ? high : high * 65536 + Number(m[2]);
  if (m[2] !== undefined && (high > 65535 || Number(m[2]) > 65535)) return undefined;
  return n <= 0xffffffff ? String(n) : undefined;
}

const HASH_BY_LENGTH: Record<number, ObservableKind> = { 32: 'hash:md5', 40: 'hash:sha1', 64: 'hash:sha256', 128: 'hash:sha512' };
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const AS_NUMBER = /^AS\d+$/i;
const HEX = /^[0-9a-f]+$/i;
const MAC_TEXT = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$|^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/** Guesses the kind of a free-text lookup value; undefined when it looks like none. */
export function detectKind(raw: string): ObservableKind | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (parseNet(4, s)) return 'ipv4';
  if (MAC_TEXT.test(s)) return 'mac';
  if (s.includes(':') && parseNet(6, s)) return 'ipv6';
  if (URL_WITH_SCHEME.test(s)) return normalizeUrl(s) ? 'url' : undefined;
  if (AS_NUMBER.test(s)) return normalizeAsn(s) ? 'asn' : undefined;
  if (HEX.test(s)) return HASH_BY_LENGTH[s.length];
  if (s.includes('@')) return normalizeEmail(s) ? 'email' : undefined;
  if (s.includes('.') && normalizeDomain(s)) return 'domain';
  return undefined;
}

/**
 * The exact index values to probe for an observable. An IP address or network is also probed
 * under every network that contains it (IPv4 /0–/31, IPv6 /0–/127), so that 10.0.0.5 finds an
 * indicator on 10.0.0.0/24 by exact probes only (DESIGN.md: correlation is by index).
 * `prefixes`, when given, limits the networks to the prefix lengths the index holds at all.
 */
export function lookupKeys(obs: Observable, prefixes?: ReadonlySet<number>): Observable[] {
  if (obs.kind !== 'ipv4' && obs.kind !== 'ipv6') return [obs];
  const net = parseNet(obs.kind === 'ipv4' ? 4 : 6, obs.value);
  if (!net) return [obs];
  const keys: Observable[] = [{ kind: obs.kind, value: formatNet(maskNet(net)) }];
  for (const value of coveringNets(net, prefixes)) keys.push({ kind: obs.kind, value });
  return keys;
}
