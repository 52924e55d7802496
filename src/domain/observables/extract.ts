// Observable values for the lookup and correlation index, taken from STIX Cyber-observable
// Objects (STIX 2.1 §6) and from the positive comparisons of indicator patterns (§9). Values
// that do not normalise for their kind are skipped: they cannot be matched by an exact probe.
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import type { ComparisonExpression, ObjectPath, ObservationExpression, PatternLiteral } from '../patterns/types.ts';
import { normalizeObservable } from './normalize.ts';
import type { Observable, ObservableKind } from './types.ts';

/** Collects normalised observables once each, in first-seen order. */
class Collector {
  readonly out: Observable[] = [];
  private readonly seen = new Set<string>();

  add(kind: ObservableKind, raw: JsonValue | undefined): void {
    if (typeof raw === 'number' && kind === 'asn') raw = String(raw);
    if (typeof raw !== 'string') return;
    const obs = normalizeObservable(kind, raw);
    if (obs) this.push(obs);
  }

  push(obs: Observable): void {
    const key = `${obs.kind}\u0000${obs.value}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(obs);
  }
}

/**
 * Hash algorithm names of hashing-algorithm-ov (STIX 2.1 §10.7): `MD5`, `SHA-1`, `SHA-256`,
 * `SHA-512`, `SHA3-256`, `SHA3-512`, `SSDEEP`, `TLSH`, matched ignoring case, `-` and `_` because
 * producers also write `sha256` or `SHA_256`.
 */
function hashKind(algorithm: string): ObservableKind | undefined {
  switch (algorithm.toLowerCase().replace(/[-_]/g, '')) {
    case 'md5':
      return 'hash:md5';
    case 'sha1':
      return 'hash:sha1';
    case 'sha256':
      return 'hash:sha256';
    case 'sha512':
      return 'hash:sha512';
    case 'sha3256':
      return 'hash:sha3-256';
    case 'sha3512':
      return 'hash:sha3-512';
    case 'ssdeep':
      return 'hash:ssdeep';
    case 'tlsh':
      return 'hash:tlsh';
    default:
      return undefined;
  }
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function addHashes(c: Collector, hashes: JsonValue | undefined): void {
  if (!isObject(hashes)) return;
  for (const [algorithm, value] of Object.entries(hashes)) {
    const kind = hashKind(algorithm);
    if (kind) c.add(kind, value);
  }
}

/** The User-Agent request header of an http-request-ext (§6.12.2); header names are case-insensitive (RFC 9110 §5.1). */
function userAgent(obj: StixObject): JsonValue | undefined {
  const ext = isObject(obj['extensions']) ? obj['extensions']['http-request-ext'] : undefined;
  const headers = isObject(ext) ? ext['request_header'] : undefined;
  if (!isObject(headers)) return undefined;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === 'user-agent') return value;
  return undefined;
}

/** Observables of one SCO (STIX 2.1 §6); empty for other object types. */
export function observablesFromSco(obj: StixObject): Observable[] {
  const c = new Collector();
  switch (obj.type) {
    case 'ipv4-addr':
      c.add('ipv4', obj['value']);
      break;
    case 'ipv6-addr':
      c.add('ipv6', obj['value']);
      break;
    case 'domain-name':
      c.add('domain', obj['value']);
      break;
    case 'url':
      c.add('url', obj['value']);
      break;
    case 'email-addr':
      c.add('email', obj['value']);
      break;
    case 'mac-addr':
      c.add('mac', obj['value']);
      break;
    case 'autonomous-system':
      c.add('asn', obj['number']);
      break;
    case 'mutex':
      c.add('mutex', obj['name']);
      break;
    case 'windows-registry-key':
      c.add('windows-registry-key', obj['key']);
      break;
    case 'network-traffic':
      c.add('user-agent', userAgent(obj));
      break;
    case 'file':
      addHashes(c, obj['hashes']);
      c.add('file-name', obj['name']);
      break;
    case 'artifact':
      addHashes(c, obj['hashes']);
      break;
    case 'x509-certificate':
      // Certificate hashes share the hash kinds with files, so one hash lookup finds both.
      addHashes(c, obj['hashes']);
      c.add('x509-serial', obj['serial_number']);
      break;
  }
  return c.out;
}

/** What a comparison's object path indexes: a kind, or `address` when the value decides. */
type Target = ObservableKind | 'address';

// A Map, not an object literal: type and property names from a pattern must not reach
// Object.prototype members such as `constructor`.
const SINGLE_STEP: ReadonlyMap<string, ObservableKind> = new Map<string, ObservableKind>([
  ['ipv4-addr:value', 'ipv4'],
  ['ipv6-addr:value', 'ipv6'],
  ['domain-name:value', 'domain'],
  ['url:value', 'url'],
  ['email-addr:value', 'email'],
  ['mac-addr:value', 'mac'],
  ['autonomous-system:number', 'asn'],
  ['file:name', 'file-name'],
  ['x509-certificate:serial_number', 'x509-serial'],
  ['mutex:name', 'mutex'],
  ['windows-registry-key:key', 'windows-registry-key'],
]);

function targetOf(path: ObjectPath): Target | undefined {
  const [first, second] = path.steps;
  if (typeof first !== 'string') return undefined;
  if (path.steps.length === 1) return SINGLE_STEP.get(`${path.objectType}:${first}`);
  if (path.steps.length !== 2 || typeof second !== 'string') return undefined;
  switch (path.objectType) {
    case 'file':
    case 'artifact':
    case 'x509-certificate':
      return first === 'hashes' ? hashKind(second) : undefined;
    case 'email-message':
      return (first === 'from_ref' || first === 'sender_ref') && second === 'value' ? 'email' : undefined;
    case 'network-traffic':
      return (first === 'src_ref' || first === 'dst_ref') && second === 'value' ? 'address' : undefined;
    default:
      return undefined;
  }
}

// network-traffic src_ref/dst_ref "MUST be of type ipv4-addr, ipv6-addr, mac-addr, or
// domain-name" (§6.12.1), so the value alone tells which.
const ADDRESS_KINDS: readonly ObservableKind[] = ['ipv4', 'ipv6', 'mac', 'domain'];

function addLiteral(c: Collector, target: Target, literal: PatternLiteral): void {
  if (target === 'asn') {
    if (literal.kind === 'int') c.add('asn', literal.value);
    return;
  }
  if (literal.kind !== 'string') return;
  if (target !== 'address') return c.add(target, literal.value);
  for (const kind of ADDRESS_KINDS) {
    const obs = normalizeObservable(kind, literal.value);
    if (obs) return c.push(obs);
  }
}

function addComparison(c: Collector, e: ComparisonExpression): void {
  if (e.kind !== 'comparison' || e.negated) return;
  const target = targetOf(e.path);
  if (!target) return;
  if (e.operator === '=') {
    addLiteral(c, target, e.value);
  } else if (e.operator === 'IN' && e.value.kind === 'set') {
    for (const v of e.value.values) addLiteral(c, target, v);
  } else if (e.operator === 'ISSUBSET' && (target === 'ipv4' || target === 'ipv6' || target === 'address')) {
    // "a ISSUBSET b": the observed address lies in network b (§9.6.1), which lookupKeys reaches.
    if (e.value.kind !== 'string') return;
    const kinds: ObservableKind[] = target === 'address' ? ['ipv4', 'ipv6'] : [target];
    for (const kind of kinds) {
      const obs = normalizeObservable(kind, e.value.value);
      if (obs) return c.push(obs);
    }
  }
}

/**
 * Observables named by the positive comparisons of a pattern: `=`, `IN` a set, or `ISSUBSET` a
 * network, not negated, on the paths Concord indexes (e.g. `ipv4-addr:value`,
 * `file:hashes.'SHA-256'`, `network-traffic:dst_ref.value`). Deduplicated.
 */
export function observablesFromPattern(ast: ObservationExpression): Observable[] {
  const c = new Collector();
  // Explicit stacks: long AND/OR chains make deep left-nested trees.
  const observations: ObservationExpression[] = [ast];
  const comparisons: ComparisonExpression[] = [];
  for (let o = observations.pop(); o; o = observations.pop()) {
    if (o.kind === 'observation') comparisons.push(o.expression);
    else if (o.kind === 'qualified') observations.push(o.expression);
    else observations.push(o.right, o.left);
    for (let e = comparisons.pop(); e; e = comparisons.pop()) {
      if (e.kind === 'and' || e.kind === 'or') comparisons.push(e.right, e.left);
      else addComparison(c, e);
    }
  }
  return c.out;
}
