import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateNodeKey, privateKeyObject, publicKeyBytes } from './keys.ts';
import {
  checkRequestSignature,
  checkResponseSignature,
  DATE_HEADER,
  KEY_ID_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signRequest,
  signResponse,
} from './request-signature.ts';

const k = generateNodeKey();
const pub = publicKeyBytes(k.publicKey);

function headersOf(h: Record<string, string>) {
  return { keyId: h[KEY_ID_HEADER] ?? '', date: h[DATE_HEADER] ?? '', nonce: h[NONCE_HEADER] ?? '', signature: h[SIGNATURE_HEADER] ?? '' };
}

test('a signed request checks against the pinned key; method, path, nonce, body and key all count', () => {
  const h = headersOf(signRequest(k.keyId, privateKeyObject(k.privateKey), 'POST', '/api/v1/federation/notify', '{"head":5}'));
  assert.equal(checkRequestSignature(h, pub, 'POST', '/api/v1/federation/notify', '{"head":5}'), undefined);
  assert.match(checkRequestSignature(h, pub, 'POST', '/api/v1/federation/notify', '{"head":6}') ?? '', /does not match/);
  assert.match(checkRequestSignature(h, pub, 'GET', '/api/v1/federation/notify', '{"head":5}') ?? '', /does not match/);
  assert.match(checkRequestSignature(h, pub, 'POST', '/api/v1/federation/notify?x=1', '{"head":5}') ?? '', /does not match/);
  assert.match(
    checkRequestSignature(h, publicKeyBytes(generateNodeKey().publicKey), 'POST', '/api/v1/federation/notify', '{"head":5}') ?? '',
    /does not match/,
  );
  assert.match(
    checkRequestSignature({ ...h, nonce: `${h.nonce.slice(1)}A` }, pub, 'POST', '/api/v1/federation/notify', '{"head":5}') ?? '',
    /does not match/,
  );
  assert.match(checkRequestSignature({ ...h, nonce: '' }, pub, 'POST', '/api/v1/federation/notify', '{"head":5}') ?? '', /concord-nonce/);
  const again = headersOf(signRequest(k.keyId, privateKeyObject(k.privateKey), 'POST', '/api/v1/federation/notify', '{"head":5}'));
  assert.notEqual(again.nonce, h.nonce, 'every request has its own nonce');
});

test('a date more than five minutes away is refused (replays are bounded)', () => {
  const old = new Date(Date.now() - 6 * 60_000);
  const h = headersOf(signRequest(k.keyId, privateKeyObject(k.privateKey), 'GET', '/x', '', old));
  assert.match(checkRequestSignature(h, pub, 'GET', '/x', '') ?? '', /five|5 minutes/);
  const fresh = headersOf(signRequest(k.keyId, privateKeyObject(k.privateKey), 'GET', '/x', '', new Date(Date.now() - 4 * 60_000)));
  assert.equal(checkRequestSignature(fresh, pub, 'GET', '/x', ''), undefined);
});

test('a response signature binds the body to the nonce of the request it answers', () => {
  const key = privateKeyObject(k.privateKey);
  const body = '{"more":false,"objects":[]}';
  const sig = signResponse(key, 'nonce-of-the-request-1', body);
  assert.equal(checkResponseSignature(pub, 'nonce-of-the-request-1', body, sig), true);
  assert.equal(checkResponseSignature(pub, 'nonce-of-the-request-2', body, sig), false, 'an answer to another request');
  assert.equal(checkResponseSignature(pub, 'nonce-of-the-request-1', `${body} `, sig), false, 'a body changed by one byte');
  assert.equal(
    checkResponseSignature(publicKeyBytes(generateNodeKey().publicKey), 'nonce-of-the-request-1', body, sig),
    false,
    'another key',
  );
  assert.equal(checkResponseSignature(pub, '', body, signResponse(key, '', body)), false, 'no nonce, no attestation');
});
