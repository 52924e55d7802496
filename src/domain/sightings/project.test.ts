// The sighting projection's row (issue 17, musts 1–3): from the API's, an import's or a peer's
// sighting, with or without Concord's extension.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessLabel } from '../access/types.ts';
import { buildSighting, checkNewSighting, sighterToken } from './build.ts';
import { projectSighting } from './project.ts';

const ORG = { id: 'identity--6b0b1b8e-1111-4111-8111-111111111111', country: 'FR', sectors: ['energy'] };
const OF = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const NOW = '2026-12-07T12:00:00.000Z';
const KEY = Buffer.alloc(32, 1);
const ctx = { now: NOW, uuid: () => 'ee20065d-2555-424f-ad9e-0f8428623c75', tokenKey: KEY };
const label: AccessLabel = { ownerOrg: ORG.id, tlp: 'green', distribution: { kind: 'federation' }, exercise: 'ex-1' };
const owner = { country: 'FR', sectors: ['energy'] };

test('the sighter is the organisation when disclosed, else its token; anonymous keeps no place', () => {
  const c = checkNewSighting({ of: OF, count: 4, type: 'false-positive' }, NOW);
  const named = projectSighting({ object: buildSighting(c, 'organization', ORG, ctx), seq: 7, label, owner });
  assert.equal(named?.sighter, ORG.id);
  assert.equal(named?.type, 'false-positive');
  assert.equal(named?.count, 4);
  assert.equal(named?.ofType, 'indicator');
  assert.equal(named?.exercise, 'ex-1');
  assert.equal(named?.country, 'FR');
  const anon = projectSighting({ object: buildSighting(c, 'anonymous', ORG, ctx), seq: 8, label, owner });
  assert.equal(anon?.sighter, sighterToken(KEY, ORG.id, OF));
  assert.equal(anon?.country, null);
  assert.deepEqual(anon?.sectors, []);
  const place = projectSighting({ object: buildSighting(c, 'country-sector', ORG, ctx), seq: 9, label, owner });
  assert.equal(place?.country, 'FR');
  assert.deepEqual(place?.sectors, ['energy']);
});

test("a plain STIX sighting (an import) is its owner's, disclosed; a revoked one has no row", () => {
  const plain = {
    type: 'sighting',
    spec_version: '2.1',
    id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
    created: NOW,
    modified: NOW,
    sighting_of_ref: OF,
    last_seen: NOW,
  };
  const r = projectSighting({ object: plain, seq: 1, label, owner });
  assert.equal(r?.disclosure, 'organization');
  assert.equal(r?.sighter, ORG.id);
  assert.equal(r?.count, 1);
  assert.equal(r?.firstSeen, NOW);
  assert.equal(r?.country, 'FR');
  assert.equal(projectSighting({ object: { ...plain, revoked: true }, seq: 2, label, owner }), undefined);
});
