// `node bench/explorer.ts [--objects N] [--runs R] [--out DIR]`: the Explorer's first page with
// its total and facets (issue 15, must 5) against the same list without them (`summary=false`),
// on a store of N generated objects (default 100,000), for two readers: an analyst of the
// owning organisation (sees every object) and one of another organisation (sees none, the worst
// case for a scan under the access policy). Requests go through app.inject (no socket), R runs
// each (default 7); the median and the slowest are printed; --keep reuses the last run's store.
// Record results in bench/RESULTS.md.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { generateBundle } from './generate.ts';
import { root } from './util.ts';

const { values } = parseArgs({
  options: { objects: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string' }, keep: { type: 'boolean' } },
});
const count = Number(values.objects ?? 100_000);
const runs = Number(values.runs ?? 7);
const out = resolve(values.out ?? join(root, 'bench', 'out', 'explorer'));
// --keep measures the store of the last run again (no generation, no import).
const keep = values.keep === true && existsSync(join(out, 'data'));
if (!keep) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}
const file = join(out, 'bundle.json');
if (!keep) {
  process.stderr.write(`generating ${count.toLocaleString('en')} objects…\n`);
  await generateBundle(file, count);
}
const node = await buildApp({ config: parseConfig({ dataDir: join(out, 'data') }, { CONCORD_LOG_LEVEL: 'silent' }), logger: false });
const s = node.services;
const boot = await s.bootstrap();
if (!keep) {
  const started = Date.now();
  await s.ingest.importStream(createReadStream(file, { highWaterMark: 1 << 20 }), { source: 'bench', owner: await s.importOwner(CLI) });
  process.stderr.write(`imported in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

async function reader(orgId: string | undefined, name: string): Promise<string> {
  const unique = `${name}-${Date.now()}`;
  const org = orgId ?? (await s.orgs.addOrg(CLI, { name: unique, communities: [] })).id;
  const { user } = await s.users.addUser(CLI, { orgId: org, username: unique, password: 'bench bench bench 1', roles: ['analyst'] });
  return (await s.users.createToken(CLI, { userId: user.id, name: 'bench', scope: 'read' })).secret;
}
const readers = { owner: await reader(boot.org.id, 'owner-analyst'), other: await reader(undefined, 'other-analyst') };

async function time(token: string, url: string): Promise<{ first: number; median: number; max: number; total: string }> {
  const ms: number[] = [];
  let total = '';
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const res = await node.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    const body = res.json() as { total?: { count: number; exact: boolean } };
    total = body.total ? `${body.total.exact ? '' : '≥ '}${body.total.count}` : '—';
  }
  // The first request computes the groups; later ones of the same search reuse them while the
  // store is unchanged (services/search.service.ts): both are shown.
  const first = ms[0] ?? 0;
  const rest = ms.slice(1).sort((a, b) => a - b);
  return { first, median: rest[Math.floor(rest.length / 2)] ?? 0, max: rest.at(-1) ?? 0, total };
}

const QUERIES = ['', 'type=indicator', 'sort=-modified', 'q=substation'];
console.log(
  `| reader | query | list only (summary=false): first, then median (max) | with total and facets: first, then median (max) | total |`,
);
console.log(`|---|---|---|---|---|`);
for (const [who, token] of Object.entries(readers)) {
  for (const q of QUERIES) {
    const base = await time(token, `/api/v1/objects?limit=100&summary=false${q ? `&${q}` : ''}`);
    const full = await time(token, `/api/v1/objects?limit=100${q ? `&${q}` : ''}`);
    const f = (x: { first: number; median: number; max: number }) =>
      `${x.first.toFixed(0)} ms, then ${x.median.toFixed(1)} ms (${x.max.toFixed(1)})`;
    console.log(`| ${who} | \`${q || '(none)'}\` | ${f(base)} | ${f(full)} | ${full.total} |`);
  }
}
await node.close();
