// `node bench/federation.ts`: federation between two nodes (issue 5, item 8), each its own
// process and SQLite database on loopback.
//  1. Throughput: node A holds N objects (default 100,000) shared with the federation; node B
//     pulls them all from A's egress collection (signed by A, verified and ingested by B).
//  2. Delay from commit on A to visibility on B over 100 single objects, each uploaded through
//     A's API: commit = the version is stored and labelled on A; visible = stored and labelled
//     on B (its users can read it). Both nodes run `concord serve`, so B is nudged by A's signed
//     notification, as in production.
// Flags: --objects N, --singles N. Prints the figures and a JSON line.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI } from '../src/domain/identity/principal.ts';
import { ProcessNode } from '../test/helpers/federation-nodes.ts';
import { buildIndicator, bundle } from '../test/helpers/stix.ts';

const { values } = parseArgs({ options: { objects: { type: 'string' }, singles: { type: 'string' } } });
const N = Number(values.objects ?? 100_000);
const SINGLES = Number(values.singles ?? 100);

function indicator(i: number): Record<string, unknown> {
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return buildIndicator({ name: `federation bench ${i}`, pattern: `[ipv4-addr:value = '${ip}']` });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A read-only connection that tells when an object is stored and labelled (readable). */
function visibility(node: ProcessNode): (id: string) => boolean {
  const db = new Database(join(node.dataDir, 'concord.db'), { readonly: true });
  const st = db.prepare<[string], { n: number }>('select count(*) as n from objects o join object_access a on a.seq = o.seq where o.id = ?');
  return (id) => (st.get(id)?.n ?? 0) > 0;
}

const a = new ProcessNode('NODE-A');
const b = new ProcessNode('NODE-B');
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
  });
  await b.withServices(async (s) => {
    peerOnB = (await s.federation.peers.add(CLI, { url: a.url, key: a.publicKey, name: 'a', orgs: [a.orgId] })).id;
  });
  await a.start();

  // 1. Throughput: B pulls everything, in this process.
  const pulled = await b.withServices(async (s) => {
    const started = performance.now();
    const r = await s.federation.sync.pull(peerOnB);
    return { r, seconds: (performance.now() - started) / 1000 };
  });
  if (!pulled.r.ok) throw new Error(`pull failed: ${pulled.r.error}`);
  const throughput = Math.round(pulled.r.objects / pulled.seconds);
  console.log(`pull A → B: ${pulled.r.objects} objects (${pulled.r.accepted} new) in ${pulled.seconds.toFixed(1)} s: ${throughput} objects/s (target ≥ 10,000) ${throughput >= 10_000 ? '[met]' : '[NOT met]'}`);

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
  console.log(`commit on A → visible on B over ${SINGLES} objects: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target p50 < 1000 ms) ${p50 < 1000 ? '[met]' : '[NOT met]'}`);
  console.log(`upload request on A → visible on B: p50 ${percentile(endToEnd, 50).toFixed(0)} ms, p95 ${percentile(endToEnd, 95).toFixed(0)} ms`);
  console.log(JSON.stringify({ objects: pulled.r.objects, seconds: pulled.seconds, objectsPerSecond: throughput, delayMs: { p50, p95 }, uploadToVisibleMs: { p50: percentile(endToEnd, 50), p95: percentile(endToEnd, 95) } }));
} finally {
  await a.dispose();
  await b.dispose();
}
