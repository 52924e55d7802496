// `node bench/decay.ts [--indicators N] [--out DIR]` (or `npm run bench -- decay`): what computing
// decay scores on read costs (issue 17, must 6: "computed when read or by a job"). A SQLite store
// of N indicators (default 100,000: IPv4, URL, domain and hash patterns, valid_from spread over
// 400 days, shared with the federation) is exported as a reader of another organisation would
// export it, without and with `min_score`, in the same run; and the scores alone are computed
// over every indicator (DecayService.scoreVisible: JSON parse, pattern parse, model, one grouped
// sightings query per 1,000). Record the figures in bench/RESULTS.md.
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import type { AccessLabel } from '../src/domain/access/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { prepare } from '../src/domain/ingest/examine.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { AccessGate, type Visible } from '../src/services/access-gate.ts';
import { DecayService } from '../src/services/decay.service.ts';
import { root } from './util.ts';

const { values } = parseArgs({ options: { indicators: { type: 'string' }, out: { type: 'string' } } });
const count = Number(values.indicators ?? 100_000);
const out = resolve(values.out ?? join(root, 'bench', 'out', 'decay'));
const DAY = 86_400_000;

/** The i-th indicator: a kind in turn, an age spread over 400 days. */
function indicator(i: number, now: number): StixObject {
  const at = new Date(now - (i % 400) * DAY - (i % 1000)).toISOString();
  const patterns = [
    `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    `[url:value = 'http://host${i}.example/path']`,
    `[domain-name:value = 'host${i}.example']`,
    `[file:hashes.'SHA-256' = '${i.toString(16).padStart(64, '0')}']`,
    `[ipv4-addr:value = '172.16.${(i >> 8) & 255}.${i & 255}']`,
  ];
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `bench ${i}`,
    pattern: patterns[i % patterns.length] as string,
    pattern_type: 'stix',
    valid_from: at,
  };
}

const seconds = (t: number): string => ((performance.now() - t) / 1000).toFixed(2);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const node = await buildApp({ config: parseConfig({ dataDir: join(out, 'data') }, { CONCORD_LOG_LEVEL: 'silent' }), logger: false });
const s = node.services;
const { org } = await s.bootstrap();
const label: AccessLabel = { ownerOrg: org.id, tlp: 'green', distribution: { kind: 'federation' } };
let t = performance.now();
const now = Date.now();
for (let i = 0; i < count; i += 2000) {
  const batch: PreparedObject[] = [];
  for (let j = i; j < Math.min(count, i + 2000); j++) {
    const o = indicator(j, now);
    batch.push(prepare(o, JSON.stringify(o)));
  }
  await node.store.objects.insertBatch(
    batch,
    batch.map(() => label),
    { bulk: true },
  );
}
await node.store.objects.settled?.();
process.stderr.write(`stored ${count.toLocaleString('en')} indicators in ${seconds(t)} s\n`);

const other = await s.orgs.addOrg(CLI, { name: `Reader ${Date.now()}` });
const { user } = await s.users.addUser(CLI, {
  orgId: other.id,
  username: `reader-${Date.now()}`,
  password: 'bench bench bench 1',
  roles: ['analyst'],
});
const { secret } = await s.users.createToken(CLI, { userId: user.id, name: 'bench', scope: 'read' });
const reader = await s.auth.fromToken(secret);

async function drain(chunks: AsyncGenerator<string>): Promise<number> {
  let bytes = 0;
  for await (const c of chunks) bytes += c.length;
  return bytes;
}
const filter = { types: ['indicator'] };
t = performance.now();
const plain = await drain(s.objects.exportBundle(reader, filter));
const plainS = seconds(t);
t = performance.now();
const scored = await drain(s.objects.exportBundle(reader, filter, undefined, s.decay.refinement(reader, 50)));
const scoredS = seconds(t);
// Again, now that the store's pages are warm for both.
t = performance.now();
await drain(s.objects.exportBundle(reader, filter));
const plainAgainS = seconds(t);
t = performance.now();
await drain(s.objects.exportBundle(reader, filter, undefined, s.decay.refinement(reader, 50)));
const scoredAgainS = seconds(t);

// The scores alone (as the command line, which reads everything), 1,000 at a time: an export's chunk.
const visible: Visible[] = [];
for await (const o of node.store.objects.scan(filter)) visible.push({ ...o, withheld: [] });
// A fresh service: its memo of indicator facts starts empty, as after a restart.
const cold = new DecayService({
  decay: node.store.decay,
  objects: node.store.objects,
  sightings: { groups: async () => [] },
  gate: new AccessGate({ access: node.store.access, schemes: s.schemes, markings: s.markings, audit: s.audit }),
  schemes: s.schemes,
  audit: s.audit,
});
let live = 0;
const scoreAll = async (): Promise<string> => {
  const started = performance.now();
  live = 0;
  for (let i = 0; i < visible.length; i += 1000) {
    const scores = await cold.scoreVisible(CLI, visible.slice(i, i + 1000));
    for (const sc of scores.values()) if (!sc.expired) live++;
  }
  return seconds(started);
};
const scoreS = await scoreAll();
const scoreWarmS = await scoreAll();
console.log(
  JSON.stringify({
    indicators: count,
    cpus: cpus().length,
    exportSeconds: Number(plainS),
    exportMinScoreSeconds: Number(scoredS),
    exportAgainSeconds: Number(plainAgainS),
    exportMinScoreAgainSeconds: Number(scoredAgainS),
    exportBytes: plain,
    exportMinScoreBytes: scored,
    scoreOnlySeconds: Number(scoreS),
    scoresPerSecond: Math.round(count / Number(scoreS)),
    scoreOnlyWarmSeconds: Number(scoreWarmS),
    live,
  }),
);
await node.close();
