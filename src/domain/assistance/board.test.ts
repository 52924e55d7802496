import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { boardColumn, coveredSkills, latestDecisions, uncoveredParts } from './board.ts';

const none = new Map<string, { decision: 'accepted' | 'declined' }>();

test('a request moves open → matched → deployed → closed as its offers and deployment do', () => {
  const offers = [{ id: 'o1', status: 'offered' as const }];
  assert.equal(boardColumn({ status: 'open', offers, decisions: none, deployments: [] }), 'open');
  const accepted = new Map([['o1', { decision: 'accepted' as const }]]);
  assert.equal(boardColumn({ status: 'open', offers, decisions: accepted, deployments: [] }), 'matched');
  assert.equal(boardColumn({ status: 'open', offers, decisions: accepted, deployments: [{ status: 'planned' }] }), 'deployed');
  assert.equal(
    boardColumn({ status: 'open', offers, decisions: accepted, deployments: [{ status: 'active' }, { status: 'ended' }] }),
    'deployed',
  );
  assert.equal(boardColumn({ status: 'open', offers, decisions: accepted, deployments: [{ status: 'ended' }] }), 'closed');
  assert.equal(boardColumn({ status: 'withdrawn', offers, decisions: accepted, deployments: [{ status: 'active' }] }), 'closed');
  assert.equal(boardColumn({ status: 'closed', offers: [], decisions: none, deployments: [] }), 'closed');
});

test('a declined or withdrawn offer does not match a request', () => {
  const declined = new Map([['o1', { decision: 'declined' as const }]]);
  assert.equal(boardColumn({ status: 'open', offers: [{ id: 'o1', status: 'offered' }], decisions: declined, deployments: [] }), 'open');
  const accepted = new Map([['o1', { decision: 'accepted' as const }]]);
  assert.equal(boardColumn({ status: 'open', offers: [{ id: 'o1', status: 'withdrawn' }], decisions: accepted, deployments: [] }), 'open');
});

test('the latest decision on an offer wins', () => {
  const d = (decision: string, modified: string) => ({ offerId: 'o1', decision, created: modified, modified });
  const latest = latestDecisions([d('accepted', '2026-01-02T00:00:00.000Z'), d('declined', '2026-01-01T00:00:00.000Z')]);
  assert.equal(latest.get('o1')?.decision, 'accepted');
});

test('an expert available over the whole window leaves no gap; one who is not shows where', () => {
  const w = { from: '2026-03-01T00:00:00.000Z', until: '2026-03-10T00:00:00.000Z' };
  assert.deepEqual(uncoveredParts(w, [{ from: '2026-02-01T00:00:00.000Z', until: '2026-04-01T00:00:00.000Z' }]), []);
  assert.deepEqual(
    uncoveredParts(w, [
      { from: '2026-02-01T00:00:00.000Z', until: '2026-03-04T00:00:00.000Z' },
      { from: '2026-03-04T00:00:00.000Z', until: '2026-03-08T00:00:00.000Z' },
    ]),
    [{ from: '2026-03-08T00:00:00.000Z', until: '2026-03-10T00:00:00.000Z' }],
  );
  assert.deepEqual(uncoveredParts(w, []), [w]);
});

test('the gaps and the spans together cover the window, and no gap overlaps a span', () => {
  const day = 86_400_000;
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const span = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20 })).map(([a, len]) => ({
    from: new Date(base + a * day).toISOString(),
    until: new Date(base + (a + len) * day).toISOString(),
  }));
  fc.assert(
    fc.property(span, fc.array(span, { maxLength: 6 }), (w, spans) => {
      const gaps = uncoveredParts(w, spans);
      for (let t = Date.parse(w.from); t < Date.parse(w.until); t += day / 2) {
        const inSpan = spans.some((s) => Date.parse(s.from) <= t && t < Date.parse(s.until));
        const inGap = gaps.some((g) => Date.parse(g.from) <= t && t < Date.parse(g.until));
        assert.equal(inSpan, !inGap);
      }
    }),
  );
});

test('an expert covers the request skills it holds, in the request order', () => {
  assert.deepEqual(coveredSkills(['a', 'b', 'c'], ['c', 'a', 'x']), ['a', 'c']);
});
