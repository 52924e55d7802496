// `node bench/sightings.ts [--indicators N] [--values V] [--batch B] [--match-every M]
// [--concurrency C] [--out DIR] [--keep]` (or `npm run bench -- sightings`): issue 17, must 10
// (a). A SQLite store of N indicators (default 1,000,000; one IPv4 value each, TLP:GREEN to the
// federation, inserted straight into the store as bench/incidents.ts does), then, over HTTP
// against a `concord serve` of it, V observed values (default 1,000,000; one in M, default 10,
// held by an indicator) sent in batches of B (default 1,000, the API's largest), C requests at
// a time (default 2): first through POST /api/v1/lookup (the baseline: matching alone), then
// through POST /api/v1/sightings/batch (matching, and a sighting recorded per match). Prints
// values/s, p50 and p95 per batch and the server's CPU per value of each; record them in
// bench/RESULTS.md. --keep measures the last run's store again (its sightings stay).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import type { AccessLabel } from '../src/domain/access/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { prepare } from '../src/domain/ingest/examine.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { cpuSeconds, root, startNode, percentile } from './util.ts';

const { values: args } = parseArgs({
  options: {
    indicators: { type: 'string' },
    values: { type: 'string' },
    batch: { type: 'string' },
    'match-every': { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const indicators = Number(args.indicators ?? 1_000_000);
const observed = Number(args.values ?? 1_000_000);
const batchSize = Math.min(1000, Number(args.batch ?? 1000));
const matchEvery = Number(args['match-every'] ?? 10);
const concurrency = Number(args.concurrency ?? 2);
const out = resolve(args.out ?? join(root, 'bench', 'out', 'sightings'));
const dataDir = join(out, 'data');
const tokenFile = join(out, 'token.txt');
const keep = args.keep === true && existsSync(tokenFile);

/** The IPv4 value of indicator `i`, in 10.0.0.0/8 (16 M distinct). */
const heldValue = (i: number): string => `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;

/** Observed value `j`: one in `matchEvery` held by an indicator (scattered), the rest in
 *  172.16.0.0/12, which no indicator holds. */
function observedValue(j: number): string {
  if (j % matchEvery === 0) return heldValue((Math.imul(j + 1, 2654435761) >>> 0) % indicators);
  return `172.${16 + ((j >>> 16) & 15)}.${(j >>> 8) & 255}.${j & 255}`;
}

function indicator(i: number, at: string): StixObject {
  const value = heldValue(i);
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `Scanner ${value}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: at,
    object_marking_refs: [TLP2_MARKING_IDS.green],
  };
}

/** The store: one organisation, N indicators, an analyst's read-write token. */
async function prepareStore(): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const node = await buildApp({ config: parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent' }), logger: false });
  const s = node.services;
  await s.bootstrap();
  const org = await s.orgs.addOrg(CLI, { name: `Bench sighter ${Date.now()}`, country: 'EE', sectors: ['energy'] });
  const label: AccessLabel = { ownerOrg: org.id, tlp: 'green', distribution: { kind: 'federation' } };
  const t = Date.now();
  const at = new Date().toISOString();
  let batch: PreparedObject[] = [];
  const flush = async (): Promise<void> => {
    await node.store.objects.insertBatch(
      batch,
      batch.map(() => label),
      { bulk: true },
    );
    batch = [];
  };
  for (let i = 0; i < indicators; i++) {
    const o = indicator(i, at);
    batch.push(prepare(o, JSON.stringify(o)));
    if (batch.length >= 2000) await flush();
    if ((i + 1) % 100_000 === 0)
      process.stderr.write(`${(i + 1).toLocaleString('en')} indicators, ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
  }
  if (batch.length > 0) await flush();
  await node.store.objects.settled?.();
  process.stderr.write(`stored ${indicators.toLocaleString('en')} indicators in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  const { user } = await s.users.addUser(CLI, {
    orgId: org.id,
    username: `sighter-${Date.now()}`,
    password: 'bench bench bench 1',
    roles: ['analyst'],
  });
  const { secret } = await s.users.createToken(CLI, { userId: user.id, name: 'bench', scope: 'read-write' });
  await writeFile(tokenFile, secret);
  await node.close();
}

interface Figures {
  valuesPerSecond: number;
  p50: number;
  p95: number;
  cpuMicrosPerValue: number | undefined;
  /** Lookup: values with a match; sightings: sightings recorded. */
  hits: number;
}

/** Sends every observed value in batches to `path`, `concurrency` requests at a time. */
async function run(
  base: string,
  token: string,
  path: string,
  body: (values: string[]) => unknown,
  hits: (answer: unknown) => number,
  pid: number | undefined,
): Promise<Figures> {
  const ms: number[] = [];
  let next = 0;
  let found = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const from = next;
      if (from >= observed) return;
      next += batchSize;
      const values = Array.from({ length: Math.min(batchSize, observed - from) }, (_, k) => observedValue(from + k));
      const t = process.hrtime.bigint();
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body(values)),
      });
      const text = await res.text();
      if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      found += hits(JSON.parse(text));
    }
  };
  const before = cpuSeconds(pid);
  const t = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - t) / 1000;
  const after = cpuSeconds(pid);
  ms.sort((a, b) => a - b);
  return {
    valuesPerSecond: observed / seconds,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    cpuMicrosPerValue: before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / observed,
    hits: found,
  };
}

if (!keep) await prepareStore();
const token = (await readFile(tokenFile, 'utf8')).trim();
const { base, server } = await startNode(dataDir);
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${new Date().toISOString()}`,
  `${indicators.toLocaleString('en')} indicators; ${observed.toLocaleString('en')} observed values (1 in ${matchEvery} held), batches of ${batchSize}, ${concurrency} requests at a time, over HTTP`,
  '| call | values/s | p50 ms/batch | p95 ms/batch | server CPU µs/value | matched values / sightings recorded |',
  '|---|---|---|---|---|---|',
];
const row = (name: string, f: Figures): string =>
  `| ${name} | ${Math.round(f.valuesPerSecond).toLocaleString('en')} | ${f.p50.toFixed(0)} | ${f.p95.toFixed(0)} | ${f.cpuMicrosPerValue?.toFixed(0) ?? '—'} | ${f.hits.toLocaleString('en')} |`;
try {
  const lookup = await run(
    base,
    token,
    '/api/v1/lookup',
    (values) => ({ values }),
    (a) => (a as { results: { matches: unknown[] }[] }).results.filter((r) => r.matches.length > 0).length,
    server.pid,
  );
  lines.push(row('baseline: lookup (`POST /lookup`)', lookup));
  const sightings = await run(
    base,
    token,
    '/api/v1/sightings/batch',
    (values) => ({ observed: values.map((value) => ({ value })), disclosure: 'anonymous' }),
    (a) => (a as { recorded: number }).recorded,
    server.pid,
  );
  lines.push(row('batch sightings (`POST /sightings/batch`, anonymous)', sightings));
} finally {
  server.kill('SIGTERM');
  console.log(lines.join('\n'));
}
