// The TAXII benchmark of issue 4 §4, run by bench/run.ts (`--taxii-only` reuses the store of a
// previous `--keep` run). On the store of the ingest benchmark (1,000,000 objects):
// - baseline: `concord export` of the same store, to /dev/null (the store's streaming export);
// - served: one client paging a collection of every object, 1,000 objects a page
//   (bench/taxii-child.ts serve), with the server's CPU time per object from /proc; the client
//   asks for the next page as soon as its `next` has arrived. Also measured strictly one
//   request at a time (serve-strict), where the rate includes the client's receiving time;
// - pulled: the Concord feed client pulling that collection into a second, empty node
//   (bench/taxii-child.ts pull), the first `pullObjects` objects only: a pull ingests, and
//   ingest runs at ~10,000 objects/s here, so all of it would take minutes per run.
import { rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { adminToken, child, cpuSeconds, lastLine, startNode } from './util.ts';

/** The alias of the benchmark's collection: a saved query with no filter, readable by all. */
const COLLECTION = 'bench-all';

export interface TaxiiFigures {
  lines: string[];
  baseline: Record<string, number>;
  served: Record<string, number>;
  servedStrict: Record<string, number>;
  pulled: Record<string, number> | undefined;
}

/** Latest versions in the store: what the collection holds (read straight from the file). */
function latestCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'concord.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM objects WHERE latest = 1').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function ensureCollection(dataDir: string): Promise<void> {
  const common = ['--data-dir', dataDir, '--log-level', 'warn'];
  try {
    await child('src/cli/main.ts', ['collection', 'show', COLLECTION, ...common], { stderr: true });
  } catch {
    await child('src/cli/main.ts', [
      'collection',
      'add',
      '--title',
      'Benchmark: every object',
      '--alias',
      COLLECTION,
      '--read',
      '*',
      ...common,
    ]);
  }
}

/** `concord export` as a user runs it, timed from the outside (process start included). */
async function exportBaseline(dataDir: string): Promise<Record<string, number>> {
  const started = process.hrtime.bigint();
  const out = await child('src/cli/main.ts', ['export', '--out', '/dev/null', '--data-dir', dataDir, '--log-level', 'warn'], {
    stderr: true,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const objects = Number(/exported (\d+) objects/.exec(out)?.[1] ?? Number.NaN);
  return { objects, seconds, perSecond: Math.round(objects / seconds) };
}

function rate(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** Runs the three measurements on `dataDir`; `auth` is a Bearer header value, or undefined for a new admin token. */
export async function taxiiBench(
  dataDir: string,
  outDir: string,
  options: { auth?: string | undefined; pullObjects: number },
): Promise<TaxiiFigures> {
  await ensureCollection(dataDir);
  const auth = options.auth ?? (await adminToken(dataDir, 'bench-taxii'));
  const held = latestCount(dataDir);
  const baseline = await exportBaseline(dataDir);
  const { base, server } = await startNode(dataDir);
  const url = `${base}/taxii2/api/collections/${COLLECTION}/objects/`;
  /** One paging client's figures, with the server's CPU time per object. */
  const page = async (mode: 'serve' | 'serve-strict'): Promise<Record<string, number>> => {
    const before = cpuSeconds(server.pid);
    const r = JSON.parse(lastLine(await child('bench/taxii-child.ts', [mode, url, auth]))) as Record<string, number>;
    const after = cpuSeconds(server.pid);
    const n = r['objects'] ?? 0;
    r['perSecond'] = Math.round(n / (r['seconds'] ?? 1));
    if (before !== undefined && after !== undefined) r['serverCpuUsPerObject'] = Math.round(((after - before) * 1e7) / n) / 10;
    return r;
  };
  try {
    const served = await page('serve');
    const servedStrict = await page('serve-strict');
    const objects = served['objects'] ?? 0;
    let pulled: Record<string, number> | undefined;
    if (auth.startsWith('Bearer ') && options.pullObjects > 0) {
      const pullDir = join(outDir, 'db-taxii-pull');
      await rm(pullDir, { recursive: true, force: true });
      pulled = JSON.parse(
        lastLine(await child('bench/taxii-child.ts', ['pull', url, auth.slice('Bearer '.length), pullDir, String(options.pullObjects)])),
      ) as Record<string, number>;
      pulled['perSecond'] = Math.round((pulled['objects'] ?? 0) / (pulled['seconds'] ?? 1));
    }
    const lines = [
      `TAXII collection "${COLLECTION}": ${held.toLocaleString('en')} objects (latest versions)`,
      `baseline concord export (to /dev/null): ${rate(baseline['perSecond'] ?? 0)} objects/s (${rate(baseline['objects'] ?? 0)} objects in ${(baseline['seconds'] ?? 0).toFixed(1)} s)`,
      `TAXII served, one client paging 1,000 at a time: ${rate(served['perSecond'] ?? 0)} objects/s, ${((served['bytes'] ?? 0) / 2 ** 20 / (served['seconds'] ?? 1)).toFixed(0)} MiB/s (${rate(objects)} objects, ${served['pages']} pages), server CPU ${served['serverCpuUsPerObject']} µs/object; ${((served['perSecond'] ?? 0) / (baseline['perSecond'] ?? 1)).toFixed(2)} of export`,
      `  target (issue 4): ≥ 50,000 objects/s served ${(served['perSecond'] ?? 0) >= 50_000 ? '[met]' : '[NOT met]'}`,
      `TAXII served, strictly one request at a time: ${rate(servedStrict['perSecond'] ?? 0)} objects/s, server CPU ${servedStrict['serverCpuUsPerObject']} µs/object`,
      pulled
        ? `TAXII pulled by concord's feed client into an empty node (first ${rate(pulled['objects'] ?? 0)} objects, ${pulled['pages']} pages of 500): ${rate(pulled['perSecond'] ?? 0)} objects/s end to end`
        : 'TAXII pull: skipped (needs a Bearer token and --pull-objects > 0)',
    ];
    return { lines, baseline, served, servedStrict, pulled };
  } finally {
    server.kill('SIGTERM');
  }
}
