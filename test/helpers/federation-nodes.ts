// Concord nodes as separate processes for the federation end-to-end test (issue 5, item 7):
// each with its own data directory (SQLite) or its own fresh PostgreSQL database, configured
// in-process before it serves, started and killed as `concord serve`, and inspected directly in
// its database.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseConfig } from '../../src/config.ts';
import { CLI } from '../../src/domain/identity/principal.ts';
import { buildServices, type Services } from '../../src/services/index.ts';
import { openStore } from '../../src/store/index.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'concord.js');

/** A free TCP port on loopback (closed again at once; the node binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** A fresh PostgreSQL database under `baseUrl`; returns its URL and how to drop it. */
export async function freshDatabase(baseUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}"`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** One node: configuration, process and database. */
export class ProcessNode {
  readonly name: string;
  readonly env: Record<string, string>;
  dataDir = '';
  port = 0;
  url = '';
  token = '';
  orgId = '';
  keyId = '';
  publicKey = '';
  /** Node.js options of the served process (`--cpu-prof`, in benchmarks). */
  execArgv: string[] = [];
  private child: ChildProcess | undefined;
  private log = '';
  private readonly databaseUrl: string | undefined;

  constructor(name: string, databaseUrl?: string) {
    this.name = name;
    this.databaseUrl = databaseUrl;
    this.env = {
      PATH: process.env['PATH'] ?? '',
      CONCORD_ORG_NAME: name,
      CONCORD_LOG_LEVEL: 'info',
      ...(databaseUrl ? { CONCORD_DATABASE_URL: databaseUrl } : {}),
    };
  }

  get engine(): 'sqlite' | 'postgres' {
    return this.databaseUrl ? 'postgres' : 'sqlite';
  }

  /** Creates the node (first start): organisation, administrator token, key pair. */
  async init(): Promise<void> {
    this.dataDir = await mkdtemp(join(tmpdir(), `concord-${this.name.toLowerCase()}-`));
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    await this.withServices(async (s) => {
      const boot = await s.bootstrap();
      this.orgId = boot.org.id;
      const admin = (await s.users.listUsers(CLI)).find((u) => u.username === 'admin');
      this.token = (await s.users.createToken(CLI, { userId: admin?.id ?? '', name: 'e2e', scope: 'read-write' })).secret;
      const id = await s.federation.node.identity();
      this.keyId = id.keyId;
      this.publicKey = id.publicKey;
    });
  }

  /** Runs `fn` on the node's services in this process (the node must not be writing meanwhile). */
  async withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
    const store = await openStore({ dataDir: this.dataDir, ...(this.databaseUrl ? { databaseUrl: this.databaseUrl } : {}) });
    const services = buildServices(store, parseConfig({ dataDir: this.dataDir }, { ...this.env, CONCORD_LOG_LEVEL: 'silent' }));
    try {
      return await fn(services);
    } finally {
      await services.settle();
      await store.close();
    }
  }

  /** `concord serve` on the node's port; resolves once it listens. */
  start(): Promise<void> {
    const child = spawn(process.execPath, [...this.execArgv, BIN, 'serve', '--port', String(this.port), '--data-dir', this.dataDir], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    return new Promise((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`${this.name} did not start: ${out}`)), 60_000);
      const read = (d: Buffer): void => {
        out += d.toString();
        this.log = (this.log + d.toString()).slice(-20_000);
        if (/listening on http/.test(out)) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${this.name} exited with ${code}: ${out}`));
      });
    });
  }

  /** Stops the process: SIGKILL (no chance to finish anything) or SIGTERM. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }

  /** CPU seconds (user + system, all threads) the served process has used so far (Linux /proc). */
  cpuSeconds(): number {
    const pid = this.child?.pid;
    if (pid === undefined) return NaN;
    // /proc/<pid>/stat: fields 14 and 15 are utime and stime in clock ticks (proc(5)); the
    // command name (field 2) is in parentheses and may hold spaces, so count after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** The last lines the process printed (for failure messages). */
  tail(): string {
    return this.log.slice(-3000);
  }

  /** An API call as the node's administrator. */
  api(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
    return this.call(`Bearer ${this.token}`, method, path, body, contentType);
  }

  /** An API call with this Authorization header (another user's token). */
  async call(
    authorization: string,
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  /** Rows of a query on the node's database (`?` placeholders, both engines). */
  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (this.databaseUrl) {
      const c = new pg.Client({ connectionString: this.databaseUrl });
      await c.connect();
      try {
        let i = 0;
        return (
          await c.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows as R[];
      } finally {
        await c.end();
      }
    }
    const db = new Database(join(this.dataDir, 'concord.db'));
    try {
      db.pragma('busy_timeout = 5000');
      const st = db.prepare(sql);
      if (!st.reader) {
        st.run(...params);
        return [];
      }
      return st.all(...params) as R[];
    } finally {
      db.close();
    }
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL').catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
