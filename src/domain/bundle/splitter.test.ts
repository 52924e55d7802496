import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BundleSplitter, type SplitItem } from './splitter.ts';
import { JsonMalformedError } from '../../errors.ts';

function split(text: string, cuts: number[] = []): { items: SplitItem[]; header: string } {
  const buf = Buffer.from(text, 'utf8');
  const s = new BundleSplitter();
  const items: SplitItem[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < buf.length)].sort((a, b) => a - b).concat(buf.length)) {
    items.push(...s.push(buf.subarray(at, cut)));
    at = cut;
  }
  return { items, header: s.end() };
}

const bundle = JSON.stringify({
  type: 'bundle',
  id: 'bundle--44af6c39-c09b-49c5-9de2-394224b04982',
  objects: [
    { type: 'indicator', id: 'indicator--1', name: 'quote " and \\ and } and ] and [ { "objects": [' },
    { type: 'malware', id: 'malware--2', aliases: ['a', 'b'], nested: { x: [1, { y: 2 }] } },
  ],
  spec_version: '2.1',
});

test('splits the objects of a bundle and keeps the rest as header', () => {
  const { items, header } = split(bundle);
  assert.deepEqual(
    items.map((i) => JSON.parse(i.text)),
    JSON.parse(bundle).objects,
  );
  assert.deepEqual(JSON.parse(header), { ...JSON.parse(bundle), objects: [] });
  const second = items[1];
  assert.ok(second, 'the bundle has a second object');
  assert.equal(Buffer.from(bundle).subarray(second.offset).toString().startsWith('{"type":"malware"'), true);
});

test('any chunking gives the same elements (strings, escapes and UTF-8 cut anywhere)', () => {
  const text = JSON.stringify({ objects: [{ n: 'é€😀\\"x' }, { n: '\\\\' }, {}], type: 'bundle' }, null, 1);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: Buffer.byteLength(text) }), { maxLength: 12 }), (cuts) => {
      const { items, header } = split(text, cuts);
      assert.deepEqual(
        items.map((i) => JSON.parse(i.text)),
        JSON.parse(text).objects,
      );
      assert.deepEqual(JSON.parse(header), { objects: [], type: 'bundle' });
    }),
  );
});

test('a top-level array is split into its elements; a single object is all header', () => {
  assert.equal(split('[{"a":1},{"b":[2]}]').items.length, 2);
  const one = split('{"type":"indicator","id":"indicator--x"}');
  assert.equal(one.items.length, 0);
  assert.equal(JSON.parse(one.header).type, 'indicator');
});

test('the objects key is found only at the top level of the bundle', () => {
  const text = '{"x":{"objects":[{"a":1}]},"objects":[{"b":2}]}';
  assert.deepEqual(
    split(text).items.map((i) => i.text),
    ['{"b":2}'],
  );
});

test('a truncated file keeps the complete elements and reports the byte offset', () => {
  const cut = bundle.slice(0, bundle.indexOf('"malware"') + 5);
  const s = new BundleSplitter();
  const items = s.push(Buffer.from(cut));
  assert.equal(items.length, 1);
  assert.throws(
    () => s.end(),
    (e: unknown) => e instanceof JsonMalformedError && e.details['offset'] === Buffer.byteLength(cut),
  );
});

test('mismatched brackets and stray values are reported where they are', () => {
  assert.throws(() => split('{"objects":[{"a":1]}'), /unexpected '\]' \(byte 18\)/);
  assert.throws(() => split('{"objects":[1]}'), /objects\[0\] is not a JSON object \(byte 12\)/);
  assert.throws(() => split('{} {}'), /more than one top-level JSON value/);
  assert.throws(() => split('   '), /empty input/);
});

test('a UTF-8 byte order mark is skipped', () => {
  const { items } = split('\ufeff[{"a":1}]');
  assert.equal(items[0]?.text, '{"a":1}');
});
