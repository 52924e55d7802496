// Measures the store's share of the import budget: inserts generated PreparedObjects into a
// fresh SQLite store in batches and prints objects/s. Not part of the tests.
//   node bench/store-insert.ts [count=200000] [batch=2000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../src/store/index.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';

const IDENTITIES = Array.from({ length: 50 }, () => `identity--${randomUUID()}`);
const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const WORDS = 'botnet command control phishing loader ransomware dropper beacon campaign actor infrastructure exfiltration'.split(' ');

/**
 * A typical indicator: a pattern over one IPv4 value, two refs, one observable, ~700 bytes of
 * JSON. Values are scattered, as hashes and addresses are, so their index inserts land at
 * random places; `modified` drifts forward with up to an hour of jitter, as in a feed.
 */
export function generateIndicator(i: number): PreparedObject {
  const id = `indicator--${randomUUID()}`;
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const ip = `${(h >>> 24) & 255}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
  const ts = new Date(Date.UTC(2024, 0, 1) + i * 1000 + (h % 3_600_000)).toISOString();
  const createdBy = IDENTITIES[i % IDENTITIES.length] ?? null;
  const name = `Malicious ${WORDS[i % WORDS.length]} server ${ip}`;
  const description = `Observed ${WORDS[(i * 7) % WORDS.length]} activity linked to ${WORDS[(i * 3) % WORDS.length]} operations; block at the perimeter.`;
  const pattern = `[ipv4-addr:value = '${ip}']`;
  const labels = ['malicious-activity'];
  const obj = {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: ts,
    modified: ts,
    created_by_ref: createdBy,
    name,
    description,
    indicator_types: labels,
    pattern,
    pattern_type: 'stix',
    valid_from: ts,
    labels,
    object_marking_refs: [TLP_GREEN],
  };
  const version = `${ts.slice(0, 23)}000000Z`;
  return {
    id,
    type: 'indicator',
    specVersion: '2.1',
    version,
    created: version,
    createdByRef: createdBy,
    revoked: false,
    labels,
    json: JSON.stringify(obj),
    searchText: [name, description, pattern, ...labels].join(' '),
    refs: [
      ...(createdBy ? [{ property: 'created_by_ref', target: createdBy }] : []),
      { property: 'object_marking_refs', target: TLP_GREEN },
    ],
    observables: [{ kind: 'ipv4', value: ip }],
    markingRefs: [TLP_GREEN],
    distribution: null,
    ownDay: ts.slice(0, 10),
    relationshipType: null,
  };
}

/** Inserts `count` indicators in batches into a fresh SQLite store and prints the rate. */
async function main(count: number, batchSize: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  try {
    const objects = Array.from({ length: count }, (_, i) => generateIndicator(i));
    const store = await openStore({ dataDir: dir });
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < objects.length; i += batchSize) await store.objects.insertBatch(objects.slice(i, i + batchSize));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    await store.close();
    const mb = (statSync(join(dir, 'concord.db')).size + statSync(join(dir, 'concord-index.db')).size) / 1e6;
    const rate = Math.round(count / seconds);
    const cpuPerObject = (used.user + used.system) / count;
    console.log(
      `${count} objects in batches of ${batchSize}: ${seconds.toFixed(2)} s, ${rate} objects/s, ` +
        `${(1e6 / rate).toFixed(1)} µs/object (CPU ${cpuPerObject.toFixed(1)} µs/object), db ${mb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await main(Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 2_000));
