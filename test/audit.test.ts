// The audit log's store contract (src/store/repositories.ts, AuditRepo) and service, on SQLite and,
// when CONCORD_TEST_DATABASE_URL is set, PostgreSQL. The chain rules themselves are tested
// without a database in src/domain/audit/chain.test.ts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { EMPTY_HEAD, entryHash, type AuditEntry } from '../src/domain/audit/chain.ts';
import { InvalidInputError } from '../src/errors.ts';
import { AuditService } from '../src/services/audit.service.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/repositories.ts';
import { ENGINES, type StoreLocation } from './helpers/store-engines.ts';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Checks that `entries` are 1..n, each linked to the one before. */
function assertChained(entries: AuditEntry[]): void {
  entries.forEach((e, i) => {
    assert.equal(e.seq, i + 1);
    assert.equal(e.prevHash, entries[i - 1]?.hash ?? EMPTY_HEAD.hash);
    assert.equal(entryHash(e), e.hash);
  });
}

for (const engine of ENGINES) {
  describe(`audit log on ${engine.name}`, { skip: engine.skip }, () => {
    let location: StoreLocation;
    let store: Store;
    let audit: AuditService;
    beforeEach(async () => {
      location = await engine.create();
      store = await location.open();
      audit = new AuditService({ audit: store.audit });
    });
    afterEach(async () => {
      await store.close();
      await location.dispose();
    });

    it('starts empty at the genesis head and verifies', async () => {
      assert.deepEqual(await store.audit.head(), EMPTY_HEAD);
      assert.deepEqual(await audit.verify(), { ok: true, count: 0, head: EMPTY_HEAD });
      assert.deepEqual(await store.audit.list({ limit: 10 }), { items: [], next: null });
    });

    it('appends chained entries, moves the head, and reads them back as written', async () => {
      const first = await store.audit.append({
        actor: null,
        action: 'auth.login_failed',
        target: 'user:alice',
        details: { ip: '192.0.2.7', reason: 'bad password' },
      });
      const second = await store.audit.append({
        actor: 'user:alice',
        action: 'auth.login',
        target: null,
        details: { ip: '192.0.2.7', nested: { ok: true, n: [1, 2.5, 'é 東京'] } },
      });
      assert.equal(first.seq, 1);
      assert.match(first.at, ISO_MS);
      assert.ok(second.at >= first.at);
      assert.deepEqual(await store.audit.head(), { seq: 2, hash: second.hash });
      const read = await collect(store.audit.scan());
      assert.deepEqual(read, [first, second]);
      assertChained(read);
      assert.deepEqual(await audit.verify(), { ok: true, count: 2, head: { seq: 2, hash: second.hash } });
    });

    it('records through the service with target and details optional', async () => {
      await audit.record({ action: 'export', actor: 'user:bob' });
      await audit.record({ action: 'share', actor: 'user:bob', target: 'indicator--1', details: { peer: 'node-b' } });
      const { items } = await audit.list({ limit: 5 });
      assert.deepEqual(
        items.map((e) => [e.seq, e.action, e.target, e.details]),
        [
          [2, 'share', 'indicator--1', { peer: 'node-b' }],
          [1, 'export', null, {}],
        ],
      );
    });

    it('refuses bad input before taking a seq', async () => {
      await assert.rejects(store.audit.append({ actor: 'user:x', action: 'Not A Code', target: null, details: {} }), InvalidInputError);
      await assert.rejects(
        store.audit.append({ actor: 'user:\u0000', action: 'auth.login', target: null, details: {} }),
        InvalidInputError,
      );
      const e = await store.audit.append({ actor: 'user:x', action: 'auth.login', target: null, details: {} });
      assert.equal(e.seq, 1);
    });

    it('lists newest first in keyset pages, filtered by action and actor', async () => {
      for (let i = 0; i < 7; i++) {
        await audit.record({ action: i % 2 ? 'token.used' : 'auth.login', actor: `user:u${i % 3}`, details: { i } });
      }
      const seen: number[][] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.audit.list(after === undefined ? { limit: 3 } : { after, limit: 3 });
        seen.push(page.items.map((e) => e.seq));
        if (page.next === null) break;
        after = page.next;
      }
      assert.deepEqual(seen, [[7, 6, 5], [4, 3, 2], [1]]);
      assert.deepEqual(
        (await store.audit.list({ limit: 10, action: 'token.used' })).items.map((e) => e.seq),
        [6, 4, 2],
      );
      assert.deepEqual(
        (await store.audit.list({ limit: 10, actor: 'user:u0' })).items.map((e) => e.seq),
        [7, 4, 1],
      );
      assert.deepEqual(
        (await store.audit.list({ limit: 10, action: 'auth.login', actor: 'user:u1', after: 7 })).items.map((e) => e.seq),
        [5],
      );
      assert.deepEqual(
        (await store.audit.list({ limit: 10, action: 'auth.login', actor: 'user:u1', after: 5 })).items.map((e) => e.seq),
        [],
      );
      assert.deepEqual(
        (await store.audit.list({ limit: 10, action: 'token.used', actor: 'user:u1' })).items.map((e) => e.seq),
        [2],
      );
      await assert.rejects(store.audit.list({ limit: 0 }), InvalidInputError);
    });

    it('scans every entry in seq order across batches', async () => {
      for (let i = 0; i < 23; i++)
        await audit.record({ action: 'object.read_classified', actor: 'user:analyst', target: `report--${i}`, details: { i } });
      const entries = await collect(store.audit.scan({ batchSize: 5 }));
      assert.equal(entries.length, 23);
      assertChained(entries);
      assert.equal((await collect(store.audit.scan({ batchSize: 23 }))).length, 23);
    });

    it('keeps one valid chain under concurrent appends', async () => {
      // On PostgreSQL a second store (its own connection pool) stands for a second process. Not
      // on SQLite: better-sqlite3 is synchronous, so a second connection in this process waiting
      // for the write lock blocks the event loop that would release it. Separate processes on
      // SQLite are tested in audit.cli.test.ts.
      const other = engine.name === 'postgres' ? await location.open() : store;
      try {
        const otherAudit = new AuditService({ audit: other.audit });
        const writes = Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? audit : otherAudit).record({ action: 'token.used', actor: `token:t${i}`, details: { i } }),
        );
        // Verifying while appends land must not report the entries it has not seen yet.
        const checks = [audit.verify(), otherAudit.verify()];
        await Promise.all(writes);
        for (const r of await Promise.all(checks)) assert.equal(r.ok, true, JSON.stringify(r));
      } finally {
        if (other !== store) await other.close();
      }
      const entries = await collect(store.audit.scan());
      assert.equal(entries.length, 60);
      assertChained(entries);
      assert.deepEqual(new Set(entries.map((e) => e.details['i'])).size, 60);
      const result = await audit.verify();
      assert.deepEqual(result, { ok: true, count: 60, head: { seq: 60, hash: entries[59]?.hash } });
    });
  });
}

/**
 * Raw SQL on a fresh store's database, to show what the database itself refuses. The engines'
 * StoreLocation hides where the database is, so this opens its own.
 */
interface RawDatabase {
  store: Store;
  exec(statement: string): Promise<void>;
  dispose(): Promise<void>;
}

async function sqliteRaw(): Promise<RawDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-audit-'));
  const store = await openStore({ dataDir });
  const db = new Database(join(dataDir, 'concord.db'));
  return {
    store,
    exec: async (statement) => void db.exec(statement),
    async dispose() {
      db.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresRaw(baseUrl: string): Promise<RawDatabase> {
  const name = `concord_audit_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ dataDir: '/nonexistent', databaseUrl: url.toString() });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    store,
    exec: async (statement) => void (await client.query(statement)),
    async dispose() {
      await client.end();
      await store.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const PG_URL = process.env['CONCORD_TEST_DATABASE_URL'];
const RAW: readonly { name: string; skip: string | false; open: () => Promise<RawDatabase> }[] = [
  { name: 'sqlite', skip: false, open: sqliteRaw },
  { name: 'postgres', skip: PG_URL ? false : 'CONCORD_TEST_DATABASE_URL is not set', open: () => postgresRaw(PG_URL ?? '') },
];

for (const engine of RAW) {
  it(`the database refuses to update or delete audit entries or move the head back (${engine.name})`, { skip: engine.skip }, async () => {
    const raw = await engine.open();
    try {
      const audit = new AuditService({ audit: raw.store.audit });
      await audit.record({ action: 'admin.org.add', actor: 'system:cli', target: 'org-1', details: {} });
      await audit.record({ action: 'admin.org.add', actor: 'system:cli', target: 'org-2', details: {} });
      await assert.rejects(raw.exec(`update audit_log set target = 'org-9' where seq = 1`), /append-only/);
      await assert.rejects(raw.exec('delete from audit_log where seq = 2'), /append-only/);
      await assert.rejects(raw.exec('update audit_head set seq = 1'), /cannot move back/);
      await assert.rejects(raw.exec('delete from audit_head'), /audit_head/);
      assert.equal((await audit.verify()).ok, true);
    } finally {
      await raw.dispose();
    }
  });
}
