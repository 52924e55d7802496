// `node bench/alerts.ts [--alerts N]` (or `npm run bench -- alerts`): issue 17, must 10 (b). Three
// nodes as separate processes (`concord serve`, SQLite each), one CSIRT per node in its own
// country, all in community `eu` and peered with one another; a rule "the same indicator sighted
// by 3 organisations in 3 countries within 24 hours" and N indicators (default 100) shared with
// the community. For each indicator, two nodes record a sighting and every node holds both; then
// the third node records the third: the delay measured runs from that sighting committed on its
// node (its POST answered) to the alert visible on the other two (stored, labelled and in their
// alert projection), read straight from their databases. Prints p50, p95 and max, and a JSON
// line; record them in bench/RESULTS.md. The node taking the third sighting rotates.
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { AlertRule } from '../src/domain/alerts/api.ts';
import { alertId } from '../src/domain/alerts/engine.ts';
import { SAME_INDICATOR_RULE, startCommunity } from '../test/helpers/alert-nodes.ts';
import type { ProcessNode } from '../test/helpers/federation-nodes.ts';
import { buildIndicator, bundle } from '../test/helpers/stix.ts';
import { percentile } from './util.ts';

const { values } = parseArgs({ options: { alerts: { type: 'string' } } });
const N = Number(values.alerts ?? 100);
const TARGET_P50_MS = 1000;

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Read-only questions to a node's database: what it holds, as its users would see it. */
function reader(node: ProcessNode) {
  const db = new Database(join(node.dataDir, 'concord.db'), { readonly: true });
  db.pragma('busy_timeout = 5000');
  const alert = db.prepare<[string], { n: number }>(
    'select count(*) as n from alerts a join object_access oa on oa.seq = a.seq where a.id = ?',
  );
  const sightings = db.prepare<[string], { n: number }>('select count(*) as n from sightings where of_id = ?');
  const objects = db.prepare<[string], { n: number }>(
    "select count(*) as n from objects o join object_access oa on oa.seq = o.seq where o.type = ? and o.json like '%alerts bench%'",
  );
  return {
    alertVisible: (id: string) => (alert.get(id)?.n ?? 0) > 0,
    sightingsOf: (id: string) => sightings.get(id)?.n ?? 0,
    indicators: () => objects.get('indicator')?.n ?? 0,
    close: () => db.close(),
  };
}

const { nodes, analysts, coordinators } = await startCommunity(['NODE-FR', 'NODE-DE', 'NODE-EE'], ['FR', 'DE', 'EE']);
const node = (i: number): ProcessNode => nodes[i] as ProcessNode;
const readers = nodes.map(reader);
try {
  const made = await node(0).call(coordinators[0] ?? '', 'POST', '/api/v1/alert-rules', SAME_INDICATOR_RULE);
  if (made.status !== 201) throw new Error(`rule: ${JSON.stringify(made.json)}`);
  const rule = made.json as AlertRule;
  const indicators = Array.from({ length: N }, (_, i) =>
    buildIndicator({ name: `alerts bench ${i}`, pattern: `[ipv4-addr:value = '10.77.${i >> 8}.${i & 255}']` }),
  );
  const imported = await node(0).call(analysts[0] ?? '', 'POST', '/api/v1/imports?tlp=green&distribution=community:eu', bundle(indicators));
  if (imported.status !== 202) throw new Error(`import: ${JSON.stringify(imported.json)}`);
  await until('every node holds the indicators', () => readers.every((r) => r.indicators() >= N));
  for (const i of [1, 2]) {
    await until(`node ${i} holds the rule`, async () => {
      const res = (await node(i).call(analysts[i] ?? '', 'GET', '/api/v1/alert-rules')).json as { rules: AlertRule[] };
      return res.rules.some((r) => r.id === rule.id);
    });
  }
  console.log(`3 nodes, rule and ${N} indicators on every node (setup, not measured)`);

  const sight = async (i: number, of: string): Promise<void> => {
    const res = await node(i).call(analysts[i] ?? '', 'POST', '/api/v1/sightings', {
      of,
      disclosure: 'organization',
      tlp: 'green',
      distribution: 'community:eu',
    });
    if (res.status !== 201) throw new Error(`sighting on node ${i}: ${JSON.stringify(res.json)}`);
  };
  const delays: number[] = [];
  for (const [k, ind] of indicators.entries()) {
    const third = k % 3;
    const others = [0, 1, 2].filter((i) => i !== third);
    await Promise.all(others.map((i) => sight(i, ind.id)));
    await until(`the first two sightings of ${ind.id} everywhere`, () => readers.every((r) => r.sightingsOf(ind.id) >= 2));
    const id = alertId(rule.id, 'object', ind.id, null);
    await sight(third, ind.id);
    const committed = performance.now();
    const seen = await Promise.all(
      others.map(async (i) => {
        await until(`the alert on node ${i}`, () => readers[i]?.alertVisible(id) === true, 30_000);
        return performance.now();
      }),
    );
    delays.push(Math.max(...seen) - committed);
  }
  const sorted = [...delays].sort((x, y) => x - y);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted.at(-1) ?? NaN;
  console.log(
    `third sighting committed → alert visible on the other two nodes, over ${N} alerts: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms ${p50 < TARGET_P50_MS ? '[met]' : '[NOT met]'} (target p50 < 1 s)`,
  );
  console.log(
    JSON.stringify({
      bench: 'alerts',
      alerts: N,
      p50Ms: Math.round(p50),
      p95Ms: Math.round(p95),
      maxMs: Math.round(max),
      cpus: cpus().length,
      memGiB: Math.round(totalmem() / 2 ** 30),
    }),
  );
} finally {
  for (const r of readers) r.close();
  for (const n of nodes) await n.dispose();
}
