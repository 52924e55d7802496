// A peer pull is one audit entry (issue 15, must 9): who pulled which peer and what came of it,
// failed pulls included; and a peer is added without an outbound TLP limit (null, not "").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateNodeKey } from '../src/domain/federation/keys.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';

for (const engine of ENGINES) {
  describe(`peer pulls in the audit log on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    before(async () => {
      node = await startNode({}, engine);
    });
    after(() => node?.dispose());

    test('a pull asked for over HTTP is recorded with its actor, the peer and the outcome', async () => {
      const add = await node.api({
        method: 'POST',
        url: '/api/v1/peers',
        payload: { name: 'gone-cert', url: 'http://127.0.0.1:9', key: generateNodeKey().publicKey, outbound: { maxTlp: null } },
      });
      assert.equal(add.statusCode, 201, add.body);
      const peer = add.json<{ id: string; outbound: Record<string, unknown> }>();
      assert.equal(peer.outbound['maxTlp'], undefined, 'no limit');
      const pull = await node.api({ method: 'POST', url: `/api/v1/peers/${peer.id}/pull` });
      assert.equal(pull.statusCode, 200, pull.body);
      assert.equal(pull.json<{ ok: boolean }>().ok, false);
      const audit = await node.api({ method: 'GET', url: `/api/v1/audit?action=peer.pull&target=${peer.id}` });
      const entries = audit.json<{ entries: { actor: string; details: Record<string, unknown> }[] }>().entries;
      assert.equal(entries.length, 1);
      assert.match(entries[0]?.actor ?? '', /^user:admin/);
      assert.deepEqual([entries[0]?.details['peer'], entries[0]?.details['outcome']], ['gone-cert', 'failed']);
      assert.equal(typeof entries[0]?.details['error'], 'string');
    });
  });
}
