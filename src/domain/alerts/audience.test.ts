// Which sightings a community's alert may count (issue 17, musts 2 and 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessLabel } from '../access/types.ts';
import { countsTowards } from './audience.ts';

const label = (over: Partial<AccessLabel>): AccessLabel => ({
  ownerOrg: 'org-a',
  tlp: 'green',
  distribution: { kind: 'federation' },
  ...over,
});

test("a sighting counts towards a community's alert only when that community may read it", () => {
  assert.equal(countsTowards(label({}), 'eu'), true);
  assert.equal(countsTowards(label({ tlp: 'amber', distribution: { kind: 'community', id: 'eu' } }), 'eu'), true);
  assert.equal(countsTowards(label({ distribution: { kind: 'community', id: 'nato' } }), 'eu'), false);
  assert.equal(countsTowards(label({ tlp: 'amber', distribution: { kind: 'organization' } }), 'eu'), false);
  assert.equal(countsTowards(label({ distribution: { kind: 'sharing-group', id: 'g' } }), 'eu'), false);
  assert.equal(countsTowards(label({ tlp: 'red' }), 'eu'), false);
  assert.equal(countsTowards(label({ classification: { scheme: 'nato', level: 'NATO RESTRICTED' } }), 'eu'), false);
  assert.equal(countsTowards(label({ releasableTo: ['nato'] }), 'eu'), false);
  assert.equal(countsTowards(label({ releasableTo: ['eu', 'FR'] }), 'eu'), true);
  assert.equal(countsTowards(null, 'eu'), false);
});
