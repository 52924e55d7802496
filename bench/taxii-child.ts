// The TAXII benchmark's clients (issue 4 §4), each in its own process so that it shares no event
// loop with the server. Prints one JSON line.
//
//   node bench/taxii-child.ts serve <objects URL> <authorization> [max objects]
//     Pages the collection sequentially, 1,000 objects a page (TAXII 2.1 §3.5 `limit`, `next`),
//     as a TAXII client would: { objects, pages, bytes, seconds }. The next page is asked for (on
//     a second keep-alive connection) as soon as `next` has arrived at the start of a page; the
//     rest of the page is then received, parsed and its objects counted while the server
//     prepares the next one, so that the rate is the server's rather than this client's.
//   node bench/taxii-child.ts serve-strict <objects URL> <authorization> [max objects]
//     The same, but each page is asked for only once the previous one has been received whole.
//   node bench/taxii-child.ts pull <objects URL> <bearer token> <empty data dir> [max objects]
//     What `concord feed add` + `concord feed pull` do, in an empty node: the feed client pages
//     the collection into normal ingestion. Stops after the page that reaches max objects:
//     { objects, accepted, pages, bytes, seconds }.
import { mkdir } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { CLI } from '../src/domain/identity/principal.ts';
import { TAXII_MEDIA_TYPE } from '../src/domain/taxii/media.ts';
import { configFrom, withServices } from '../src/cli/context.ts';

const [mode, url, auth, arg4, arg5] = process.argv.slice(2);
if ((mode !== 'serve' && mode !== 'serve-strict' && mode !== 'pull') || !url || !auth)
  throw new Error('usage: taxii-child.ts serve <objects URL> <authorization> [max] | pull <objects URL> <token> <dir> [max]');

/** `"more":true,"next":"…"` opens a page that has a next one (present.ts writes them first). */
const NEXT = /^\{"more":true,"next":"([^"]*)"/;

function pageUrl(next: string | undefined): string {
  const u = new URL(url as string);
  u.searchParams.set('limit', '1000');
  if (next !== undefined) u.searchParams.set('next', next);
  return u.href;
}

const agent = new Agent({ keepAlive: true, maxSockets: 2 });

/** One page: `onNext` is called with the page's `next` (or undefined) as soon as it has arrived. */
function fetchPage(next: string | undefined, onNext: (next: string | undefined) => void): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const req = request(pageUrl(next), { agent, headers: { accept: TAXII_MEDIA_TYPE, authorization: auth as string } }, (res) => {
      const chunks: Buffer[] = [];
      let told = false;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (told || res.statusCode !== 200) return;
        const head = Buffer.concat(chunks).subarray(0, 200).toString('utf8');
        const m = NEXT.exec(head);
        if (m || !head.startsWith('{"more":true') || head.length >= 200) {
          told = true;
          onNext(m?.[1]);
        }
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) fail(new Error(`GET ${pageUrl(next)}: HTTP ${res.statusCode} ${body.subarray(0, 300).toString()}`));
        else ok(body);
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function serve(max: number, strict: boolean): Promise<Record<string, number>> {
  const started = process.hrtime.bigint();
  let objects = 0;
  let pages = 0;
  let bytes = 0;
  let asked = 0;
  let strictNext: string | undefined;
  const ask = (next: string | undefined): Promise<Buffer> =>
    fetchPage(next, (following) => {
      asked += 1000;
      if (following === undefined || asked >= max) return;
      if (strict) strictNext = following;
      else pending.push(ask(following));
    });
  const pending: Promise<Buffer>[] = [ask(undefined)];
  for (let p = pending.shift(); p !== undefined; p = pending.shift()) {
    const body = await p;
    if (strictNext !== undefined) {
      pending.push(ask(strictNext));
      strictNext = undefined;
    }
    const page = JSON.parse(body.toString('utf8')) as { objects?: unknown[]; more?: boolean; next?: string };
    objects += page.objects?.length ?? 0;
    bytes += body.length;
    pages++;
  }
  agent.destroy();
  return { objects, pages, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function pull(dataDir: string, max: number): Promise<Record<string, number>> {
  await mkdir(dataDir, { recursive: true });
  return withServices(configFrom({ 'data-dir': dataDir, 'log-level': 'warn' }), async (s) => {
    await s.bootstrap();
    const feed = await s.feeds.add(CLI, {
      name: 'bench',
      url: url as string,
      auth: { kind: 'token', token: auth as string },
      intervalSeconds: 3600,
    });
    const stop = new AbortController();
    let last = { objects: 0, accepted: 0, pages: 0, bytes: 0 };
    const started = process.hrtime.bigint();
    const result = await s.feeds.pull(CLI, feed.id, {
      signal: stop.signal,
      onPage: (p) => {
        last = { objects: p.summary.objects, accepted: p.summary.accepted, pages: p.summary.pages, bytes: p.bytes };
        if (p.summary.objects >= max) stop.abort();
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!result.ok && !stop.signal.aborted) throw new Error(`feed pull failed: ${result.error ?? 'unknown'}`);
    return { ...last, seconds };
  });
}

const max = Number((mode === 'pull' ? arg5 : arg4) ?? Infinity);
console.log(JSON.stringify(mode === 'pull' ? await pull(arg4 ?? '', max) : await serve(max, mode === 'serve-strict')));
