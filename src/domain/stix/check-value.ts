// Interprets the property tables (schema.ts) against input values: STIX 2.1 §2 data types.
// The caller has already pushed the property's key on the reporter's path.

import { checkCustomPropertyName } from './custom.ts';
import { KNOWN_TYPES } from './categories.ts';
import { isStixId } from './id-format.ts';
import { describe, isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import type { RefTargets, Spec, StructDef } from './schema.ts';
import { timestampFractionDigits } from './timestamp.ts';
import { HASH_ALGORITHM, type Vocab } from './vocab.ts';

const S2_1 = 'STIX 2.1 §2.1';
const S2_3 = 'STIX 2.1 §2.3';
const S2_7 = 'STIX 2.1 §2.7';
const S2_8 = 'STIX 2.1 §2.8';
const S2_9 = 'STIX 2.1 §2.9';
const S2_10 = 'STIX 2.1 §2.10';
const S2_12 = 'STIX 2.1 §2.12';
const S2_16 = 'STIX 2.1 §2.16';

// §2.10: integers fit in a signed 54-bit value.
const MAX_INTEGER = 2 ** 53 - 1;
// §2.8: an even number of lowercase hexadecimal characters.
const HEX_RE = /^(?:[0-9a-f]{2})*$/;
// §2.1: base64 as in RFC 4648 §4 (padded, no line breaks). Written without nested ambiguity so
// that it runs in linear time on large payloads.
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// §2.3 and §2.7: dictionary and hash keys are ASCII letters, digits, '-' and '_'.
const DICT_KEY_RE = /^[A-Za-z0-9_-]{1,250}$/;
const HASH_KEY_RE = /^[A-Za-z0-9_-]{3,250}$/;

/** The form a hash algorithm's values take, and how a message names it. */
interface HashFormat {
  readonly re: RegExp;
  readonly what: string;
}

function hexDigest(digits: number): HashFormat {
  return { re: new RegExp(`^[0-9a-fA-F]{${digits}}$`), what: `${digits} hexadecimal digits` };
}

// §10.7: the format each hash algorithm's value must have. Hex digits are accepted in either case
// because digests are commonly written in upper case and §2.7 asks only for "the appropriate format".
const HASH_VALUE_FORMATS: ReadonlyMap<string, HashFormat> = new Map([
  ['MD5', hexDigest(32)],
  ['SHA-1', hexDigest(40)],
  ['SHA-256', hexDigest(64)],
  ['SHA-512', hexDigest(128)],
  ['SHA3-256', hexDigest(64)],
  ['SHA3-512', hexDigest(128)],
  // ssdeep: blocksize:hash:hash (either hash may be empty for tiny inputs)
  ['SSDEEP', { re: /^\d+:[A-Za-z0-9/+]*:[A-Za-z0-9/+]*$/, what: 'blocksize:hash:hash (ssdeep)' }],
  // TLSH: 35 bytes as hex, optionally behind the "T1" version prefix of TLSH 4.x
  ['TLSH', { re: /^(?:T1)?[0-9A-Fa-f]{70}$/, what: "70 hexadecimal digits, optionally after 'T1'" }],
]);

// Common misspellings of vocabulary names ("sha256", "SHA256", "sha-256"), mapped to the
// vocabulary value so the warning can name it and the value can still be checked.
const HASH_ALIASES: ReadonlyMap<string, string> = new Map(
  [...HASH_VALUE_FORMATS.keys()].flatMap((name) => {
    const lower = name.toLowerCase();
    return [lower, lower.replace('-', ''), name.replace('-', '')].filter((a) => a !== name).map((a) => [a, name] as const);
  }),
);

function mismatch(r: Reporter, section: string, expected: string, v: unknown): void {
  r.error('type-mismatch', section, `expected ${expected}, found ${describe(v)}`);
}

/** Checks a timestamp value (STIX 2.1 §2.16); returns its fraction digit count or -1. */
export function checkTimestamp(v: unknown, r: Reporter, section: string): number {
  if (typeof v !== 'string') {
    mismatch(r, section, 'a timestamp string', v);
    return -1;
  }
  const digits = timestampFractionDigits(v);
  if (digits < 0) r.error('timestamp-format', S2_16, `${q(v)} is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z)`);
  return digits;
}

// The identifiers most recently found valid, with their type: the same created_by_ref and
// marking references recur in almost every object of a feed, and comparing strings is cheaper
// than checking their UUID character by character.
const RECENT = 8;
const recentIds: string[] = new Array<string>(RECENT).fill('');
const recentTypes: string[] = new Array<string>(RECENT).fill('');
let recentNext = 0;

/** The type named by identifier `v`, or undefined when `v` is not an identifier (§2.9). */
function refType(v: string): string | undefined {
  // Only strings long enough to be identifiers are looked up, so the empty slots never match.
  if (v.length > 38) for (let i = 0; i < RECENT; i++) if (recentIds[i] === v) return recentTypes[i];
  if (!isStixId(v)) return undefined;
  const type = v.slice(0, v.length - 38);
  recentIds[recentNext] = v;
  recentTypes[recentNext] = type;
  recentNext = (recentNext + 1) % RECENT;
  return type;
}

/** Checks an identifier that must point at one of `targets` (STIX 2.1 §2.9, §3.3). */
export function checkRef(targets: RefTargets, v: unknown, r: Reporter, section: string): void {
  if (typeof v !== 'string') return mismatch(r, section, 'an identifier string', v);
  const type = refType(v);
  if (type === undefined) return r.error('identifier-format', S2_9, `${q(v)} is not an identifier of the form <object-type>--<UUID>`);
  const allowed = targets.types === null ? type !== 'bundle' : targets.types.has(type) || (targets.custom && !KNOWN_TYPES.has(type));
  if (!allowed) r.error('ref-target-type', section, `must reference ${targets.label}, not ${type}`);
}

/** Checks an open vocabulary (warning) or enumeration (error) value (STIX 2.1 §2.4, §2.14). */
function checkVocab(vocab: Vocab, v: unknown, r: Reporter, section: string): void {
  if (typeof v !== 'string') return mismatch(r, section, 'a string', v);
  if (vocab.values.has(v)) return;
  if (vocab.open) r.warn('open-vocabulary', vocab.section, `${q(v)} is not in the suggested vocabulary ${vocab.name}`);
  else r.error('closed-vocabulary', vocab.section, `${q(v)} is not a value of ${vocab.name}`);
}

/** Checks a hashes dictionary (STIX 2.1 §2.7, §10.7). */
export function checkHashes(v: unknown, r: Reporter, section: string): void {
  if (!isRecord(v)) return mismatch(r, section, 'a hashes dictionary', v);
  let count = 0;
  for (const name in v) {
    count++;
    const value = v[name];
    if (!HASH_KEY_RE.test(name)) {
      r.error('hash-algorithm', S2_7, `hash algorithm name ${q(name)} must be 3–250 ASCII letters, digits, '-' or '_'`, name);
      continue;
    }
    r.push(name);
    if (typeof value !== 'string') mismatch(r, S2_7, 'a string', value);
    else checkHashValue(name, value, r);
    r.pop();
  }
  if (count === 0) r.error('empty-dictionary', S2_7, 'hashes must have at least one entry');
}

/**
 * Checks that `value` has the form §10.7 gives hash algorithm `name`, at the reporter's current
 * path; `at` starts each message with where the value stands (a column of a pattern, §9).
 */
export function checkHashValue(name: string, value: string, r: Reporter, at = ''): void {
  let algorithm = name;
  let format = HASH_VALUE_FORMATS.get(name);
  if (format === undefined) {
    const canonical = HASH_ALIASES.get(name);
    if (canonical !== undefined) {
      r.warn('hash-algorithm', HASH_ALGORITHM.section, `${at}hash algorithm ${q(name)} should be written ${q(canonical)}`);
      algorithm = canonical;
      format = HASH_VALUE_FORMATS.get(canonical);
    } else if (!name.startsWith('x_')) {
      r.warn('hash-algorithm', HASH_ALGORITHM.section, `${at}${q(name)} is not in the hash-algorithm-ov vocabulary`);
    }
  }
  if (format !== undefined && !format.re.test(value)) {
    r.error('hash-value', HASH_ALGORITHM.section, `${at}${q(value)} is not a valid ${algorithm} value: expected ${format.what}`);
  }
}

/** Checks a dictionary (STIX 2.1 §2.3): non-empty, ASCII keys, values of the given type. */
function checkDict(values: Spec | null, v: unknown, r: Reporter, section: string): void {
  if (!isRecord(v)) return mismatch(r, section, 'a dictionary', v);
  let count = 0;
  for (const key in v) {
    count++;
    if (!DICT_KEY_RE.test(key)) {
      r.error('dictionary-key', S2_3, `dictionary key ${q(key)} must be at most 250 ASCII letters, digits, '-' or '_'`, key);
    }
    const value = v[key];
    r.push(key);
    if (values !== null) checkValue(values, value, r, section);
    else if (value === null) mismatch(r, S2_3, 'a property value', value);
    r.pop();
  }
  if (count === 0) r.error('empty-dictionary', S2_3, 'dictionaries must not be empty');
}

function checkNumber(spec: { k: 'integer' | 'float'; min?: number; max?: number }, v: unknown, r: Reporter, section: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) return mismatch(r, section, spec.k === 'integer' ? 'an integer' : 'a number', v);
  if (spec.k === 'integer') {
    if (!Number.isInteger(v)) return mismatch(r, section, 'an integer', v);
    if (v > MAX_INTEGER || v < -MAX_INTEGER) return r.error('value-range', S2_10, `${v} does not fit a 54-bit signed integer`);
  }
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
    r.error('value-range', section, `${v} is outside ${spec.min ?? '-∞'}..${spec.max ?? '∞'}`);
  }
}

function checkList(of: Spec, v: unknown, r: Reporter, section: string): void {
  if (!Array.isArray(v)) return mismatch(r, section, 'a list', v);
  if (v.length === 0) return r.error('empty-list', S2_12, 'lists must not be empty; omit the property instead');
  for (let i = 0; i < v.length; i++) {
    r.push(i);
    checkValue(of, v[i], r, section);
    r.pop();
  }
}

/** Checks `v` against `spec`; `section` is cited for type errors. */
export function checkValue(spec: Spec, v: unknown, r: Reporter, section: string): void {
  switch (spec.k) {
    case 'string':
      if (typeof v !== 'string') return mismatch(r, section, 'a string', v);
      if (spec.format !== undefined && !spec.format.test(v)) r.error('value-format', section, `${q(v)} is not ${spec.format.what}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') mismatch(r, section, 'true or false', v);
      return;
    case 'integer':
    case 'float':
      return checkNumber(spec, v, r, section);
    case 'timestamp':
      checkTimestamp(v, r, section);
      return;
    case 'ref':
      return checkRef(spec.targets, v, r, section);
    case 'hex':
      if (typeof v !== 'string') return mismatch(r, section, 'a hex string', v);
      if (!HEX_RE.test(v)) r.error('hex-format', S2_8, 'hex values are an even number of lowercase hexadecimal digits');
      return;
    case 'binary':
      if (typeof v !== 'string') return mismatch(r, section, 'a base64 string', v);
      if (!BASE64_RE.test(v)) r.error('binary-format', S2_1, 'binary values are base64-encoded (RFC 4648)');
      return;
    case 'hashes':
      return checkHashes(v, r, section);
    case 'dict':
      return checkDict(spec.values, v, r, section);
    case 'list':
      return checkList(spec.of, v, r, section);
    case 'vocab':
      return checkVocab(spec.vocab, v, r, section);
    case 'struct':
      return checkStruct(spec.def, v, r);
    case 'any':
      return;
  }
}

/** Checks that at least one of `names` is present on `o`. */
export function checkOneOf(o: JsonRecord, names: readonly string[], r: Reporter, section: string): void {
  for (const name of names) if (o[name] !== undefined) return;
  r.error('required-one-of', section, `at least one of ${names.join(', ')} must be present`);
}

/** Checks a nested object against its property table; unknown properties follow §11.1. */
export function checkStruct(def: StructDef, v: unknown, r: Reporter): void {
  if (!isRecord(v)) return mismatch(r, def.section, `a ${def.name} object`, v);
  for (const key in v) {
    const spec = def.props.get(key);
    if (spec === undefined) {
      checkCustomPropertyName(key, 'custom', r);
      continue;
    }
    r.push(key);
    checkValue(spec, v[key], r, def.section);
    r.pop();
  }
  for (const name of def.required) {
    if (v[name] === undefined) r.error('required-property', def.section, `${def.name} requires ${q(name)}`, name);
  }
  if (def.oneOf !== undefined) checkOneOf(v, def.oneOf, r, def.section);
  if (def.check !== undefined) def.check(v, r);
}
