// The store contract for federation peers (PeerRepo: pinned peers, their sync state and pull
// lease) and the signed egress forms sent to them (EgressFormRepo), on every engine.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { emptyPeerPull, type Peer } from '../src/domain/federation/types.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const T = (minute: number): string => new Date(Date.UTC(2026, 10, 22, 12, minute)).toISOString();

function peer(extra: Partial<Peer> = {}): Peer {
  return {
    id: 'p1',
    name: 'cert-eu',
    url: 'https://cert-eu.example',
    publicKey: 'bm90IGEgcmVhbCBrZXkgYnV0IGl0IGlzIGJhc2U2NCE=',
    keyId: 'key-eu',
    nodeId: 'identity--3f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0e',
    orgs: ['identity--3f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01'],
    countries: ['BE'],
    communities: ['eu'],
    accreditation: { nato: 'SECRET' },
    outbound: { maxTlp: 'amber', types: ['indicator'] },
    inbound: { acceptTypes: ['indicator', 'malware'], allowUnsigned: false },
    sync: true,
    disabled: false,
    createdAt: T(0),
    updatedAt: T(0),
    ...extra,
  };
}

const NO_STATE = { cursor: null, peerHead: null, behindSince: null, lastPullAt: null, lastSuccessAt: null, lastResult: null };

contractSuite('store contract: peers and egress forms', (ctx) => {
  const peers = () => ctx.store.federation.peers;

  it('keeps a pinned peer with its policies, found by id, key id and name, listed by name', async () => {
    await peers().create(peer());
    await peers().create(peer({ id: 'p2', name: 'anssi', keyId: 'key-fr', sync: false }));
    assert.deepEqual(await peers().get('p1'), { ...peer(), state: NO_STATE });
    assert.equal((await peers().byKeyId('key-fr'))?.id, 'p2');
    assert.equal((await peers().byName('cert-eu'))?.id, 'p1');
    assert.equal(await peers().byName('nobody'), undefined);
    assert.equal(await peers().get('p3'), undefined);
    assert.deepEqual(
      (await peers().list()).map((p) => p.name),
      ['anssi', 'cert-eu'],
    );
  });

  it('updates what an administrator changes and keeps the sync state; removes a peer once', async () => {
    await peers().create(peer());
    await peers().saveState('p1', { cursor: '12' });
    const changed = peer({ outbound: { maxTlp: 'green' }, inbound: { allowUnsigned: true }, disabled: true, updatedAt: T(9) });
    await peers().update(changed);
    assert.deepEqual(await peers().get('p1'), { ...changed, state: { ...NO_STATE, cursor: '12' } });
    assert.equal(await peers().remove('p1'), true);
    assert.equal(await peers().remove('p1'), false);
    assert.equal(await peers().get('p1'), undefined);
  });

  it("moves a peer's cursor and announced head forward only, compared as numbers", async () => {
    await peers().create(peer());
    await peers().saveState('p1', { cursor: '9', peerHead: '20', behindSince: T(1) });
    await peers().saveState('p1', { cursor: '10', peerHead: '15' });
    const s1 = (await peers().get('p1'))?.state;
    assert.equal(s1?.cursor, '10', '10 is after 9 although "10" < "9" as text');
    assert.equal(s1?.peerHead, '20', 'a lower head announced later does not move it back');
    await peers().saveState('p1', { cursor: '8' });
    assert.equal((await peers().get('p1'))?.state.cursor, '10', 'a slower process cannot move the cursor back');
    const result = { ...emptyPeerPull(T(2)), objects: 3, accepted: 2, quarantined: 1, reasons: { PEER_SIGNATURE_INVALID: 1 } };
    await peers().saveState('p1', { behindSince: null, lastPullAt: T(3), lastSuccessAt: T(3), lastResult: result });
    assert.deepEqual((await peers().get('p1'))?.state, {
      cursor: '10',
      peerHead: '20',
      behindSince: null,
      lastPullAt: T(3),
      lastSuccessAt: T(3),
      lastResult: result,
    });
    await peers().saveState('p-unknown', { cursor: '1' });
    assert.equal(await peers().get('p-unknown'), undefined, 'saving the state of no peer creates none');
  });

  it('a pull lease goes to one holder at a time until it runs out or is given back', async () => {
    await peers().create(peer());
    await peers().create(peer({ id: 'p2', name: 'anssi', keyId: 'key-fr' }));
    assert.equal(await peers().leaseHolder('p1'), null);
    assert.equal(await peers().claim('p1', 'a', T(0), T(10)), true);
    assert.equal(await peers().claim('p1', 'b', T(5), T(15)), false, 'held by a until minute 10');
    assert.equal(await peers().claim('p2', 'b', T(5), T(15)), true, 'leases are per peer');
    assert.equal(await peers().leaseHolder('p1'), 'a');
    assert.equal(await peers().claim('p1', 'a', T(6), T(20)), true, 'the holder renews it');
    assert.equal(await peers().claim('p1', 'b', T(15), T(25)), false, 'renewed until minute 20');
    await peers().release('p1', 'b');
    assert.equal(await peers().leaseHolder('p1'), 'a', 'only the holder gives it back');
    assert.equal(await peers().claim('p1', 'b', T(21), T(30)), true, 'taken over once it ran out');
    await peers().release('p1', 'b');
    assert.equal(await peers().leaseHolder('p1'), null);
    assert.equal(await peers().claim('p1', 'c', T(22), T(30)), true, 'free once given back');
    assert.equal(await peers().claim('p-unknown', 'c', T(22), T(30)), false, 'no lease on no peer');
  });

  it("announces the store's highest sequence as its head", async () => {
    assert.equal(await peers().storeHead(), 0);
    const [, b] = await ctx.store.objects.insertBatch([buildPrepared(), buildPrepared()]);
    assert.ok(b?.status === 'inserted');
    assert.equal(await peers().storeHead(), b.seq);
  });

  it('keeps the first signed form of a version and gives the forms of the versions asked', async () => {
    const forms = ctx.store.federation.forms;
    await forms.put([
      { seq: 1, keyId: 'k', json: '{"signed":1}' },
      { seq: 2, keyId: 'k', json: '{"signed":2}' },
    ]);
    await forms.put([{ seq: 1, keyId: 'k2', json: '{"signed":"again"}' }]);
    const got = await forms.get([1, 2, 3]);
    assert.deepEqual(
      [...got].sort(([a], [b]) => a - b),
      [
        [1, { keyId: 'k', json: '{"signed":1}' }],
        [2, { keyId: 'k', json: '{"signed":2}' }],
      ],
    );
    assert.equal((await forms.get([])).size, 0);
  });
});
