// Which write actions the UI offers (web/src/screens/write/rules.ts, issue 15 must 4): the
// server's permission table asked with the signed-in user's roles and the object's owner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Me } from '../web/src/api/session.ts';
import { mayAnnotate, mayCreate, mayEdit, mayWrite } from '../web/src/screens/write/rules.ts';

const OWN = 'identity--0f1c7d57-2a8e-4c30-9a43-6d1f35e0a1b1';
const OTHER = 'identity--7b5c0a3e-1d2f-4e6a-8b9c-0d1e2f3a4b5c';

function me(roles: string[], orgId = OWN): Me {
  return {
    user: { id: 'u', username: 'u', displayName: '', roles, clearances: {}, orgId, mustChangePassword: false },
    org: { id: orgId, name: 'CERT', country: null, communities: [], defaultTlp: 'amber', defaultDistribution: 'organization' },
  };
}

const ours = { id: 'indicator--1d7d2f1c-4a55-4f0b-9f49-7b0bbad0f6a2', type: 'indicator', created_by_ref: OWN };
const theirs = { ...ours, created_by_ref: OTHER };

test("an analyst edits their organisation's objects, not another's, and never a revoked one", () => {
  assert.equal(mayEdit(me(['analyst']), ours), true);
  assert.equal(mayEdit(me(['analyst']), theirs), false);
  assert.equal(mayEdit(me(['analyst']), { ...ours, revoked: true }), false);
  assert.equal(mayEdit(me(['analyst']), { ...ours, created_by_ref: undefined }), false);
});

test('a coordinator annotates but neither creates nor edits; a viewer does nothing', () => {
  assert.deepEqual(
    [mayCreate(me(['coordinator'])), mayAnnotate(me(['coordinator'])), mayEdit(me(['coordinator']), ours)],
    [false, true, false],
  );
  assert.deepEqual([mayCreate(me(['viewer'])), mayAnnotate(me(['viewer'])), mayWrite(me(['viewer']))], [false, false, false]);
});

test('a node administrator writes for their own organisation (object.write is own-org)', () => {
  assert.equal(mayCreate(me(['admin'])), true);
  assert.equal(mayEdit(me(['admin']), ours), true);
  assert.equal(mayEdit(me(['admin']), theirs), false);
});
