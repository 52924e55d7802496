// `node bench/run.ts --write-only` (or `node bench/write.ts`): the write API (issue 15, must 4),
// sequential single-object creates through `app.inject` — validation, reference and label
// checks, the ingest path, the audit entry and the read-back — beside `GET /api/v1/health`
// injects in the same process and run (the cost of Fastify, authentication and the response
// alone). SQLite in a temporary directory. Flags: --writes N (default 2,000). Prints the
// figures and a JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { openStore } from '../src/store/index.ts';

const { values } = parseArgs({ options: { writes: { type: 'string' } } });
const N = Number(values.writes ?? 2000);

const dataDir = await mkdtemp(join(tmpdir(), 'concord-bench-write-'));
const node = await buildApp({
  config: parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent' }),
  store: await openStore({ dataDir }),
  logger: false,
});
await node.services.bootstrap();
const admin = (await node.services.users.listUsers(CLI)).find((u) => u.username === 'admin');
const { secret } = await node.services.users.createToken(CLI, { userId: admin?.id ?? '', name: 'bench', scope: 'read-write' });
const headers = { authorization: `Bearer ${secret}` };

function indicator(i: number): Record<string, unknown> {
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return {
    type: 'indicator',
    name: `write bench ${i}`,
    pattern: `[ipv4-addr:value = '${ip}']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
  };
}

interface Figures {
  n: number;
  seconds: number;
  perSecond: number;
  micros: number;
  cpuMicros: number;
}

async function measure(n: number, one: (i: number) => Promise<void>): Promise<Figures> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await one(i);
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    n,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(n / seconds),
    micros: Math.round((seconds * 1e6) / n),
    cpuMicros: Math.round((used.user + used.system) / n),
  };
}

const create = async (i: number): Promise<void> => {
  const res = await node.app.inject({ method: 'POST', url: '/api/v1/objects', headers, payload: { object: indicator(i) } });
  if (res.statusCode !== 201) throw new Error(`write ${i}: ${res.statusCode} ${res.body}`);
};
const health = async (): Promise<void> => {
  const res = await node.app.inject({ method: 'GET', url: '/api/v1/health', headers });
  if (res.statusCode !== 200) throw new Error(`health: ${res.statusCode}`);
};

// Warm-up: the JIT, the statement caches and the marking registry.
await measure(100, (i) => create(N + i));
await measure(1000, health);
const health1 = await measure(Math.max(N, 5000), health);
const writes = await measure(N, create);
const health2 = await measure(Math.max(N, 5000), health);
await node.close();
await rm(dataDir, { recursive: true, force: true });

const baseline = health1.perSecond < health2.perSecond ? health1 : health2;
console.log(`write API, ${N} sequential creates through app.inject (SQLite)`);
console.log(`  creates          ${writes.perSecond} objects/s, ${writes.micros} µs per write (${writes.cpuMicros} µs CPU)`);
console.log(`  GET /health      ${baseline.perSecond} requests/s, ${baseline.micros} µs per request (the slower of two runs)`);
console.log(JSON.stringify({ writes, health: baseline }));
