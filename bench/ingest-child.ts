// One ingest measurement in its own process, so peak RSS is this work's alone.
// Usage: node bench/ingest-child.ts <concord|baseline> <file> <dataDir>
// Prints one JSON line: { objects, seconds, cpuMicrosPerObject, maxRssMiB, summary? }.
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BundleSplitter } from '../src/domain/bundle/splitter.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { configFrom, withServices } from '../src/cli/context.ts';
import type { ImportSummary } from '../src/domain/imports/types.ts';

const [mode, file, dataDir] = process.argv.slice(2);
if (!mode || !file || !dataDir) throw new Error('usage: ingest-child.ts <concord|baseline> <file> <dataDir>');
await mkdir(dataDir, { recursive: true });

/** The baseline of issue 2 §8: parse the same file and insert each raw object into a bare table. */
async function baseline(): Promise<number> {
  const db = new Database(join(dataDir as string, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE raw (id TEXT, json TEXT)');
  const insert = db.prepare('INSERT INTO raw (id, json) VALUES (?, ?)');
  const insertMany = db.transaction((rows: { id: string; json: string }[]) => {
    for (const r of rows) insert.run(r.id, r.json);
  });
  const splitter = new BundleSplitter();
  let n = 0;
  let rows: { id: string; json: string }[] = [];
  for await (const chunk of createReadStream(file as string, { highWaterMark: 1 << 20 })) {
    for (const item of splitter.push(chunk as Buffer)) {
      const obj = JSON.parse(item.text) as { id: string };
      rows.push({ id: obj.id, json: item.text });
      if (rows.length >= 2000) {
        insertMany(rows);
        n += rows.length;
        rows = [];
      }
    }
  }
  insertMany(rows);
  n += rows.length;
  db.close();
  return n;
}

/**
 * What `concord import` does: the node's first-start bootstrap (its organisation), then an
 * import owned by that organisation, so every object is labelled and readable by the lookup
 * benchmark. Only the import itself is timed.
 */
async function concord(): Promise<{ started: bigint; cpu: NodeJS.CpuUsage; summary: ImportSummary }> {
  return withServices(configFrom({ 'data-dir': dataDir, 'log-level': 'warn' }), async (s) => {
    await s.bootstrap();
    const owner = await s.importOwner(CLI);
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const summary = await s.ingest.importStream(createReadStream(file as string, { highWaterMark: 1 << 20 }), { source: 'bench', owner });
    return { started, cpu, summary };
  });
}

let started = process.hrtime.bigint();
let cpu = process.cpuUsage();
let objects: number;
let summary: ImportSummary | undefined;
if (mode === 'baseline') {
  objects = await baseline();
} else {
  const r = await concord();
  started = r.started;
  cpu = r.cpu;
  summary = r.summary;
  objects = summary.accepted + summary.unchanged + summary.quarantined;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// CPU of all threads: steadier than objects/s on a VM whose speed moves between runs.
const used = process.cpuUsage(cpu);
const cpuMicrosPerObject = Math.round((used.user + used.system) / Math.max(1, objects));
console.log(
  JSON.stringify({ objects, seconds, cpuMicrosPerObject, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), summary }),
);
