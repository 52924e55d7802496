// An audit entry and its hash (issue 3, item 6). Kept apart from chain.ts so that diagnose.ts
// can use the hash without an import cycle.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../stix/canonical.ts';
import type { JsonObject } from '../stix/types.ts';

/** The prevHash of the first entry: no predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records; `at`, `seq` and the hashes are added when the entry is chained. */
export interface AuditFields {
  /** Who acted: `user:<id>`, `token:<id>`, `system`; null when unknown (a failed login). */
  actor: string | null;
  /** A stable code: `auth.login`, `auth.login_failed`, `token.used`, `export`, `admin.org.add`, … */
  action: string;
  /** What was acted on: an object, user or organisation id; null when nothing in particular. */
  target: string | null;
  /** Anything JSON can hold; checked and stored as JSON (chain.ts). */
  details: Readonly<Record<string, unknown>>;
}

/** One stored entry of the chain. */
export interface AuditEntry extends AuditFields {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  /** ISO 8601 with milliseconds. */
  at: string;
  details: JsonObject;
  prevHash: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of every other field. */
  hash: string;
}

/** The end of the chain as the store records it: seq 0 and GENESIS_HASH while it is empty. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The head before any entry. */
export const EMPTY_HEAD: AuditHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/** The hash an entry must carry: over everything but `hash` itself. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const content = { seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, prevHash: e.prevHash };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** True when the entry's hash matches its content. */
export function hashMatches(e: AuditEntry): boolean {
  return entryHash(e) === e.hash;
}
