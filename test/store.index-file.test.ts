// The SQLite index file (src/store/sqlite/index-file.ts): the rows derived from latest versions
// live in concord-index.db, written by a second thread for large batches. These tests hold it to
// what one transaction would have written, after a crash between the two files' commits and
// after the file is lost.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { examine } from '../src/domain/ingest/examine.ts';
import { openStore } from '../src/store/index.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { Store } from '../src/store/repositories.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'concord-index-file-'));
  dirs.push(d);
  return d;
}

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Real objects through the real examiner: indicators with patterns, SCOs, relationships. */
function objects(from: number, count: number, modified = '2025-01-01T00:00:00.000Z'): PreparedObject[] {
  const out: PreparedObject[] = [];
  for (let i = from; i < from + count; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const o =
      i % 3 === 0
        ? { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(i)}`, value: ip }
        : i % 3 === 1
          ? {
              type: 'indicator',
              spec_version: '2.1',
              id: `indicator--${uuid(i)}`,
              created: '2025-01-01T00:00:00.000Z',
              modified,
              name: `beacon ${i}`,
              labels: [`l${i % 5}`],
              pattern: `[ipv4-addr:value = '${ip}'] OR [domain-name:value = 'h${i}.example']`,
              pattern_type: 'stix',
              valid_from: '2025-01-01T00:00:00Z',
              created_by_ref: `identity--${uuid(1)}`,
            }
          : {
              type: 'relationship',
              spec_version: '2.1',
              id: `relationship--${uuid(i)}`,
              created: '2025-01-01T00:00:00.000Z',
              modified,
              relationship_type: 'related-to',
              source_ref: `indicator--${uuid(i - 1)}`,
              target_ref: `ipv4-addr--${uuid(i - 2)}`,
            };
    const r = examine(JSON.stringify(o));
    if (!r.ok) throw new Error(r.message);
    out.push(r.prepared);
  }
  return out;
}

/** Everything the index file holds, in a comparable form. */
function dump(dir: string): Record<string, unknown[]> {
  const db = new Database(join(dir, 'concord-index.db'), { readonly: true });
  try {
    const all = (q: string): unknown[] => db.prepare(q).all();
    return {
      refs: all('select seq, property, target_id from refs order by 1, 2, 3'),
      observables: all('select kind, value, seq from observables order by 1, 2, 3'),
      labels: all('select seq, label from labels order by 1, 2'),
      networks: all('select kind, prefix from observable_networks order by 1, 2'),
      // Contentless full-text index: compared by what words find.
      beacon: all(`select rowid from search where search match 'beacon' order by 1`),
      h7: all(`select rowid from search where search match '"h7"' order by 1`),
    };
  } finally {
    db.close();
  }
}

async function withStore<T>(dir: string, f: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore({ dataDir: dir });
  try {
    return await f(s);
  } finally {
    await s.close();
  }
}

async function insertInBatches(s: Store, all: PreparedObject[], size: number): Promise<void> {
  for (let i = 0; i < all.length; i += size) await s.objects.insertBatch(all.slice(i, i + size));
}

function dropIndexFile(dir: string): void {
  for (const f of ['concord-index.db', 'concord-index.db-wal', 'concord-index.db-shm']) rmSync(join(dir, f), { force: true });
}

describe('SQLite index file', () => {
  const first = objects(2, 1500);
  const newer = objects(2, 1500, '2025-02-01T00:00:00.000Z').filter((o) => o.type !== 'ipv4-addr');

  it('indexes a large batch (written by the index writer thread) as small batches in one transaction would', async () => {
    const large = dataDir();
    const small = dataDir();
    await withStore(large, async (s) => {
      await s.objects.insertBatch(first);
      await s.objects.insertBatch(newer);
      // Written and committed before insertBatch returned.
      const hits = await s.objects.lookup([{ kind: 'domain', value: 'h7.example' }]);
      assert.deepEqual(
        hits.map((h) => h.object.version),
        [newer.find((o) => o.json.includes('h7.example'))?.version],
      );
    });
    await withStore(small, async (s) => {
      await insertInBatches(s, first, 100);
      await insertInBatches(s, newer, 100);
    });
    // Bulk batches (an import's) return before their index file commit; `settled` waits for it.
    const bulk = dataDir();
    await withStore(bulk, async (s) => {
      await s.objects.insertBatch(first, undefined, { bulk: true });
      await s.objects.insertBatch(newer, undefined, { bulk: true });
      await s.objects.settled?.();
      assert.equal((await s.objects.lookup([{ kind: 'domain', value: 'h7.example' }])).length, 1);
    });
    const d = dump(large);
    assert.deepEqual(dump(bulk), d);
    assert.equal((d['observables'] ?? []).length, 1500);
    assert.deepEqual(d, dump(small));
  });

  it('completes at open an index file that lacks batches, as after a crash between the two commits', async () => {
    const dir = dataDir();
    const reference = dataDir();
    const saved = join(dataDir(), 'index-after-first.db');
    await withStore(dir, (s) => s.objects.insertBatch(first));
    // Closing checkpointed the index file: this copy is its state after the first batch.
    copyFileSync(join(dir, 'concord-index.db'), saved);
    await withStore(dir, (s) => s.objects.insertBatch(newer));
    // The main file committed the newer versions; the index file lost them (and still indexes
    // the versions they demoted).
    dropIndexFile(dir);
    copyFileSync(saved, join(dir, 'concord-index.db'));
    await withStore(reference, async (s) => {
      await s.objects.insertBatch(first);
      await s.objects.insertBatch(newer);
    });
    await withStore(dir, async (s) => {
      const hits = await s.objects.lookup([{ kind: 'domain', value: 'h7.example' }]);
      assert.equal(hits.length, 1);
      assert.equal(hits[0]?.object.version, newer.find((o) => o.json.includes('h7.example'))?.version);
    });
    assert.deepEqual(dump(dir), dump(reference));
  });

  it('rebuilds a lost index file from the stored objects', async () => {
    const dir = dataDir();
    await withStore(dir, async (s) => {
      await s.objects.insertBatch(first);
      await s.objects.insertBatch(newer.slice(0, 50));
    });
    const before = dump(dir);
    dropIndexFile(dir);
    assert.equal(existsSync(join(dir, 'concord-index.db')), false);
    await withStore(dir, async (s) => {
      assert.equal((await s.objects.list({ text: 'beacon' }, { limit: 5 })).items.length, 5);
    });
    assert.deepEqual(dump(dir), before);
  });
});
