import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AccessLabel } from '../access/types.ts';
import { bannerOf, markingOf, type ObjectMarking } from './banner.ts';
import { EU_SCHEME, NATO_SCHEME, SchemeRegistry } from './classification.ts';
import { TLP_LEVELS, tlpRank, type Tlp } from './tlp.ts';

const schemes = new SchemeRegistry([NATO_SCHEME, EU_SCHEME]);
const scheme = (id: string) => schemes.get(id);
const label = (tlp: Tlp, extra: Partial<AccessLabel> = {}): AccessLabel => ({
  ownerOrg: 'org-a',
  tlp,
  distribution: { kind: 'organization' },
  ...extra,
});
const m = (tlp: Tlp, extra: Partial<AccessLabel> = {}): ObjectMarking => markingOf(label(tlp, extra), scheme);

test('nothing on screen: no TLP, unclassified, unrestricted', () => {
  assert.deepEqual(bannerOf([]), { tlp: null, classifications: [], releasableTo: [], restricted: false });
});

test('markingOf carries the level rank so the banner needs no registry', () => {
  assert.deepEqual(m('amber', { classification: { scheme: 'nato', level: 'NATO SECRET' }, releasableTo: ['FR', 'DE'] }), {
    tlp: 'amber',
    classification: { scheme: 'nato', level: 'NATO SECRET', rank: 3 },
    releasableTo: ['DE', 'FR'],
  });
  assert.equal(m('green', { classification: { scheme: 'xx', level: 'SECRET' } }).classification?.rank, -1);
});

test('the most restrictive TLP and the highest level of each scheme', () => {
  const b = bannerOf([
    m('green'),
    m('amber', { classification: { scheme: 'nato', level: 'NATO SECRET' } }),
    m('clear', { classification: { scheme: 'nato', level: 'NATO RESTRICTED' } }),
    m('green', { classification: { scheme: 'eu', level: 'RESTREINT UE/EU RESTRICTED' } }),
  ]);
  assert.equal(b.tlp, 'amber');
  assert.deepEqual(b.classifications, ['RESTREINT UE/EU RESTRICTED', 'NATO SECRET']);
});

test('releasability: the intersection of the restricted objects; unrestricted objects do not narrow it', () => {
  assert.deepEqual(bannerOf([m('green', { releasableTo: ['DE', 'FR', 'PL'] }), m('green', { releasableTo: ['FR', 'DE'] }), m('red')]), {
    tlp: 'red',
    classifications: [],
    releasableTo: ['DE', 'FR'],
    restricted: true,
  });
  const none = bannerOf([m('green', { releasableTo: ['DE'] }), m('green', { releasableTo: ['FR'] })]);
  assert.deepEqual([none.releasableTo, none.restricted], [[], true], 'disjoint restrictions: releasable to no one, and said so');
});

test('the banner is never less restrictive than any object on screen, whatever the order', () => {
  const arb = fc.record({
    tlp: fc.constantFrom(...TLP_LEVELS),
    level: fc.option(fc.constantFrom(...NATO_SCHEME.levels), { nil: undefined }),
    rel: fc.option(fc.subarray(['DE', 'FR', 'PL', 'NL']), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(arb, { minLength: 1, maxLength: 30 }), (items) => {
      const ms = items.map((i) =>
        m(i.tlp, {
          ...(i.level ? { classification: { scheme: 'nato', level: i.level } } : {}),
          ...(i.rel ? { releasableTo: i.rel } : {}),
        }),
      );
      const b = bannerOf(ms);
      assert.deepEqual(bannerOf([...ms].reverse()), b);
      for (const x of ms) {
        assert.ok(b.tlp !== null && tlpRank(b.tlp) >= tlpRank(x.tlp));
        if (x.classification) assert.ok(NATO_SCHEME.levels.indexOf(b.classifications[0] ?? '') >= x.classification.rank);
        if (x.releasableTo) for (const r of b.releasableTo) assert.ok(x.releasableTo.includes(r));
      }
    }),
  );
});
