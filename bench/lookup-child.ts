// Load generator for the lookup benchmark, in its own process so that it does not share an
// event loop with the server. Usage: node bench/lookup-child.ts <url> <seconds> <paths.json>
// Prints one JSON line: { requests, seconds, perSecond, p50ms, p99ms, errors, non2xx }.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, seconds, pathsFile] = process.argv.slice(2);
if (!url || !seconds || !pathsFile) throw new Error('usage: lookup-child.ts <url> <seconds> <paths.json>');
const paths = JSON.parse(readFileSync(pathsFile, 'utf8')) as string[];
const result = await autocannon({
  url,
  connections: 32,
  pipelining: 4,
  duration: Number(seconds),
  requests: paths.map((path) => ({ method: 'GET', path })),
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    seconds: Number(seconds),
    perSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }),
);
