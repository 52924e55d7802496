import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainEntry, EMPTY_HEAD } from '../audit/chain.ts';
import { checkHeadStatement, headStatementOf, judgeWitness, stateHead } from './audit-witness.ts';
import { generateNodeKey, nodeIdentityId, privateKeyObject, publicKeyBytes } from './keys.ts';

const k = generateNodeKey();
const signer = { keyId: k.keyId, nodeId: nodeIdentityId(k.keyId), key: privateKeyObject(k.privateKey) };
const e1 = chainEntry(EMPTY_HEAD, { actor: 'system', action: 'test.one', target: null, details: {} }, '2026-11-22T10:00:00.000Z');
const e2 = chainEntry(e1, { actor: 'system', action: 'test.two', target: null, details: {} }, '2026-11-22T10:01:00.000Z');

test('a head statement is signed by the node key, names its node, and survives the trip as JSON', () => {
  const s = stateHead(signer, e2, '2026-11-22T11:00:00.000Z');
  const back = headStatementOf(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(back, s);
  assert.equal(checkHeadStatement(publicKeyBytes(k.publicKey), s), true);
  assert.equal(checkHeadStatement(publicKeyBytes(k.publicKey), { ...s, seq: 1 }), false, 'another entry');
  assert.equal(checkHeadStatement(publicKeyBytes(k.publicKey), { ...s, hash: e1.hash }), false, 'another hash');
  assert.equal(checkHeadStatement(publicKeyBytes(generateNodeKey().publicKey), s), false, 'another key');
  assert.equal(headStatementOf({ ...s, seq: -1 }), undefined);
  assert.equal(headStatementOf('statement'), undefined);
});

test('a witnessed statement holds while the chain keeps that entry with that hash', () => {
  const s = stateHead(signer, e1, '2026-11-22T11:00:00.000Z');
  assert.deepEqual(judgeWitness(s, e1, e2), { ok: true });
  const rewritten = chainEntry(
    EMPTY_HEAD,
    { actor: 'system', action: 'test.other', target: null, details: {} },
    '2026-11-22T10:00:00.000Z',
  );
  const v = judgeWitness(s, rewritten, rewritten);
  assert.equal(v.ok, false);
  assert.match(!v.ok ? v.message : '', /entry #1 is not the one this node stated on 2026-11-22T11:00:00\.000Z/);
  const later = stateHead(signer, e2, '2026-11-22T11:00:00.000Z');
  assert.match(JSON.stringify(judgeWitness(later, undefined, e1)), /the log now ends at #1/);
  assert.deepEqual(judgeWitness(stateHead(signer, EMPTY_HEAD, '2026-11-22T11:00:00.000Z'), undefined, EMPTY_HEAD), { ok: true });
});
