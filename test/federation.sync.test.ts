// Federation between two nodes in one process (issue 5): pinned keys, signed requests, the
// egress collection filtered by the access policy, signed provenance verified on arrival,
// origin-only versions, revocation, retraction and lag. The multi-process scenario of issue 5,
// item 7 is test/federation.e2e.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { entryHash, GENESIS_HASH } from '../src/domain/audit/chain.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { generateNodeKey, nodeIdentityId, privateKeyObject, publicKeyBytes } from '../src/domain/federation/keys.ts';
import { signObject } from '../src/domain/federation/provenance.ts';
import {
  checkResponseSignature,
  NONCE_HEADER,
  RESPONSE_SIGNATURE_HEADER,
  signRequest,
} from '../src/domain/federation/request-signature.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { pin, startFedNode, type FedNode } from './helpers/federation.ts';
import { buildPerson } from './helpers/people.ts';
import { buildIndicator, nextVersion, type Obj } from './helpers/stix.ts';

/** A test object as the domain types it (it is plain JSON). */
const asStix = (o: Obj): StixObject => JSON.parse(JSON.stringify(o)) as StixObject;

describe('federation between two nodes', { timeout: 120_000 }, () => {
  let a: FedNode, b: FedNode;
  let peerOnB: string;

  before(async () => {
    a = await startFedNode({ CONCORD_ORG_NAME: 'CERT-FR', CONCORD_ORG_COUNTRY: 'FR' });
    b = await startFedNode({ CONCORD_ORG_NAME: 'CERT-EU' });
    await pin(a, b, { communities: ['eu'] });
    peerOnB = (await pin(b, a, { communities: ['eu', 'nato'], countries: ['FR'] })).id;
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  const importOnA = async (objects: Obj[], tlp: string, distribution: string) => {
    const owner = await a.services.importOwner(CLI, { tlp, distribution });
    const s = await a.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
    assert.equal(s.accepted, objects.length, JSON.stringify(s));
  };
  const pullB = () => b.services.federation.sync.pull(peerOnB);

  test("what A shares with community eu arrives on B signed, owned by A's organisation", async () => {
    const x = buildIndicator({ name: 'eu amber' });
    const red = buildIndicator({ name: 'red stays home' });
    await importOnA([x], 'amber', 'community:eu');
    await importOnA([red], 'red', 'organization');
    const r = await pullB();
    assert.equal(r.ok, true, r.error ?? '');
    const held = await b.store.objects.get(x.id);
    assert.ok(held, 'the amber object arrived');
    const ext = (JSON.parse(held.json) as { extensions: Record<string, Record<string, string>> }).extensions[CONCORD_OBJECT_EXTENSION_ID];
    assert.equal(ext?.['distribution'], 'community:eu');
    assert.equal(ext?.['origin_org'], a.org.id);
    assert.match(ext?.['signature'] ?? '', /^[A-Za-z0-9_-]{86}$/);
    const labels = await b.store.access.latest([x.id]);
    assert.deepEqual(labels.get(x.id), { ownerOrg: a.org.id, tlp: 'amber', distribution: { kind: 'community', id: 'eu' } });
    assert.equal(await b.store.objects.get(red.id), undefined, 'TLP:RED never leaves');
    // The object page names the peer it came from (issue 15, must 3).
    const run = (await b.store.sources.ofVersions([held.seq])).get(held.seq);
    assert.equal(run?.kind, 'peer');
    assert.equal(run?.label, (await b.store.federation.peers.get(peerOnB))?.name);
    shared = x;
  });

  let shared: Obj;

  test('a peer that does not sign, or signs with an unpinned key, is refused; each peer reads only its own collection', async () => {
    const path = `/taxii2/federation/collections/${b.keyId}/objects/`;
    const plain = await fetch(`${a.url}${path}`, { headers: { accept: 'application/taxii+json;version=2.1' } });
    assert.equal(plain.status, 401);
    const forged = await fetch(`${a.url}${path}`, {
      headers: {
        accept: 'application/taxii+json;version=2.1',
        'concord-key-id': b.keyId,
        'concord-date': new Date().toISOString(),
        'concord-signature': 'AAAA',
      },
    });
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { error_code: string }).error_code, 'PEER_AUTH_FAILED');
    const user = await a.app.inject({
      method: 'GET',
      url: path,
      headers: { accept: 'application/taxii+json;version=2.1', authorization: `Bearer ${a.adminToken}` },
    });
    assert.equal(user.statusCode, 404, "a user, even an administrator, does not read a peer's collection");
    const node = await b.services.federation.node.identity();
    const signed = b.services.federation.sync.signingFetch(node);
    const other = await signed(`${a.url}/taxii2/federation/collections/${a.keyId}/objects/`, {
      headers: { accept: 'application/taxii+json;version=2.1' },
    });
    assert.equal(other.status, 404);
    const own = await signed(`${a.url}${path}?limit=1`, { headers: { accept: 'application/taxii+json;version=2.1' } });
    assert.equal(own.status, 200);
    assert.equal(((await own.json()) as { objects: unknown[] }).objects.length, 1);
  });

  test('a signed request is accepted once: the same request sent again is refused as a replay', async () => {
    const node = await b.services.federation.node.identity();
    const path = `/taxii2/federation/collections/${b.keyId}/objects/?limit=1`;
    const signed = signRequest(node.keyId, node.signer.key, 'GET', path, '');
    const headers = { accept: 'application/taxii+json;version=2.1', ...signed };
    const first = await fetch(`${a.url}${path}`, { headers });
    assert.equal(first.status, 200);
    // The page comes back attested by A's node key, for this request only.
    const attestation = first.headers.get(RESPONSE_SIGNATURE_HEADER) ?? '';
    const aKey = publicKeyBytes((await a.services.federation.node.identity()).publicKey);
    const body = await first.text();
    assert.equal(checkResponseSignature(aKey, signed[NONCE_HEADER] ?? '', body, attestation), true);
    assert.equal(checkResponseSignature(aKey, 'another-request-nonce', body, attestation), false);
    const replayed = await fetch(`${a.url}${path}`, { headers });
    assert.equal(replayed.status, 401);
    assert.match(((await replayed.json()) as { description?: string; title?: string }).description ?? '', /replay/);
  });

  test("this node's own object coming back through a peer is recognised as held (A → B → A)", async () => {
    const held = await b.store.objects.get(shared.id);
    const [peerB] = await a.services.federation.peers.list(CLI);
    assert.ok(peerB && held);
    const r = await a.services.federation.ingress.receive(peerB, [JSON.parse(held.json)]);
    assert.deepEqual([r.accepted, r.unchanged, r.quarantined], [0, 1, 0]);
  });

  test('an administrator pulls a peer now through the API; others may not', async () => {
    await importOnA([buildIndicator({ name: 'pulled on demand' })], 'green', 'federation');
    const res = await b.api({ method: 'POST', url: `/api/v1/peers/${peerOnB}/pull` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json().ok, res.json().accepted], [true, 1]);
    const analyst = await buildPerson(b.services, { org: b.org });
    assert.equal((await b.app.inject({ method: 'POST', url: `/api/v1/peers/${peerOnB}/pull`, headers: analyst.auth })).statusCode, 403);
  });

  test('a notification records the lag; the pull clears it', async () => {
    await importOnA([buildIndicator({ name: 'lagging' })], 'green', 'federation');
    const sent = await a.services.federation.sync.notifyAll(await a.services.federation.head());
    assert.deepEqual(
      sent.map((s) => s.error),
      [undefined],
    );
    const behind = await b.services.federation.peers.get(CLI, peerOnB);
    assert.ok(behind.lag.versions > 0, JSON.stringify(behind.state));
    // Each committed page reports where the cursor stands against the peer's head (progress).
    const pages: { cursor: number; head: number | null }[] = [];
    assert.equal((await b.services.federation.sync.pull(peerOnB, { onPage: (_r, at) => pages.push(at) })).ok, true);
    const head = await a.services.federation.head();
    assert.deepEqual(pages.at(-1), { cursor: head, head });
    const caught = await b.services.federation.peers.get(CLI, peerOnB);
    assert.deepEqual(caught.lag, { versions: 0, seconds: 0 });
    assert.equal(caught.state.lastResult?.ok, true);
  });

  test("revocation propagates as the origin's new version", async () => {
    const owner = await a.services.importOwner(CLI, {});
    const v2 = nextVersion(shared, {
      revoked: true,
      object_marking_refs: [TLP2_MARKING_IDS.amber],
      extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'community:eu' } },
    });
    const s = await a.services.ingest.importStream([JSON.stringify([v2])], { source: 'test', owner });
    assert.equal(s.accepted, 1, JSON.stringify(s));
    assert.equal((await pullB()).ok, true);
    const latest = await b.store.objects.get(shared.id);
    assert.equal((JSON.parse(latest?.json ?? '{}') as { revoked?: boolean }).revoked, true);
    assert.equal((await b.store.objects.versions(shared.id)).length, 2);
  });

  test('retraction purges the object on the peer, keeps a tombstone and refuses it afterwards', async () => {
    const signedV1 = JSON.parse((await b.store.objects.versions(shared.id))[0]?.json ?? '{}') as Obj;
    const r = await a.services.federation.retractions.retract(CLI, [shared.id], 'shared by mistake');
    assert.equal(r.purged, 2);
    assert.equal((await pullB()).ok, true);
    const stub = await b.store.objects.get(shared.id);
    assert.doesNotMatch(stub?.json ?? '', /eu amber|pattern/);
    assert.equal((await b.store.access.latest([shared.id])).size, 0, 'no one reads it');
    const read = await b.api({ method: 'GET', url: `/api/v1/objects/${shared.id}` });
    assert.equal(read.statusCode, 404);
    const [tomb] = await b.services.federation.tombstones(10);
    assert.equal(tomb?.objectId, shared.id);
    assert.equal(tomb?.retractedBy, a.keyId);
    const peer = await b.services.federation.peers.get(CLI, peerOnB);
    const again = await b.services.federation.ingress.receive(peer, [signedV1]);
    assert.deepEqual([again.accepted, again.dropped], [0, 1]);
  });

  test("only the origin publishes new versions: another node's signed version is quarantined", async () => {
    const y = buildIndicator({ name: 'origin only' });
    await importOnA([y], 'green', 'federation');
    assert.equal((await pullB()).ok, true);
    const c = generateNodeKey();
    const cOrg = 'identity--3f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f04';
    await b.services.federation.peers.add(CLI, { url: 'http://127.0.0.1:9', key: c.publicKey, name: 'node-c', orgs: [cOrg], sync: false });
    const signer = { keyId: c.keyId, nodeId: nodeIdentityId(c.keyId), key: privateKeyObject(c.privateKey) };
    const mine = signObject(asStix(nextVersion(y, { name: 'hijacked' })), signer, cOrg, 'federation');
    const claimed = signObject(asStix(nextVersion(y, { name: 'hijacked' }, 120)), signer, a.org.id, 'federation');
    const peer = await b.services.federation.peers.get(CLI, peerOnB);
    const r = await b.services.federation.ingress.receive(peer, [mine, claimed]);
    assert.deepEqual([r.accepted, r.quarantined, r.reasons], [0, 2, { NOT_OWNER: 1, PEER_ORIGIN_MISMATCH: 1 }]);
    assert.equal((await b.store.objects.versions(y.id)).length, 1);
  });

  test('the peer API: node identity for everyone, peers with their lag for administrators, input checked', async () => {
    const info = await b.api({ method: 'GET', url: '/api/v1/node' });
    assert.deepEqual((info.json() as { keyId: string }).keyId, b.keyId);
    const bad = await b.api({ method: 'POST', url: '/api/v1/peers', payload: { url: 'http://127.0.0.1:9', key: 'not-a-key' } });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { code: string }).code, 'INVALID_INPUT');
    const badLevel = await b.api({
      method: 'POST',
      url: '/api/v1/peers',
      payload: { url: 'http://127.0.0.1:9', key: generateNodeKey().publicKey, accreditation: { nato: 'TOP' } },
    });
    assert.equal(badLevel.statusCode, 400);
    const list = await b.api({ method: 'GET', url: '/api/v1/peers' });
    const peers = (list.json() as { peers: { id: string; lag: { versions: number }; state: { cursor: string | null } }[] }).peers;
    const fromA = peers.find((p) => p.id === peerOnB);
    assert.ok(fromA && fromA.state.cursor !== null && fromA.lag.versions === 0);
    const patched = await b.api({ method: 'PATCH', url: `/api/v1/peers/${peerOnB}`, payload: { outbound: { maxTlp: 'green' } } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual((patched.json() as { outbound: unknown }).outbound, { maxTlp: 'green' });
  });

  test('a TLP:RED object for a sharing group reaches its member hosted on B, and only that member reads it there', async () => {
    const member = await buildPerson(b.services, { orgName: 'Circle member on B' });
    const outsider = await buildPerson(b.services, { orgName: 'Outsider on B' });
    // A knows the member organisation, hosted by B; A's peer record of B says so.
    await a.services.orgs.addOrg(CLI, { id: member.org.id, name: 'Circle member on B' });
    await a.services.orgs.updateOrg(CLI, member.org.id, { node: nodeIdentityId(b.keyId) });
    const bOnA = (await a.services.federation.peers.list(CLI)).find((p) => p.keyId === b.keyId);
    assert.ok(bOnA);
    await a.services.federation.peers.update(CLI, bOnA.id, { orgs: [b.org.id, member.org.id] });
    const circle = await a.services.orgs.addSharingGroup(CLI, { name: 'FR and a B member', ownerOrg: a.org.id, members: [member.org.id] });
    const x = buildIndicator({ name: 'red for the circle' });
    await importOnA([x], 'red', `sharing-group:${circle.id}`);
    const r = await pullB();
    assert.equal(r.ok, true, r.error ?? '');
    assert.ok(await b.store.objects.get(x.id), 'the group member is hosted on B: the object went there');
    const adopted = (await b.services.orgs.listSharingGroups(CLI)).find((g) => g.id === circle.id);
    assert.deepEqual(adopted && { origin: adopted.origin, members: adopted.members, name: adopted.name }, {
      origin: a.keyId,
      members: [a.org.id, member.org.id],
      name: circle.name,
    });
    const read = (who: { auth: { authorization: string } }) =>
      b.app.inject({ method: 'GET', url: `/api/v1/objects/${x.id}`, headers: who.auth });
    assert.equal((await read(member)).statusCode, 200);
    assert.equal((await read(outsider)).statusCode, 404);
    // The group is A's: B may switch it off, not change who is in it.
    await assert.rejects(b.services.orgs.updateSharingGroup(CLI, circle.id, { members: [outsider.org.id] }), /managed on node key/);
    await b.services.orgs.updateSharingGroup(CLI, circle.id, { disabled: true });
    assert.equal((await read(member)).statusCode, 404);
    await b.services.orgs.updateSharingGroup(CLI, circle.id, { disabled: false });
    // A removes the member: B learns it at its next pull, though no object of the group came.
    await a.services.orgs.updateSharingGroup(CLI, circle.id, { members: [] });
    assert.equal((await pullB()).ok, true);
    assert.deepEqual(
      (await b.services.orgs.getSharingGroup(CLI, circle.id)).members,
      [],
      'B is told only that none of its organisations is in it',
    );
    assert.equal((await read(member)).statusCode, 404);
    // Added again, it reads again.
    await a.services.orgs.updateSharingGroup(CLI, circle.id, { members: [member.org.id] });
    assert.equal((await pullB()).ok, true);
    assert.equal((await read(member)).statusCode, 200);
  });

  test('only a peer asks what became of sharing groups, and hears only of groups its partner manages', async () => {
    const url = '/api/v1/federation/groups';
    assert.equal((await a.app.inject({ method: 'POST', url, payload: { ids: [] } })).statusCode, 401);
    const user = await a.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${a.adminToken}` }, payload: { ids: [] } });
    assert.equal(user.statusCode, 403, 'a user, even an administrator, is not a peer');
    const elsewhere = (await b.services.orgs.listSharingGroups(CLI)).find((g) => g.origin === a.keyId);
    const aOnly = await a.services.orgs.addSharingGroup(CLI, { name: 'A only', ownerOrg: a.org.id });
    const signed = b.services.federation.sync.signingFetch(await b.services.federation.node.identity());
    const ask = async (ids: string[]) => {
      const res = await signed(`${a.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { groups: { id: string; members: string[] }[] }).groups.map((g) => [g.id, g.members]);
    };
    // A group none of B's organisations is in: B hears that, and not who is in it.
    assert.deepEqual(await ask([aOnly.id, 'sharing-group-unknown']), [[aOnly.id, []]]);
    // A group B holds, adopted from A and managed there: its current statement.
    assert.ok(elsewhere);
    assert.deepEqual(
      (await ask([elsewhere.id])).map(([id]) => id),
      [elsewhere.id],
    );
    // A group B manages itself: A does not manage it, so A says nothing of it.
    const own = await b.services.orgs.addSharingGroup(CLI, { name: 'B circle 2', ownerOrg: b.org.id });
    assert.deepEqual(await ask([own.id]), []);
  });

  test('an object that claims a sharing group of the receiving node, or of another node, is quarantined', async () => {
    const own = await b.services.orgs.addSharingGroup(CLI, { name: 'B circle', ownerOrg: b.org.id });
    const d = generateNodeKey();
    const dOrg = 'identity--3f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0d';
    await b.services.federation.peers.add(CLI, { url: 'http://127.0.0.1:9', key: d.publicKey, name: 'node-d', orgs: [dOrg], sync: false });
    const signer = { keyId: d.keyId, nodeId: nodeIdentityId(d.keyId), key: privateKeyObject(d.privateKey) };
    const claim = (groupId: string) =>
      signObject(asStix(buildIndicator({ name: `claims ${groupId}` })), signer, dOrg, `sharing-group:${groupId}`, {
        id: groupId,
        name: 'mine now',
        owner: dOrg,
        members: [dOrg, b.org.id],
        modified: new Date().toISOString(),
      });
    const fromA = (await b.services.orgs.listSharingGroups(CLI)).find((g) => g.origin === a.keyId);
    assert.ok(fromA, 'the previous test adopted a group of A');
    const peer = await b.services.federation.peers.get(
      CLI,
      (await b.services.federation.peers.list(CLI)).find((p) => p.keyId === d.keyId)?.id ?? '',
    );
    const r = await b.services.federation.ingress.receive(peer, [claim(own.id), claim(fromA.id)]);
    assert.deepEqual([r.accepted, r.quarantined, r.reasons], [0, 2, { PEER_GROUP_CONFLICT: 2 }]);
    const after = await b.services.orgs.getSharingGroup(CLI, own.id);
    assert.deepEqual([after.origin, after.members], [null, [b.org.id]]);
  });

  test("only peers ask for a node's audit head or for what was witnessed of theirs", async () => {
    for (const url of ['/api/v1/federation/audit-head', '/api/v1/federation/witnessed']) {
      assert.equal((await a.app.inject({ method: 'POST', url, payload: {} })).statusCode, 401, url);
      assert.equal(
        (await a.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${a.adminToken}` }, payload: {} })).statusCode,
        403,
        url,
      );
    }
  });

  test("B keeps A's signed audit head; a history A rewrote consistently verifies alone but not against B", async () => {
    const kept = await b.store.federation.witnesses.get(a.keyId);
    assert.ok(kept && kept.seq > 0, "B asked for A's audit head after its first pull");
    const before = await a.services.federation.witness.check();
    assert.deepEqual(
      before.map((w) => [w.peer, w.seq, w.ok]),
      [[(await a.services.federation.peers.list(CLI))[0]?.name, kept.seq, true]],
    );
    // Whoever holds A's database rewrites entry 1 and every hash after it, head included.
    const db = new Database(join(a.location.sqliteDir ?? '', 'concord.db'));
    try {
      db.exec('drop trigger audit_log_no_update');
      type Row = { seq: number; at: string; actor: string | null; action: string; target: string | null; details: string };
      let prev = GENESIS_HASH;
      for (const r of db.prepare<[], Row>('select seq, at, actor, action, target, details from audit_log order by seq').all()) {
        const details = r.seq === 1 ? { rewritten: true } : (JSON.parse(r.details) as Record<string, never>);
        const hash = entryHash({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, target: r.target, details, prevHash: prev });
        db.prepare('update audit_log set details = ?, prev_hash = ?, hash = ? where seq = ?').run(
          JSON.stringify(details),
          prev,
          hash,
          r.seq,
        );
        prev = hash;
      }
      db.prepare('update audit_head set hash = ? where id = 1').run(prev);
    } finally {
      db.close();
    }
    assert.equal((await a.services.audit.verify()).ok, true, 'the chain alone cannot tell');
    const res = await a.api({ method: 'GET', url: '/api/v1/audit/verify' });
    assert.equal(res.statusCode, 200);
    const [w] = (res.json() as { witnesses: { ok?: boolean; message?: string }[] }).witnesses;
    assert.equal(w?.ok, false);
    assert.match(w?.message ?? '', new RegExp(`entry #${kept.seq} is not the one this node stated`));
  });
});
