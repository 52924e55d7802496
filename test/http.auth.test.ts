// Authentication as a client meets it (issue 3, items 1 and 7): tokens, sessions with CSRF,
// Basic, throttled and locked logins, read-only tokens, oversized bodies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { LOCK_AFTER } from '../src/domain/identity/throttle.ts';
import { CLI } from '../src/domain/identity/principal.ts';

describe('authentication', () => {
  let node: TestNode;
  let analyst: Person;

  before(async () => {
    node = await startNode();
    analyst = await buildPerson(node.services);
  });
  after(() => node.dispose());

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    node.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  test('health and the API document need no credentials; data does (401 with WWW-Authenticate)', async () => {
    assert.equal((await inject('GET', '/api/v1/health')).statusCode, 200);
    const res = await inject('GET', '/api/v1/objects');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'AUTH_REQUIRED');
    assert.match(String(res.headers['www-authenticate']), /Bearer/);
  });

  test('a valid token reads; unknown, malformed, expired and revoked tokens get 401', async () => {
    assert.equal((await inject('GET', '/api/v1/objects', analyst.auth)).statusCode, 200);
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: 'Bearer ccd_nope' })).statusCode, 401);
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: 'Digest abc' })).statusCode, 401);
    const soon = new Date(Date.now() + 300).toISOString();
    const { secret } = await node.services.users.createToken(CLI, { userId: analyst.user.id, name: 'short', expiresAt: soon });
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: `Bearer ${secret}` })).statusCode, 200);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: `Bearer ${secret}` })).statusCode, 401);
    const created = await inject('POST', '/api/v1/tokens', analyst.auth, { name: 'to revoke' });
    assert.equal(created.statusCode, 201);
    const { token, secret: s2 } = created.json() as { token: { id: string }; secret: string };
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: `Bearer ${s2}` })).statusCode, 200);
    assert.equal((await inject('DELETE', `/api/v1/tokens/${token.id}`, analyst.auth)).statusCode, 200);
    const revoked = await inject('GET', '/api/v1/objects', { authorization: `Bearer ${s2}` });
    assert.equal(revoked.statusCode, 401);
    assert.match(revoked.json().detail, /revoked/);
  });

  test('the token secret is shown once and only its hash is stored', async () => {
    const created = (await inject('POST', '/api/v1/tokens', analyst.auth, { name: 'once' })).json() as {
      token: { id: string };
      secret: string;
    };
    const list = (await inject('GET', '/api/v1/tokens', analyst.auth)).json() as { tokens: Record<string, unknown>[] };
    const listed = list.tokens.find((t) => t['id'] === created.token.id);
    assert.ok(listed);
    assert.ok(!JSON.stringify(list).includes(created.secret));
  });

  test('a read-only token cannot change anything (403)', async () => {
    const reader = await buildPerson(node.services, { org: analyst.org, scope: 'read' });
    const res = await inject('POST', '/api/v1/tokens', reader.auth, { name: 'x' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'ACCESS_DENIED');
  });

  test('a session cookie is HttpOnly and SameSite=Strict; unsafe requests need the CSRF token', async () => {
    const login = await inject('POST', '/api/v1/auth/login', {}, { username: analyst.user.username, password: analyst.password });
    assert.equal(login.statusCode, 200);
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    const { csrfToken } = login.json() as { csrfToken: string };
    assert.equal((await inject('GET', '/api/v1/auth/me', { cookie })).json().user.username, analyst.user.username);
    const noCsrf = await inject('POST', '/api/v1/tokens', { cookie }, { name: 'x' });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await inject('POST', '/api/v1/tokens', { cookie, 'x-csrf-token': csrfToken }, { name: 'x' })).statusCode, 201);
    assert.equal((await inject('POST', '/api/v1/auth/logout', { cookie })).statusCode, 403, 'logging out is a change: CSRF applies');
    assert.equal((await inject('POST', '/api/v1/auth/logout', { cookie, 'x-csrf-token': csrfToken })).statusCode, 204);
    assert.equal((await inject('GET', '/api/v1/auth/me', { cookie })).statusCode, 401);
  });

  test('a one-time password must be changed before anything else: then the new one works', async () => {
    const added = await node.api({
      method: 'POST',
      url: '/api/v1/users',
      payload: { orgId: analyst.org.id, username: `newcomer-${process.pid}`, roles: ['analyst'] },
    });
    assert.equal(added.statusCode, 201, added.body);
    const { user, password } = added.json() as { user: { id: string; username: string; mustChangePassword: boolean }; password: string };
    assert.equal(user.mustChangePassword, true, 'a generated password is a one-time password');
    const login = await inject('POST', '/api/v1/auth/login', {}, { username: user.username, password });
    assert.equal(login.statusCode, 200);
    assert.equal((login.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword, true);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const { csrfToken } = login.json() as { csrfToken: string };
    const session = { cookie, 'x-csrf-token': csrfToken };
    assert.equal((await inject('GET', '/api/v1/auth/me', session)).statusCode, 200, 'who am I is allowed');
    for (const [method, url] of [
      ['GET', '/api/v1/objects'],
      ['GET', '/api/v1/lookup?value=198.51.100.7'],
      ['POST', '/api/v1/tokens'],
      ['GET', '/taxii2/'],
    ] as const) {
      const r = await inject(
        method,
        url,
        { ...session, accept: url.startsWith('/taxii2') ? 'application/taxii+json;version=2.1' : 'application/json' },
        method === 'POST' ? { name: 'x' } : undefined,
      );
      assert.equal(r.statusCode, 403, `${method} ${url}`);
      assert.match(r.body, /PASSWORD_CHANGE_REQUIRED|choose a new password/, `${method} ${url}`);
    }
    const basic = `Basic ${Buffer.from(`${user.username}:${password}`).toString('base64')}`;
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: basic })).statusCode, 403, 'HTTP Basic too');
    // Only the password may change, and not to the same one.
    assert.equal((await inject('PATCH', `/api/v1/users/${user.id}`, session, { displayName: 'New' })).statusCode, 403);
    const same = await inject('PATCH', `/api/v1/users/${user.id}`, session, { password });
    assert.equal(same.statusCode, 400);
    assert.equal((same.json() as { field?: string }).field ?? (same.json() as { details?: { field?: string } }).details?.field, 'password');
    const changed = await inject('PATCH', `/api/v1/users/${user.id}`, session, { password: 'a passphrase of my own choosing' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((changed.json() as { mustChangePassword: boolean }).mustChangePassword, false);
    const fresh = `Basic ${Buffer.from(`${user.username}:a passphrase of my own choosing`).toString('base64')}`;
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: fresh })).statusCode, 200);
    // An administrator resetting it may ask for the same again; one they set and keep does not.
    await node.api({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { password: 'set by the administrator', mustChangePassword: true },
    });
    const reset = `Basic ${Buffer.from(`${user.username}:set by the administrator`).toString('base64')}`;
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: reset })).statusCode, 403);
    // A token handed out deliberately is not held back.
    const token = await node.services.users.createToken(CLI, { userId: user.id, name: 'machine', scope: 'read' });
    assert.equal((await inject('GET', '/api/v1/objects', { authorization: `Bearer ${token.secret}` })).statusCode, 200);
  });

  test('HTTP Basic works with the user name and password', async () => {
    const basic = `Basic ${Buffer.from(`${analyst.user.username}:${analyst.password}`).toString('base64')}`;
    assert.equal((await inject('GET', '/api/v1/auth/me', { authorization: basic })).statusCode, 200);
    const wrong = `Basic ${Buffer.from(`${analyst.user.username}:nope`).toString('base64')}`;
    assert.equal((await inject('GET', '/api/v1/auth/me', { authorization: wrong })).statusCode, 401);
  });

  test('repeated failed logins are slowed (429 + Retry-After), then the account is locked', async () => {
    const victim = await buildPerson(node.services, { org: analyst.org });
    const attempt = (password: string) => inject('POST', '/api/v1/auth/login', {}, { username: victim.user.username, password });
    for (let i = 0; i < 3; i++) assert.equal((await attempt('wrong password!')).statusCode, 401);
    assert.equal((await attempt('wrong password!')).statusCode, 401);
    const slowed = await attempt(victim.password);
    assert.equal(slowed.statusCode, 429);
    assert.ok(Number(slowed.headers['retry-after']) >= 1);
    // Push the account to the lock by recording failures as if the waits had passed.
    const record = await node.store.users.getUser(victim.user.id);
    assert.ok(record);
    await node.store.users.setFailureState(victim.user.id, {
      failedLogins: LOCK_AFTER - 1,
      lastFailedAt: new Date(0).toISOString(),
      lockedUntil: null,
    });
    assert.equal((await attempt('wrong again!!')).statusCode, 401);
    const locked = await attempt(victim.password);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.json().detail, /locked/);
    const failures = await node.services.audit.list({ limit: 100, action: 'auth.login_failed' });
    assert.ok(failures.items.some((e) => e.actor === `user:${victim.user.username}`));
    assert.equal((await node.services.audit.list({ limit: 10, action: 'auth.locked' })).items.length, 1);
    // An administrator unlocks.
    await node.services.users.updateUser(CLI, victim.user.id, { unlock: true });
    assert.equal((await attempt(victim.password)).statusCode, 200);
  });

  test('an oversized body gets 413', async () => {
    const small = await startNode({ CONCORD_MAX_BODY_BYTES: '2048' });
    try {
      const res = await small.api({ method: 'POST', url: '/api/v1/communities', payload: { id: 'big', description: 'x'.repeat(5000) } });
      assert.equal(res.statusCode, 413);
    } finally {
      await small.dispose();
    }
  });

  test('the first start creates one administrator and prints nothing again', async () => {
    const again = await node.services.bootstrap();
    assert.equal(again.admin, undefined);
    const admins = (await node.services.users.listUsers(CLI)).filter((u) => u.roles.includes('admin'));
    assert.equal(admins.length, 1);
  });
});
