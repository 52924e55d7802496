// `concord audit verify|list` as an operator runs it, and what it says after someone tampers
// with the SQLite file directly (issue 3, item 6: "a test tampers with the database and sees it
// caught").
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { AuditService } from '../src/services/audit.service.ts';
import { openStore } from '../src/store/index.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');
const SRC = resolve(import.meta.dirname, '..', 'src');
const ENTRIES = 8;

function concord(dataDir: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Appends `n` entries to the store in `dataDir` through the service. */
async function record(dataDir: string, n: number, actor: string): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const audit = new AuditService({ audit: store.audit });
    for (let i = 0; i < n; i++) {
      await audit.record({ action: i % 2 ? 'object.read_classified' : 'auth.login', actor, target: `report--${i}`, details: { i } });
    }
  } finally {
    await store.close();
  }
}

describe('concord audit', () => {
  let dir: string;
  let original: string;
  let copies = 0;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-audit-cli-'));
    original = join(dir, 'data');
    await record(original, ENTRIES, 'user:alice');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /**
   * A fresh copy of the data directory changed behind the store's back, as someone with the
   * file would: the append-only triggers are dropped first (they stop the application, not an
   * attacker), then `change` runs.
   */
  async function tampered(change: (db: Database.Database) => void): Promise<string> {
    const copy = join(dir, `tampered-${++copies}`);
    await cp(original, copy, { recursive: true });
    const db = new Database(join(copy, 'concord.db'));
    try {
      db.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete');
      change(db);
    } finally {
      db.close();
    }
    return copy;
  }

  test('an intact log verifies with exit 0, its count and head', () => {
    const r = concord(original, ['audit', 'verify']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^audit log intact: ${ENTRIES} entries, head [0-9a-f]{64}\\n$`));
  });

  test('an empty data directory verifies as an empty log', () => {
    const r = concord(join(dir, 'empty'), ['audit', 'verify']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /audit log intact: 0 entries, head 0{64}/);
  });

  test('lists entries newest first, filtered, as text or JSON', () => {
    const json = concord(original, ['audit', 'list', '--limit', '3', '--json']);
    assert.equal(json.code, 0, json.err);
    const items = JSON.parse(json.out) as { seq: number; action: string; actor: string; details: { i: number } }[];
    assert.deepEqual(
      items.map((e) => e.seq),
      [8, 7, 6],
    );
    assert.deepEqual(items[0]?.details, { i: 7 });
    const filtered = JSON.parse(concord(original, ['audit', 'list', '--action', 'auth.login', '--json']).out) as { seq: number }[];
    assert.deepEqual(
      filtered.map((e) => e.seq),
      [7, 5, 3, 1],
    );
    const older = JSON.parse(concord(original, ['audit', 'list', '--before', '3', '--json']).out) as { seq: number }[];
    assert.deepEqual(
      older.map((e) => e.seq),
      [2, 1],
    );
    const text = concord(original, ['audit', 'list', '--limit', '1']);
    // A full page says how to ask for the next (issue 15, must 9).
    assert.match(text.out, /^8\t\S+Z\tobject\.read_classified\tuser:alice\treport--7\t\{"i":7\}\nmore: --before 8\n$/);
    assert.equal(concord(original, ['audit', 'list', '--before', 'x']).code, 2);
    assert.equal(concord(original, ['audit', 'frobnicate']).code, 2);
  });

  test('the database refuses a direct UPDATE while its triggers are in place', () => {
    const db = new Database(join(original, 'concord.db'));
    try {
      assert.throws(() => db.prepare('update audit_log set details = ? where seq = 3').run('{}'), /append-only/);
    } finally {
      db.close();
    }
  });

  test('an altered entry is named', async () => {
    const data = await tampered((db) => db.prepare('update audit_log set details = ? where seq = 3').run('{"i":99}'));
    const r = concord(data, ['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^audit log broken at entry #3: altered — /);
  });

  test('a removed entry is named', async () => {
    const data = await tampered((db) => db.prepare('delete from audit_log where seq = 5').run());
    const r = concord(data, ['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^audit log broken at entry #5: removed — /);
  });

  test('an entry removed from the end is caught against the head', async () => {
    const data = await tampered((db) => db.prepare('delete from audit_log where seq = ?').run(ENTRIES));
    const r = concord(data, ['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`^audit log broken at entry #${ENTRIES}: removed — `));
  });

  test('two entries with swapped seqs are named at the first', async () => {
    const data = await tampered((db) => {
      db.exec(
        'update audit_log set seq = -1 where seq = 2; update audit_log set seq = 2 where seq = 6; update audit_log set seq = 6 where seq = -1',
      );
    });
    const r = concord(data, ['audit', 'verify', '--json']);
    assert.equal(r.code, 1);
    // No peers here, so no witness (test/federation.sync.test.ts has them).
    assert.deepEqual(JSON.parse(r.out), {
      ok: false,
      seq: 2,
      reason: 'reordered',
      message: 'entry #2 holds the entry recorded as #6: entries were reordered',
      witnesses: [],
    });
  });

  test('appends from several processes keep one valid chain', async () => {
    const data = join(dir, 'multi');
    await record(data, 1, 'system:setup');
    const script = `
      import { openStore } from ${JSON.stringify(pathToFileURL(join(SRC, 'store', 'index.ts')).href)};
      import { AuditService } from ${JSON.stringify(pathToFileURL(join(SRC, 'services', 'audit.service.ts')).href)};
      const store = await openStore({ dataDir: process.argv[1] });
      const audit = new AuditService({ audit: store.audit });
      for (let i = 0; i < 25; i++) await audit.record({ action: 'token.used', actor: 'token:' + process.pid, details: { i } });
      await store.close();`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script, data], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { PATH: process.env['PATH'] ?? '' },
      }),
    );
    const codes = await Promise.all(children.map(async (c) => (await once(c, 'exit'))[0]));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const r = concord(data, ['audit', 'verify']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /audit log intact: 101 entries/);
  });
});
