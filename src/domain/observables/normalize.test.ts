import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { detectKind, lookupKeys, normalizeObservable } from './normalize.ts';
import type { ObservableKind } from './types.ts';

function norm(kind: ObservableKind, raw: string): string | undefined {
  return normalizeObservable(kind, raw)?.value;
}

function expectAll(kind: ObservableKind, cases: [string, string | undefined][]): void {
  for (const [raw, expected] of cases) assert.equal(norm(kind, raw), expected, `${kind} ${JSON.stringify(raw)}`);
}

test('IPv4: dotted canonical; CIDR loses host bits; /32 is the plain address', () => {
  expectAll('ipv4', [
    ['198.51.100.1', '198.51.100.1'],
    [' 192.168.001.010 ', '192.168.1.10'],
    ['10.0.0.7/24', '10.0.0.0/24'],
    ['203.0.113.33/32', '203.0.113.33'],
    ['10.1.2.3/0', '0.0.0.0/0'],
    ['256.1.1.1', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['1.2.3.4/33', undefined],
    ['1.2.3.4/', undefined],
    ['1.2.3.4/a', undefined],
    ['2001:db8::1', undefined],
    ['', undefined],
  ]);
});

test('IPv6: RFC 5952 lower-case compressed; /128 is the plain address; CIDR loses host bits', () => {
  expectAll('ipv6', [
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['2001:0db8:dead:beef:0000:0000:0000:0000/64', '2001:db8:dead:beef::/64'],
    ['2001:db8:dead:beef:1:2:3:4/64', '2001:db8:dead:beef::/64'],
    // RFC 5952 §4.2.3: the first of two equally long zero runs is compressed.
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    // RFC 5952 §4.2.2: a single zero word is not compressed.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    // RFC 5952 §5: IPv4-mapped addresses in mixed notation.
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::1.2.3.4', '::102:304'],
    [':::', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1:2:3:4:5:6:7', undefined],
    ['12345::', undefined],
    ['fe80::1%eth0', undefined],
    ['2001:db8::/129', undefined],
    ['10.0.0.1', undefined],
  ]);
});

test('IPv6 canonical text agrees with ipaddr.js RFC 5952 output (non-mapped addresses)', () => {
  fc.assert(
    fc.property(fc.ipV6(), (raw) => {
      const ours = norm('ipv6', raw);
      const ref = ipaddr.IPv6.parse(raw);
      if (ref.isIPv4MappedAddress()) return;
      assert.equal(ours, ref.toRFC5952String(), raw);
    }),
    { numRuns: 1000 },
  );
});

test('domain names: lower-case, no trailing dot, IDN as punycode A-labels', () => {
  expectAll('domain', [
    ['WWW.Example.COM.', 'www.example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['BÜCHER.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['localhost', 'localhost'],
    ['1.2.3.4', undefined],
    ['a..b', undefined],
    ['exa mple.com', undefined],
    ['example.com/path', undefined],
    [`${'a'.repeat(64)}.com`, undefined],
  ]);
});

test('URLs: scheme and host lower-cased, default port removed, path and query kept as given', () => {
  expectAll('url', [
    ['HTTP://Example.COM:80', 'http://example.com/'],
    ['https://EXAMPLE.com:443/A/../b?Q=1#F', 'https://example.com/A/../b?Q=1#F'],
    ['http://example.com:8080/x', 'http://example.com:8080/x'],
    ['http://example.com?q', 'http://example.com/?q'],
    ['http://user:pw@Bücher.de/x', 'http://user:pw@xn--bcher-kva.de/x'],
    ['http://[2001:DB8::1]:80/', 'http://[2001:db8::1]/'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['foo://Host.Example/Path', 'foo://host.example/Path'],
    ['MAILTO:Foo@Example.com', 'mailto:Foo@Example.com'],
    ['example.com/path', undefined],
    ['http://', undefined],
    ['not a url', undefined],
  ]);
});

test('email addresses are lower-cased, with the domain part as punycode', () => {
  expectAll('email', [
    ['John.Doe@Example.COM', 'john.doe@example.com'],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['a@b@c.com', undefined],
    ['@example.com', undefined],
    ['john doe@example.com', undefined],
    ['john@', undefined],
  ]);
});

test('MAC addresses become lower-case colon-separated octets (STIX 2.1 §6.10)', () => {
  expectAll('mac', [
    ['00-1A-2B-3C-4D-5E', '00:1a:2b:3c:4d:5e'],
    ['00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e'],
    ['001A.2B3C.4D5E', '00:1a:2b:3c:4d:5e'],
    ['001a2b3c4d5e', '00:1a:2b:3c:4d:5e'],
    ['0:1a:2b:3c:4d:5e', '00:1a:2b:3c:4d:5e'],
    ['00:1a:2b:3c:4d', undefined],
    ['00:1a:2b:3c:4d:5g', undefined],
  ]);
});

test('hashes: lower-case hex of the algorithm length; ssdeep kept as given, TLSH lower-cased', () => {
  const md5 = 'CEAD3F77F6CDA6EC00F57D76C9A6879F';
  expectAll('hash:md5', [
    [md5, md5.toLowerCase()],
    [` ${md5} `, md5.toLowerCase()],
    ['abc', undefined],
    [`${md5.slice(1)}g`, undefined],
  ]);
  expectAll('hash:sha1', [
    ['A'.repeat(40), 'a'.repeat(40)],
    ['a'.repeat(32), undefined],
  ]);
  expectAll('hash:sha256', [
    ['F'.repeat(64), 'f'.repeat(64)],
    ['f'.repeat(40), undefined],
  ]);
  expectAll('hash:sha512', [
    ['0'.repeat(128), '0'.repeat(128)],
    ['0'.repeat(64), undefined],
  ]);
  expectAll('hash:sha3-256', [['Ab'.repeat(32), 'ab'.repeat(32)]]);
  expectAll('hash:sha3-512', [['Ab'.repeat(64), 'ab'.repeat(64)]]);
  const ssdeep = '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO';
  expectAll('hash:ssdeep', [
    [ssdeep, ssdeep],
    ['not ssdeep', undefined],
  ]);
  expectAll('hash:tlsh', [
    [`T1${'AB'.repeat(35)}`, `t1${'ab'.repeat(35)}`],
    ['T1AB', undefined],
  ]);
});

test('ASNs become decimal strings; other kinds are trimmed', () => {
  expectAll('asn', [
    ['AS15169', '15169'],
    ['as0123', '123'],
    ['64500', '64500'],
    ['1.10', '65546'],
    ['4294967296', undefined],
    ['ASX', undefined],
  ]);
  expectAll('file-name', [
    ['  evil.exe ', 'evil.exe'],
    ['   ', undefined],
  ]);
  expectAll('windows-registry-key', [['HKEY_LOCAL_MACHINE\\Software\\Foo', 'HKEY_LOCAL_MACHINE\\Software\\Foo']]);
});

test('detectKind guesses the kind of a free-text lookup value', () => {
  const cases: [string, ObservableKind | undefined][] = [
    ['10.0.0.5', 'ipv4'],
    ['10.0.0.0/8', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['2001:db8::/32', 'ipv6'],
    ['::1', 'ipv6'],
    ['00:1a:2b:3c:4d:5e', 'mac'],
    ['00-1A-2B-3C-4D-5E', 'mac'],
    ['https://example.com/a', 'url'],
    ['AS15169', 'asn'],
    ['cead3f77f6cda6ec00f57d76c9a6879f', 'hash:md5'],
    ['a'.repeat(40), 'hash:sha1'],
    ['A'.repeat(64), 'hash:sha256'],
    ['a'.repeat(128), 'hash:sha512'],
    ['John@Example.com', 'email'],
    ['Example.COM', 'domain'],
    ['bücher.de', 'domain'],
    ['deadbeef', undefined],
    ['just words', undefined],
    ['1.2.3.4.5', undefined],
    ['', undefined],
  ];
  for (const [raw, kind] of cases) assert.equal(detectKind(raw), kind, raw);
});

test('lookupKeys: an address is probed with itself and every covering network', () => {
  const keys = lookupKeys({ kind: 'ipv4', value: '10.0.0.5' }).map((k) => k.value);
  assert.equal(keys.length, 33);
  assert.equal(keys[0], '10.0.0.5');
  for (const cidr of ['10.0.0.4/31', '10.0.0.0/24', '10.0.0.0/8', '8.0.0.0/6', '0.0.0.0/0']) assert.ok(keys.includes(cidr), cidr);
  const v6 = lookupKeys({ kind: 'ipv6', value: '2001:db8::1' }).map((k) => k.value);
  assert.equal(v6.length, 129);
  for (const cidr of ['2001:db8::/127', '2001:db8::/64', '2001:db8::/32', '2000::/3', '::/0']) assert.ok(v6.includes(cidr), cidr);
  assert.deepEqual(
    lookupKeys({ kind: 'ipv4', value: '10.0.0.0/24' })
      .map((k) => k.value)
      .slice(0, 3),
    ['10.0.0.0/24', '10.0.0.0/23', '10.0.0.0/22'],
  );
  assert.equal(lookupKeys({ kind: 'ipv4', value: '10.0.0.0/24' }).length, 25);
  assert.deepEqual(lookupKeys({ kind: 'domain', value: 'example.com' }), [{ kind: 'domain', value: 'example.com' }]);
});

// ---- properties ----

const prefix4 = fc.integer({ min: 0, max: 32 });
const prefix6 = fc.integer({ min: 0, max: 128 });
const mac = fc
  .tuple(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-', '.', ''), fc.boolean())
  .map(([bytes, sep, upper]) => {
    const hex = Buffer.from(bytes).toString('hex');
    const text = sep === '.' ? (hex.match(/.{4}/g) ?? []).join('.') : (hex.match(/../g) ?? []).join(sep);
    return upper ? text.toUpperCase() : text;
  });

const samples: [ObservableKind, fc.Arbitrary<string>][] = [
  [
    'ipv4',
    fc.oneof(
      fc.ipV4(),
      fc.tuple(fc.ipV4(), prefix4).map(([a, p]) => `${a}/${p}`),
    ),
  ],
  [
    'ipv6',
    fc.oneof(
      fc.ipV6(),
      fc.tuple(fc.ipV6(), prefix6).map(([a, p]) => `${a}/${p}`),
    ),
  ],
  ['domain', fc.tuple(fc.domain(), fc.boolean()).map(([d, dot]) => (dot ? `${d.toUpperCase()}.` : d))],
  ['url', fc.webUrl({ withQueryParameters: true, withFragments: true })],
  ['email', fc.emailAddress()],
  ['mac', mac],
  ['hash:md5', fc.stringMatching(/^[0-9a-fA-F]{32}$/)],
  ['hash:sha256', fc.stringMatching(/^[0-9a-fA-F]{64}$/)],
  ['asn', fc.nat(0xffffffff).map((n) => `AS${n}`)],
  ['file-name', fc.string()],
];

test('property: normalisation is idempotent for every kind', () => {
  for (const [kind, arb] of samples) {
    fc.assert(
      fc.property(arb, (raw) => {
        const once = norm(kind, raw);
        if (once !== undefined) assert.equal(norm(kind, once), once, `${kind} ${raw}`);
      }),
      { numRuns: 300 },
    );
  }
});

test('property: generated valid addresses, domains, MACs and hashes all normalise', () => {
  for (const [kind, arb] of samples.filter(([k]) => k !== 'file-name' && k !== 'email' && k !== 'url')) {
    fc.assert(
      fc.property(arb, (raw) => assert.notEqual(norm(kind, raw), undefined, `${kind} ${raw}`)),
      { numRuns: 200 },
    );
  }
});

test('property: lookupKeys of an address inside a CIDR contains that CIDR', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.tuple(fc.constant<'ipv4'>('ipv4'), fc.ipV4(), prefix4), fc.tuple(fc.constant<'ipv6'>('ipv6'), fc.ipV6(), prefix6)),
      ([kind, addr, p]) => {
        const cidr = norm(kind, `${addr}/${p}`);
        const address = normalizeObservable(kind, addr);
        assert.ok(cidr && address);
        assert.ok(
          lookupKeys(address).some((k) => k.kind === kind && k.value === cidr),
          `${addr} in ${cidr}`,
        );
      },
    ),
    { numRuns: 1000 },
  );
});

test('micro-benchmark: lookupKeys per address (reported, not asserted)', (t) => {
  for (const [kind, value] of [
    ['ipv4', '198.51.100.7'],
    ['ipv6', '2001:db8:1:2:3:4:5:6'],
  ] as const) {
    const n = 20_000;
    for (let i = 0; i < 2_000; i++) lookupKeys({ kind, value });
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) lookupKeys({ kind, value });
    t.diagnostic(`lookupKeys(${kind}): ${(Number(process.hrtime.bigint() - t0) / n / 1000).toFixed(2)} µs per call`);
  }
});

test('lookupKeys probes only the prefix lengths the index holds, when told them', () => {
  const keys = lookupKeys({ kind: 'ipv4', value: '10.1.2.3' }, new Set([24, 8])).map((k) => k.value);
  assert.deepEqual(keys, ['10.1.2.3', '10.1.2.0/24', '10.0.0.0/8']);
  assert.deepEqual(
    lookupKeys({ kind: 'ipv6', value: '2001:db8::1' }, new Set()).map((k) => k.value),
    ['2001:db8::1'],
  );
});
