import assert from 'node:assert/strict';
import { sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../stix/canonical.ts';
import type { JsonValue, StixObject } from '../stix/types.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../markings/concord-markings.ts';
import {
  generateNodeKey,
  keyIdOf,
  nodeIdentityId,
  parsePublicKey,
  privateKeyObject,
  publicKeyBytes,
  publicKeyObject,
  publicKeyPem,
} from './keys.ts';
import { verifyEd25519 } from './ed25519.ts';
import { claimsProvenance, provenanceOf, signedText, signObject, signingText, verifyObject, type Signer } from './provenance.ts';

const material = generateNodeKey();
const signer: Signer = { keyId: material.keyId, nodeId: nodeIdentityId(material.keyId), key: privateKeyObject(material.privateKey) };
const pinned = (k: string) => (k === material.keyId ? publicKeyBytes(material.publicKey) : undefined);

const indicator: StixObject = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: 'Bad IP',
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00.000Z',
};

test('a signed object verifies against the pinned key and names its origin', () => {
  const signed = signObject(indicator, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'community:eu');
  const v = verifyObject(signed, pinned);
  assert.equal(v.ok, true);
  assert.deepEqual(v.ok && { ...v.provenance, signature: '' }, {
    originNode: signer.nodeId,
    originOrg: 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
    keyId: material.keyId,
    distribution: 'community:eu',
    signature: '',
  });
});

test('signing is deterministic (Ed25519): the same version signs to the same bytes', () => {
  const a = signObject(indicator, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'federation');
  const b = signObject(
    JSON.parse(JSON.stringify(indicator)) as StixObject,
    signer,
    'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
    'federation',
  );
  assert.equal(provenanceOf(a)?.signature, provenanceOf(b)?.signature);
});

test('any change after signing, including a wider distribution, breaks the signature', () => {
  const signed = signObject(indicator, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'community:eu');
  const renamed = { ...signed, name: 'Harmless IP' };
  assert.equal(verifyObject(renamed, pinned).ok, false);
  const ext = (signed['extensions'] as Record<string, Record<string, JsonValue>>)[CONCORD_OBJECT_EXTENSION_ID] ?? {};
  const widened = { ...signed, extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { ...ext, distribution: 'federation' } } };
  const v = verifyObject(widened, pinned);
  assert.deepEqual(v.ok ? 'ok' : v.reason, 'PEER_SIGNATURE_INVALID');
});

test('unsigned objects and unknown keys get their own reasons', () => {
  const v1 = verifyObject(indicator, pinned);
  assert.equal(v1.ok ? 'ok' : v1.reason, 'PEER_UNSIGNED');
  const other = generateNodeKey();
  const foreign = signObject(
    indicator,
    { keyId: other.keyId, nodeId: nodeIdentityId(other.keyId), key: privateKeyObject(other.privateKey) },
    'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
    'federation',
  );
  const v2 = verifyObject(foreign, pinned);
  assert.equal(v2.ok ? 'ok' : v2.reason, 'PEER_ORIGIN_UNKNOWN');
});

test('a signature made with another key under a pinned key id is invalid', () => {
  const other = generateNodeKey();
  const forged = signObject(
    indicator,
    { keyId: material.keyId, nodeId: signer.nodeId, key: privateKeyObject(other.privateKey) },
    'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
    'federation',
  );
  const v = verifyObject(forged, pinned);
  assert.equal(v.ok ? 'ok' : v.reason, 'PEER_SIGNATURE_INVALID');
});

test('RFC 8785: key order and whitespace never change what is signed (property)', () => {
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['type', 'id', 'extensions'].includes(k)),
        json,
        { maxKeys: 6 },
      ),
      (props) => {
        const o: StixObject = { ...indicator, ...props };
        const signed = signObject(o, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'federation');
        // The same content, keys reversed and printed with indentation, still verifies.
        const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()), null, 2)) as StixObject;
        assert.equal(signingText(reordered), signingText(signed));
        assert.equal(verifyObject(reordered, pinned).ok, true);
        assert.equal(canonicalJson(JSON.parse(canonicalJson(o))), canonicalJson(o));
      },
    ),
    { numRuns: 200 },
  );
});

test('keys: base64, base64url and PEM forms read back to the same key; the key id is a fingerprint', () => {
  const b64 = material.publicKey;
  assert.equal(parsePublicKey(b64), b64);
  assert.equal(parsePublicKey(Buffer.from(b64, 'base64').toString('base64url')), b64);
  assert.equal(parsePublicKey(publicKeyPem(b64)), b64);
  assert.equal(keyIdOf(b64), material.keyId);
  assert.match(material.keyId, /^[0-9a-f]{32}$/);
  assert.throws(() => parsePublicKey('not a key'), /Ed25519 public key/);
  assert.equal(nodeIdentityId(material.keyId), nodeIdentityId(keyIdOf(b64)));
});

test('a malformed signature is a wrong one, not an error', () => {
  const signed = signObject(indicator, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'federation');
  const ext = (signed['extensions'] as Record<string, Record<string, JsonValue>>)[CONCORD_OBJECT_EXTENSION_ID] ?? {};
  for (const signature of ['', 'not base64 at all!', 'AAAA', `${String(ext['signature'])}AA`]) {
    const v = verifyObject({ ...signed, extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { ...ext, signature } } }, pinned);
    assert.equal(v.ok ? 'ok' : v.reason, 'PEER_SIGNATURE_INVALID', `signature ${JSON.stringify(signature)}`);
  }
});

test('libsodium accepts exactly what node:crypto signs and verifies', () => {
  // Signing is node:crypto (OpenSSL), verification libsodium (ed25519.ts): the two must agree.
  for (let i = 0; i < 20; i++) {
    const k = generateNodeKey();
    const message = Buffer.from(`message ${i} ${'x'.repeat(i * 37)}`);
    const signature = cryptoSign(null, message, privateKeyObject(k.privateKey));
    assert.equal(
      verifyEd25519(publicKeyBytes(k.publicKey), message, signature),
      cryptoVerify(null, message, publicKeyObject(k.publicKey), signature),
    );
    signature[i % 64] = (signature[i % 64] ?? 0) ^ 1;
    assert.equal(verifyEd25519(publicKeyBytes(k.publicKey), message, signature), false);
  }
});

test('a signed object verifies in its canonical served form and in any other key order', () => {
  const signed = signObject(indicator, signer, 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01', 'federation');
  const served = JSON.parse(signedText(signed)) as StixObject;
  assert.equal(signedText(signed), canonicalJson(signed));
  assert.equal(verifyObject(served, pinned).ok, true);
  // Keys reversed at every level: the receiver canonicalises, and the signature still holds.
  const reverse = (v: JsonValue): JsonValue =>
    Array.isArray(v)
      ? v.map(reverse)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v;
  const shuffled = reverse(served) as StixObject;
  assert.notEqual(JSON.stringify(shuffled), JSON.stringify(served));
  assert.equal(verifyObject(shuffled, pinned).ok, true);
  assert.equal(verifyObject({ ...shuffled, name: 'Harmless IP' }, pinned).ok, false);
});

test('an object claims provenance when its extension names an origin or carries a signature, not for a distribution alone', () => {
  const org = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01';
  const withExt = (ext: Record<string, JsonValue>): StixObject => ({
    ...indicator,
    extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', ...ext } },
  });
  assert.equal(claimsProvenance(indicator), false);
  assert.equal(claimsProvenance(withExt({ distribution: 'federation' })), false, 'its importer becomes its origin');
  assert.equal(claimsProvenance(signObject(indicator, signer, org, 'federation')), true);
  assert.equal(claimsProvenance(withExt({ distribution: 'federation', origin_node: signer.nodeId })), true, 'unsigned, yet naming a node');
  const definition = {
    ...withExt({ signature: 'x' }),
    type: 'marking-definition',
    id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  };
  assert.equal(claimsProvenance(definition), false, 'definitions travel unsigned');
});
