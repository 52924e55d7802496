import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateNodeKey, nodeIdentityId, privateKeyObject } from '../../domain/federation/keys.ts';
import { signedText, signObject, type Signer } from '../../domain/federation/provenance.ts';
import { signResponse } from '../../domain/federation/request-signature.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import { verifyPageText, type PinnedKeys } from './verifier.ts';

function signerOf(m: ReturnType<typeof generateNodeKey>): Signer {
  return { keyId: m.keyId, nodeId: nodeIdentityId(m.keyId), key: privateKeyObject(m.privateKey) };
}

const peer = generateNodeKey();
const third = generateNodeKey();
const pinned: PinnedKeys = [
  [peer.keyId, peer.publicKey],
  [third.keyId, third.publicKey],
];
const ORG = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01';

function indicator(n: number): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd${String(n).padStart(2, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: `Bad IP ${n}`,
    pattern: `[ipv4-addr:value = '198.51.100.${n}']`,
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00.000Z',
  };
}

/** A page as a peer serves it: its own object and one it relays from a third node, altered. */
function page(): string {
  const own = signedText(signObject(indicator(1), signerOf(peer), ORG, 'federation'));
  const relayed = signObject(indicator(2), signerOf(third), ORG, 'federation');
  const altered = signedText({ ...relayed, name: 'Harmless IP' });
  return `{"more":false,"next":"2","objects":[${own},${altered}]}`;
}

test('a page attested by its sender checks that sender’s objects through it; relayed objects are still checked one by one', () => {
  const text = page();
  const nonce = 'nonce-of-the-page-request';
  const v = verifyPageText(pinned, text, {
    keyId: peer.keyId,
    nonce,
    signature: signResponse(privateKeyObject(peer.privateKey), nonce, text),
  });
  assert.equal(v.attested, true);
  assert.equal(v.items[0]?.verdict?.ok, true);
  const relayed = v.items[1]?.verdict;
  assert.equal(relayed?.ok, false, 'the peer’s attestation does not vouch for a third node’s object');
  assert.equal(relayed?.ok === false && relayed.reason, 'PEER_SIGNATURE_INVALID');
});

test('an attestation that does not hold is ignored: every object stands on its own signature', () => {
  const text = page();
  const key = privateKeyObject(peer.privateKey);
  const cases = [
    {
      why: 'signed for another request',
      attestation: { keyId: peer.keyId, nonce: 'this-request', signature: signResponse(key, 'another-request', text) },
    },
    {
      why: 'signed by another key than the sender’s',
      attestation: { keyId: peer.keyId, nonce: 'n-1', signature: signResponse(privateKeyObject(third.privateKey), 'n-1', text) },
    },
    { why: 'a key that is not pinned', attestation: { keyId: 'unpinned', nonce: 'n-1', signature: signResponse(key, 'n-1', text) } },
  ];
  for (const { why, attestation } of cases) {
    const v = verifyPageText(pinned, text, attestation);
    assert.equal(v.attested, false, why);
    assert.equal(v.items[0]?.verdict?.ok, true, `${why}: the sender’s own object still verifies by its signature`);
    assert.equal(v.items[1]?.verdict?.ok, false, why);
  }
  // The body altered after the peer signed it: the attestation fails, and so does the altered object.
  const nonce = 'n-2';
  const signature = signResponse(key, nonce, text);
  const tampered = text.replace('Bad IP 1', 'Bad IP 9');
  const v = verifyPageText(pinned, tampered, { keyId: peer.keyId, nonce, signature });
  assert.equal(v.attested, false);
  assert.equal(v.items[0]?.verdict?.ok, false);
});
