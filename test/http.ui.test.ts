// The web application's conventions over HTTP (issue 15, must 10): built assets go out compressed
// when the browser accepts it; a browser asking for a page the app does not have gets an HTML
// 404 with a link home, while the API and TAXII keep their own errors; answers that depend on the
// caller are never cached.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WEB_DIST } from '../src/http/ui/plugin.ts';
import { startNode, type TestNode } from './helpers/node.ts';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The largest built script, or undefined when web/dist was not built with its precompressed
 *  files. The largest: a chunk of a few hundred bytes (a component two screens share) compresses
 *  by less than half, which says nothing about the server. */
function builtScript(): string | undefined {
  const dir = join(WEB_DIST, 'assets');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir);
  const size = (f: string): number => statSync(join(dir, f)).size;
  return files
    .filter((f) => f.endsWith('.js') && files.includes(`${f}.br`) && files.includes(`${f}.gz`))
    .sort((a, b) => size(b) - size(a))[0];
}

const script = builtScript();

describe('web UI over HTTP', () => {
  let node: TestNode;
  before(async () => {
    node = await startNode();
  });
  after(async () => node.dispose());

  test('a built asset is sent as brotli or gzip when accepted, as it is otherwise', {
    skip: script === undefined ? 'web/dist is not built with precompressed assets: run npm run build:web' : false,
  }, async () => {
    const url = `/assets/${script}`;
    const original = readFileSync(join(WEB_DIST, 'assets', script ?? ''));
    const br = await node.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /^text\/javascript|^application\/javascript/);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.ok(br.rawPayload.length < original.length / 2, `brotli sends ${br.rawPayload.length} of ${original.length} bytes`);
    assert.deepEqual(brotliDecompressSync(br.rawPayload), original);

    const gz = await node.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(String(gz.headers['content-type']), /javascript/);
    assert.deepEqual(gunzipSync(gz.rawPayload), original);

    for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
      const plain = await node.app.inject({ method: 'GET', url, headers });
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(String(plain.headers['content-type']), /javascript/);
      assert.deepEqual(plain.rawPayload, original);
    }
  });

  test('a browser asking for a page the app does not have gets an HTML 404 with a link home', async () => {
    for (const url of ['/nope', '/objects/x/y/z', '/explore/more']) {
      const res = await node.app.inject({ method: 'GET', url, headers: { accept: HTML } });
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.match(res.body, /Not found/);
      assert.match(res.body, /<a [^>]*href="\/"/, 'a link home');
    }
    // The app's own routes still answer the app.
    const home = await node.app.inject({ method: 'GET', url: '/explore', headers: { accept: HTML } });
    assert.equal(home.statusCode, 200);
  });

  test('the API and TAXII keep their own not-found errors, even for a browser', async () => {
    const api = await node.api({ method: 'GET', url: '/api/v1/nope', headers: { accept: HTML } });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    assert.equal(api.json().status, 404);
    const taxii = await node.api({ method: 'GET', url: '/taxii2/nope/', headers: { accept: 'application/taxii+json;version=2.1' } });
    assert.equal(taxii.statusCode, 404);
    assert.match(String(taxii.headers['content-type']), /^application\/taxii\+json/);
    // TAXII answers a browser's Accept with its own 406 (TAXII 2.1 §1.6.8.1), never the HTML page.
    const browser = await node.api({ method: 'GET', url: '/taxii2/nope/', headers: { accept: HTML } });
    assert.equal(browser.statusCode, 406);
    assert.match(String(browser.headers['content-type']), /^application\/taxii\+json/);
    // A program (no HTML in Accept) keeps the problem document everywhere.
    const program = await node.app.inject({ method: 'GET', url: '/nope', headers: { accept: 'application/json' } });
    assert.equal(program.statusCode, 404);
    assert.match(String(program.headers['content-type']), /^application\/problem\+json/);
  });

  test('answers that depend on the caller are never cached', async () => {
    const me = await node.api({ method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(me.statusCode, 200);
    assert.equal(me.headers['cache-control'], 'no-store');
    const orgs = await node.api({ method: 'GET', url: '/api/v1/orgs' });
    assert.equal(orgs.headers['cache-control'], 'no-store');
    const refused = await node.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['cache-control'], 'no-store');
  });
});
