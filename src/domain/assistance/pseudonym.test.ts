// Pseudonymous profile ids (issue 18, must 2): the same expert keeps the same profile on its
// node, another node (another key) cannot compute it, and neither the id nor the pseudonym
// carries anything of the roster row.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { isStixId } from '../stix/id-format.ts';
import { PROFILE_TYPE } from './api.ts';
import { profileIdOf, profileKey, pseudonymOf } from './pseudonym.ts';

const nodeKey = (): Buffer => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });

describe('pseudonymous profile ids', () => {
  const key = profileKey(nodeKey());
  const other = profileKey(nodeKey());

  test('an expert keeps its profile id on its node; another node derives another', () => {
    fc.assert(
      fc.property(fc.uuid(), (expertId) => {
        const id = profileIdOf(key, expertId);
        assert.ok(isStixId(id) && id.startsWith(`${PROFILE_TYPE}--`), id);
        assert.equal(profileIdOf(key, expertId), id);
        assert.notEqual(profileIdOf(other, expertId), id);
        assert.ok(!id.includes(expertId));
      }),
    );
  });

  test('a profile published again after being revoked is a new object', () => {
    const expertId = randomUUID();
    const ids = new Set([0, 1, 2].map((g) => profileIdOf(key, expertId, g)));
    assert.equal(ids.size, 3);
  });

  test('the pseudonym is read off the id, the same on every node', () => {
    const id = profileIdOf(key, randomUUID());
    assert.match(pseudonymOf(id), /^Expert [0-9A-F]{8}$/);
    assert.equal(pseudonymOf(id), pseudonymOf(id));
    assert.ok(id.replaceAll('-', '').toUpperCase().includes(pseudonymOf(id).slice('Expert '.length)));
  });
});
