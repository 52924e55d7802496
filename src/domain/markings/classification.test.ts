import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, skipUnlessShared } from '../../../test/helpers/shared.ts';
import { ConfigError, InvalidInputError } from '../../errors.ts';
import { EU_SCHEME, NATO_SCHEME, buildSchemeRegistry, compareLevel, levelRank } from './classification.ts';

const NATO_TAXONOMY = sharedPath('standards/misp-taxonomies/nato/machinetag.json');
const EUCI_TAXONOMY = sharedPath('standards/misp-taxonomies/euci/machinetag.json');

function expandedNames(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/"expanded":\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
}

test('NATO levels are the MISP nato taxonomy names, ordered as DESIGN.md lists them', { skip: skipUnlessShared(NATO_TAXONOMY) }, () => {
  const names = expandedNames(NATO_TAXONOMY);
  for (const level of NATO_SCHEME.levels) assert.ok(names.includes(level), level);
  assert.deepEqual(NATO_SCHEME.levels, ['NATO UNCLASSIFIED', 'NATO RESTRICTED', 'NATO CONFIDENTIAL', 'NATO SECRET', 'COSMIC TOP SECRET']);
});

test('EU levels are the MISP euci taxonomy names, RESTREINT UE lowest', { skip: skipUnlessShared(EUCI_TAXONOMY) }, () => {
  const names = expandedNames(EUCI_TAXONOMY);
  for (const level of EU_SCHEME.levels) assert.ok(names.includes(level), level);
  assert.equal(EU_SCHEME.levels[0], 'RESTREINT UE/EU RESTRICTED');
  assert.equal(EU_SCHEME.levels.at(-1), 'TRES SECRET UE/EU TOP SECRET');
});

test('compareLevel orders levels within a scheme and names an unknown level', () => {
  assert.ok(compareLevel(NATO_SCHEME, 'NATO SECRET', 'NATO RESTRICTED') > 0);
  assert.ok(compareLevel(NATO_SCHEME, 'NATO UNCLASSIFIED', 'COSMIC TOP SECRET') < 0);
  assert.equal(compareLevel(EU_SCHEME, 'SECRET UE/EU SECRET', 'SECRET UE/EU SECRET'), 0);
  assert.throws(
    () => compareLevel(NATO_SCHEME, 'SECRET UE/EU SECRET', 'NATO SECRET'),
    (e: unknown) => {
      assert.ok(e instanceof InvalidInputError);
      assert.match(e.message, /'SECRET UE\/EU SECRET' is not a level of classification scheme 'nato'/);
      return true;
    },
  );
  assert.equal(levelRank(NATO_SCHEME, 'nato secret'), -1, 'level names are exact');
});

test('a national scheme from configuration joins the built-ins', () => {
  const schemes = buildSchemeRegistry([{ id: 'fr', name: 'France', levels: ['DIFFUSION RESTREINTE', 'SECRET', 'TRES SECRET'] }]);
  assert.deepEqual(
    schemes.all().map((s) => s.id),
    ['nato', 'eu', 'fr'],
  );
  const fr = schemes.get('fr');
  assert.ok(fr !== undefined);
  assert.ok(compareLevel(fr, 'TRES SECRET', 'SECRET') > 0);
  assert.equal(schemes.get('de'), undefined);
});

test('invalid national schemes are refused with a message naming the problem', () => {
  const cases: [unknown, RegExp][] = [
    [{ id: 'nato', name: 'X', levels: ['A'] }, /'nato' is defined twice/],
    [{ id: 'Bad Id', name: 'X', levels: ['A'] }, /id 'Bad Id' must be a lowercase slug/],
    [{ id: 'de', name: 'Germany', levels: [] }, /\('de'\): levels must list at least one level/],
    [{ id: 'de', name: 'Germany', levels: ['VS-NfD', 'GEHEIM', 'VS-NfD'] }, /level 'VS-NfD' is listed twice/],
    [{ id: 'de', name: '', levels: ['A'] }, /name must be a non-empty string/],
  ];
  for (const [def, message] of cases) {
    assert.throws(
      () => buildSchemeRegistry([def as { id: string; name: string; levels: string[] }]),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, message);
        return true;
      },
    );
  }
  const twice = { id: 'de', name: 'Germany', levels: ['GEHEIM'] };
  assert.throws(() => buildSchemeRegistry([twice, twice]), /classification scheme #2: classification scheme id 'de' is defined twice/);
});
