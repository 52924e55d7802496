import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors.ts';
import { constituencyGroupId } from '../incidents/constituency.ts';
import { TRUST_SERVICE_SECTOR } from '../incidents/project.ts';
import { checkCsirt, checkNis2Role, checkSectors, constituencyGroup, groupChanged } from './nis2-org.ts';
import type { Org } from './types.ts';

const org = (id: string, name: string, nis2Role: Org['nis2Role'], csirtOrg: string | null = null): Org => ({
  id,
  name,
  country: 'DE',
  communities: [],
  node: null,
  defaultTlp: 'amber',
  defaultDistribution: 'organization',
  nis2Role,
  sectors: [],
  csirtOrg,
  sightingDisclosure: 'organization',
  disabled: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const fieldOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError);
    return e.details['field'];
  }
  assert.fail('no error');
};

test('a NIS2 role is csirt, essential, important or none', () => {
  assert.equal(checkNis2Role('csirt'), 'csirt');
  assert.equal(checkNis2Role('none'), null);
  assert.equal(checkNis2Role(null), null);
  assert.equal(
    fieldOf(() => checkNis2Role('vital')),
    'nis2Role',
  );
});

test('sectors are Annex keys, sector or sector/subsector, kept once', () => {
  assert.deepEqual(checkSectors(['energy/electricity', 'health', 'health']), ['energy/electricity', 'health']);
  assert.equal(
    fieldOf(() => checkSectors(['health', 'energy/banking'])),
    'sectors[1]',
  );
  assert.equal(
    fieldOf(() => checkSectors(['farming'])),
    'sectors[0]',
  );
  assert.equal(
    fieldOf(() => checkSectors(['energy/electricity/x'])),
    'sectors[0]',
  );
});

test('a trust service provider can be said: its 24-hour notification clock depends on it (Art. 23(4))', () => {
  assert.deepEqual(checkSectors([TRUST_SERVICE_SECTOR]), [TRUST_SERVICE_SECTOR]);
});

test('only an essential or important entity has a CSIRT, and it must be a CSIRT', () => {
  const csirt = org('c', 'CSIRT-DE', 'csirt');
  checkCsirt(org('e', 'Stadtwerke', 'essential', 'c'), csirt);
  checkCsirt(org('e', 'Stadtwerke', 'important', 'c'), csirt);
  checkCsirt(org('x', 'Nobody', null), undefined);
  assert.equal(
    fieldOf(() => checkCsirt(org('c2', 'CSIRT-FR', 'csirt', 'c'), csirt)),
    'csirtOrg',
  );
  assert.equal(
    fieldOf(() => checkCsirt(org('n', 'None', null, 'c'), csirt)),
    'csirtOrg',
  );
  assert.equal(
    fieldOf(() => checkCsirt(org('e', 'E', 'essential', 'z'), org('z', 'Other', 'important'))),
    'csirtOrg',
  );
  assert.equal(
    fieldOf(() => checkCsirt(org('e', 'E', 'essential', 'z'), undefined)),
    'csirtOrg',
  );
});

test('the constituency group follows the entity: made, re-owned, disabled', () => {
  const de = org('c', 'CSIRT-DE', 'csirt');
  const fr = org('f', 'CSIRT-FR', 'csirt');
  const g = constituencyGroup(org('e', 'Stadtwerke', 'essential', 'c'), de, undefined);
  assert.ok(g);
  assert.equal(g.id, constituencyGroupId('e'));
  assert.equal(g.ownerOrg, 'c');
  assert.deepEqual(g.members, ['e', 'c']);
  assert.equal(g.name, 'Constituency of CSIRT-DE: Stadtwerke');
  assert.equal(groupChanged(g, g), false);
  const moved = constituencyGroup(org('e', 'Stadtwerke', 'essential', 'f'), fr, g);
  assert.ok(moved && groupChanged(g, moved));
  assert.deepEqual(moved.members, ['e', 'f']);
  const left = constituencyGroup(org('e', 'Stadtwerke', 'essential', null), undefined, moved);
  assert.equal(left?.disabled, true);
  assert.equal(constituencyGroup(org('e', 'Stadtwerke', null), undefined, undefined), undefined);
});
