// `node bench/correlation.ts [--indicators N] [--values V] [--reads R] [--engine sqlite|postgres|both]
// [--database-url URL] [--out DIR]` (or `npm run bench -- correlation`): issue 17, must 10 (c).
// N indicators (default 1,000,000; CONCORD_BENCH_CORRELATION_INDICATORS) share V observable
// values (default N / 10; CONCORD_BENCH_CORRELATION_VALUES), each value carried by N / V of them.
// Reported: the bytes correlation uses of its own (tables and indexes it adds: none, since "also
// seen in" reads the observables index) against the size of the observables index itself
// (SQLite: dbstat of the index file's `observables` tree and `observables_seq` index; PostgreSQL:
// pg_relation_size and pg_indexes_size of `observables`), and the time of an "also seen in" read
// (GET /api/v1/objects/{id}/correlations through app.inject, an analyst of the owning
// organisation, R reads of random indicators after a warm-up). PostgreSQL runs when a database
// URL is given (--database-url or CONCORD_BENCH_DATABASE_URL): a fresh database is created,
// ANALYZEd after the load (as autovacuum would be soon after) and dropped. Record the figures in bench/RESULTS.md.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { buildApp, type ConcordApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { Correlation } from '../src/domain/correlation/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import { openStore } from '../src/store/index.ts';
import { INDEX_FILE } from '../src/store/sqlite/index-file.ts';
import { generateIndicator } from './store-insert.ts';
import { root } from './util.ts';

const { values: flags } = parseArgs({
  options: {
    indicators: { type: 'string' },
    values: { type: 'string' },
    reads: { type: 'string' },
    engine: { type: 'string' },
    'database-url': { type: 'string' },
    out: { type: 'string' },
  },
});
const count = Number(flags.indicators ?? process.env['CONCORD_BENCH_CORRELATION_INDICATORS'] ?? 1_000_000);
const shared = Number(flags.values ?? process.env['CONCORD_BENCH_CORRELATION_VALUES'] ?? Math.max(1, Math.round(count / 10)));
const reads = Number(flags.reads ?? 200);
const databaseUrl = flags['database-url'] ?? process.env['CONCORD_BENCH_DATABASE_URL'];
const engines =
  flags.engine === undefined
    ? databaseUrl
      ? ['sqlite', 'postgres']
      : ['sqlite']
    : flags.engine === 'both'
      ? ['sqlite', 'postgres']
      : [flags.engine];
const out = resolve(flags.out ?? join(root, 'bench', 'out', 'correlation'));

interface Sizes {
  /** The observables index: its table (on SQLite the primary-key tree) and its indexes. */
  observablesTable: number;
  observablesIndexes: number;
  /** Tables and indexes whose name says correlation: what correlation adds to the store. */
  correlation: number;
}

interface Figures {
  engine: string;
  loadSeconds: number;
  sizes: Sizes;
  p50: number;
  p95: number;
  /** Values and other objects in the last answer (a check that the read did the work). */
  answer: string;
}

/** Inserts the indicators, labelled TLP:GREEN for the federation, owned by `orgId`; returns sample ids. */
async function load(node: ConcordApp, orgId: string): Promise<string[]> {
  const label: AccessLabel = { ownerOrg: orgId, tlp: 'green', distribution: { kind: 'federation' } };
  const sample: string[] = [];
  const every = Math.max(1, Math.floor(count / Math.max(reads * 4, 1)));
  let batch: PreparedObject[] = [];
  for (let i = 0; i < count; i++) {
    // Indicator i carries value i mod V: each value is carried by count / V indicators.
    const o = generateIndicator(i % shared);
    if (i % every === 0) sample.push(o.id);
    batch.push(o);
    if (batch.length === 5000 || i === count - 1) {
      await node.store.objects.insertBatch(
        batch,
        batch.map(() => label),
        { bulk: true },
      );
      batch = [];
      if ((i + 1) % 100_000 === 0) process.stderr.write(`  ${(i + 1).toLocaleString('en')} indicators\n`);
    }
  }
  await node.store.objects.settled?.();
  return sample;
}

/** SQLite: page bytes per tree of the index file (dbstat), the store closed. */
function sqliteSizes(dataDir: string): Sizes {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  try {
    const rows = db.prepare<[], { name: string; bytes: number }>('select name, sum(pgsize) as bytes from dbstat group by name').all();
    const size = (name: string) => rows.find((r) => r.name === name)?.bytes ?? 0;
    const correlation = rows.filter((r) => r.name.includes('correlation')).reduce((n, r) => n + r.bytes, 0);
    // `observables` is WITHOUT ROWID: its primary key (kind, value, seq) is the table's tree.
    return { observablesTable: size('observables'), observablesIndexes: size('observables_seq'), correlation };
  } finally {
    db.close();
  }
}

async function postgresSizes(url: string): Promise<Sizes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sizes = await client.query<{ t: string; i: string; c: string }>(
      `select pg_relation_size('observables') as t, pg_indexes_size('observables') as i,
         coalesce((select sum(pg_total_relation_size(oid)) from pg_class where relname like '%correlation%'), 0) as c`,
    );
    const r = sizes.rows[0];
    return { observablesTable: Number(r?.t ?? 0), observablesIndexes: Number(r?.i ?? 0), correlation: Number(r?.c ?? 0) };
  } finally {
    await client.end();
  }
}

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** Times R "also seen in" reads of sample indicators. */
async function timeReads(node: ConcordApp, token: string, sample: string[]): Promise<{ p50: number; p95: number; answer: string }> {
  const read = async (id: string): Promise<{ ms: number; body: Correlation }> => {
    const t = process.hrtime.bigint();
    const res = await node.app.inject({
      method: 'GET',
      url: `/api/v1/objects/${id}/correlations`,
      headers: { authorization: `Bearer ${token}` },
    });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (res.statusCode !== 200) throw new Error(`correlations of ${id}: ${res.statusCode} ${res.body}`);
    return { ms, body: res.json() as Correlation };
  };
  for (const id of sample.slice(0, 20)) await read(id);
  const ms: number[] = [];
  let last: Correlation | undefined;
  for (let i = 0; i < reads; i++) {
    const r = await read(sample[(i * 7919) % sample.length] as string);
    ms.push(r.ms);
    last = r.body;
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? 0;
  const v = last?.values[0];
  return {
    p50: at(50),
    p95: at(95),
    answer: v ? `${last?.values.length} value(s); ${v.value}: ${v.objects} other objects, ${v.seenIn.length} listed` : 'no values',
  };
}

async function run(engine: string): Promise<Figures> {
  const dataDir = join(out, engine);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  let url: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    if (!databaseUrl) throw new Error('PostgreSQL needs --database-url or CONCORD_BENCH_DATABASE_URL');
    const name = `concord_bench_corr_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    const config = parseConfig({ dataDir, ...(url ? { databaseUrl: url } : {}) }, { CONCORD_LOG_LEVEL: 'silent' });
    const store = await openStore({ dataDir, ...(url ? { databaseUrl: url } : {}) });
    const node = await buildApp({ config, store, logger: false });
    const boot = await node.services.bootstrap();
    const { user } = await node.services.users.addUser(CLI, {
      orgId: boot.org.id,
      username: 'bench-analyst',
      password: 'correct horse battery staple',
      roles: ['analyst'],
    });
    const { secret } = await node.services.users.createToken(CLI, { userId: user.id, name: 'bench', scope: 'read' });
    const t0 = process.hrtime.bigint();
    const sample = await load(node, boot.org.id);
    const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    // Planner statistics, as autovacuum gathers them a minute or so after a large load: without
    // them PostgreSQL estimates an id lookup at 0.5% of `objects` and reads every latest version
    // to answer it (the first 1,000,000 run measured that, bench/RESULTS.md).
    if (url) await analyze(url);
    const timed = await timeReads(node, secret, sample);
    await node.close();
    const sizes = engine === 'sqlite' ? sqliteSizes(dataDir) : await postgresSizes(url as string);
    return { engine, loadSeconds, sizes, ...timed };
  } finally {
    await dropDb?.();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${new Date().toISOString()}`,
  `${count.toLocaleString('en')} indicators sharing ${shared.toLocaleString('en')} values (${(count / shared).toFixed(0)} carriers per value); ${reads} "also seen in" reads (GET /objects/{id}/correlations, app.inject) after 20 warm-up reads`,
  '| engine | load s | observables table | observables indexes | index total | correlation adds | adds / index | also seen in p50 ms | p95 ms | last answer |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const engine of engines) {
  process.stderr.write(`${engine}: loading ${count.toLocaleString('en')} indicators…\n`);
  const f = await run(engine);
  const index = f.sizes.observablesTable + f.sizes.observablesIndexes;
  lines.push(
    `| ${f.engine} | ${f.loadSeconds.toFixed(0)} | ${mib(f.sizes.observablesTable)} | ${mib(f.sizes.observablesIndexes)} | ${mib(index)} | ${f.sizes.correlation} bytes | ${(f.sizes.correlation / index).toFixed(2)} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.answer} |`,
  );
}
lines.push('target (issue 17, must 10 c): correlation uses no more bytes than the observables index itself');
console.log(lines.join('\n'));
