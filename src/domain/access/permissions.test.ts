// The permission table and authorize() (permissions.ts): every row against every role, in the
// holder's organisation and another, through read-write and read-only tokens, and the command line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ForbiddenError } from '../../errors.ts';
import {
  ACTIONS,
  PERMISSIONS,
  allowed,
  authorize,
  mayMutate,
  permission,
  reach,
  rolesFor,
  type Action,
  type Subject,
} from './permissions.ts';
import { ROLES, type Role } from './types.ts';

const OWN = 'identity--own';
const OTHER = 'identity--other';

const user = (roles: readonly Role[], scope: 'read' | 'read-write' = 'read-write'): Subject => ({
  kind: 'user',
  user: { roles },
  org: { id: OWN },
  scope,
});
const SYSTEM: Subject = { kind: 'system' };

describe('the permission table', () => {
  test('every row grants only known roles, says why it refuses, and is reached by the command line', () => {
    assert.ok(ACTIONS.length > 20);
    for (const action of ACTIONS) {
      const row = permission(action);
      for (const role of Object.keys(row.grants)) assert.ok((ROLES as readonly string[]).includes(role), `${action}: ${role}`);
      assert.ok(row.refusal.length > 0, action);
      assert.ok(allowed(SYSTEM, action) && allowed(SYSTEM, action, { orgId: OTHER }), `${action}: the command line may do anything`);
    }
  });

  for (const action of ACTIONS) {
    test(`${action}: each role in its own organisation and in another`, () => {
      const row = permission(action);
      for (const role of ROLES) {
        const scope = row.planned ? undefined : row.grants[role];
        const p = user([role]);
        assert.equal(allowed(p, action, { orgId: OWN }), scope !== undefined, `${role} on its own organisation`);
        assert.equal(allowed(p, action, { orgId: OTHER }), scope === 'node', `${role} on another organisation`);
        assert.equal(allowed(p, action), scope !== undefined, `${role} without a resource`);
        assert.equal(reach(p, action), scope ?? null, `${role}: reach`);
        // A read-only token changes nothing, whatever the role; it reads as the user does.
        const readOnly = user([role], 'read');
        assert.equal(allowed(readOnly, action, { orgId: OWN }), scope !== undefined && !row.mutates, `${role} through a read-only token`);
      }
    });
  }

  test('a planned capability is refused to every user until its issue fills the row in', () => {
    const planned = ACTIONS.filter((a) => permission(a).planned === true);
    assert.ok(planned.some((a) => a.startsWith('exercise.')) && planned.some((a) => a.startsWith('misp.')));
    for (const a of planned) for (const role of ROLES) assert.equal(allowed(user([role]), a), false, `${a} as ${role}`);
  });

  test('several roles reach as far as the widest of them', () => {
    fc.assert(
      fc.property(fc.subarray([...ROLES]), fc.constantFrom(...ACTIONS), (roles, action) => {
        const scopes = roles.map((r) => reach(user([r]), action));
        const widest = scopes.includes('node') ? 'node' : scopes.includes('own-org') ? 'own-org' : null;
        assert.equal(reach(user(roles), action), widest);
      }),
    );
  });

  test('rolesFor lists the roles of a row in ROLES order', () => {
    assert.deepEqual(rolesFor('object.import'), ['admin', 'org-admin', 'analyst', 'coordinator']);
    assert.deepEqual(rolesFor('retraction.create'), ['admin', 'org-admin', 'analyst']);
  });
});

describe('authorize', () => {
  test("refuses with 403 ACCESS_DENIED and the row's reason", () => {
    const refused = (p: Subject, action: Action, orgId: string | undefined, message: string) =>
      assert.throws(
        () => authorize(p, action, orgId === undefined ? undefined : { orgId }),
        (e: unknown) => e instanceof ForbiddenError && e.status === 403 && e.code === 'ACCESS_DENIED' && e.message === message,
        action,
      );
    refused(user(['viewer']), 'object.import', undefined, 'viewers cannot import');
    refused(user(['analyst']), 'feed.manage', undefined, 'feeds are administered by node administrators');
    refused(user(['org-admin']), 'user.administer', OTHER, PERMISSIONS['user.administer'].refusal);
    refused(user(['admin'], 'read'), 'peer.manage', undefined, 'this API token is read-only');
    refused(user(['viewer'], 'read'), 'object.import', undefined, 'viewers cannot import');
    authorize(user(['admin'], 'read'), 'peer.read');
    authorize(user(['org-admin']), 'sharing-group.manage', { orgId: OWN });
    authorize(SYSTEM, 'incident.manage', { orgId: OTHER });
  });

  // What users notice, stated once more than the table does: editing a row that changes one of
  // these is a change of policy, not a refactor.
  test('the policy users know', () => {
    const as = (role: Role) => user([role]);
    for (const a of [
      'org.administer',
      'community.administer',
      'feed.manage',
      'peer.manage',
      'audit.read',
      'quarantine.read',
      'collection.administer',
    ] as const) {
      assert.deepEqual(rolesFor(a), ['admin'], `${a}: node administrators only`);
      assert.equal(allowed(as('admin'), a), true);
    }
    assert.equal(allowed(as('viewer'), 'object.import'), false, 'viewers cannot import');
    assert.equal(allowed(as('coordinator'), 'object.import'), true, 'coordinators import');
    assert.equal(allowed(as('coordinator'), 'object.write', { orgId: OWN }), false, 'coordinators only annotate');
    assert.equal(allowed(as('coordinator'), 'object.annotate'), true);
    assert.equal(
      allowed(as('admin'), 'object.write', { orgId: OTHER }),
      false,
      "not even node administrators revise another organisation's objects",
    );
    assert.equal(allowed(as('analyst'), 'retraction.create', { orgId: OWN }), true);
    assert.equal(allowed(as('analyst'), 'retraction.create', { orgId: OTHER }), false);
    assert.equal(allowed(as('coordinator'), 'retraction.create', { orgId: OWN }), false);
    assert.equal(allowed(as('admin'), 'retraction.create', { orgId: OTHER }), true);
    assert.equal(allowed(as('org-admin'), 'sharing-group.manage', { orgId: OTHER }), false);
    assert.equal(allowed(as('org-admin'), 'user.administer-admin'), false, 'an org-admin cannot change a node administrator');
    assert.equal(allowed(as('viewer'), 'import.read', { orgId: OWN }), true);
    assert.equal(allowed(as('viewer'), 'import.read', { orgId: OTHER }), false);
    assert.equal(mayMutate(user(['admin'], 'read')), false);
    assert.equal(mayMutate(SYSTEM), true);
  });
});
