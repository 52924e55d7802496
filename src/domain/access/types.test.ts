import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InvalidInputError } from '../../errors.ts';
import { type Distribution, formatDistribution, parseDistribution } from './types.ts';

test('parseDistribution reads the four forms of DESIGN.md', () => {
  assert.deepEqual(parseDistribution('organization'), { kind: 'organization' });
  assert.deepEqual(parseDistribution('federation'), { kind: 'federation' });
  assert.deepEqual(parseDistribution('sharing-group:sg-42'), { kind: 'sharing-group', id: 'sg-42' });
  assert.deepEqual(parseDistribution('community:nato'), { kind: 'community', id: 'nato' });
  assert.deepEqual(parseDistribution('community:a:b'), { kind: 'community', id: 'a:b' }, 'only the first colon separates');
});

test('parseDistribution names the bad value', () => {
  for (const bad of [
    '',
    'org',
    'Federation',
    'community',
    'community:',
    'sharing-group:two words',
    'federation:x',
    'organization:o1',
    'tlp:red',
  ]) {
    assert.throws(
      () => parseDistribution(bad),
      (e: unknown) => {
        assert.ok(e instanceof InvalidInputError, bad);
        assert.ok(e.message.includes(JSON.stringify(bad)), e.message);
        return true;
      },
    );
  }
});

test('formatDistribution and parseDistribution round-trip', () => {
  const id = fc.stringMatching(/^\S{1,20}$/);
  const distribution: fc.Arbitrary<Distribution> = fc.oneof(
    fc.constant<Distribution>({ kind: 'organization' }),
    fc.constant<Distribution>({ kind: 'federation' }),
    id.map((i): Distribution => ({ kind: 'sharing-group', id: i })),
    id.map((i): Distribution => ({ kind: 'community', id: i })),
  );
  fc.assert(fc.property(distribution, (d) => assert.deepEqual(parseDistribution(formatDistribution(d)), d)));
});
