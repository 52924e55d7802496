import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { boardColumn, coveredSkills, latestDecisions } from './board.ts';

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

test('an expert covers the request skills it holds, in the request order', () => {
  assert.deepEqual(coveredSkills(['a', 'b', 'c'], ['c', 'a', 'x']), ['a', 'c']);
});

test('whatever its offers and deployments, a request is on exactly the column its state allows', () => {
  const offer = fc.record({ id: fc.constantFrom('o1', 'o2', 'o3'), status: fc.constantFrom('offered' as const, 'withdrawn' as const) });
  const decision = fc.constantFrom('accepted' as const, 'declined' as const);
  const facts = fc.record({
    status: fc.constantFrom('open' as const, 'withdrawn' as const, 'closed' as const),
    offers: fc.array(offer, { maxLength: 3 }),
    decisions: fc.dictionary(fc.constantFrom('o1', 'o2', 'o3'), decision),
    deployments: fc.array(fc.record({ status: fc.constantFrom('planned' as const, 'active' as const, 'ended' as const) }), {
      maxLength: 3,
    }),
  });
  fc.assert(
    fc.property(facts, (f) => {
      const decisions = new Map(Object.entries(f.decisions).map(([k, d]) => [k, { decision: d }]));
      const column = boardColumn({ ...f, decisions });
      const working = f.deployments.some((d) => d.status !== 'ended');
      const accepted = f.offers.some((o) => o.status === 'offered' && decisions.get(o.id)?.decision === 'accepted');
      if (f.status !== 'open') assert.equal(column, 'closed', 'withdrawn and closed requests are closed');
      else if (working) assert.equal(column, 'deployed');
      else if (f.deployments.length > 0) assert.equal(column, 'closed', 'every deployment ended');
      else assert.equal(column, accepted ? 'matched' : 'open');
    }),
  );
});
