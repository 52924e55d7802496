// The store contract for in-app notifications (NotificationRepo, issue 16, must 7), on every
// engine: each user's own, newest first with an unread count, a key stored once per user, marked
// read only by their owner.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { StoredNotification } from '../src/store/repositories.ts';
import { contractSuite } from './helpers/store-contract.ts';

const note = (userId: string, key: string, createdAt: string, title = key): StoredNotification => ({
  id: randomUUID(),
  userId,
  key,
  kind: 'reminder',
  incidentId: 'incident--0b2c6a3e-8c1e-4a55-9a0e-111111111111',
  title,
  body: `body of ${title}`,
  createdAt,
  readAt: null,
});
const strip = ({ userId: _u, key: _k, ...n }: StoredNotification) => n;

contractSuite('store contract: notifications', (ctx) => {
  const repo = () => ctx.store.notifications;

  it("lists each user's own, newest first, with the unread count", async () => {
    const old = note('user-1', 'a', '2026-12-07T10:00:00.000Z');
    const recent = note('user-1', 'b', '2026-12-07T11:00:00.000Z');
    await repo().add([old, recent, note('user-2', 'a', '2026-12-07T12:00:00.000Z', 'theirs')]);
    assert.deepEqual(await repo().list('user-1', { limit: 10 }), [strip(recent), strip(old)]);
    assert.deepEqual(await repo().list('user-1', { limit: 1 }), [strip(recent)]);
    assert.equal(await repo().unread('user-1'), 2);
    assert.deepEqual(
      (await repo().list('user-2', { limit: 10 })).map((n) => n.title),
      ['theirs'],
    );
    assert.deepEqual(await repo().list('user-3', { limit: 10 }), []);
    assert.equal(await repo().unread('user-3'), 0);
  });

  it('stores a key once per user, however often it is offered', async () => {
    const first = note('user-1', 'incident--x/early-warning/before/1/t', '2026-12-07T10:00:00.000Z');
    assert.deepEqual(await repo().add([first]), [first]);
    const again = note('user-1', first.key, '2026-12-07T10:01:00.000Z');
    const other = note('user-2', first.key, '2026-12-07T10:01:00.000Z');
    assert.deepEqual(await repo().add([again, other]), [other], 'the same key for another user is stored');
    assert.equal((await repo().list('user-1', { limit: 10 })).length, 1);
  });

  it('marks read only the owner’s, by id or all', async () => {
    const a = note('user-1', 'a', '2026-12-07T10:00:00.000Z');
    const b = note('user-1', 'b', '2026-12-07T11:00:00.000Z');
    const theirs = note('user-2', 'c', '2026-12-07T11:00:00.000Z');
    await repo().add([a, b, theirs]);
    const at = '2026-12-07T12:00:00.000Z';
    assert.equal(await repo().markRead('user-2', { ids: [a.id] }, at), 0, "another user's mark changes nothing");
    assert.equal(await repo().markRead('user-1', { ids: [a.id, theirs.id] }, at), 1);
    assert.equal(await repo().unread('user-1'), 1);
    assert.equal(await repo().unread('user-2'), 1);
    assert.deepEqual(
      (await repo().list('user-1', { unread: true, limit: 10 })).map((n) => n.id),
      [b.id],
    );
    assert.equal((await repo().list('user-1', { limit: 10 })).find((n) => n.id === a.id)?.readAt, at);
    assert.equal(await repo().markRead('user-1', 'all', at), 1);
    assert.equal(await repo().unread('user-1'), 0);
    assert.equal(await repo().markRead('user-1', { ids: [] }, at), 0);
  });

  it('keeps the jobs’ state', async () => {
    assert.equal(await repo().getState('reminders.tick'), undefined);
    await repo().setState('reminders.tick', '2026-12-07T10:00:00.000Z');
    await repo().setState('reminders.tick', '2026-12-07T10:01:00.000Z');
    assert.equal(await repo().getState('reminders.tick'), '2026-12-07T10:01:00.000Z');
  });
});
