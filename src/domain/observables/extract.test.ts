import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePattern } from '../patterns/parser.ts';
import type { StixObject } from '../stix/types.ts';
import { observablesFromPattern, observablesFromSco } from './extract.ts';
import type { Observable } from './types.ts';

const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';
const SHA1 = 'a'.repeat(40);
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const SHA512 = 'b'.repeat(128);

function sco(type: string, props: Record<string, StixObject[string]>): StixObject {
  return { type, id: `${type}--11111111-2222-4333-8444-555555555555`, spec_version: '2.1', ...props };
}

function fromPattern(text: string): Observable[] {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return observablesFromPattern(r.ast);
}

test('SCO address, name and number values are normalised (STIX 2.1 §6)', () => {
  const cases: [StixObject, Observable[]][] = [
    [sco('ipv4-addr', { value: '10.0.0.7/24' }), [{ kind: 'ipv4', value: '10.0.0.0/24' }]],
    [sco('ipv6-addr', { value: '2001:DB8::1' }), [{ kind: 'ipv6', value: '2001:db8::1' }]],
    [sco('domain-name', { value: 'Example.COM.' }), [{ kind: 'domain', value: 'example.com' }]],
    [sco('url', { value: 'HTTP://Example.com:80/a' }), [{ kind: 'url', value: 'http://example.com/a' }]],
    [sco('email-addr', { value: 'John@Example.com', display_name: 'John' }), [{ kind: 'email', value: 'john@example.com' }]],
    [sco('mac-addr', { value: '00-1A-2B-3C-4D-5E' }), [{ kind: 'mac', value: '00:1a:2b:3c:4d:5e' }]],
    [sco('autonomous-system', { number: 15169, name: 'Google' }), [{ kind: 'asn', value: '15169' }]],
    [sco('mutex', { name: 'Global\\evil' }), [{ kind: 'mutex', value: 'Global\\evil' }]],
    [sco('windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\Run' }), [{ kind: 'windows-registry-key', value: 'HKEY_LOCAL_MACHINE\\Run' }]],
    [sco('ipv4-addr', { value: 'not an address' }), []],
    [sco('ipv4-addr', { value: 42 }), []],
    [sco('process', { pid: 4 }), []],
  ];
  for (const [obj, expected] of cases) assert.deepEqual(observablesFromSco(obj), expected, JSON.stringify(obj));
});

test('file, artifact and certificate hashes: keys matched ignoring case; bad values skipped', () => {
  const file = sco('file', {
    name: 'evil.exe',
    hashes: { MD5: MD5.toUpperCase(), 'sha-1': SHA1, 'SHA-256': SHA256, SHA512, 'SHA3-256': SHA256, 'SHA-384': 'x', TLSH: 'short' },
  });
  assert.deepEqual(observablesFromSco(file), [
    { kind: 'hash:md5', value: MD5 },
    { kind: 'hash:sha1', value: SHA1 },
    { kind: 'hash:sha256', value: SHA256 },
    { kind: 'hash:sha512', value: SHA512 },
    { kind: 'hash:sha3-256', value: SHA256 },
    { kind: 'file-name', value: 'evil.exe' },
  ]);
  assert.deepEqual(observablesFromSco(sco('artifact', { hashes: { 'SHA-256': SHA256 }, payload_bin: 'AAAA' })), [
    { kind: 'hash:sha256', value: SHA256 },
  ]);
  assert.deepEqual(observablesFromSco(sco('x509-certificate', { hashes: { 'SHA-1': SHA1 }, serial_number: '4c:0b:1d' })), [
    { kind: 'hash:sha1', value: SHA1 },
    { kind: 'x509-serial', value: '4c:0b:1d' },
  ]);
});

test('network-traffic: User-Agent of the http-request-ext, header name in any case', () => {
  const traffic = sco('network-traffic', {
    protocols: ['tcp'],
    extensions: { 'http-request-ext': { request_method: 'get', request_value: '/', request_header: { 'user-agent': ' Mozilla/5.0 ' } } },
  });
  assert.deepEqual(observablesFromSco(traffic), [{ kind: 'user-agent', value: 'Mozilla/5.0' }]);
  assert.deepEqual(observablesFromSco(sco('network-traffic', { protocols: ['tcp'] })), []);
});

test('pattern: every indexed object path yields its observable', () => {
  const pattern = [
    "[ipv4-addr:value = '198.51.100.1/32'] AND [ipv6-addr:value = '2001:0db8::1']",
    "AND [domain-name:value = 'Example.com' OR url:value = 'HTTP://example.com/x' OR email-addr:value = 'A@Example.com']",
    "AND [email-message:from_ref.value = 'from@example.com' AND email-message:sender_ref.value = 'sender@example.com']",
    "AND [mac-addr:value = '00-1a-2b-3c-4d-5e'] AND [file:hashes.MD5 = '" +
      MD5.toUpperCase() +
      "' AND file:hashes.'SHA-256' = '" +
      SHA256 +
      "']",
    "AND [file:name = 'evil.exe'] AND [artifact:hashes.'SHA-1' = '" +
      SHA1 +
      "'] AND [x509-certificate:hashes.'SHA-512' = '" +
      SHA512 +
      "']",
    "AND [x509-certificate:serial_number = '4c:0b'] AND [mutex:name = 'mtx'] AND [windows-registry-key:key = 'HKLM\\\\Run']",
    "AND [network-traffic:dst_ref.value = '203.0.113.9' AND network-traffic:src_ref.value = '2001:db8::2']",
    'AND [autonomous-system:number = 15169]',
  ].join(' ');
  assert.deepEqual(fromPattern(pattern), [
    { kind: 'ipv4', value: '198.51.100.1' },
    { kind: 'ipv6', value: '2001:db8::1' },
    { kind: 'domain', value: 'example.com' },
    { kind: 'url', value: 'http://example.com/x' },
    { kind: 'email', value: 'a@example.com' },
    { kind: 'email', value: 'from@example.com' },
    { kind: 'email', value: 'sender@example.com' },
    { kind: 'mac', value: '00:1a:2b:3c:4d:5e' },
    { kind: 'hash:md5', value: MD5 },
    { kind: 'hash:sha256', value: SHA256 },
    { kind: 'file-name', value: 'evil.exe' },
    { kind: 'hash:sha1', value: SHA1 },
    { kind: 'hash:sha512', value: SHA512 },
    { kind: 'x509-serial', value: '4c:0b' },
    { kind: 'mutex', value: 'mtx' },
    { kind: 'windows-registry-key', value: 'HKLM\\Run' },
    { kind: 'ipv4', value: '203.0.113.9' },
    { kind: 'ipv6', value: '2001:db8::2' },
    { kind: 'asn', value: '15169' },
  ]);
});

test('pattern: only positive =, IN and ISSUBSET comparisons count', () => {
  assert.deepEqual(fromPattern("[ipv4-addr:value NOT = '10.0.0.1' OR ipv4-addr:value != '10.0.0.2' OR ipv4-addr:value LIKE '10.%']"), []);
  assert.deepEqual(fromPattern("[domain-name:value IN ('a.example', 'B.example', 'a.example')]"), [
    { kind: 'domain', value: 'a.example' },
    { kind: 'domain', value: 'b.example' },
  ]);
  assert.deepEqual(fromPattern("[ipv4-addr:value ISSUBSET '10.0.0.7/24']"), [{ kind: 'ipv4', value: '10.0.0.0/24' }]);
  assert.deepEqual(fromPattern("[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']"), [
    { kind: 'ipv6', value: '2001:db8:dead:beef::/64' },
  ]);
  assert.deepEqual(fromPattern("[domain-name:value ISSUBSET 'example.com']"), []);
  assert.deepEqual(fromPattern("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']"), []);
});

test('pattern: values that do not normalise and unindexed paths are skipped; results are deduplicated', () => {
  assert.deepEqual(fromPattern("[ipv4-addr:value = 'example.com' OR file:hashes.MD5 = 'short' OR file:size = 5]"), []);
  assert.deepEqual(fromPattern("[autonomous-system:number = '15169']"), []);
  assert.deepEqual(fromPattern("[domain-name:resolves_to_refs[*].value = '198.51.100.1']"), []);
  assert.deepEqual(fromPattern("[constructor:name = 'x']"), []);
  assert.deepEqual(fromPattern("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1/32'] WITHIN 5 SECONDS"), [
    { kind: 'ipv4', value: '10.0.0.1' },
  ]);
});

test('pattern: network-traffic ref values are typed by the value (STIX 2.1 §6.12)', () => {
  assert.deepEqual(fromPattern("[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'Example.com']"), [
    { kind: 'domain', value: 'example.com' },
  ]);
  assert.deepEqual(fromPattern("[network-traffic:src_ref.value = '00:1a:2b:3c:4d:5e']"), [{ kind: 'mac', value: '00:1a:2b:3c:4d:5e' }]);
});

test('pattern: a very long OR chain is walked without recursion', () => {
  const n = 20_000;
  const parts = Array.from({ length: n }, (_, i) => `ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}'`);
  assert.equal(fromPattern(`[${parts.join(' OR ')}]`).length, n);
});
