// The administration commands as an operator runs them (issue 3, item 8): `concord community`,
// `org`, `user`, `token` and `sharing-group` against one SQLite data directory, in order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');

describe('concord administration CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-admin-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function concord(args: string[], input?: string): { code: number; out: string; err: string } {
    const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', join(dir, 'data')], {
      input: input ?? '',
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' },
    });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  function ok(args: string[], input?: string): string {
    const r = concord(args, input);
    assert.equal(r.code, 0, `concord ${args.join(' ')}: ${r.err}`);
    return r.out;
  }

  function json<T>(args: string[], input?: string): T {
    return JSON.parse(ok([...args, '--json'], input)) as T;
  }

  function fails(args: string[], pattern: RegExp): void {
    const r = concord(args);
    assert.equal(r.code, 2, `concord ${args.join(' ')} should fail: ${r.out}`);
    assert.match(r.err, pattern);
  }

  let certEu = '';
  let grid = '';
  let secret = '';

  test('adds a community and an organisation in it, found again by name', () => {
    assert.match(ok(['community', 'add', 'nato', '--name', 'NATO']), /community nato \(NATO\) added/);
    const org = json<{ id: string; country: string; communities: string[]; defaultTlp: string }>([
      'org',
      'add',
      '--name',
      'CERT-EU',
      '--country',
      'be',
      '--community',
      'nato',
      '--default-tlp',
      'AMBER',
    ]);
    assert.match(org.id, /^identity--/);
    assert.equal(org.country, 'BE');
    assert.deepEqual(org.communities, ['nato']);
    assert.equal(org.defaultTlp, 'amber');
    certEu = org.id;
    grid = json<{ id: string }>(['org', 'add', '--name', 'Grid CSIRT', '--country', 'DE']).id;
    const shown = ok(['org', 'show', 'cert-eu']);
    assert.match(shown, new RegExp(`id:\\s+${certEu}`));
    assert.match(shown, /communities:\s+nato/);
    const list = json<{ name: string }[]>(['org', 'list']);
    assert.deepEqual(list.map((o) => o.name).sort(), ['CERT-EU', 'Grid CSIRT']);
  });

  test('adds a user and prints its one-time password once', () => {
    const out = ok([
      'user',
      'add',
      '--org',
      'CERT-EU',
      '--username',
      'Alice',
      '--role',
      'analyst',
      '--role',
      'coordinator',
      '--clearance',
      'nato=NATO SECRET',
    ]);
    assert.match(out, /user alice added to CERT-EU with roles analyst, coordinator/);
    const password = /one-time password: (\S+)/.exec(out)?.[1] ?? '';
    assert.ok(password.length >= 12, out);
    const shown = ok(['user', 'show', 'alice']);
    assert.match(shown, /clearances:\s+nato=NATO SECRET/);
    assert.match(shown, /password:\s+one-time: to be changed at sign-in/);
    assert.doesNotMatch(shown, new RegExp(password));
    const bob = json<{ user: { orgId: string }; password?: string }>(
      ['user', 'add', '--org', grid, '--username', 'bob', '--password-stdin'],
      'correct horse battery staple\n',
    );
    assert.equal(bob.user.orgId, grid);
    assert.equal(bob.password, undefined, 'a password given on stdin is not echoed back');
    assert.match(ok(['user', 'show', 'bob']), /password:\s+chosen by the user/);
    const carol = json<{ user: { mustChangePassword: boolean } }>(
      ['user', 'add', '--org', grid, '--username', 'carol', '--password-stdin', '--must-change'],
      'handed over in person\n',
    );
    assert.equal(carol.user.mustChangePassword, true);
  });

  test('creates a token whose secret is printed once and never listed', () => {
    const out = ok(['token', 'create', '--user', 'alice', '--name', 'feed', '--scope', 'read-write', '--expires', '30d']);
    secret = /secret: (ccd_\S+)/.exec(out)?.[1] ?? '';
    assert.ok(secret, out);
    assert.match(out, /not be shown again|cannot be shown again/);
    const list = ok(['token', 'list', '--user', 'alice']);
    assert.match(list, /feed\s+read-write/);
    assert.doesNotMatch(list, new RegExp(secret));
    const tokens = json<{ id: string; expiresAt: string }[]>(['token', 'list']);
    assert.equal(tokens.length, 1);
    const days = (Date.parse(tokens[0]?.expiresAt ?? '') - Date.now()) / 86_400_000;
    assert.ok(days > 29 && days <= 30, `expires in ${days} days`);
    assert.match(ok(['token', 'revoke', tokens[0]?.id ?? '']), /revoked/);
    assert.match(ok(['token', 'list']), /revoked 20/);
  });

  test("changes a user's roles, then disables the user", () => {
    const updated = json<{ roles: string[]; clearances: Record<string, string> }>(['user', 'update', 'alice', '--role', 'viewer']);
    assert.deepEqual(updated.roles, ['viewer']);
    assert.deepEqual(updated.clearances, { nato: 'NATO SECRET' }, 'options not given are left as they were');
    assert.match(ok(['user', 'disable', 'alice']), /user alice disabled/);
    const users = json<{ username: string; disabled: boolean }[]>(['user', 'list', '--org', 'CERT-EU']);
    assert.deepEqual(
      users.map((u) => [u.username, u.disabled]),
      [['alice', true]],
    );
  });

  test('adds a sharing group of two organisations and edits its members by name', () => {
    const g = json<{ id: string; ownerOrg: string; members: string[] }>([
      'sharing-group',
      'add',
      '--name',
      'Grid defenders',
      '--owner',
      'CERT-EU',
      '--member',
      'Grid CSIRT',
    ]);
    assert.equal(g.ownerOrg, certEu);
    assert.deepEqual(g.members, [certEu, grid]);
    assert.match(ok(['sharing-group', 'show', 'Grid defenders']), /members:\s+CERT-EU, Grid CSIRT/);
    const after = json<{ members: string[] }>(['sharing-group', 'update', g.id, '--remove-member', 'Grid CSIRT']);
    assert.deepEqual(after.members, [certEu]);
  });

  test('bad input exits 2 naming the option at fault', () => {
    fails(['user', 'add', '--org', 'CERT-EU', '--username', 'carol', '--role', 'boss'], /INVALID_INPUT: unknown role "boss".*\(--role\)/);
    fails(['org', 'add', '--name', 'Nowhere', '--country', 'XYZ'], /country "XYZ".*\(--country\)/);
    fails(['org', 'add', '--name', 'Nowhere', '--community', 'nordic'], /community "nordic" does not exist.*\(--community\)/);
    fails(['token', 'create', '--user', 'bob', '--scope', 'write'], /scope "write".*\(--scope\)/);
    fails(['user', 'add', '--org', 'No such org', '--username', 'carol'], /NOT_FOUND: organisation "No such org" not found \(--org\)/);
    assert.equal(json<unknown[]>(['org', 'list']).length, 2, 'nothing was added by the failed commands');
  });

  test('an unknown subcommand prints the usage and exits 2; --help exits 0', () => {
    for (const command of ['sharing-group', 'token']) {
      const bad = concord([command, 'frobnicate']);
      assert.equal(bad.code, 2);
      assert.match(bad.out, new RegExp(`concord ${command} list`));
    }
    const help = concord(['user', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /--password-stdin/);
  });
});
