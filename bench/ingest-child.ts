// One ingest measurement in its own process, so peak RSS is this work's alone.
// Usage: node bench/ingest-child.ts <concord|baseline> <file> <dataDir>
// Prints one JSON line: { objects, seconds, maxRssMiB, summary? }.
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BundleSplitter } from '../src/domain/bundle/splitter.ts';
import { IngestService } from '../src/services/ingest.service.ts';
import { openStore } from '../src/store/index.ts';

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

const started = process.hrtime.bigint();
let objects: number;
let summary: unknown;
if (mode === 'baseline') {
  objects = await baseline();
} else {
  const store = await openStore({ dataDir });
  const s = await new IngestService(store).importStream(createReadStream(file, { highWaterMark: 1 << 20 }), { source: 'bench' });
  await store.close();
  objects = s.accepted + s.unchanged + s.quarantined;
  summary = s;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ objects, seconds, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), summary }));
