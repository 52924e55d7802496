import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DistributionInconsistentError, ForbiddenError } from '../../errors.ts';
import { TLP_LEVELS } from '../markings/tlp.ts';
import { SCHEMES, buildLabel, buildReader } from './fixtures.ts';
import {
  canAnnotate,
  canRead,
  canSeeRelationship,
  canSeeWithEnds,
  canWriteVersion,
  checkLabel,
  distributionAllowed,
  isLowering,
  markingChange,
} from './policy.ts';
import { type AccessLabel, type Distribution, type Role, parseDistribution } from './types.ts';

const NS = { scheme: 'nato', level: 'NATO SECRET' };

test('DESIGN.md audience: organization → the owner organisation only', () => {
  const label = buildLabel({ tlp: 'red', distribution: { kind: 'organization' } });
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader(), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ communities: ['eu'], sharingGroups: ['sg'] }), label, SCHEMES), false);
});

test('DESIGN.md audience: sharing-group:<id> → owner or members of that group', () => {
  const label = buildLabel({ tlp: 'red', distribution: { kind: 'sharing-group', id: 'sg-1' } });
  assert.equal(canRead(buildReader({ sharingGroups: ['sg-1'] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ sharingGroups: ['sg-2'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'] }), label, SCHEMES), true);
});

test('DESIGN.md audience: community:<id> → owner or members of that community; federation → all', () => {
  const label = buildLabel({ tlp: 'amber', distribution: { kind: 'community', id: 'nato' } });
  assert.equal(canRead(buildReader({ communities: ['nato'] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ communities: ['eu'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'], communities: [] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ orgIds: ['x'], communities: [] }), buildLabel(), SCHEMES), true);
});

test('a peer reads for all its hosted organisations (DESIGN.md: "the peer\'s hosted organisations")', () => {
  const label = buildLabel({ tlp: 'red', distribution: { kind: 'organization' } });
  assert.equal(canRead(buildReader({ orgIds: ['org-x', 'org-owner'] }), label, SCHEMES), true);
});

test('DESIGN.md clearance: at least the level, in the same scheme; none in that scheme → denied', () => {
  const label = buildLabel({ classification: NS });
  assert.equal(canRead(buildReader({ clearances: { nato: 'NATO SECRET' } }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ clearances: { nato: 'COSMIC TOP SECRET' } }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ clearances: { nato: 'NATO CONFIDENTIAL' } }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ clearances: { eu: 'TRES SECRET UE/EU TOP SECRET' } }), label, SCHEMES), false);
  assert.equal(canRead(buildReader(), label, SCHEMES), false);
});

test('the owner organisation needs clearance too: clearance belongs to the user', () => {
  const label = buildLabel({ classification: NS });
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'], clearances: { nato: 'NATO SECRET' } }), label, SCHEMES), true);
});

test('unknown schemes and levels fail closed, even for a reader holding every clearance', () => {
  const reader = buildReader({ clearances: { nato: 'COSMIC TOP SECRET', de: 'STRENG GEHEIM', constructor: 'x' } });
  assert.equal(canRead(reader, buildLabel({ classification: { scheme: 'de', level: 'GEHEIM' } }), SCHEMES), false);
  assert.equal(canRead(reader, buildLabel({ classification: { scheme: 'nato', level: 'NATO PUBLIC' } }), SCHEMES), false);
  assert.equal(canRead(reader, buildLabel({ classification: { scheme: 'constructor', level: 'x' } }), SCHEMES), false);
  const bogus = buildReader({ clearances: { nato: 'VERY HIGH' } });
  assert.equal(canRead(bogus, buildLabel({ classification: { scheme: 'nato', level: 'NATO UNCLASSIFIED' } }), SCHEMES), false);
});

test("DESIGN.md releasability: the reader's country or one of its communities must be listed — owner included", () => {
  const label = buildLabel({ releasableTo: ['DE', 'nato'] });
  assert.equal(canRead(buildReader({ countries: ['DE'], communities: [] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ countries: ['FR'], communities: ['nato'] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ countries: ['FR'], communities: ['eu'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'], countries: ['FR'], communities: ['eu'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader(), buildLabel({ releasableTo: [] }), SCHEMES), false, 'REL TO nobody');
});

test('DESIGN.md exercise: only participants read exercise-marked material', () => {
  const label = buildLabel({ exercise: 'locked-shields' });
  assert.equal(canRead(buildReader({ exercises: ['locked-shields'] }), label, SCHEMES), true);
  assert.equal(canRead(buildReader({ exercises: ['cyber-coalition'] }), label, SCHEMES), false);
  assert.equal(canRead(buildReader({ orgIds: ['org-owner'] }), label, SCHEMES), false);
});

test('all four conditions must hold together', () => {
  const label = buildLabel({
    tlp: 'amber',
    distribution: { kind: 'community', id: 'nato' },
    classification: NS,
    releasableTo: ['FR'],
    exercise: 'ex',
  });
  const full = buildReader({ communities: ['nato'], countries: ['FR'], clearances: { nato: 'NATO SECRET' }, exercises: ['ex'] });
  assert.equal(canRead(full, label, SCHEMES), true);
  assert.equal(canRead({ ...full, communities: [] }, label, SCHEMES), false);
  assert.equal(canRead({ ...full, clearances: {} }, label, SCHEMES), false);
  assert.equal(canRead({ ...full, countries: ['DE'] }, label, SCHEMES), false);
  assert.equal(canRead({ ...full, exercises: [] }, label, SCHEMES), false);
});

const DISTRIBUTIONS = ['organization', 'sharing-group:sg', 'community:c', 'federation'];

test('DESIGN.md: TLP bounds the distribution from above', () => {
  const allowed: Record<string, string[]> = {
    red: ['organization', 'sharing-group:sg'],
    'amber+strict': ['organization', 'sharing-group:sg'],
    amber: ['organization', 'sharing-group:sg', 'community:c'],
    green: DISTRIBUTIONS,
    clear: DISTRIBUTIONS,
  };
  for (const tlp of TLP_LEVELS) {
    const actual = DISTRIBUTIONS.filter((d) => distributionAllowed(tlp, parseDistribution(d)));
    assert.deepEqual(actual, allowed[tlp], tlp);
  }
});

test('checkLabel throws DISTRIBUTION_INCONSISTENT (422) naming TLP and distribution', () => {
  const label = buildLabel({ tlp: 'red', distribution: { kind: 'community', id: 'nato' } });
  assert.throws(
    () => checkLabel(label),
    (e: unknown) => {
      assert.ok(e instanceof DistributionInconsistentError);
      assert.equal(e.code, 'DISTRIBUTION_INCONSISTENT');
      assert.equal(e.status, 422);
      assert.match(e.message, /TLP:RED does not permit distribution 'community:nato'/);
      return true;
    },
  );
  const ok = buildLabel({ tlp: 'amber+strict', distribution: { kind: 'sharing-group', id: 'sg' } });
  assert.equal(checkLabel(ok), ok);
});

test('DESIGN.md: a relationship is visible only when it and both its ends are', () => {
  const reader = buildReader();
  const open = buildLabel();
  const closed = buildLabel({ tlp: 'red', distribution: { kind: 'organization' } });
  assert.equal(canSeeRelationship(reader, open, open, open, SCHEMES), true);
  assert.equal(canSeeRelationship(reader, closed, open, open, SCHEMES), false);
  assert.equal(canSeeRelationship(reader, open, closed, open, SCHEMES), false);
  assert.equal(canSeeRelationship(reader, open, open, closed, SCHEMES), false);
  assert.equal(canSeeRelationship(reader, open, undefined, open, SCHEMES), false, 'missing source');
  assert.equal(canSeeRelationship(reader, open, open, undefined, SCHEMES), false, 'missing target');
});

test('canSeeWithEnds: a relationship needs both ends, a sighting what it sighted, other objects themselves', () => {
  const reader = buildReader();
  const open = buildLabel();
  const closed = buildLabel({ tlp: 'red', distribution: { kind: 'organization' } });
  assert.equal(canSeeWithEnds(reader, 'malware', open, [], SCHEMES), true);
  assert.equal(canSeeWithEnds(reader, 'malware', closed, [], SCHEMES), false);
  assert.equal(canSeeWithEnds(reader, 'relationship', open, [open, open], SCHEMES), true);
  assert.equal(canSeeWithEnds(reader, 'relationship', open, [open, closed], SCHEMES), false);
  assert.equal(canSeeWithEnds(reader, 'relationship', open, [open], SCHEMES), false, 'missing target');
  assert.equal(canSeeWithEnds(reader, 'sighting', open, [open], SCHEMES), true);
  assert.equal(canSeeWithEnds(reader, 'sighting', open, [closed], SCHEMES), false);
  assert.equal(canSeeWithEnds(reader, 'sighting', open, [undefined], SCHEMES), false, 'sighted object not held');
});

function lowers(old: Partial<AccessLabel>, next: Partial<AccessLabel>): boolean {
  return isLowering(buildLabel(old), buildLabel(next), SCHEMES);
}

const community = (id: string): Distribution => ({ kind: 'community', id });

test('isLowering: lower TLP, wider or other audience', () => {
  assert.equal(lowers({ tlp: 'amber' }, { tlp: 'green' }), true);
  assert.equal(lowers({ tlp: 'green' }, { tlp: 'amber' }), false);
  assert.equal(lowers({ distribution: community('a') }, { distribution: { kind: 'federation' } }), true);
  assert.equal(lowers({ distribution: community('a') }, { distribution: community('b') }), true, 'another community');
  assert.equal(lowers({ distribution: community('a') }, { distribution: { kind: 'sharing-group', id: 's' } }), true, 'membership unknown');
  assert.equal(lowers({ distribution: { kind: 'federation' } }, { distribution: community('a') }), false);
  assert.equal(lowers({ distribution: community('a') }, { distribution: { kind: 'organization' } }), false);
  assert.equal(lowers({}, { ownerOrg: 'someone-else' }), true);
});

test('isLowering: lower or removed classification, wider or removed releasability, removed or changed exercise', () => {
  assert.equal(lowers({ classification: NS }, { classification: { scheme: 'nato', level: 'NATO RESTRICTED' } }), true);
  assert.equal(lowers({ classification: NS }, {}), true);
  assert.equal(lowers({ classification: NS }, { classification: { scheme: 'eu', level: 'TRES SECRET UE/EU TOP SECRET' } }), true);
  assert.equal(lowers({ classification: NS }, { classification: { scheme: 'nato', level: 'COSMIC TOP SECRET' } }), false);
  assert.equal(lowers({}, { classification: NS }), false);
  assert.equal(lowers({ releasableTo: ['FR'] }, { releasableTo: ['DE', 'FR'] }), true);
  assert.equal(lowers({ releasableTo: ['FR'] }, {}), true);
  assert.equal(lowers({ releasableTo: ['DE', 'FR'] }, { releasableTo: ['FR'] }), false);
  assert.equal(lowers({}, { releasableTo: ['FR'] }), false);
  assert.equal(lowers({ exercise: 'a' }, {}), true);
  assert.equal(lowers({ exercise: 'a' }, { exercise: 'b' }), true);
  assert.equal(lowers({}, { exercise: 'a' }), false);
});

const user = (orgId: string, ...roles: Role[]) => ({ orgId, roles });

test("issue 3 item 5: only the owning organisation's writers create versions or revoke; viewers never write", () => {
  const existing = buildLabel({ ownerOrg: 'org-a' });
  for (const role of ['admin', 'org-admin', 'analyst'] as const) {
    assert.equal(canWriteVersion(user('org-a', role), existing), true, role);
    assert.equal(canWriteVersion(user('org-b', role), existing), false, `${role} of another org`);
    assert.equal(canWriteVersion(user('org-b', role), undefined), true, `${role} creates`);
  }
  assert.equal(canWriteVersion(user('org-a', 'viewer'), existing), false);
  assert.equal(canWriteVersion(user('org-a', 'viewer'), undefined), false);
  assert.equal(canWriteVersion(user('org-a'), undefined), false, 'no role');
});

test('issue 3 item 5: a coordinator writes sightings, notes and opinions only', () => {
  const coordinator = user('org-a', 'coordinator');
  assert.equal(canWriteVersion(coordinator, undefined), false);
  assert.equal(canWriteVersion(coordinator, undefined, 'indicator'), false);
  assert.equal(canWriteVersion(coordinator, undefined, 'sighting'), true);
  assert.equal(canWriteVersion(coordinator, buildLabel({ ownerOrg: 'org-a' }), 'note'), true);
  assert.equal(canWriteVersion(coordinator, buildLabel({ ownerOrg: 'org-b' }), 'note'), false, "another org's note");
  for (const type of ['sighting', 'note', 'opinion']) assert.equal(canAnnotate(coordinator, type), true, type);
  assert.equal(canAnnotate(coordinator, 'report'), false);
  assert.equal(canAnnotate(user('org-b', 'analyst'), 'opinion'), true);
  assert.equal(canAnnotate(user('org-b', 'viewer'), 'sighting'), false);
});

test('markingChange: same, raise, and lower only by the owner organisation', () => {
  const old = buildLabel({ ownerOrg: 'org-a', tlp: 'amber', distribution: community('c') });
  assert.equal(markingChange(user('org-a'), old, { ...old }, SCHEMES), 'same');
  assert.equal(markingChange(user('org-a'), old, { ...old, releasableTo: ['FR'] }, SCHEMES), 'raise');
  assert.equal(markingChange(user('org-b'), old, { ...old, tlp: 'red', distribution: { kind: 'organization' } }, SCHEMES), 'raise');
  assert.equal(markingChange(user('org-a'), old, { ...old, tlp: 'green' }, SCHEMES), 'lower');
  assert.throws(
    () => markingChange(user('org-b'), old, { ...old, tlp: 'green' }, SCHEMES),
    (e: unknown) => e instanceof ForbiddenError && e.status === 403,
  );
  assert.equal(
    markingChange(user('org-a'), { ...old, releasableTo: ['FR', 'DE'] }, { ...old, releasableTo: ['DE', 'FR'] }, SCHEMES),
    'same',
    'set order',
  );
});
