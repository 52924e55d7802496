import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { sharedPath, skipUnlessShared } from '../../../test/helpers/shared.ts';
import { formatIPv4 } from '../observables/ip.ts';
import { normalizeObservable } from '../observables/normalize.ts';
import type { ObservableKind } from '../observables/types.ts';
import { drain, WarninglistMatcher } from './warninglist-matcher.ts';
import { kindsOf, parseWarninglist, type Warninglist } from './warninglists.ts';

const LISTS = sharedPath('data', 'misp-warninglists', 'lists');
const SKIP = skipUnlessShared(LISTS);

function realMatcher(): WarninglistMatcher {
  const m = new WarninglistMatcher();
  for (const id of readdirSync(LISTS).sort()) {
    const file = join(LISTS, id, 'list.json');
    drain(m.add(parseWarninglist(id, file, readFileSync(file, 'utf8'))));
  }
  return m;
}

function on(m: WarninglistMatcher, kind: ObservableKind, raw: string): string[] {
  const obs = normalizeObservable(kind, raw);
  assert.ok(obs, `${kind} ${raw} normalises`);
  return m.match(obs).map((h) => h.id);
}

function list(over: Partial<Warninglist> & Pick<Warninglist, 'type' | 'list'>): Warninglist {
  return { id: 'test', name: 'Test list', version: 1, description: '', matchingAttributes: [], kinds: 'all', ...over };
}

test('the fifteen lists in ../shared parse, every entry indexed', { skip: SKIP }, () => {
  const m = realMatcher();
  assert.equal(m.lists().length, 15);
  for (const l of m.lists()) assert.equal(l.skipped, 0, `${l.id} skipped entries`);
  const dns = m.lists().find((l) => l.id === 'public-dns-v4');
  assert.ok(dns && dns.entries > 60_000 && dns.type === 'cidr');
});

test('real lists: public resolvers, private ranges, hostnames with parents, empty-file hashes', { skip: SKIP }, () => {
  const m = realMatcher();
  assert.deepEqual(on(m, 'ipv4', '8.8.8.8'), ['public-dns-v4']);
  assert.deepEqual(on(m, 'ipv4', '10.1.2.3'), ['rfc1918', 'rfc5735']);
  // A network inside a listed range is on the list too.
  assert.ok(on(m, 'ipv4', '192.168.10.0/24').includes('rfc1918'));
  assert.ok(on(m, 'ipv4', '224.0.0.251').includes('multicast'));
  assert.ok(on(m, 'ipv6', 'fe80::1').includes('ipv6-linklocal'));
  assert.ok(on(m, 'ipv6', '2001:db8::5').includes('rfc3849'));
  assert.deepEqual(on(m, 'ipv4', '198.51.100.77'), ['rfc5735']);
  assert.deepEqual(on(m, 'ipv4', '203.0.114.1'), []);
  // hostname lists match the host and its subdomains, and a URL's host.
  assert.deepEqual(on(m, 'domain', 'bit.ly'), ['url-shortener']);
  assert.deepEqual(on(m, 'domain', 'x.y.bit.ly'), ['url-shortener']);
  assert.deepEqual(on(m, 'url', 'https://bit.ly/abc'), ['url-shortener']);
  assert.deepEqual(on(m, 'domain', 'notbit.ly'), []);
  // string lists match the exact value only: a TLD alone, not a name under it.
  assert.deepEqual(on(m, 'domain', 'example.net'), ['rfc6761']);
  assert.deepEqual(on(m, 'domain', 'www.example.net'), []);
  // example.com is also a (listed) public resolver's domain: both lists, in list order.
  assert.deepEqual(on(m, 'domain', 'example.com'), ['public-dns-hostname', 'rfc6761']);
  assert.deepEqual(on(m, 'hash:md5', 'D41D8CD98F00B204E9800998ECF8427E'), ['empty-hashes']);
  assert.deepEqual(on(m, 'hash:sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'), ['empty-hashes']);
});

test('a list applies only to the kinds its matching_attributes map to', { skip: SKIP }, () => {
  const m = realMatcher();
  // empty-hashes is for hashes: the same text as a file name is not on it.
  assert.deepEqual(on(m, 'file-name', 'd41d8cd98f00b204e9800998ecf8427e'), []);
  assert.deepEqual(kindsOf(['ip-src', 'ip-dst']), new Set(['ipv4', 'ipv6']));
  assert.deepEqual(kindsOf(['domain|ip']), new Set(['domain', 'ipv4', 'ipv6']));
  assert.equal(kindsOf([]), 'all');
  assert.deepEqual(kindsOf(['sha224']), new Set());
});

test('parse errors name the file and the field', () => {
  const err = (text: string) => {
    try {
      parseWarninglist('x', 'lists/x/list.json', text);
    } catch (e) {
      return (e as Error).message;
    }
    return 'parsed';
  };
  assert.match(err('{'), /^lists\/x\/list\.json: \(document\) is not JSON/);
  assert.match(
    err('{"name":"n","type":"prefix","list":[]}'),
    /lists\/x\/list\.json: type must be one of string, substring, hostname, cidr, regex/,
  );
  assert.match(err('{"name":"n","type":"string","list":["a",2]}'), /list\[1\] must be a string/);
  assert.match(err('{"type":"string","list":[]}'), /name must be a non-empty string/);
  assert.match(err('{"name":"n","type":"string","list":"a"}'), /list must be an array/);
  assert.match(err('{"name":"n","type":"string","list":[],"matching_attributes":"domain"}'), /matching_attributes must be an array/);
  assert.match(err('{"name":"n","type":"regex","list":["ok","/(unclosed/"]}'), /list\[1\] is not a regular expression/);
  assert.equal(err('{"name":"n","type":"string","list":[]}'), 'parsed');
});

test('substring and regex lists are scanned; hostname entries written as .domain or *.domain', () => {
  const m = new WarninglistMatcher();
  drain(m.add(list({ id: 'sub', type: 'substring', list: ['Tracker'] })));
  drain(m.add(list({ id: 're', type: 'regex', list: ['/^cdn[0-9]+\\.example\\.net$/i'] })));
  drain(m.add(list({ id: 'host', type: 'hostname', list: ['*.Example.org', '.example.info'] })));
  drain(m.add(list({ id: 'bad-cidr', type: 'cidr', list: ['10.0.0.0/8', 'not an address'] })));
  assert.deepEqual(
    m.match({ kind: 'domain', value: 'eu.tracker.io' }).map((h) => h.id),
    ['sub'],
  );
  assert.deepEqual(
    m.match({ kind: 'domain', value: 'cdn12.example.net' }).map((h) => h.id),
    ['re'],
  );
  assert.deepEqual(
    m.match({ kind: 'domain', value: 'a.example.org' }).map((h) => h.id),
    ['host'],
  );
  assert.deepEqual(
    m.match({ kind: 'domain', value: 'example.info' }).map((h) => h.id),
    ['host'],
  );
  assert.deepEqual(m.lists().find((l) => l.id === 'bad-cidr')?.skipped, 1);
});

test('property: an address is on a CIDR list exactly when a listed network contains it', () => {
  const net = fc.record({ addr: fc.integer({ min: 0, max: 0xffffffff }), prefix: fc.integer({ min: 0, max: 32 }) });
  fc.assert(
    fc.property(fc.array(net, { maxLength: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (nets, addr) => {
      const m = new WarninglistMatcher();
      drain(m.add(list({ type: 'cidr', list: nets.map((n) => `${formatIPv4(n.addr)}/${n.prefix}`) })));
      const contains = (n: { addr: number; prefix: number }) => n.prefix === 0 || n.addr >>> (32 - n.prefix) === addr >>> (32 - n.prefix);
      assert.equal(m.match({ kind: 'ipv4', value: formatIPv4(addr) }).length > 0, nets.some(contains));
    }),
  );
});

test('property: a domain is on a hostname list exactly when it or a parent is listed', () => {
  const label = fc.constantFrom('a', 'b', 'c', 'com');
  const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
  fc.assert(
    fc.property(fc.array(name, { maxLength: 5 }), name, (entries, value) => {
      const m = new WarninglistMatcher();
      drain(m.add(list({ type: 'hostname', list: entries })));
      const parents = value.split('.').map((_, i, ls) => ls.slice(i).join('.'));
      assert.equal(
        m.match({ kind: 'domain', value }).length > 0,
        entries.some((e) => parents.includes(e)),
      );
    }),
  );
});
