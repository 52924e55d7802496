// The store contract for saved searches (SavedSearchRepo, issue 15, must 5), on every engine:
// each user's own, listed by name, deleted only by their owner.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { SavedSearch } from '../src/domain/explorer/types.ts';
import { contractSuite } from './helpers/store-contract.ts';

const search = (name: string, query = 'q=x'): SavedSearch => ({ id: randomUUID(), name, query, createdAt: '2026-12-07T10:00:00.000Z' });

contractSuite('store contract: saved searches', (ctx) => {
  const repo = () => ctx.store.savedSearches;

  it("keeps each user's searches apart, listed by name", async () => {
    const b = search('b sandworm', 'q=sandworm&sort=relevance');
    const a = search('a amber malware', 'type=malware&tlp=amber');
    await repo().create('user-1', b);
    await repo().create('user-1', a);
    await repo().create('user-2', search('theirs'));
    assert.deepEqual(await repo().list('user-1'), [a, b]);
    assert.deepEqual(
      (await repo().list('user-2')).map((s) => s.name),
      ['theirs'],
    );
    assert.deepEqual(await repo().list('user-3'), []);
  });

  it('deletes a search for its owner only', async () => {
    const s = search('mine');
    await repo().create('user-1', s);
    assert.equal(await repo().remove('user-2', s.id), false, "another user's delete changes nothing");
    assert.deepEqual(await repo().list('user-1'), [s]);
    assert.equal(await repo().remove('user-1', s.id), true);
    assert.equal(await repo().remove('user-1', s.id), false);
    assert.deepEqual(await repo().list('user-1'), []);
  });
});
