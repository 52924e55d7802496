// The audit log as a hash chain (issue 3, item 6): each entry's hash covers its content and the
// previous entry's hash, so altering, removing or reordering any stored entry breaks the chain
// from that entry on. Pure: the store keeps the entries, this module builds and checks them.
import { InvalidInputError } from '../../errors.ts';
import { canonicalJson } from '../stix/canonical.ts';
import type { JsonObject } from '../stix/types.ts';
import { diagnose, tailProblem, type ChainFailure, type VerifyResult } from './diagnose.ts';
import { EMPTY_HEAD, entryHash, hashMatches, type AuditEntry, type AuditFields, type AuditHead } from './entry.ts';

export { EMPTY_HEAD, GENESIS_HASH, entryHash, hashMatches, type AuditEntry, type AuditFields, type AuditHead } from './entry.ts';

/** Why a chain does not verify; `seq` names the first bad entry. */
export type ChainProblem = ChainFailure['reason'];

export type { ChainFailure, VerifyResult } from './diagnose.ts';

/** Characters of details JSON an entry may carry. */
const MAX_DETAILS = 65_536;

/** Dotted lower-case codes, so that they can be filtered and grouped (`auth.*`). */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * A name that the store can keep exactly: PostgreSQL text cannot hold U+0000, and a lone
 * surrogate would be replaced on the way in, so the stored entry would no longer match its hash.
 */
function checkName(name: string, value: string | null): void {
  if (value === null) return;
  if (value.length === 0 || value.length > 500 || value.includes('\u0000') || !value.isWellFormed()) {
    throw new InvalidInputError(`audit ${name} must be 1–500 characters of well-formed text without NUL`, { [name]: value.slice(0, 100) });
  }
}

/**
 * The details as they will read back from storage (JSON text): `undefined` members dropped,
 * -0 as 0. Hashing this form keeps the hash stable across a store round trip.
 */
function storedForm(details: Readonly<Record<string, unknown>>): JsonObject {
  let copy: unknown;
  let text: string;
  try {
    text = JSON.stringify(details);
    copy = JSON.parse(text);
    canonicalJson(copy);
  } catch (err) {
    throw new InvalidInputError(`audit details are not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) throw new InvalidInputError('audit details must be a JSON object');
  // An entry says what happened, not the data it happened to: a bound keeps appends cheap.
  if (text.length > MAX_DETAILS) throw new InvalidInputError(`audit details are longer than ${MAX_DETAILS} characters of JSON`);
  return copy as JsonObject;
}

/** Checks what a caller records and returns it as it will be stored; throws InvalidInputError. */
export function checkFields(fields: AuditFields): AuditFields & { details: JsonObject } {
  if (!ACTION.test(fields.action) || fields.action.length > 100) {
    throw new InvalidInputError('audit action must be a dotted lower-case code such as "auth.login"', {
      action: fields.action.slice(0, 100),
    });
  }
  checkName('actor', fields.actor);
  checkName('target', fields.target);
  return { actor: fields.actor, action: fields.action, target: fields.target, details: storedForm(fields.details) };
}

/** Builds the entry that follows `prev` (null or EMPTY_HEAD for the first one), recorded `at`. */
export function chainEntry(prev: AuditHead | null, fields: AuditFields, at: string): AuditEntry {
  const checked = checkFields(fields);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(Date.parse(at)))
    throw new InvalidInputError('audit time must be an ISO 8601 timestamp', { at });
  const base = prev ?? EMPTY_HEAD;
  const entry = { seq: base.seq + 1, at, ...checked, prevHash: base.hash };
  return { ...entry, hash: entryHash(entry) };
}

/** How many entries around the first bad one are kept to tell what happened to it. */
const WINDOW = 256;

/**
 * Checks entries read in ascending seq order and, when given, that the chain ends at `head`
 * (read after the entries, so that an entry removed from the end is caught). Names the first
 * bad entry; looks up to WINDOW entries either side of it to tell an alteration from a removal
 * or a reordering. A rewrite of every entry from some point on together with the head cannot be
 * told from the truth: the head lives in the same database (anchor it elsewhere for that).
 */
export async function verifyChain(
  entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>,
  head?: AuditHead | null | (() => AuditHead | null | Promise<AuditHead | null>),
): Promise<VerifyResult> {
  const before: AuditEntry[] = [];
  let prev: AuditHead = EMPTY_HEAD;
  let count = 0;
  let bad: AuditEntry | undefined;
  const after: AuditEntry[] = [];
  for await (const e of entries) {
    if (bad !== undefined) {
      after.push(e);
      if (after.length >= WINDOW) break;
      continue;
    }
    if (e.seq === prev.seq + 1 && e.prevHash === prev.hash && hashMatches(e)) {
      prev = { seq: e.seq, hash: e.hash };
      count++;
      before.push(e);
      if (before.length > WINDOW) before.shift();
    } else {
      bad = e;
    }
  }
  if (bad !== undefined) return { ok: false, ...diagnose(before, bad, after, WINDOW) };
  if (head === undefined) return { ok: true, count, head: prev };
  const recorded = typeof head === 'function' ? await head() : head;
  const problem = tailProblem(prev, recorded);
  return problem ? { ok: false, ...problem } : { ok: true, count, head: prev };
}
