// The dashboard's scans on SQLite run on their own thread and read-only connection (issue 15,
// must 7; src/store/sqlite/dashboard-thread.ts): while they run, the main connection keeps
// answering; their results equal the main-thread implementation's; a failing thread rejects.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import { openStore } from '../src/store/index.ts';
import type { DashboardRepo, Store } from '../src/store/repositories.ts';
import { ThreadedDashboardRepo } from '../src/store/sqlite/dashboard-thread.ts';
import { buildPrepared } from './helpers/prepared.ts';

const ORG = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0a';
const LABELS: AccessLabel[] = [
  { ownerOrg: ORG, tlp: 'green', distribution: { kind: 'federation' } },
  { ownerOrg: ORG, tlp: 'amber', distribution: { kind: 'organization' } },
  { ownerOrg: ORG, tlp: 'red', distribution: { kind: 'organization' } },
];
/** Enough for a scan of a few hundred milliseconds, few enough to insert in seconds. */
const OBJECTS = 30_000;
const THREATS = ['malware', 'intrusion-set', 'campaign', 'threat-actor'];

let dataDir: string;
let store: Store;
let threaded: ThreadedDashboardRepo;

/** Threats, places, indicators, relationships between them and sightings of the threats. */
function* world(): Generator<PreparedObject> {
  const threats = Array.from({ length: 200 }, (_, i) => buildPrepared({ type: THREATS[i % 4] as string, name: `Threat ${i}` }));
  const places = Array.from({ length: 20 }, (_, i) => buildPrepared({ type: 'location', name: `Place ${i}` }));
  yield* threats;
  yield* places;
  for (let i = threats.length + places.length; i < OBJECTS; i++) {
    const threat = threats[i % threats.length] as PreparedObject;
    const place = places[i % places.length] as PreparedObject;
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`;
    if (i % 3 === 0) yield buildPrepared({ modified: day });
    else if (i % 3 === 1) {
      const targets = i % 2 === 0;
      const p = buildPrepared({
        type: 'relationship',
        modified: day,
        refs: [
          { property: 'source_ref', target: threat.id },
          { property: 'target_ref', target: targets ? place.id : threat.id },
        ],
      });
      const json = { ...(JSON.parse(p.json) as object), relationship_type: targets ? 'targets' : 'uses' };
      yield { ...p, json: JSON.stringify(json), relationshipType: targets ? 'targets' : 'uses' };
    } else
      yield buildPrepared({
        type: 'sighting',
        modified: day,
        refs: [
          { property: 'sighting_of_ref', target: threat.id },
          { property: 'where_sighted_refs', target: place.id },
        ],
      });
  }
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-dashboard-worker-'));
  store = await openStore({ dataDir });
  assert.ok(store.dashboard instanceof ThreadedDashboardRepo, 'the SQLite store wires the threaded dashboard');
  threaded = store.dashboard;
  let batch: PreparedObject[] = [];
  let n = 0;
  for (const p of world()) {
    batch.push(p);
    if (batch.length === 1000) {
      await store.objects.insertBatch(
        batch,
        batch.map(() => LABELS[n++ % LABELS.length] as AccessLabel),
      );
      batch = [];
    }
  }
  if (batch.length > 0)
    await store.objects.insertBatch(
      batch,
      batch.map(() => LABELS[n++ % LABELS.length] as AccessLabel),
    );
});

after(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The four scans the dashboard service runs after a change (dashboard.service.ts, compute). */
const scans = (d: DashboardRepo) => Promise.all([d.labelGroups(), d.activity(THREATS), d.places(), d.placeFacts()]);

it('answers a cheap query on the main connection while the scans run on the thread', async (t) => {
  await scans(threaded); // the thread started and its statements prepared, as after the first dashboard
  let scanned = false;
  const started = performance.now();
  const running = scans(threaded).then(() => (scanned = true));
  const answered: number[] = [];
  // The change feed's cache key, on the main connection, again and again until the scans end.
  await store.dashboard.maxSeq();
  assert.equal(scanned, false, 'the main connection answered before the scans ended');
  while (!scanned) {
    const t0 = performance.now();
    await store.dashboard.maxSeq();
    answered.push(performance.now() - t0);
    await new Promise((r) => setImmediate(r));
  }
  await running;
  t.diagnostic(
    `scans ${Math.round(performance.now() - started)} ms; ${answered.length} main-connection queries meanwhile, slowest ${Math.max(...answered).toFixed(1)} ms at ${answered.indexOf(Math.max(...answered))}, p99 ${[...answered].sort((a, b) => a - b)[Math.floor(answered.length * 0.99)]?.toFixed(2)} ms`,
  );
  assert.ok(answered.length > 0);
});

it('on the main connection, the same query waits for the scan (what the thread avoids)', async () => {
  let scanned = false;
  const running = threaded.local.labelGroups().then(() => (scanned = true));
  await threaded.local.maxSeq();
  assert.equal(scanned, true);
  await running;
});

it('gives the results of the main-thread implementation', async () => {
  const sort = <T>(rows: T[]): T[] =>
    rows
      .map((r) => JSON.stringify(r))
      .sort()
      .map((s) => JSON.parse(s) as T);
  const [latest, threats, places, facts] = await scans(threaded);
  const [latestL, threatsL, placesL, factsL] = await scans(threaded.local);
  assert.ok(latest.length > 100 && threats.length > 100 && places.length > 100, 'a world with something to count');
  assert.deepEqual(sort(latest), sort(latestL));
  assert.deepEqual(sort(threats), sort(threatsL));
  assert.deepEqual(sort(places), sort(placesL));
  assert.deepEqual(sort(facts.locations), sort(factsL.locations));
  assert.deepEqual(sort(facts.locatedAt), sort(factsL.locatedAt));
});

it('sees what the main connection committed', async () => {
  const before = (await threaded.labelGroups()).reduce((n, g) => n + g.count, 0);
  await store.objects.insertBatch([buildPrepared({ type: 'malware' })], [LABELS[0] as AccessLabel]);
  const after = (await threaded.labelGroups()).reduce((n, g) => n + g.count, 0);
  assert.equal(after, before + 1);
});

it('turns a failing thread into a rejected promise, and refuses after close', async () => {
  const broken = new ThreadedDashboardRepo(threaded.local, {
    mainPath: join(dataDir, 'missing.db'),
    indexPath: join(dataDir, 'missing-ix.db'),
  });
  await assert.rejects(broken.labelGroups(), /dashboard thread/);
  await assert.rejects(broken.places(), /dashboard thread/, 'a new thread is tried, and fails again');
  await broken.close();
  await assert.rejects(broken.placeFacts(), /closed/);
  assert.equal(await broken.maxSeq(), await store.dashboard.maxSeq(), 'the cheap queries still answer');
});
