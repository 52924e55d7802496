// The UI's one date format (web/src/format/dates.ts; issue 15, must 10): ISO 8601 days and UTC
// times, whatever the browser's locale or time zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDate, formatDateTime, isIsoDay } from '../web/src/format/dates.ts';

test('days are yyyy-mm-dd and times yyyy-mm-dd HH:MM UTC', () => {
  assert.equal(formatDate('2026-03-04T23:59:59.999Z'), '2026-03-04');
  assert.equal(formatDateTime('2026-03-04T07:05:09.123Z'), '2026-03-04 07:05 UTC');
  assert.equal(formatDateTime('2026-03-04T07:05:09.123Z', { seconds: true }), '2026-03-04 07:05:09 UTC');
  // An offset is converted to UTC, the zone the UI shows.
  assert.equal(formatDateTime('2026-03-04T01:30:00+02:00'), '2026-03-03 23:30 UTC');
  assert.equal(formatDate(Date.UTC(999, 0, 2)), '0999-01-02');
});

test('a missing value shows as a dash (or what the caller asks), a non-date as itself', () => {
  assert.equal(formatDate(null), '—');
  assert.equal(formatDateTime(undefined), '—');
  assert.equal(formatDateTime('', { empty: '' }), '');
  assert.equal(formatDateTime('not a date'), 'not a date');
});

test('any instant formats as its own UTC day and minute', () => {
  const range = { min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true };
  fc.assert(
    fc.property(fc.date(range), (d) => {
      const iso = d.toISOString();
      assert.equal(formatDate(iso), iso.slice(0, 10));
      assert.equal(formatDateTime(iso), `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);
      assert.ok(isIsoDay(formatDate(d)));
    }),
  );
});

test('a date field accepts real calendar days as yyyy-mm-dd only', () => {
  assert.ok(isIsoDay('2024-02-29'));
  for (const text of ['2026-02-29', '2026-13-01', '2026-00-10', '03/04/2026', '2026-3-4', '2026-03-04T00:00', ''])
    assert.equal(isIsoDay(text), false, text);
});
