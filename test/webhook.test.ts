// The node's webhook (issue 16, must 7): a receiver that fails or hangs costs a few short
// attempts and a log line, never an exception or a wait for the caller.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Webhook, webhookSignature } from '../src/services/webhook.ts';

describe('webhook delivery', () => {
  let server: Server;
  let url = '';
  let hits = 0;
  before(async () => {
    server = createServer((req, res) => {
      hits++;
      // /hang never answers: the attempt times out.
      if (req.url === '/hang') return;
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const logged = () => {
    const lines: { level: string; msg: string }[] = [];
    return {
      lines,
      log: {
        warn: (_o: object, msg: string) => lines.push({ level: 'warn', msg }),
        error: (_o: object, msg: string) => lines.push({ level: 'error', msg }),
      },
    };
  };

  for (const path of ['/fail', '/hang']) {
    it(`${path}: three attempts, then one error logged; send() returns at once`, async () => {
      hits = 0;
      const { lines, log } = logged();
      const hook = new Webhook({ url: url + path, secret: 's'.repeat(16), log, timeoutMs: 200, backoffMs: 10 });
      const started = Date.now();
      hook.send({
        kind: 'overdue',
        incidentId: 'incident--1',
        stage: 'early-warning',
        dueAt: '2026-03-03T08:00:00.000Z',
        at: '2026-03-03T08:00:01.000Z',
      });
      assert.ok(Date.now() - started < 50, 'the caller does not wait');
      await hook.idle();
      assert.equal(hits, 3);
      assert.deepEqual(
        lines.map((l) => l.level),
        ['warn', 'warn', 'error'],
      );
    });
  }

  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    // Known answer, from `printf '1700000000.{}' | openssl dgst -sha256 -hmac secret`.
    assert.equal(
      webhookSignature('secret', 1_700_000_000, '{}'),
      't=1700000000,v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163',
    );
    assert.notEqual(webhookSignature('secret', 1_700_000_000, '{}'), webhookSignature('secret', 1_700_000_001, '{}'));
  });
});
