// The store contract for who uses a node (AccountRepo: users, API tokens, browser sessions and
// the login throttle's state), on every engine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ApiToken, Session, UserRecord } from '../src/domain/identity/types.ts';
import { contractSuite } from './helpers/store-contract.ts';

const T = (minute: number): string => new Date(Date.UTC(2026, 10, 22, 12, minute)).toISOString();

function user(extra: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'u-1',
    orgId: 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
    username: 'alice',
    displayName: 'Alice',
    roles: ['analyst', 'org-admin'],
    clearances: { nato: 'SECRET' },
    exercises: ['locked-shields'],
    disabled: false,
    mustChangePassword: true,
    createdAt: T(0),
    updatedAt: T(0),
    passwordHash: 'scrypt$hash',
    failedLogins: 0,
    lastFailedAt: null,
    lockedUntil: null,
    ...extra,
  };
}

function token(extra: Partial<ApiToken> = {}): ApiToken {
  return {
    id: 't-1',
    userId: 'u-1',
    name: 'laptop',
    scope: 'read-write',
    expiresAt: T(59),
    revokedAt: null,
    lastUsedAt: null,
    createdAt: T(0),
    ...extra,
  };
}

const session = (idHash: string, userId: string, expiresAt: string): Session => ({
  idHash,
  userId,
  csrf: `csrf-${idHash}`,
  expiresAt,
  createdAt: T(0),
});

contractSuite('store contract: users, tokens and sessions', (ctx) => {
  it('keeps a user with every field, found by id and by name; an unknown one is not found', async () => {
    const alice = user();
    await ctx.store.users.putUser(alice);
    assert.deepEqual(await ctx.store.users.getUser('u-1'), alice);
    assert.deepEqual(await ctx.store.users.findUserByName('alice'), alice);
    assert.equal(await ctx.store.users.findUserByName('Alice'), undefined, 'user names are compared exactly');
    assert.equal(await ctx.store.users.getUser('u-2'), undefined);
  });

  it('replaces a user on a second put: disabling one is what a login lookup then sees', async () => {
    await ctx.store.users.putUser(user());
    await ctx.store.users.putUser(user({ disabled: true, roles: ['viewer'], passwordHash: null, updatedAt: T(5) }));
    const held = await ctx.store.users.findUserByName('alice');
    assert.equal(held?.disabled, true);
    assert.deepEqual(held?.roles, ['viewer']);
    assert.equal(held?.passwordHash, null);
    assert.equal(held?.createdAt, T(0), 'created stays');
    assert.equal(await ctx.store.users.countUsers(), 1);
  });

  it('lists users by name, all or of one organisation, and counts them', async () => {
    const other = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f02';
    await ctx.store.users.putUser(user({ id: 'u-c', username: 'carol' }));
    await ctx.store.users.putUser(user({ id: 'u-a', username: 'alice' }));
    await ctx.store.users.putUser(user({ id: 'u-b', username: 'bob', orgId: other }));
    assert.deepEqual(
      (await ctx.store.users.listUsers()).map((u) => u.username),
      ['alice', 'bob', 'carol'],
    );
    assert.deepEqual(
      (await ctx.store.users.listUsers({ orgId: other })).map((u) => u.username),
      ['bob'],
    );
    assert.equal(await ctx.store.users.countUsers(), 3);
  });

  it('keeps the login throttle state of one user without touching the rest of the record', async () => {
    await ctx.store.users.putUser(user());
    await ctx.store.users.putUser(user({ id: 'u-2', username: 'bob' }));
    await ctx.store.users.setFailureState('u-1', { failedLogins: 5, lastFailedAt: T(3), lockedUntil: T(18) });
    const locked = await ctx.store.users.getUser('u-1');
    assert.deepEqual(locked, { ...user(), failedLogins: 5, lastFailedAt: T(3), lockedUntil: T(18) });
    assert.equal((await ctx.store.users.getUser('u-2'))?.failedLogins, 0, 'another user is not locked out');
    await ctx.store.users.setFailureState('u-1', { failedLogins: 0, lastFailedAt: null, lockedUntil: null });
    assert.deepEqual(await ctx.store.users.getUser('u-1'), user());
  });

  it('finds a token by the hash of its secret only, and a revoked token stays revoked', async () => {
    await ctx.store.users.addToken(token(), 'hash-1');
    assert.deepEqual(await ctx.store.users.findTokenByHash('hash-1'), token());
    assert.equal(await ctx.store.users.findTokenByHash('hash-2'), undefined);
    assert.deepEqual(await ctx.store.users.getToken('t-1'), token());
    assert.equal(await ctx.store.users.revokeToken('t-1', T(10)), true);
    assert.equal(await ctx.store.users.revokeToken('t-1', T(20)), false, 'revoking again changes nothing');
    assert.equal(await ctx.store.users.revokeToken('t-unknown', T(20)), false);
    assert.equal((await ctx.store.users.findTokenByHash('hash-1'))?.revokedAt, T(10), 'the first revocation time stays');
  });

  it('records when a token was last used and lists tokens oldest first, all or of one user', async () => {
    await ctx.store.users.addToken(token({ id: 't-2', createdAt: T(2) }), 'hash-2');
    await ctx.store.users.addToken(token({ id: 't-1', createdAt: T(1) }), 'hash-1');
    await ctx.store.users.addToken(token({ id: 't-3', userId: 'u-2', createdAt: T(3), scope: 'read' }), 'hash-3');
    await ctx.store.users.touchToken('t-2', T(30));
    assert.equal((await ctx.store.users.getToken('t-2'))?.lastUsedAt, T(30));
    assert.deepEqual(
      (await ctx.store.users.listTokens()).map((t) => t.id),
      ['t-1', 't-2', 't-3'],
    );
    const bobs = await ctx.store.users.listTokens({ userId: 'u-2' });
    assert.deepEqual(
      bobs.map((t) => [t.id, t.scope]),
      [['t-3', 'read']],
    );
  });

  it('keeps sessions until logout, the end of all of a user’s sessions, or their expiry', async () => {
    await ctx.store.users.addSession(session('s-1', 'u-1', T(30)));
    await ctx.store.users.addSession(session('s-2', 'u-1', T(40)));
    await ctx.store.users.addSession(session('s-3', 'u-2', T(10)));
    await ctx.store.users.addSession(session('s-4', 'u-2', T(50)));
    assert.deepEqual(await ctx.store.users.getSession('s-1'), session('s-1', 'u-1', T(30)));
    await ctx.store.users.removeSession('s-1');
    assert.equal(await ctx.store.users.getSession('s-1'), undefined, 'logged out');
    assert.equal(await ctx.store.users.removeExpiredSessions(T(10)), 1, 'a session ends at its expiry time');
    assert.equal(await ctx.store.users.getSession('s-3'), undefined);
    assert.ok(await ctx.store.users.getSession('s-4'));
    await ctx.store.users.removeUserSessions('u-1');
    assert.equal(await ctx.store.users.getSession('s-2'), undefined, "every one of the user's sessions ends");
    assert.ok(await ctx.store.users.getSession('s-4'), "another user's session stays");
  });
});
