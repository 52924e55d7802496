// The dashboard endpoint on a big store (issue 15, must 7), beside two baselines measured in the
// same run on the same store (better-sqlite3 on the same files): the least any dashboard must do,
// one grouped scan of the latest objects; and the previous dashboard's main query (latest versions
// grouped by type, labels, their ends' labels and the day stored). Measured: the first request
// after a change (the store's groups are computed: counts by own time, edges of threats, places),
// then requests served from those groups for 7, 30 and 90 days, as an analyst of another
// organisation (every group goes through the access policy); and while the first request after a
// change computes them, how long the node takes to answer `/health` and an object read.
// Usage: node bench/dashboard.ts [--objects N] (default 100,000); under three minutes on 2 vCPU.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { ID_KEY_FUNCTION, idKey } from '../src/store/shared/id-key.ts';
import { attachIndexFile } from '../src/store/sqlite/index-file.ts';

/** The previous dashboard's label groups (by the day stored), as it ran before issue 15. */
const PREVIOUS = `select o.type, a.label, sa.label, ta.label, substr(o.added_at, 1, 10) as day, count(*) as n
  from objects o join object_access a on a.seq = o.seq
  left join refs rs on rs.seq = o.seq and rs.property in ('source_ref', 'sighting_of_ref') and o.type in ('relationship', 'sighting')
  left join objects s on s.id_key = ${ID_KEY_FUNCTION}(rs.target_id) and s.id = rs.target_id and s.latest = 1
  left join object_access sa on sa.seq = s.seq
  left join refs rt on rt.seq = o.seq and rt.property = 'target_ref' and o.type = 'relationship'
  left join objects t on t.id_key = ${ID_KEY_FUNCTION}(rt.target_id) and t.id = rt.target_id and t.latest = 1
  left join object_access ta on ta.seq = t.seq
  where o.latest = 1 group by o.type, a.label, sa.label, ta.label, day`;

const { values } = parseArgs({ options: { objects: { type: 'string' } } });
const N = Number(values.objects ?? 100_000);
const DAY = 86_400_000;
const now = Date.now();
let seed = 20261207;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
/** Spread over three years, a third of it in the last 90 days. */
const when = (): string => new Date(now - (rand() < 0.33 ? rand() * 90 : rand() * 1095) * DAY).toISOString();
const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const COUNTRIES = ['FR', 'DE', 'PL', 'UA', 'US', 'IT', 'RO', 'BE', 'NL', 'ES', 'LT', 'LV', 'EE', 'FI', 'SE', 'NO', 'CZ', 'SK', 'HU', 'BG'];

/** N objects: threats, locations, indicators, relationships (indicates, uses, targets), sightings. */
function* objects(): Generator<Record<string, unknown>> {
  const sdo = (type: string, extra: Record<string, unknown>) => {
    const t = when();
    return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: t, modified: t, ...green, ...extra };
  };
  const locations = COUNTRIES.map((c) => sdo('location', { name: c, country: c }));
  const threats = Array.from({ length: 400 }, (_, i) =>
    sdo(pick(['malware', 'intrusion-set', 'campaign', 'threat-actor']), { name: `Threat ${i}`, is_family: true }),
  );
  yield* locations;
  yield* threats;
  let made = locations.length + threats.length;
  const indicators: string[] = [];
  while (made < N) {
    const r = rand();
    let o: Record<string, unknown>;
    if (r < 0.4) {
      o = sdo('indicator', {
        pattern: `[ipv4-addr:value = '10.${made % 250}.${(made >> 8) % 250}.${made % 7}']`,
        pattern_type: 'stix',
        valid_from: when(),
      });
      indicators.push(o['id'] as string);
    } else if (r < 0.75 && indicators.length > 0) {
      const type = pick(['indicates', 'indicates', 'uses', 'targets']);
      const target = type === 'targets' ? pick(locations) : pick(threats);
      const source = type === 'indicates' ? pick(indicators) : (pick(threats)['id'] as string);
      o = sdo('relationship', { relationship_type: type, source_ref: source, target_ref: target['id'] });
    } else {
      const t = when();
      o = sdo('sighting', {
        sighting_of_ref: pick(threats)['id'],
        where_sighted_refs: [pick(locations)['id']],
        first_seen: t,
        last_seen: t,
      });
    }
    made++;
    yield o;
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'concord-bench-dashboard-'));
const config = parseConfig({ dataDir }, { CONCORD_LOG_LEVEL: 'silent' });
const node = await buildApp({ config, logger: false });
try {
  await node.services.bootstrap();
  const org = await node.services.orgs.addOrg(CLI, { name: 'Partner CERT', country: 'BE', communities: [] });
  await node.services.users.addUser(CLI, {
    orgId: org.id,
    username: 'analyst',
    password: 'bench password 1',
    roles: ['analyst'],
    clearances: {},
    exercises: [],
  });
  const { secret } = await node.services.users.createToken(CLI, {
    userId: (await node.services.users.listUsers(CLI)).find((u) => u.username === 'analyst')?.id ?? '',
    name: 'bench',
    scope: 'read',
  });
  const owner = await node.services.importOwner(CLI, { tlp: 'green', distribution: 'federation' });
  const started = performance.now();
  async function* chunks(): AsyncGenerator<string> {
    yield '{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[';
    let first = true;
    for (const o of objects()) {
      yield `${first ? '' : ','}${JSON.stringify(o)}`;
      first = false;
    }
    yield ']}';
  }
  const summary = await node.services.ingest.importStream(chunks(), { source: 'bench', owner });
  process.stderr.write(
    `imported ${N.toLocaleString('en')} objects in ${((performance.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(summary).slice(0, 120)})\n`,
  );

  const get = async (days: number): Promise<{ ms: number; asOf: number }> => {
    const t = performance.now();
    const res = await node.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard?days=${days}`,
      headers: { authorization: `Bearer ${secret}` },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    return { ms: performance.now() - t, asOf: (res.json() as { asOf: number }).asOf };
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

  const cold = [(await get(30)).ms];
  const warm: Record<number, number[]> = { 7: [], 30: [], 90: [] };
  for (let i = 0; i < 10; i++) for (const d of [7, 30, 90]) warm[d]?.push((await get(d)).ms);
  // After a change the groups are computed again: the answer's time, and the time until an
  // answer counts the change.
  // Meanwhile, on the same node: `/health` (no store) and one object by id (the main connection),
  // one after the other until the dashboard answers; the slowest of each is how long the node
  // stopped serving (issue 15, must 7: on SQLite the scans run on their own thread).
  const probe = async (until: Promise<unknown>, id: string): Promise<{ healthMaxMs: number; objectMaxMs: number; n: number }> => {
    let done = false;
    void until.finally(() => (done = true));
    let healthMaxMs = 0;
    let objectMaxMs = 0;
    let n = 0;
    while (!done) {
      let t = performance.now();
      await node.app.inject({ method: 'GET', url: '/api/v1/health' });
      healthMaxMs = Math.max(healthMaxMs, performance.now() - t);
      t = performance.now();
      await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}`, headers: { authorization: `Bearer ${secret}` } });
      objectMaxMs = Math.max(objectMaxMs, performance.now() - t);
      n++;
      await new Promise((r) => setTimeout(r, 5));
    }
    return { healthMaxMs: Math.round(healthMaxMs), objectMaxMs: Math.round(objectMaxMs), n };
  };
  const afterChange: { answerMs: number; freshMs: number; during: Awaited<ReturnType<typeof probe>> }[] = [];
  for (let i = 0; i < 2; i++) {
    const t = new Date().toISOString();
    const malware = {
      type: 'malware',
      spec_version: '2.1',
      id: `malware--${randomUUID()}`,
      created: t,
      modified: t,
      name: 'new',
      is_family: true,
      ...green,
    };
    await node.services.ingest.importStream([JSON.stringify([malware])], { source: 'bench', owner });
    const seq = await node.store.dashboard.maxSeq();
    const started = performance.now();
    const first = get(30);
    const during = await probe(first, malware.id);
    let answer = await first;
    const answerMs = answer.ms;
    while (answer.asOf < seq) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await get(30);
    }
    afterChange.push({ answerMs: Math.round(answerMs), freshMs: Math.round(performance.now() - started), during });
  }

  const db = new Database(join(dataDir, 'concord.db'), { readonly: true });
  db.function(ID_KEY_FUNCTION, { deterministic: true }, (id: unknown) => (typeof id === 'string' ? BigInt(idKey(id)) : null));
  attachIndexFile(db, dataDir);
  const timed = (q: string): number[] => {
    const st = db.prepare(q);
    const out: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      st.all();
      out.push(performance.now() - t);
    }
    return out;
  };
  const base = timed('select type, count(*) as n from objects where latest = 1 group by type');
  const previous = timed(PREVIOUS);
  db.close();
  const result = {
    objects: N,
    coldMs: cold.map((x) => Math.round(x)),
    afterChange,
    warmMedianMs: Object.fromEntries(Object.entries(warm).map(([d, xs]) => [d, Math.round(median(xs) * 10) / 10])),
    baselineScanMs: Math.round(median(base)),
    previousLabelGroupsMs: Math.round(median(previous)),
    coldOverScan: Math.round((median(cold) / median(base)) * 10) / 10,
    coldOverPrevious: Math.round((median(cold) / median(previous)) * 10) / 10,
  };
  console.log(JSON.stringify(result));
} finally {
  await node.close();
  await rm(dataDir, { recursive: true, force: true });
}
