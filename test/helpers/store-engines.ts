// The store engines the contract suite runs on: SQLite in a fresh temporary directory, and
// PostgreSQL in a fresh database created from CONCORD_TEST_DATABASE_URL (dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/repositories.ts';

/** An empty place to open a store in, any number of times. */
export interface StoreLocation {
  open(): Promise<Store>;
  /** Names of the migrations recorded as applied. */
  migrations(): Promise<string[]>;
  /** The SQLite data directory (SQLite only). */
  sqliteDir?: string;
  /** Runs SQL statements on the closed store's main database (to shape an older schema). */
  exec(statements: string[]): Promise<void>;
  /** Removes the location (the store must be closed). */
  dispose(): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** Why the engine's suite is skipped, or false when it runs. */
  skip: string | false;
  create(): Promise<StoreLocation>;
}

const sqlite: Engine = {
  name: 'sqlite',
  skip: false,
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'concord-store-test-'));
    return {
      sqliteDir: dataDir,
      open: () => openStore({ dataDir }),
      async migrations() {
        const db = new Database(join(dataDir, 'concord.db'), { readonly: true });
        try {
          return db.prepare<[], string>('select name from kysely_migration order by name').pluck().all();
        } finally {
          db.close();
        }
      },
      async exec(statements) {
        const db = new Database(join(dataDir, 'concord.db'));
        try {
          for (const s of statements) db.exec(s);
        } finally {
          db.close();
        }
      },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

const baseUrl = process.env['CONCORD_TEST_DATABASE_URL'];
const RUN = `concord_test_${process.pid}_${randomBytes(3).toString('hex')}`;
let databases = 0;

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

const postgres: Engine = {
  name: 'postgres',
  skip: baseUrl ? false : 'CONCORD_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  async create() {
    if (!baseUrl) throw new Error('CONCORD_TEST_DATABASE_URL is not set');
    // One database per store under test, named after this run, so runs never see each other.
    const name = `${RUN}_${++databases}`;
    await withClient(baseUrl, (c) => c.query(`create database "${name}"`));
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    return {
      open: () => openStore({ dataDir: '/nonexistent', databaseUrl }),
      migrations: () =>
        withClient(databaseUrl, async (c) => {
          const r = await c.query<{ name: string }>('select name from kysely_migration order by name');
          return r.rows.map((row) => row.name);
        }),
      exec: (statements) =>
        withClient(databaseUrl, async (c) => {
          for (const s of statements) await c.query(s);
        }),
      dispose: () => withClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
    };
  },
};

/** Every engine, in the order their suites run. */
export const ENGINES: readonly Engine[] = [sqlite, postgres];
