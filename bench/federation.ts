// `node bench/federation.ts`: federation between two nodes (issue 5, item 8), each its own
// process and SQLite database on loopback.
//  1. Throughput: node A holds N objects (default 100,000) shared with the federation; node B
//     pulls them all from A's egress collection (signed by A, verified and ingested by B).
//  2. Delay from commit on A to visibility on B over 100 single objects, each uploaded through
//     A's API: commit = the version is stored and labelled on A; visible = stored and labelled
//     on B (its users can read it). Both nodes run `concord serve`, so B is nudged by A's signed
//     notification, as in production.
// Both nodes share this machine's cores, so the CPU time each side spends per object (all its
// threads, from /proc and process.cpuUsage) is printed beside the rate: it is what bounds it.
// Flags: --objects N, --singles N, --profile DIR (V8 CPU profiles of A's process and of B's
// main thread during the pull). Prints the figures and a JSON line.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI } from '../src/domain/identity/principal.ts';
import { ProcessNode } from '../test/helpers/federation-nodes.ts';
import { buildIndicator, bundle } from '../test/helpers/stix.ts';
import { percentile } from './util.ts';

const { values } = parseArgs({ options: { objects: { type: 'string' }, singles: { type: 'string' }, profile: { type: 'string' } } });
const N = Number(values.objects ?? 100_000);
const SINGLES = Number(values.singles ?? 100);

function indicator(i: number): Record<string, unknown> {
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return buildIndicator({ name: `federation bench ${i}`, pattern: `[ipv4-addr:value = '${ip}']` });
}

/** A read-only connection that tells when an object is stored and labelled (readable). */
function visibility(node: ProcessNode): (id: string) => boolean {
  const db = new Database(join(node.dataDir, 'concord.db'), { readonly: true });
  const st = db.prepare<[string], { n: number }>(
    'select count(*) as n from objects o join object_access a on a.seq = o.seq where o.id = ?',
  );
  return (id) => (st.get(id)?.n ?? 0) > 0;
}

/** Runs `fn` under the V8 profiler of this thread, writing the profile to `file` (--profile). */
async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (file === undefined) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

const a = new ProcessNode('NODE-A');
const b = new ProcessNode('NODE-B');
if (values.profile !== undefined) a.execArgv = ['--cpu-prof', '--cpu-prof-dir', values.profile];
try {
  await Promise.all([a.init(), b.init()]);
  let peerOnB = '';
  await a.withServices(async (s) => {
    await s.federation.peers.add(CLI, { url: b.url, key: b.publicKey, name: 'b', orgs: [b.orgId] });
    const owner = await s.importOwner(CLI, { tlp: 'green', distribution: 'federation' });
    const started = performance.now();
    for (let i = 0; i < N; i += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, N - i) }, (_, j) => indicator(i + j));
      await s.ingest.importStream([JSON.stringify(chunk)], { source: 'bench', owner });
    }
    console.log(`node A: ${N} objects imported in ${((performance.now() - started) / 1000).toFixed(1)} s (setup, not measured)`);
    // What `concord serve` does after each commit (jobs/peer-sync.job.ts): sign what peers may
    // receive, once, and keep the signed form; the pull then serves it as stored.
    const cpu = process.cpuUsage();
    const signing = performance.now();
    const { signed } = await s.federation.egress.presign(0);
    const used = process.cpuUsage(cpu);
    console.log(
      `node A: ${signed} versions signed at commit in ${((performance.now() - signing) / 1000).toFixed(1)} s, ${Math.round((used.user + used.system) / Math.max(1, signed))} µs CPU each (once per version, whatever the number of peers; not in the pull below)`,
    );
  });
  await b.withServices(async (s) => {
    peerOnB = (await s.federation.peers.add(CLI, { url: a.url, key: a.publicKey, name: 'a', orgs: [a.orgId] })).id;
  });
  await a.start();

  // 1. Throughput: B pulls everything, in this process.
  const pulled = await b.withServices(async (s) => {
    const cpuA = a.cpuSeconds();
    const cpuB = process.cpuUsage();
    const mainB = process.threadCpuUsage();
    const started = performance.now();
    const r = await profiled(values.profile === undefined ? undefined : join(values.profile, 'b-pull.cpuprofile'), () =>
      s.federation.sync.pull(peerOnB),
    );
    const seconds = (performance.now() - started) / 1000;
    const usedB = process.cpuUsage(cpuB);
    const usedMain = process.threadCpuUsage(mainB);
    return {
      r,
      seconds,
      cpuA: a.cpuSeconds() - cpuA,
      cpuB: (usedB.user + usedB.system) / 1e6,
      cpuBMain: (usedMain.user + usedMain.system) / 1e6,
    };
  });
  if (!pulled.r.ok) throw new Error(`pull failed: ${pulled.r.error}`);
  const throughput = Math.round(pulled.r.objects / pulled.seconds);
  const perObject = (cpu: number): number => Math.round((cpu * 1e6) / Math.max(1, pulled.r.objects));
  const cpuPerObject = { a: perObject(pulled.cpuA), b: perObject(pulled.cpuB), bMainThread: perObject(pulled.cpuBMain) };
  console.log(
    `pull A → B: ${pulled.r.objects} objects (${pulled.r.accepted} new) in ${pulled.seconds.toFixed(1)} s: ${throughput} objects/s (target ≥ 10,000) ${throughput >= 10_000 ? '[met]' : '[NOT met]'}`,
  );
  console.log(
    `CPU per object: A (serving) ${cpuPerObject.a} µs, B (pulling: fetch, verify, ingest) ${cpuPerObject.b} µs (main thread ${cpuPerObject.bMainThread}, other threads ${cpuPerObject.b - cpuPerObject.bMainThread}), total ${cpuPerObject.a + cpuPerObject.b} µs`,
  );

  // 2. Commit-to-visible delay, both nodes serving.
  await b.start();
  const onA = visibility(a);
  const onB = visibility(b);
  const delays: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 0; i < SINGLES; i++) {
    const o = buildIndicator({ name: `single ${i}` });
    const sent = performance.now();
    const res = await a.api('POST', '/api/v1/imports?tlp=green&distribution=federation', JSON.stringify(bundle([o])));
    if (res.status !== 202) throw new Error(`upload: ${res.status}`);
    let committed = 0;
    for (;;) {
      const now = performance.now();
      if (committed === 0 && onA(o.id)) committed = now;
      if (committed !== 0 && onB(o.id)) {
        delays.push(now - committed);
        endToEnd.push(now - sent);
        break;
      }
      if (now - sent > 30_000) throw new Error(`object ${i} not visible on B after 30 s\n${b.tail()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  delays.sort((x, y) => x - y);
  endToEnd.sort((x, y) => x - y);
  const p50 = percentile(delays, 50);
  const p95 = percentile(delays, 95);
  console.log(
    `commit on A → visible on B over ${SINGLES} objects: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target p50 < 1000 ms) ${p50 < 1000 ? '[met]' : '[NOT met]'}`,
  );
  console.log(
    `upload request on A → visible on B: p50 ${percentile(endToEnd, 50).toFixed(0)} ms, p95 ${percentile(endToEnd, 95).toFixed(0)} ms`,
  );
  console.log(
    JSON.stringify({
      objects: pulled.r.objects,
      seconds: pulled.seconds,
      objectsPerSecond: throughput,
      cpuMicrosPerObject: cpuPerObject,
      delayMs: { p50, p95 },
      uploadToVisibleMs: { p50: percentile(endToEnd, 50), p95: percentile(endToEnd, 95) },
    }),
  );
} finally {
  // A's profile is written when its process exits normally.
  if (values.profile !== undefined) await a.stop('SIGTERM');
  await a.dispose();
  await b.dispose();
}
