// `node bench/assistance-match.ts [--profiles N] [--orgs O] [--requests R] [--skills S]` (or
// `npm run bench -- assistance-match`): issue 18, must 10, the matching half. A generated roster
// of N pseudonymous profiles (default 10,000) in O organisations (200), and R requests (200)
// each needing S skills (8) with varied languages, modes, windows and clearances
// (bench/assistance-data.ts). For each request, propose() (domain/assistance/matching.ts: hard
// constraints, reasons, exact minimum team) is timed in-process, beside a baseline measured in
// the same run over the same profiles: a plain filter + sort + greedy cover (the same hard
// constraints, no exclusion records, no reasons, no exact search). Prints p50, p95 and max of
// each, the teams' sizes, and a JSON line; record them in bench/RESULTS.md. The service and store
// path over the same roster is bench/assistance.ts.
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { Needs } from '../src/domain/assistance/api.ts';
import { exclusions, propose } from '../src/domain/assistance/matching.ts';
import type { ProfileRecord } from '../src/domain/assistance/types.ts';
import { builtInLevelRank, generateProfiles, generateRequests } from './assistance-data.ts';
import { percentile } from './util.ts';

const { values } = parseArgs({
  options: { profiles: { type: 'string' }, orgs: { type: 'string' }, requests: { type: 'string' }, skills: { type: 'string' } },
});
const PROFILES = Number(values.profiles ?? 10_000);
const ORGS = Number(values.orgs ?? 200);
const REQUESTS = Number(values.requests ?? 200);
const SKILLS = Number(values.skills ?? 8);
const TARGET_P95_MS = 200;
const WARM_UP = 20;

/** The baseline: those who meet the hard constraints, sorted by skills covered, then a greedy cover. */
function baseline(needs: Needs, profiles: readonly ProfileRecord[]): number {
  const eligible = profiles
    .map((p) => ({ p, covers: needs.skills.filter((s) => p.skills.includes(s)) }))
    .filter((c) => c.covers.length > 0 && exclusions(needs, c.p, builtInLevelRank).length === 0)
    .sort((a, b) => b.covers.length - a.covers.length || b.p.pastDeployments - a.p.pastDeployments);
  const missing = new Set(eligible.flatMap((c) => c.covers));
  let team = 0;
  while (missing.size > 0) {
    const best = eligible.reduce((x, y) =>
      y.covers.filter((s) => missing.has(s)).length > x.covers.filter((s) => missing.has(s)).length ? y : x,
    );
    for (const s of best.covers) missing.delete(s);
    team++;
  }
  return team;
}

const t = performance.now();
const roster = generateProfiles(PROFILES, ORGS);
const requests = generateRequests(REQUESTS, SKILLS);
console.log(
  `generated ${PROFILES.toLocaleString('en')} profiles in ${ORGS} organisations and ${REQUESTS} requests of ${SKILLS} skills in ${(performance.now() - t).toFixed(0)} ms (not measured)`,
);

for (const r of requests.slice(0, WARM_UP)) {
  propose(r, roster, builtInLevelRank);
  baseline(r.needs, roster);
}
/** Wall-clock and CPU milliseconds of one call: on a machine shared with other work the wall
 *  clock moves with the load, the process's CPU time much less. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

const ours = { wall: [] as number[], cpu: [] as number[] };
const base = { wall: [] as number[], cpu: [] as number[] };
const sizes = { exact: 0, greedy: 0, smaller: 0, ranked: 0, excluded: 0, uncovered: 0 };
for (const r of requests) {
  const p = timed(() => propose(r, roster, builtInLevelRank));
  const g = timed(() => baseline(r.needs, roster));
  for (const [into, m] of [
    [ours, p],
    [base, g],
  ] as const) {
    into.wall.push(m.wall);
    into.cpu.push(m.cpu);
  }
  sizes.exact += p.value.team.length;
  sizes.greedy += g.value;
  sizes.smaller += p.value.team.length < g.value ? 1 : 0;
  sizes.ranked += p.value.ranked.length;
  sizes.excluded += p.value.excluded.length;
  sizes.uncovered += p.value.uncovered.length;
}
const figures = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
};
const o = figures(ours.wall);
const b = figures(base.wall);
const oc = figures(ours.cpu);
const bc = figures(base.cpu);
const avg = (n: number): string => (n / REQUESTS).toFixed(1);
const cell = (x: number, w = 6): string => x.toFixed(1).padStart(w);
const row = (name: string, f: ReturnType<typeof figures>, c: ReturnType<typeof figures>, team: string): string =>
  `| ${name.padEnd(52)} | ${cell(f.p50)} | ${cell(f.p95)} | ${cell(f.max)} | ${cell(c.p50, 10)} | ${cell(c.p95, 10)} | ${team.padStart(9)} |`;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; load ${loadavg()[0]?.toFixed(1)}; ${new Date().toISOString()}`,
);
console.log(`| ${'per request, over the whole roster'.padEnd(52)} | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | avg. team |`);
console.log(`|${'-'.repeat(54)}|--------|--------|--------|------------|------------|-----------|`);
console.log(row('baseline: filter + sort + greedy cover', b, bc, avg(sizes.greedy)));
console.log(row('propose(): constraints, reasons, exact minimum team', o, oc, avg(sizes.exact)));
console.log(
  `per request on average: ${avg(sizes.ranked)} ranked, ${avg(sizes.excluded)} excluded (with reasons), ${avg(sizes.uncovered)} skills uncovered; the exact team is smaller than greedy's for ${sizes.smaller} of ${REQUESTS} requests`,
);
console.log(`propose() p95 ${o.p95.toFixed(1)} ms ${o.p95 < TARGET_P95_MS ? '[met]' : '[NOT met]'} (target p95 < ${TARGET_P95_MS} ms)`);
console.log(
  JSON.stringify({
    bench: 'assistance-match',
    profiles: PROFILES,
    orgs: ORGS,
    requests: REQUESTS,
    skills: SKILLS,
    p50Ms: +o.p50.toFixed(2),
    p95Ms: +o.p95.toFixed(2),
    maxMs: +o.max.toFixed(2),
    baselineP50Ms: +b.p50.toFixed(2),
    baselineP95Ms: +b.p95.toFixed(2),
    baselineMaxMs: +b.max.toFixed(2),
    cpuP50Ms: +oc.p50.toFixed(2),
    cpuP95Ms: +oc.p95.toFixed(2),
    cpus: cpus().length,
  }),
);
