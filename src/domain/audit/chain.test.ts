import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { InvalidInputError } from '../../errors.ts';
import {
  EMPTY_HEAD,
  GENESIS_HASH,
  chainEntry,
  entryHash,
  verifyChain,
  type AuditEntry,
  type AuditHead,
  type VerifyResult,
} from './chain.ts';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');

/** A valid chain of `n` entries, one second apart. */
function buildChain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const prev = out.at(-1) ?? null;
    out.push(
      chainEntry(
        prev,
        {
          actor: `user:u${i % 3}`,
          action: i % 2 ? 'token.used' : 'auth.login',
          target: i % 4 ? `token-${i}` : null,
          details: { i, ip: '192.0.2.1' },
        },
        new Date(T0 + i * 1000).toISOString(),
      ),
    );
  }
  return out;
}

const headOf = (entries: AuditEntry[]): AuditHead => {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
};

/** The entries as a store reads them back: ordered by their (possibly rewritten) seq. */
const bySeq = (entries: AuditEntry[]): AuditEntry[] => [...entries].sort((a, b) => a.seq - b.seq);

/** Swaps the seq values of two entries (what a tamperer does with two rows), then reorders. */
function swapSeq(entries: AuditEntry[], a: number, b: number): AuditEntry[] {
  return bySeq(entries.map((e) => (e.seq === a ? { ...e, seq: b } : e.seq === b ? { ...e, seq: a } : e)));
}

function failure(r: VerifyResult): { seq: number; reason: string } {
  assert.ok(!r.ok, 'the chain should not verify');
  return { seq: r.seq, reason: r.reason };
}

test('an entry hashes the RFC 8785 form of everything but its hash, and the first links to 64 zeros', () => {
  const [first, second] = buildChain(2);
  assert.ok(first && second);
  assert.equal(first.prevHash, GENESIS_HASH);
  assert.match(GENESIS_HASH, /^0{64}$/);
  const { hash, ...rest } = first;
  const expected = createHash('sha256')
    .update(canonicalize(rest) ?? '')
    .digest('hex');
  assert.equal(hash, expected);
  assert.equal(second.prevHash, first.hash);
  assert.equal(second.seq, 2);
});

test('an intact chain verifies, with its count and head', async () => {
  const chain = buildChain(8);
  assert.deepEqual(await verifyChain(chain, headOf(chain)), { ok: true, count: 8, head: headOf(chain) });
  assert.deepEqual(await verifyChain([], EMPTY_HEAD), { ok: true, count: 0, head: EMPTY_HEAD });
  async function* lazily(): AsyncIterable<AuditEntry> {
    yield* chain;
  }
  assert.equal((await verifyChain(lazily(), async () => headOf(chain))).ok, true);
});

test('details are hashed as they read back from JSON text, so a store round trip keeps the hash', () => {
  const e = chainEntry(
    null,
    { actor: null, action: 'auth.login_failed', target: null, details: { user: 'bob', skipped: undefined, zero: -0 } },
    new Date(T0).toISOString(),
  );
  assert.deepEqual(e.details, { user: 'bob', zero: 0 });
  const reread: AuditEntry = { ...e, details: JSON.parse(JSON.stringify(e.details)) };
  assert.equal(entryHash(reread), e.hash);
});

test('what cannot be stored exactly is refused', () => {
  const at = new Date(T0).toISOString();
  const ok = { actor: 'system:cli', action: 'export', target: null, details: {} };
  assert.throws(() => chainEntry(null, { ...ok, action: 'Auth Login' }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, action: 'auth..login' }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, actor: 'user:\u0000' }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, target: 'x\ud800' }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, details: { s: 'lone \udc00' } }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, details: { n: 10n } }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, { ...ok, details: { big: 'x'.repeat(70_000) } }, at), InvalidInputError);
  assert.throws(() => chainEntry(null, ok, 'yesterday'), InvalidInputError);
  assert.equal(chainEntry(null, ok, at).action, 'export');
});

test('an altered entry is named, whether or not its hash was recomputed', async () => {
  const chain = buildChain(8);
  const altered = chain.map((e) => (e.seq === 3 ? { ...e, details: { i: 2, ip: '203.0.113.9' } } : e));
  assert.deepEqual(failure(await verifyChain(altered, headOf(chain))), { seq: 3, reason: 'altered' });
  // Recomputing its hash only moves the break to the link that vouches for it.
  const rehashed = chain.map((e) => {
    if (e.seq !== 3) return e;
    const changed = { ...e, actor: 'user:someone-else' };
    return { ...changed, hash: entryHash(changed) };
  });
  assert.deepEqual(failure(await verifyChain(rehashed, headOf(chain))), { seq: 3, reason: 'broken-link' });
});

test('a removed entry is named: first, middle, several, or renumbered over', async () => {
  const chain = buildChain(8);
  const head = headOf(chain);
  assert.deepEqual(
    failure(
      await verifyChain(
        chain.filter((e) => e.seq !== 5),
        head,
      ),
    ),
    { seq: 5, reason: 'removed' },
  );
  assert.deepEqual(
    failure(
      await verifyChain(
        chain.filter((e) => e.seq !== 1),
        head,
      ),
    ),
    { seq: 1, reason: 'removed' },
  );
  const two = await verifyChain(
    chain.filter((e) => e.seq !== 5 && e.seq !== 6),
    head,
  );
  assert.deepEqual(failure(two), { seq: 5, reason: 'removed' });
  assert.match(two.ok ? '' : two.message, /entries #5–#6 were removed/);
  const renumbered = chain.filter((e) => e.seq !== 4).map((e) => (e.seq > 4 ? { ...e, seq: e.seq - 1 } : e));
  assert.deepEqual(failure(await verifyChain(renumbered, { seq: 7, hash: chain[7]?.hash ?? '' })), { seq: 4, reason: 'removed' });
});

test('entries removed from the end are caught against the head', async () => {
  const chain = buildChain(8);
  const head = headOf(chain);
  const r = await verifyChain(chain.slice(0, 7), head);
  assert.deepEqual(failure(r), { seq: 8, reason: 'removed' });
  assert.match(r.ok ? '' : r.message, /from the end: the head records #8/);
  assert.deepEqual(failure(await verifyChain([], head)), { seq: 1, reason: 'removed' });
  // Without the head the shorter chain is indistinguishable from an older one.
  assert.equal((await verifyChain(chain.slice(0, 7))).ok, true);
  assert.deepEqual(failure(await verifyChain(chain, null)), { seq: 1, reason: 'broken-link' });
  assert.deepEqual(failure(await verifyChain(chain, { seq: 8, hash: GENESIS_HASH })), { seq: 8, reason: 'altered' });
});

test('reordered entries are named at the first moved one', async () => {
  const chain = buildChain(8);
  const head = headOf(chain);
  assert.deepEqual(failure(await verifyChain(swapSeq(chain, 3, 6), head)), { seq: 3, reason: 'reordered' });
  assert.deepEqual(failure(await verifyChain(swapSeq(chain, 4, 5), head)), { seq: 4, reason: 'reordered' });
  assert.deepEqual(failure(await verifyChain(swapSeq(chain, 1, 8), head)), { seq: 1, reason: 'reordered' });
  // Read out of seq order (not what a store returns, but a caller might pass it).
  const [e1, e2, e3, e4, ...rest] = chain;
  assert.ok(e1 && e2 && e3 && e4);
  assert.deepEqual(failure(await verifyChain([e1, e2, e4, e3, ...rest], head)), { seq: 4, reason: 'reordered' });
});

test('a forged entry is caught: inserted in the middle or appended past the head', async () => {
  const chain = buildChain(8);
  const e3 = chain[2];
  assert.ok(e3);
  const forged = chainEntry(
    e3,
    { actor: 'user:mallory', action: 'admin.user.update', target: 'user:mallory', details: { roles: ['admin'] } },
    new Date(T0 + 2500).toISOString(),
  );
  const inserted = [...chain.slice(0, 3), forged, ...chain.slice(3).map((e) => ({ ...e, seq: e.seq + 1 }))];
  const r = await verifyChain(inserted, { seq: 9, hash: chain[7]?.hash ?? '' });
  assert.deepEqual(failure(r), { seq: 4, reason: 'broken-link' });
  assert.match(r.ok ? '' : r.message, /inserted/);
  const last = chain[7];
  assert.ok(last);
  const appended = [
    ...chain,
    chainEntry(last, { actor: null, action: 'auth.login', target: null, details: {} }, new Date(T0 + 9000).toISOString()),
  ];
  assert.deepEqual(failure(await verifyChain(appended, headOf(chain))), { seq: 9, reason: 'broken-link' });
});

test('any single alteration, removal or swap is named at the right entry (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc
        .integer({ min: 2, max: 25 })
        .chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.integer({ min: 1, max: n }),
            fc.integer({ min: 1, max: n }),
            fc.constantFrom('alter', 'remove', 'swap'),
          ),
        ),
      async ([n, a, b, op]) => {
        const chain = buildChain(n);
        const head = headOf(chain);
        let tampered: AuditEntry[];
        let expected: { seq: number; reason: string };
        if (op === 'alter') {
          tampered = chain.map((e) => (e.seq === a ? { ...e, target: 'changed' } : e));
          expected = { seq: a, reason: 'altered' };
        } else if (op === 'remove') {
          tampered = chain.filter((e) => e.seq !== a);
          expected = { seq: a, reason: 'removed' };
        } else {
          fc.pre(a !== b);
          tampered = swapSeq(chain, a, b);
          expected = { seq: Math.min(a, b), reason: 'reordered' };
        }
        assert.deepEqual(failure(await verifyChain(tampered, head)), expected);
      },
    ),
    { numRuns: 300 },
  );
});
