// The notification API (issue 16, must 7) over HTTP: the caller's own list and unread count,
// marking read, the live stream on a listening server (Server-Sent Events), and the node's
// webhook, whose posts a local receiver verifies by their signature and which carry no title.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import { incidentReaders, type IncidentReaders } from './helpers/incident-readers.ts';
import { startNode, type TestNode } from './helpers/node.ts';

const SECRET = 'webhook-secret-for-tests';

interface Received {
  body: string;
  signature: string;
}

/** Checks `Concord-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` as a receiver would. */
function verify(r: Received, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (m === null) return false;
  const want = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest();
  const age = Math.abs(Date.now() / 1000 - Number(m[1]));
  return age < 300 && timingSafeEqual(want, Buffer.from(m[2] ?? '', 'hex'));
}

const read = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => {
      s += c.toString();
    });
    req.on('end', () => resolve(s));
  });

describe('notifications over HTTP', () => {
  let node: TestNode;
  let who: IncidentReaders;
  let receiver: Server;
  const received: Received[] = [];
  let failFirst = true;

  before(async () => {
    receiver = createServer((req, res) => {
      void read(req).then((body) => {
        // The first post fails: the node retries.
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: String(req.headers['concord-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    node = await startNode({ CONCORD_WEBHOOK_URL: url, CONCORD_WEBHOOK_SECRET: SECRET });
    who = await incidentReaders(node.services, node.store);
  });
  after(async () => {
    await node?.dispose();
    receiver?.close();
  });

  it('lists the caller’s own and marks them read; a bad body names the field', async () => {
    const id = await who.incident('Phishing wave');
    await node.services.notifications.publish({ kind: 'shared', incidentId: id, title: 'Phishing wave shared with you', body: 'b' });
    const list = await node.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true&limit=5', headers: who.csirt.auth });
    assert.equal(list.statusCode, 200, list.body);
    const page = list.json() as { items: { id: string; title: string; incidentId: string }[]; unread: number };
    assert.deepEqual([page.unread, page.items.map((n) => [n.title, n.incidentId])], [1, [['Phishing wave shared with you', id]]]);
    const outsider = await node.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: who.outsider.auth });
    assert.deepEqual(outsider.json(), { items: [], unread: 0 });
    const bad = await node.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: who.csirt.auth, payload: {} });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /ids|all/);
    const ok = await node.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: who.csirt.auth,
      payload: { ids: [page.items[0]?.id] },
    });
    assert.equal(ok.statusCode, 204);
    const after = await node.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: who.csirt.auth });
    assert.equal((after.json() as { unread: number }).unread, 0);
  });

  it('streams a new notification live to its reader only', async () => {
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    const open = async (token: string) => {
      const ac = new AbortController();
      const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const until = async (pattern: RegExp, ms: number): Promise<string> => {
        const end = Date.now() + ms;
        while (!pattern.test(text) && Date.now() < end) {
          const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), end - Date.now()))]);
          if (chunk === null || chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
        return text;
      };
      return { until, close: () => ac.abort() };
    };
    const csirt = await open(who.csirt.token);
    const outsider = await open(who.outsider.token);
    assert.match(await csirt.until(/event: ready/, 2000), /event: ready/);
    await outsider.until(/event: ready/, 2000);
    const id = await who.incident('Live one');
    await node.services.notifications.publish({ kind: 'answer', incidentId: id, title: 'The CSIRT answered on Live one', body: 'b' });
    const got = await csirt.until(/event: notification/, 2000);
    const data = /event: notification\ndata: (.*)\n/.exec(got)?.[1];
    assert.ok(data, got);
    assert.deepEqual([JSON.parse(data).title, JSON.parse(data).incidentId], ['The CSIRT answered on Live one', id]);
    assert.doesNotMatch(await outsider.until(/event: notification/, 300), /notification|Live one/);
    csirt.close();
    outsider.close();
  });

  it('is described in the OpenAPI document under its own tag', async () => {
    const doc = (await node.api({ method: 'GET', url: '/api/docs' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const [path, method] of [
      ['/api/v1/notifications', 'get'],
      ['/api/v1/notifications/read', 'post'],
      ['/api/v1/notifications/stream', 'get'],
    ] as const) {
      assert.deepEqual(doc.paths[path]?.[method]?.tags, ['notifications'], `${method} ${path}`);
    }
  });

  it('ends a stream once its token is revoked', { timeout: 40_000 }, async () => {
    const base = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    const { token, secret } = await node.services.users.createToken(CLI, { userId: who.csirt.user.id, name: 'stream', scope: 'read' });
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(res.status, 200);
    await node.services.users.revokeToken(CLI, token.id);
    const started = Date.now();
    // The stream is read to its end: the server closes it at its next check of the credentials.
    const text = await res.text();
    assert.match(text, /event: ready/);
    assert.ok(Date.now() - started < 30_000, `ended after ${Date.now() - started} ms`);
  });

  it("posts each event to the node's webhook, signed, retried, without its title", async () => {
    await node.services.webhook?.idle();
    assert.ok(received.length >= 2, `received ${received.length}`);
    for (const r of received) {
      assert.ok(verify(r, SECRET), `signature ${r.signature}`);
      assert.ok(!verify(r, 'another secret'));
      const body = JSON.parse(r.body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['at', 'incidentId', 'kind']);
      assert.doesNotMatch(r.body, /Phishing|Live one/);
    }
    assert.deepEqual(received.map((r) => (JSON.parse(r.body) as { kind: string }).kind).sort(), ['answer', 'shared']);
  });
});
