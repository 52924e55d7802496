// Who may read and write a TAXII collection (collection-grants.ts; TAXII 2.1 §5.2.1 can_read/can_write).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGrants, collectionRights, granted } from './collection-grants.ts';
import type { Reader } from './types.ts';

const reader: Reader = {
  orgIds: ['identity--a'],
  countries: ['FR'],
  communities: ['eu'],
  sharingGroups: [],
  clearances: {},
  exercises: [],
};

test('a grant names everyone, an organisation or a community; nothing else grants', () => {
  assert.equal(granted(['*'], reader), true);
  assert.equal(granted(['org:identity--a'], reader), true);
  assert.equal(granted(['community:eu'], reader), true);
  assert.equal(granted(['org:identity--b', 'community:nato'], reader), false);
  assert.equal(granted([], reader), false);
  assert.deepEqual(checkGrants('read', ['*', '*', 'org:x']), ['*', 'org:x']);
  assert.throws(() => checkGrants('read', ['everyone']), /not a grant/);
});

test('writing needs a target, a write grant and a caller who may import; the command line reads all', () => {
  const target = { kind: 'target' as const, read: ['org:identity--a'], write: ['org:identity--a'] };
  assert.deepEqual(collectionRights(target, reader, true), { canRead: true, canWrite: true });
  assert.deepEqual(collectionRights(target, reader, false), { canRead: true, canWrite: false });
  assert.deepEqual(collectionRights({ ...target, write: ['community:nato'] }, reader, true), { canRead: true, canWrite: false });
  assert.deepEqual(collectionRights({ ...target, kind: 'query' }, reader, true), { canRead: true, canWrite: false });
  assert.deepEqual(collectionRights({ ...target, read: [] }, reader, true), { canRead: false, canWrite: true });
  assert.deepEqual(collectionRights({ kind: 'query', read: [], write: [] }, null, false), { canRead: true, canWrite: false });
  assert.deepEqual(collectionRights({ kind: 'target', read: [], write: [] }, null, false), { canRead: true, canWrite: true });
});
