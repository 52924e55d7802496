import assert from 'node:assert/strict';
import { test } from 'node:test';
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
