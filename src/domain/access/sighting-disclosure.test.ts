// Who sighted, as each reader may know it (issue 17, must 2): the property holds for every
// disclosure and every reader, inside or outside the sighting organisation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DISCLOSURES } from '../sightings/api.ts';
import type { SightingRecord } from '../sightings/types.ts';
import { sighterAs } from './sighting-disclosure.ts';

const OWNER = 'identity--a';
const orgs = (id: string) => (id === OWNER ? { name: 'CERT-A', country: 'EE', sectors: ['energy'] } : undefined);
const record = (disclosure: SightingRecord['disclosure']): SightingRecord => ({
  id: 'sighting--1',
  seq: 1,
  of: 'indicator--1',
  ofType: 'indicator',
  ownerOrg: OWNER,
  disclosure,
  sighter: disclosure === 'organization' ? OWNER : 'f'.repeat(64),
  country: disclosure === 'anonymous' ? null : 'EE',
  sectors: disclosure === 'anonymous' ? [] : ['energy'],
  type: 'sighting',
  count: 1,
  firstSeen: '2026-12-01T00:00:00.000Z',
  lastSeen: '2026-12-01T00:00:00.000Z',
  exercise: null,
  description: null,
});

test('the own organisation sees everything, whatever the disclosure', () => {
  for (const d of DISCLOSURES) {
    const v = sighterAs({ orgIds: [OWNER] }, record(d), orgs);
    assert.deepEqual(v, { org: { id: OWNER, name: 'CERT-A' }, country: 'EE', sectors: ['energy'], own: true }, d);
  }
});

test('partners: the organisation only with organization, the place unless anonymous, never more', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DISCLOSURES), fc.array(fc.constantFrom('identity--b', 'identity--c')), (d, readerOrgs) => {
      const v = sighterAs({ orgIds: readerOrgs }, record(d), orgs);
      assert.equal(v.own, false);
      assert.equal(v.org !== null, d === 'organization');
      assert.equal(v.country !== null, d !== 'anonymous');
      if (d === 'anonymous') assert.deepEqual(v.sectors, []);
      if (d !== 'organization') assert.ok(!JSON.stringify(v).includes(OWNER));
    }),
  );
});
