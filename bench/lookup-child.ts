// Load generator for the lookup benchmark, in its own process so that it does not share an
// event loop with the server. Usage: node bench/lookup-child.ts <url> <seconds> <paths.json> [authorization]
// Prints one JSON line: { tool, requests, seconds, perSecond, p50ms, p99ms, errors, non2xx }.
//
// wrk (C, one thread) when it is installed, else autocannon. On a 2-core machine the load
// generator competes with the server for CPU; the two measured the same server within noise,
// and wrk's rate does not depend on a second Node.js process getting CPU time.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const [url, seconds, pathsFile, authorization] = process.argv.slice(2);
if (!url || !seconds || !pathsFile) throw new Error('usage: lookup-child.ts <url> <seconds> <paths.json> [authorization]');
const paths = JSON.parse(readFileSync(pathsFile, 'utf8')) as string[];
const headers: Record<string, string> = authorization ? { authorization } : {};

/** wrk cycles through the paths with a Lua script; its summary script prints JSON. */
const WRK_SCRIPT = `
local paths, i = {}, 0
local auth = os.getenv("BENCH_AUTHORIZATION")
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  if auth and auth ~= "" then return wrk.format("GET", paths[i], { ["Authorization"] = auth }) end
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests":%d,"micros":%d,"p50us":%d,"p99us":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors, non2xx))
end
`;

function runWrk(): Record<string, number | string> | undefined {
  const dir = tmpdir();
  const script = join(dir, `concord-bench-${process.pid}.lua`);
  const list = join(dir, `concord-bench-${process.pid}.txt`);
  writeFileSync(script, WRK_SCRIPT);
  writeFileSync(list, `${paths.join('\n')}\n`);
  const r = spawnSync('wrk', ['-t1', '-c32', `-d${seconds}s`, '-s', script, url as string, '--', list], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_AUTHORIZATION: authorization ?? '' },
  });
  if (r.error || r.status !== 0) return undefined;
  const line = r.stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) return undefined;
  const w = JSON.parse(line) as { requests: number; micros: number; p50us: number; p99us: number; errors: number; non2xx: number };
  const s = w.micros / 1e6;
  return {
    tool: 'wrk -t1 -c32',
    requests: w.requests,
    seconds: s,
    perSecond: Math.round(w.requests / s),
    p50ms: w.p50us / 1000,
    p99ms: w.p99us / 1000,
    errors: w.errors,
    non2xx: w.non2xx,
  };
}

async function runAutocannon(): Promise<Record<string, number | string>> {
  const result = await autocannon({
    url: url as string,
    connections: 32,
    pipelining: 4,
    duration: Number(seconds),
    headers,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    tool: 'autocannon -c32 -p4',
    requests: result.requests.total,
    seconds: Number(seconds),
    perSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

console.log(JSON.stringify(runWrk() ?? (await runAutocannon())));
