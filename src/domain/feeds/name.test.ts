import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFeedName, feedNameFromUrl, uniqueName } from './name.ts';
import { InvalidInputError } from '../../errors.ts';

test('a feed is named from its host and path without "objects" and slashes', () => {
  assert.equal(feedNameFromUrl('https://taxii.cert.example/api1/collections/abc/objects/'), 'taxii.cert.example/api1/collections/abc');
  assert.equal(feedNameFromUrl('http://127.0.0.1:8080/taxii2/'), '127.0.0.1:8080/taxii2');
});

test('a taken name gets a number', () => {
  assert.equal(uniqueName('a', new Set()), 'a');
  assert.equal(uniqueName('a', new Set(['a', 'a (2)'])), 'a (3)');
});

test('a name is trimmed and must not be empty', () => {
  assert.equal(checkFeedName('  CIRCL  OSINT '), 'CIRCL OSINT');
  assert.throws(
    () => checkFeedName('  '),
    (e: unknown) => e instanceof InvalidInputError && e.details['field'] === 'name',
  );
  assert.throws(() => checkFeedName('x'.repeat(101)), InvalidInputError);
});
