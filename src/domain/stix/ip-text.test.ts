import assert from 'node:assert/strict';
import { isIPv4 as nodeIPv4, isIPv6 as nodeIPv6 } from 'node:net';
import { test } from 'node:test';
import { isIPv4, isIPv6 } from './ip-text.ts';

const SAMPLES = [
  '192.0.2.1',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '1.2.3.4.5',
  '1.2.3.4 ',
  '',
  '::',
  '::1',
  '2001:db8::1',
  '2001:db8:0:0:0:0:0:1',
  '::ffff:192.0.2.1',
  'fe80::1%eth0',
  'fe80::1%',
  '2001:db8:::1',
  '1:2:3:4:5:6:7:8:9',
  'g::1',
  '2001:db8::1/64',
  '1::2::3',
  ':1::',
  '1:2:3:4:5:6:1.2.3.4',
  '::1.2.3',
];

test('the browser-safe address checks agree with node:net', () => {
  for (const s of SAMPLES) {
    assert.equal(isIPv4(s), nodeIPv4(s), `isIPv4(${JSON.stringify(s)})`);
    assert.equal(isIPv6(s), nodeIPv6(s), `isIPv6(${JSON.stringify(s)})`);
  }
});
