import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareTimestamps, isStixTimestamp, timestampFractionDigits, timestampMillis, versionKey } from './timestamp.ts';

test('timestampFractionDigits counts sub-second digits of valid timestamps (§2.16)', () => {
  assert.equal(timestampFractionDigits('2016-01-20T12:31:12Z'), 0);
  assert.equal(timestampFractionDigits('2016-01-20T12:31:12.123Z'), 3);
  assert.equal(timestampFractionDigits('2016-01-20T12:31:12.123456789Z'), 9);
  assert.equal(timestampFractionDigits('2016-02-29T00:00:00.000Z'), 3, 'leap day');
  for (const bad of [
    '2016-01-20T12:31:12.Z', // decimal point without digits
    '2016-01-20 12:31:12Z',
    '2016-01-20T12:31:12+00:00',
    '2016-01-20t12:31:12z',
    '2015-02-29T00:00:00Z',
    '2016-13-01T00:00:00Z',
    '2016-01-20T24:00:00Z',
    '2016-01-20T12:31:12.1a3Z',
    '',
  ]) {
    assert.equal(timestampFractionDigits(bad), -1, bad);
  }
});

test('timestampFractionDigits agrees with isStixTimestamp', () => {
  const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
  const stamp = fc
    .tuple(digits(4, 9999), digits(2, 13), digits(2, 32), digits(2, 24), digits(2, 60), digits(2, 61), fc.string({ maxLength: 4 }))
    .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}Z`);
  fc.assert(
    fc.property(fc.oneof(stamp, fc.string()), (s) => {
      assert.equal(timestampFractionDigits(s) >= 0, isStixTimestamp(s), s);
    }),
  );
});

test('compareTimestamps orders instants, ignoring trailing zeros', () => {
  assert.equal(compareTimestamps('2016-01-20T12:31:12Z', '2016-01-20T12:31:12.000Z'), 0);
  assert.ok(compareTimestamps('2016-01-20T12:31:12Z', '2016-01-20T12:31:12.001Z') < 0);
  assert.ok(compareTimestamps('2016-01-20T12:31:13Z', '2016-01-20T12:31:12.999999Z') > 0);
  assert.ok(compareTimestamps('2015-12-31T23:59:59.9Z', '2016-01-01T00:00:00Z') < 0);
});

test('compareTimestamps agrees with the order of version keys', () => {
  const stamp = fc
    .tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 59 }),
      fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 5 }),
    )
    .map(([h, s, f]) => `2020-01-01T0${h}:00:${String(s).padStart(2, '0')}${f === '' ? '' : `.${f}`}Z`);
  fc.assert(
    fc.property(stamp, stamp, (a, b) => {
      const ka = versionKey(a) ?? '';
      const kb = versionKey(b) ?? '';
      assert.equal(Math.sign(compareTimestamps(a, b)), ka < kb ? -1 : ka > kb ? 1 : 0);
    }),
  );
});

test('timestampMillis reads the same instant as Date.parse', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const s = d.toISOString();
      assert.equal(timestampMillis(s), d.getTime());
      assert.equal(timestampMillis(`${s.slice(0, 19)}Z`), Math.floor(d.getTime() / 1000) * 1000);
      assert.equal(timestampMillis(`${s.slice(0, 23)}456789Z`), d.getTime());
    }),
  );
  assert.equal(timestampMillis('2026-03-02T10:00:00+02:00'), Date.parse('2026-03-02T08:00:00Z'));
  assert.ok(Number.isNaN(timestampMillis('yesterday')));
});
