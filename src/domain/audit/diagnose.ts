// What happened to the first entry that breaks the chain. Every tampering breaks it at the first
// touched entry; telling which tampering it was is best effort, from the entries around it.
import { GENESIS_HASH, entryHash, type AuditEntry, type AuditHead } from './entry.ts';

/** The first bad entry, what was done to it as far as can be told, and a sentence saying so. */
export interface ChainFailure {
  seq: number;
  reason: 'altered' | 'removed' | 'reordered' | 'broken-link';
  message: string;
}

/** The outcome of verifying a chain (chain.ts verifyChain). */
export type VerifyResult = { ok: true; count: number; head: AuditHead } | ({ ok: false } & ChainFailure);

function entries(from: number, to: number): string {
  return from === to ? `entry #${from} was` : `entries #${from}–#${to} were`;
}

/**
 * The seq the entry was chained under when it is not its current one: the content is intact
 * but the row was renumbered (moved, or shifted by a removal or an insertion). Tries the seqs
 * within `window` of it and those of the entries read around it.
 */
function originalSeq(bad: AuditEntry, around: AuditEntry[], window: number): number | undefined {
  const candidates = new Set(around.map((e) => e.seq));
  for (let s = Math.max(1, bad.seq - window); s <= bad.seq + window; s++) candidates.add(s);
  candidates.delete(bad.seq);
  for (const seq of candidates) if (entryHash({ ...bad, seq }) === bad.hash) return seq;
  return undefined;
}

/** An entry whose content no longer matches its hash. */
function contentProblem(before: AuditEntry[], bad: AuditEntry, after: AuditEntry[], window: number): ChainFailure {
  const seq = bad.seq;
  const original = originalSeq(bad, [...before, ...after], window);
  if (original === undefined) return { seq, reason: 'altered', message: `entry #${seq} was altered: its content does not match its hash` };
  if (original > seq) {
    // Its predecessor is still there (elsewhere): the rows were moved. It is gone: removed.
    const predecessorKept = [...before, ...after].some((e) => e.hash === bad.prevHash);
    return predecessorKept
      ? { seq, reason: 'reordered', message: `entry #${seq} holds the entry recorded as #${original}: entries were reordered` }
      : {
          seq,
          reason: 'removed',
          message: `${entries(seq, original - 1)} removed and later entries renumbered: #${seq} was recorded as #${original}`,
        };
  }
  // Recorded under a lower seq right after an entry that is still there: what now sits between
  // them was put in afterwards.
  const predecessor = before.find((e) => e.hash === bad.prevHash);
  if (predecessor !== undefined && predecessor.seq === original - 1) {
    return {
      seq: original,
      reason: 'broken-link',
      message: `${entries(original, seq - 1)} inserted: #${seq} was recorded as #${original}, right after #${predecessor.seq}`,
    };
  }
  return { seq, reason: 'reordered', message: `entry #${seq} holds the entry recorded as #${original}: entries were reordered` };
}

/** An intact entry whose seq is not the next one. */
function seqProblem(prev: AuditEntry | undefined, bad: AuditEntry, after: AuditEntry[]): ChainFailure {
  const prevSeq = prev?.seq ?? 0;
  const seq = bad.seq;
  if (seq <= prevSeq || after.some((e) => e.seq < seq)) {
    return { seq, reason: 'reordered', message: `entry #${seq} is out of order (it follows #${prevSeq})` };
  }
  if (bad.prevHash === (prev?.hash ?? GENESIS_HASH)) {
    return { seq, reason: 'broken-link', message: `entry #${seq} is chained directly to #${prevSeq}: its number was rewritten` };
  }
  return { seq: prevSeq + 1, reason: 'removed', message: `${entries(prevSeq + 1, seq - 1)} removed: #${seq} follows #${prevSeq}` };
}

/** An intact entry in its place whose prevHash is not its predecessor's hash. */
function linkProblem(prev: AuditEntry | undefined, bad: AuditEntry, after: AuditEntry[]): ChainFailure {
  if (prev === undefined)
    return {
      seq: bad.seq,
      reason: 'broken-link',
      message: `entry #${bad.seq} does not start the chain: its prevHash is not the genesis hash`,
    };
  const later = after.find((e) => e.hash === bad.prevHash);
  if (later !== undefined)
    return { seq: bad.seq, reason: 'reordered', message: `entry #${bad.seq} was chained after #${later.seq}: entries were reordered` };
  // Either the predecessor was rewritten with a recomputed hash, or this entry was forged or
  // renumbered after a removal. The predecessor is the first entry nothing vouches for.
  return {
    seq: prev.seq,
    reason: 'broken-link',
    message: `entry #${bad.seq} was chained to a different #${prev.seq}: #${prev.seq} was rewritten, or entries were removed or inserted before #${bad.seq}`,
  };
}

/**
 * Names the first bad entry and says what happened to it. `before` are the last good entries
 * (ascending, the last one `bad`'s predecessor), `after` the entries read after `bad`.
 */
export function diagnose(before: AuditEntry[], bad: AuditEntry, after: AuditEntry[], window: number): ChainFailure {
  const prev = before.at(-1);
  if (entryHash(bad) !== bad.hash) return contentProblem(before, bad, after, window);
  if (bad.seq !== (prev?.seq ?? 0) + 1) return seqProblem(prev, bad, after);
  return linkProblem(prev, bad, after);
}

/** Compares the end of a valid chain with the head the store recorded; null when they agree. */
export function tailProblem(last: AuditHead, recorded: AuditHead | null): ChainFailure | null {
  if (recorded === null) {
    return { seq: 1, reason: 'broken-link', message: `the audit head record is missing (the chain holds ${last.seq} entries)` };
  }
  const head = recorded;
  if (head.seq === last.seq && head.hash === last.hash) return null;
  if (head.seq > last.seq) {
    return {
      seq: last.seq + 1,
      reason: 'removed',
      message: `${entries(last.seq + 1, head.seq)} removed from the end: the head records #${head.seq}`,
    };
  }
  if (head.seq < last.seq) {
    return {
      seq: head.seq + 1,
      reason: 'broken-link',
      message: `entry #${head.seq + 1} is past the head (#${head.seq}): added outside the audit log, or the head was rolled back`,
    };
  }
  return {
    seq: last.seq,
    reason: 'altered',
    message: `entry #${last.seq} does not match the hash the head records: it or the head was rewritten`,
  };
}
