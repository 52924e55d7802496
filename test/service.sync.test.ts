// Federation's SyncService against a fake peer (issue 14: service-level tests): the peer is a
// fetch function serving signed pages of its egress collection, so that paging, verification,
// the per-page cursor and lag are tested without a second node or a socket.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import { generateNodeKey, nodeIdentityId, privateKeyObject } from '../src/domain/federation/keys.ts';
import { signObject } from '../src/domain/federation/provenance.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { Emitter } from '../src/services/emitter.ts';
import { SyncService } from '../src/services/federation/sync.service.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildIndicator, type Obj } from './helpers/stix.ts';

const PEER_URL = 'http://peer-c.test';
const PEER_ORG = 'identity--3f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0c';

/** A peer node: its key, and its egress collection as pages keyed by the `next` asked for. */
function fakePeer() {
  const key = generateNodeKey();
  const signer = { keyId: key.keyId, nodeId: nodeIdentityId(key.keyId), key: privateKeyObject(key.privateKey) };
  // TLP:GREEN, so that the 'federation' distribution is consistent with it.
  const green = (o: Obj): StixObject => JSON.parse(JSON.stringify({ ...o, object_marking_refs: [TLP2_MARKING_IDS.green] })) as StixObject;
  const sign = (o: Obj): StixObject => signObject(green(o), signer, PEER_ORG, 'federation');
  const pages = new Map<string, { objects: StixObject[]; more: boolean; next: string }>();
  const asked: (string | null)[] = [];
  /** Pages (by the `next` that asks for them) that answer HTTP 400 instead, once. */
  const failOnce = new Set<string>();
  let head = '0';
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    // The audit head and sharing groups: a node from before those exchanges.
    if ((init?.method ?? 'GET') !== 'GET') return new Response('', { status: 404 });
    const after = url.searchParams.get('next');
    asked.push(after);
    if (failOnce.delete(after ?? '')) return new Response('{"title":"bad request"}', { status: 400 });
    const page = pages.get(after ?? '') ?? { objects: [], more: false, next: after ?? '' };
    return new Response(JSON.stringify(page), {
      headers: { 'content-type': 'application/taxii+json;version=2.1', 'x-concord-head': head },
    });
  };
  return {
    key,
    sign,
    pages,
    asked,
    failOnce,
    fetch,
    setHead: (h: number) => {
      head = String(h);
    },
  };
}

describe('SyncService with a fake peer', () => {
  let node: TestNode;
  let peer: ReturnType<typeof fakePeer>;
  let sync: SyncService;
  let peerId: string;
  const nudged: string[] = [];
  const nudges = new Emitter();
  nudges.on('peer-nudged', ({ peerId }) => nudged.push(peerId));

  before(async () => {
    node = await startNode();
    peer = fakePeer();
    peerId = (await node.services.federation.peers.add(CLI, { url: PEER_URL, key: peer.key.publicKey, name: 'node-c', orgs: [PEER_ORG] }))
      .id;
    sync = new SyncService({
      peers: node.store.federation.peers,
      witnesses: node.store.federation.witnesses,
      ingress: node.services.federation.ingress,
      audit: node.services.audit,
      node: () => node.services.federation.node.identity(),
      fetch: peer.fetch,
      emitter: nudges,
    });
  });
  after(() => node?.dispose());

  const cursor = async () => (await node.store.federation.peers.get(peerId))?.state.cursor;

  it('stores what verifies page by page, quarantines a forged object, commits the cursor after each page', async () => {
    const [x1, x2, x3] = [buildIndicator({ name: 'x1' }), buildIndicator({ name: 'x2' }), buildIndicator({ name: 'x3' })];
    const forged = { ...peer.sign(buildIndicator({ name: 'signed' })), name: 'changed after signing' };
    peer.pages.set('', { objects: [peer.sign(x1), peer.sign(x2)], more: true, next: '2' });
    peer.pages.set('2', { objects: [peer.sign(x3), forged], more: false, next: '4' });
    peer.setHead(6);
    peer.failOnce.add('2');

    const failed = await sync.pull(peerId);
    assert.equal(failed.ok, false, 'the second page failed');
    assert.match(failed.error ?? '', /HTTP 400/);
    assert.equal(await cursor(), '2', 'the first page was committed and the cursor followed it');
    assert.ok(await node.store.objects.get(x1.id));
    assert.equal(await node.store.objects.get(x3.id), undefined);

    peer.asked.length = 0;
    const r = await sync.pull(peerId);
    assert.equal(r.ok, true, r.error ?? '');
    assert.deepEqual(peer.asked, ['2'], 'the next pull resumes after the committed page');
    assert.deepEqual([r.pages, r.objects, r.accepted, r.quarantined, r.reasons], [1, 2, 1, 1, { PEER_SIGNATURE_INVALID: 1 }]);
    assert.equal(await cursor(), '4');
    const label = (await node.store.access.latest([x3.id])).get(x3.id);
    assert.equal(label?.ownerOrg, PEER_ORG, "owned by the peer's organisation");
    assert.equal(await node.store.objects.get(forged.id), undefined);
    const q = (await node.store.quarantine.list({ limit: 10 }, { reason: 'PEER_SIGNATURE_INVALID' })).items;
    assert.deepEqual(
      q.map((e) => e.objectId),
      [forged.id],
    );
  });

  it('reports the lag from the head the peer announces, and pulls nothing twice', async () => {
    const view = await node.services.federation.peers.get(CLI, peerId);
    assert.equal(view.lag.versions, 2, 'the peer holds 6, this node has pulled up to 4');
    assert.equal(view.state.lastResult?.accepted, 1);
    const again = await sync.pull(peerId);
    assert.deepEqual([again.ok, again.accepted, again.quarantined], [true, 0, 0]);
    assert.equal(await cursor(), '4');
  });

  it('refuses a second pull while another process holds the lease', async () => {
    assert.equal(
      await node.store.federation.peers.claim(peerId, 'other-host:1:x', new Date().toISOString(), '9999-01-01T00:00:00.000Z'),
      true,
    );
    await assert.rejects(sync.pull(peerId), { code: 'CONFLICT' });
    await node.store.federation.peers.release(peerId, 'other-host:1:x');
  });

  it('records how far behind a notification says this node is', async () => {
    const record = await node.store.federation.peers.get(peerId);
    assert.ok(record);
    assert.equal(await sync.notified(record, 9), true);
    assert.deepEqual(nudged, [peerId], 'a notification from a peer ahead of us nudges its pull');
    const view = await node.services.federation.peers.get(CLI, peerId);
    assert.equal(view.lag.versions, 5);
    assert.notEqual(view.state.behindSince, null);
  });
});
