// `node bench/incidents.ts [--incidents N] [--requests R] [--out DIR] [--keep]` (or `npm run
// bench -- incidents`): the incidents list of issue 16 (must 5) on a SQLite store of N incidents
// (default 100,000), each with two events, a task and an early-warning report (4 N more
// objects), spread over 200 entities of one CSIRT's constituency. Objects are prepared and
// inserted straight into the store (as bench/store-insert.ts does), then projected by
// IncidentService.catchUp(). A `concord serve` of the store then answers, over HTTP, R sequential
// requests per path (default 200, after a warm-up) for a CSIRT analyst who sees every incident:
// the list filtered to overdue stages, the list unfiltered, the list by next deadline, the
// dashboard's panels, and the plain object list as the baseline. The first answer's time, p50
// and p95 are printed (the panels' counts are computed once per projection state and minute);
// record them in bench/RESULTS.md. --keep measures the last run's store again.
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
import type { Org } from '../src/domain/identity/types.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { prepare } from '../src/domain/ingest/examine.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import type { Services } from '../src/services/index.ts';
import type { Store } from '../src/store/repositories.ts';
import { incidentObjects } from './incidents-data.ts';
import { cpuSeconds, root, startNode, percentile } from './util.ts';

const { values } = parseArgs({
  options: { incidents: { type: 'string' }, requests: { type: 'string' }, out: { type: 'string' }, keep: { type: 'boolean' } },
});
const count = Number(values.incidents ?? 100_000);
const requests = Number(values.requests ?? 200);
const out = resolve(values.out ?? join(root, 'bench', 'out', 'incidents'));
const dataDir = join(out, 'data');
const tokenFile = join(out, 'token.txt');
const keep = values.keep === true && existsSync(tokenFile);
const ENTITIES = 200;
const COUNTRIES = ['DE', 'FR', 'NL', 'AT', 'BE', 'DK', 'PL', 'IT', 'ES', 'SE'];
const SECTORS = ['energy/electricity', 'transport/rail', 'health', 'banking', 'drinking-water', 'digital-infrastructure', 'space'];

/** The CSIRT, its entities and their constituency groups, straight into the store. */
async function constituency(store: Store, s: Services): Promise<{ csirt: Org; entities: Org[] }> {
  const csirt = { ...(await s.orgs.addOrg(CLI, { name: `Bench CSIRT ${Date.now()}`, communities: [] })), nis2Role: 'csirt' as const };
  await store.orgs.putOrg(csirt);
  const entities: Org[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < ENTITIES; i++) {
    const made = await s.orgs.addOrg(CLI, { name: `Bench entity ${i} ${Date.now()}`, communities: [] });
    const e: Org = {
      ...made,
      nis2Role: i % 3 === 0 ? 'important' : 'essential',
      sectors: [SECTORS[i % SECTORS.length] ?? 'energy'],
      csirtOrg: csirt.id,
      country: COUNTRIES[i % COUNTRIES.length] ?? 'DE',
    };
    await store.orgs.putOrg(e);
    await store.orgs.putSharingGroup({
      id: constituencyGroupId(e.id),
      name: `Constituency of ${e.name}`,
      description: '',
      ownerOrg: csirt.id,
      members: [e.id, csirt.id],
      disabled: false,
      createdAt: at,
      updatedAt: at,
      origin: null,
    });
    entities.push(e);
  }
  return { csirt, entities };
}

/** Inserts the incidents and their work, labelled as their entity's, in batches. */
async function load(store: Store, entities: Org[]): Promise<number> {
  const now = Date.now();
  let batch: PreparedObject[] = [];
  let labels: AccessLabel[] = [];
  let stored = 0;
  const flush = async (): Promise<void> => {
    await store.objects.insertBatch(batch, labels, { bulk: true });
    stored += batch.length;
    batch = [];
    labels = [];
  };
  for (let i = 0; i < count; i++) {
    const entity = entities[i % entities.length] as Org;
    const label: AccessLabel = {
      ownerOrg: entity.id,
      tlp: 'amber+strict',
      distribution: { kind: 'sharing-group', id: constituencyGroupId(entity.id) },
    };
    for (const o of incidentObjects(i, count, now, randomUUID)) {
      const json = JSON.stringify(o);
      batch.push(prepare(o as StixObject, json));
      labels.push(label);
    }
    if (batch.length >= 2000) await flush();
  }
  if (batch.length > 0) await flush();
  await store.objects.settled?.();
  return stored;
}

async function prepareStore(): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const node = await buildApp({ config: parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent' }), logger: false });
  const s = node.services;
  await s.bootstrap();
  const { csirt, entities } = await constituency(node.store, s);
  let t = Date.now();
  const stored = await load(node.store, entities);
  process.stderr.write(`stored ${stored.toLocaleString('en')} objects in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  t = Date.now();
  await s.incidents.catchUp();
  process.stderr.write(`projected ${count.toLocaleString('en')} incidents in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  const { user } = await s.users.addUser(CLI, {
    orgId: csirt.id,
    username: `csirt-analyst-${Date.now()}`,
    password: 'bench bench bench 1',
    roles: ['analyst'],
  });
  const { secret } = await s.users.createToken(CLI, { userId: user.id, name: 'bench', scope: 'read' });
  await writeFile(tokenFile, secret);
  await node.close();
}

/** R sequential GETs of `path` after a warm-up: p50, p95 and the items of the first answer. */
async function time(
  base: string,
  token: string,
  path: string,
  pid: number | undefined,
): Promise<{ first: number; p50: number; p95: number; cpu: number | undefined; items: number }> {
  const get = async (): Promise<{ ms: number; body: string }> => {
    const t = process.hrtime.bigint();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, body };
  };
  const answer = await get();
  const first = JSON.parse(answer.body) as { items?: unknown[]; objects?: unknown[]; bySector?: unknown[] };
  for (let i = 0; i < 10; i++) await get();
  const ms: number[] = [];
  // The server's CPU time per request: on a machine shared with other work, latency moves with
  // the load while CPU per request stays put (bench/run.ts measures the same way).
  const before = cpuSeconds(pid);
  for (let i = 0; i < requests; i++) ms.push((await get()).ms);
  const after = cpuSeconds(pid);
  ms.sort((a, b) => a - b);
  return {
    first: answer.ms,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    cpu: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / requests,
    items: (first.items ?? first.objects ?? first.bySector)?.length ?? 0,
  };
}

if (!keep) await prepareStore();
const token = (await readFile(tokenFile, 'utf8')).trim();
const { base, server } = await startNode(dataDir);
const PATHS: [string, string][] = [
  ['incidents, overdue stages', '/api/v1/incidents?stageStatus=overdue&limit=50'],
  ['incidents, unfiltered', '/api/v1/incidents?limit=50'],
  ['incidents, by next deadline', '/api/v1/incidents?sort=due&limit=50'],
  ['incidents, due within 24 h', '/api/v1/incidents?dueWithinHours=24&limit=50'],
  ['incidents, high severity in DE', '/api/v1/incidents?severity=high&country=DE&limit=50'],
  ['incident panels (30 days)', '/api/v1/incidents/panels'],
  ['baseline: objects list', '/api/v1/objects?limit=50'],
];
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${new Date().toISOString()}`,
  `${count.toLocaleString('en')} incidents, ${(count * 4).toLocaleString('en')} events, tasks and reports; ${requests} sequential requests per path over HTTP, CSIRT analyst (sees every incident)`,
  '| request | first ms | p50 ms | p95 ms | server CPU ms/request | items on the page |',
  '|---|---|---|---|---|---|',
];
try {
  for (const [name, path] of PATHS) {
    const r = await time(base, token, path, server.pid);
    lines.push(
      `| ${name} (\`${path.replace('/api/v1', '')}\`) | ${r.first.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.cpu?.toFixed(1) ?? '—'} | ${r.items} |`,
    );
  }
} finally {
  server.kill('SIGTERM');
}
console.log(lines.join('\n'));
