// The sighting in its disclosed form and the checks of a NewSighting (issue 17, musts 1 and 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from './api.ts';
import { buildSighting, checkNewSighting, sighterKey, sighterToken } from './build.ts';

const ORG = { id: 'identity--6b0b1b8e-1111-4111-8111-111111111111', country: 'FR', sectors: ['energy'] };
const OF = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const NOW = '2026-12-07T12:00:00.000Z';
const KEY = Buffer.alloc(32, 1);
const ctx = { now: NOW, uuid: () => 'ee20065d-2555-424f-ad9e-0f8428623c75', tokenKey: KEY };

const fieldOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError);
    return e.details['field'];
  }
  assert.fail('not refused');
};

test('defaults: now, count 1, a true sighting; a missing time takes the other', () => {
  assert.deepEqual(checkNewSighting({ of: OF }, NOW), {
    of: OF,
    firstSeen: NOW,
    lastSeen: NOW,
    count: 1,
    type: 'sighting',
    disclosure: undefined,
    description: undefined,
  });
  const t = '2026-12-01T00:00:00.000Z';
  assert.equal(checkNewSighting({ of: OF, lastSeen: t }, NOW).firstSeen, t);
  assert.equal(checkNewSighting({ of: OF, firstSeen: t }, NOW).lastSeen, t);
});

test('bad input names the field, prefixed for a batch', () => {
  assert.equal(
    fieldOf(() => checkNewSighting({ of: OF, count: 0 }, NOW)),
    'count',
  );
  assert.equal(
    fieldOf(() => checkNewSighting({ of: OF, count: 1_000_000_000 }, NOW)),
    'count',
  );
  assert.equal(
    fieldOf(() => checkNewSighting({ of: OF, firstSeen: NOW, lastSeen: '2026-12-01T00:00:00.000Z' }, NOW, 'observed[2].')),
    'observed[2].lastSeen',
  );
  assert.equal(
    fieldOf(() => checkNewSighting({ of: OF, firstSeen: 'yesterday' }, NOW)),
    'firstSeen',
  );
});

test('organization names the sighter; the others name no organisation and carry the token', () => {
  const c = checkNewSighting({ of: OF, count: 2 }, NOW);
  const named = buildSighting(c, 'organization', ORG, ctx);
  assert.equal(named['created_by_ref'], ORG.id);
  assert.deepEqual(named['where_sighted_refs'], [ORG.id]);
  const ext = (o: Record<string, unknown>) => (o['extensions'] as Record<string, Record<string, unknown>>)[CONCORD_SIGHTING_EXTENSION_ID];
  assert.equal(ext(named)?.['sighter_token'], undefined);
  for (const d of ['country-sector', 'anonymous'] as const) {
    const o = buildSighting(c, d, ORG, ctx);
    assert.equal(o['created_by_ref'], undefined, d);
    assert.equal(o['where_sighted_refs'], undefined, d);
    assert.equal(ext(o)?.['sighter_token'], sighterToken(KEY, ORG.id, OF), d);
    assert.ok(!JSON.stringify(o).includes(ORG.id), `${d}: the organisation id appears nowhere`);
  }
  assert.equal(ext(buildSighting(c, 'country-sector', ORG, ctx))?.['country'], 'FR');
  assert.equal(ext(buildSighting(c, 'anonymous', ORG, ctx))?.['country'], undefined);
  assert.equal(ext(buildSighting(c, 'anonymous', ORG, ctx))?.['sectors'], undefined);
});

test('tokens: the same sighter of one object agrees; other objects and other keys do not link', () => {
  const other = 'indicator--00000000-0000-4000-8000-000000000001';
  assert.equal(sighterToken(KEY, ORG.id, OF), sighterToken(KEY, ORG.id, OF));
  assert.notEqual(sighterToken(KEY, ORG.id, OF), sighterToken(KEY, ORG.id, other));
  assert.notEqual(sighterToken(KEY, ORG.id, OF), sighterToken(Buffer.alloc(32, 2), ORG.id, OF));
  assert.equal(sighterKey(Buffer.from('a')).length, 32);
});
