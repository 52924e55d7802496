import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recognize, recognizeList, refang, splitValues } from './recognize.ts';
import type { ObservableKind } from './types.ts';

test('refang undoes the common defanging conventions and leaves other text alone', () => {
  const cases: [string, string][] = [
    ['hxxp://evil[.]example/a', 'http://evil.example/a'],
    ['hXXps[://]evil(.)example', 'https://evil.example'],
    ['fxp://files{.}example', 'ftp://files.example'],
    ['198.51.100[.]7', '198.51.100.7'],
    ['198[.]51[.]100[.]7', '198.51.100.7'],
    ['user[@]example[dot]com', 'user@example.com'],
    ['user(at)example[ . ]com', 'user@example.com'],
    ['2001:db8[:]:1', '2001:db8::1'],
    ['http://[2001:db8::1]/', 'http://[2001:db8::1]/'],
    ['sandworm', 'sandworm'],
    ['hxxpx://a', 'hxxpx://a'],
  ];
  for (const [raw, expected] of cases) assert.equal(refang(raw), expected, raw);
});

test('recognize tells the kind and canonical form of a typed value, defanged or not', () => {
  const cases: [string, ObservableKind, string][] = [
    ['192.0.2.55', 'ipv4', '192.0.2.55'],
    [' 192.0.2.7/24 ', 'ipv4', '192.0.2.0/24'],
    ['192.0.2[.]55', 'ipv4', '192.0.2.55'],
    ['2001:DB8::1', 'ipv6', '2001:db8::1'],
    ['2001:db8::/32', 'ipv6', '2001:db8::/32'],
    ['Evil.Example.COM.', 'domain', 'evil.example.com'],
    ['evil[.]example', 'domain', 'evil.example'],
    ['bücher.example', 'domain', 'xn--bcher-kva.example'],
    ['HXXPS://Evil.Example/Path?q=1', 'url', 'https://evil.example/Path?q=1'],
    ['Alice@Example.org', 'email', 'alice@example.org'],
    ['alice[@]example[.]org', 'email', 'alice@example.org'],
    ['D41D8CD98F00B204E9800998ECF8427E', 'hash:md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'hash:sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'hash:sha256',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    ['a'.repeat(128), 'hash:sha512', 'a'.repeat(128)],
    ['00-1A-2B-3C-4D-5E', 'mac', '00:1a:2b:3c:4d:5e'],
    ['AS64500', 'asn', '64500'],
  ];
  for (const [raw, kind, normalized] of cases) {
    const r = recognize(raw);
    assert.equal(r?.kind, kind, raw);
    assert.equal(r?.normalized, normalized, raw);
    assert.equal(r?.input, raw.trim());
  }
  assert.equal(recognize('192.0.2[.]55')?.value, '192.0.2.55', 'the refanged value is what is looked up');
});

test('recognize answers undefined for text that is no observable', () => {
  for (const raw of [
    '',
    '   ',
    'sandworm',
    'T0865',
    'Industroyer',
    '256.1.1.1',
    'abc123',
    'not an@email address',
    'd41d8cd98f00b204e9800998ecf8427',
  ]) {
    assert.equal(recognize(raw), undefined, raw);
  }
});

test('splitValues splits a pasted alert by line, comma, semicolon and space, without quotes or repeats', () => {
  const text = '192.0.2.55\r\nevil[.]example, "nothing.example";\t<alice@example.org>\n\n192.0.2.55  sandworm\n';
  assert.deepEqual(splitValues(text), ['192.0.2.55', 'evil[.]example', 'nothing.example', 'alice@example.org', 'sandworm']);
  assert.deepEqual(splitValues(' \n ,; '), []);
});

test('recognizeList separates the observables from the values that are none', () => {
  const { recognized, unrecognized } = recognizeList('hxxp://evil[.]example/x\n192.0.2.55\nsandworm, T0865');
  assert.deepEqual(
    recognized.map((r) => [r.input, r.kind, r.value]),
    [
      ['hxxp://evil[.]example/x', 'url', 'http://evil.example/x'],
      ['192.0.2.55', 'ipv4', '192.0.2.55'],
    ],
  );
  assert.deepEqual(unrecognized, ['sandworm', 'T0865']);
});
