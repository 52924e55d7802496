// Peers as witnesses of a node's audit log. The hash chain (domain/audit/chain.ts) shows any
// entry altered, removed or reordered, unless whoever holds the database rewrites the whole chain
// from that entry on. So after each pull a node asks its peer for the peer's audit head, signed
// by the peer's key, and keeps the latest statement it got. Later the peer asks its partners
// what they hold of its own statements and checks its chain against them: a rewritten history no
// longer holds the entry, with that hash, that the node itself stated earlier. A witness cannot
// fake a mismatch, since it can only return statements the node signed.
import { sign } from 'node:crypto';
import type { AuditEntry, AuditHead } from '../audit/entry.ts';
import { verifyEd25519, type PublicKeyBytes } from './ed25519.ts';
import { nodeIdentityId } from './keys.ts';
import type { Signer } from './provenance.ts';

/** A node's statement of its audit head, signed by its key. */
export interface HeadStatement {
  /** The stating node's identity, and its key id. */
  node: string;
  keyId: string;
  seq: number;
  hash: string;
  /** When it was stated. */
  statedAt: string;
  /** Ed25519 over headStatementText, base64url. */
  signature: string;
}

/** What is signed, one field per line. */
export function headStatementText(s: Omit<HeadStatement, 'signature'>): string {
  return `CONCORD-AUDIT-HEAD\n${s.node}\n${s.keyId}\n${s.seq}\n${s.hash}\n${s.statedAt}`;
}

/** The signed statement of `head`. */
export function stateHead(signer: Signer, head: AuditHead, statedAt: string): HeadStatement {
  const s = { node: signer.nodeId, keyId: signer.keyId, seq: head.seq, hash: head.hash, statedAt };
  return { ...s, signature: sign(null, Buffer.from(headStatementText(s)), signer.key).toString('base64url') };
}

/** Whether `s` is signed by `key` and names the node of its key id. */
export function checkHeadStatement(key: PublicKeyBytes, s: HeadStatement): boolean {
  return s.node === nodeIdentityId(s.keyId) && verifyEd25519(key, headStatementText(s), Buffer.from(s.signature, 'base64url'));
}

/** A statement as it travels; undefined when `v` is not one. */
export function headStatementOf(v: unknown): HeadStatement | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const { node, keyId, seq, hash, statedAt, signature } = o;
  if (
    typeof node !== 'string' ||
    typeof keyId !== 'string' ||
    typeof hash !== 'string' ||
    typeof statedAt !== 'string' ||
    typeof signature !== 'string'
  )
    return undefined;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return undefined;
  return { node, keyId, seq, hash, statedAt, signature };
}

/** What one peer holds of this node's audit head, judged against the chain. */
export interface WitnessReport {
  peer: string;
  /** The entry the statement names, and when this node stated it; absent when the peer holds none. */
  seq?: number;
  statedAt?: string;
  /** Whether the chain still holds that entry with that hash (absent: nothing to judge). */
  ok?: boolean;
  message?: string;
}

/** What one witness's statement says of this node's chain. */
export type WitnessVerdict = { ok: true } | { ok: false; message: string };

/**
 * Judges this node's own statement `s`, as a witness kept it, against the chain: `entry` is the
 * chain's entry at `s.seq` (undefined when there is none), `head` the chain's head now.
 */
export function judgeWitness(s: HeadStatement, entry: AuditEntry | undefined, head: AuditHead): WitnessVerdict {
  if (s.seq === 0) return { ok: true };
  if (s.seq > head.seq)
    return { ok: false, message: `this node stated a head at entry #${s.seq} on ${s.statedAt}; the log now ends at #${head.seq}` };
  if (entry === undefined || entry.seq !== s.seq) return { ok: false, message: `entry #${s.seq}, stated on ${s.statedAt}, is missing` };
  if (entry.hash !== s.hash)
    return { ok: false, message: `entry #${s.seq} is not the one this node stated on ${s.statedAt}: the history up to it was rewritten` };
  return { ok: true };
}
