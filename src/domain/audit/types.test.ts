import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditWindow } from './types.ts';
import { InvalidInputError } from '../../errors.ts';

test('a date alone in until covers that whole day', () => {
  assert.deepEqual(auditWindow('2026-12-01', '2026-12-07'), { since: '2026-12-01T00:00:00.000Z', until: '2026-12-08T00:00:00.000Z' });
});

test('date-times keep their instant (until inclusive)', () => {
  assert.deepEqual(auditWindow('2026-12-07T10:00:00+01:00', '2026-12-07T10:00:00Z'), {
    since: '2026-12-07T09:00:00.000Z',
    until: '2026-12-07T10:00:00.001Z',
  });
});

test('a date that is not ISO 8601 names its field', () => {
  assert.throws(
    () => auditWindow('12/07/2026', undefined),
    (e: unknown) => e instanceof InvalidInputError && e.details['field'] === 'since',
  );
  assert.throws(
    () => auditWindow(undefined, '2026-12-07T10:00'),
    (e: unknown) => e instanceof InvalidInputError && e.details['field'] === 'until',
  );
  assert.throws(() => auditWindow('2026-12-08', '2026-12-07'), InvalidInputError);
});
