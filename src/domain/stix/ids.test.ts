import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SCO_TYPES } from './categories.ts';
import { ID_CONTRIBUTING_PROPERTIES, SCO_ID_NAMESPACE, deterministicScoId, idType, isStixId } from './ids.ts';
import type { JsonObject } from './types.ts';
import { sharedPath } from '../../../test/helpers/shared.ts';

const SPEC = sharedPath('standards/specs/stix-v2.1.md');

test('isStixId accepts <type>--<RFC 4122 UUID> and rejects the rest (§2.9)', () => {
  assert.equal(isStixId('indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836'), true);
  assert.equal(isStixId('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'), true, 'UUIDv5');
  assert.equal(isStixId('x-mitre-tactic--E2E1A340-4415-4BA8-9671-F7343FBF0836'), true, 'upper-case hex');
  assert.equal(isStixId('indicator-e2e1a340-4415-4ba8-9671-f7343fbf0836'), false, 'single hyphen');
  assert.equal(isStixId('Indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836'), false, 'upper-case type');
  assert.equal(isStixId('indicator--e2e1a340-4415-0ba8-9671-f7343fbf0836'), false, 'version 0');
  assert.equal(isStixId('indicator--e2e1a340-4415-4ba8-c671-f7343fbf0836'), false, 'variant 110x');
  assert.equal(isStixId('indicator--e2e1a340-4415-4ba8-9671-f7343fbf083'), false, 'short');
  assert.equal(isStixId('indicator--e2e1a340x4415-4ba8-9671-f7343fbf0836'), false, 'separator');
  assert.equal(isStixId('--e2e1a340-4415-4ba8-9671-f7343fbf0836'), false, 'no type');
  assert.equal(isStixId('x--y--e2e1a340-4415-4ba8-9671-f7343fbf0836'), false, 'double hyphen in type');
  assert.equal(isStixId(42), false);
});

test('idType returns the type part of an identifier', () => {
  assert.equal(idType('attack-pattern--53a26eee-1080-4d17-9762-2027d5a1b805'), 'attack-pattern');
  assert.equal(idType('not an id'), undefined);
});

test('every SCO type has its ID Contributing Properties listed (§6)', () => {
  assert.deepEqual(Object.keys(ID_CONTRIBUTING_PROPERTIES).sort(), [...SCO_TYPES].sort());
  assert.equal(SCO_ID_NAMESPACE, '00abedb4-aa42-466c-9c01-fed23315a9b7');
});

test('deterministicScoId produces a UUIDv5 that ignores key order and non-contributing properties', () => {
  const a = deterministicScoId({ type: 'software', name: 'Word', vendor: 'Microsoft', languages: ['en'] });
  const b = deterministicScoId({ vendor: 'Microsoft', type: 'software', name: 'Word', id: 'whatever' });
  assert.ok(a !== undefined);
  assert.equal(a, b);
  assert.match(a, /^software--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, deterministicScoId({ type: 'software', name: 'Word', vendor: 'Microsoft', version: '2000' }));
});

test('deterministicScoId uses one hash, preferring MD5, SHA-1, SHA-256, SHA-512 (§6.7)', () => {
  const md5 = '3773a88f65a5e780c8dff9cdc3a056f3';
  const sha256 = 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766';
  const both = deterministicScoId({ type: 'file', hashes: { 'SHA-256': sha256, MD5: md5 } });
  assert.equal(both, deterministicScoId({ type: 'file', hashes: { MD5: md5 } }));
  assert.notEqual(both, deterministicScoId({ type: 'file', hashes: { 'SHA-256': sha256 } }));
  assert.equal(
    deterministicScoId({ type: 'file', hashes: { TLSH: 'x', SSDEEP: 'y' } }),
    deterministicScoId({ type: 'file', hashes: { TLSH: 'x' } }),
    'without a preferred hash, the first one given',
  );
});

test('deterministicScoId is undefined when a UUIDv4 is required (§2.9, §6.13)', () => {
  assert.equal(deterministicScoId({ type: 'process', pid: 4 }), undefined, 'process has no contributing properties');
  assert.equal(deterministicScoId({ type: 'user-account', display_name: 'x' }), undefined, 'none present');
  assert.equal(deterministicScoId({ type: 'x-custom-sco', value: 'x' }), undefined, 'custom type');
});

/** SCO examples of the specification text, with the id the specification gives them. */
function specScoExamples(): JsonObject[] {
  const text = readFileSync(SPEC, 'utf8');
  const out: JsonObject[] = [];
  for (const m of text.matchAll(/```(?:JSON|json)?\n([\s\S]*?)```/g)) {
    let value: unknown;
    try {
      value = JSON.parse(m[1] ?? '');
    } catch {
      continue; // examples elided with "..." are not JSON
    }
    for (const o of Array.isArray(value) ? value : [value]) {
      if (typeof o === 'object' && o !== null && SCO_TYPES.has(o.type) && typeof o.id === 'string') out.push(o);
    }
  }
  return out;
}

test('deterministicScoId reproduces identifiers given in the specification (§2.9)', {
  skip: existsSync(SPEC) ? false : `${SPEC} not present`,
}, () => {
  const examples = specScoExamples();
  const find = (type: string, key: string, value: string) => {
    const found = examples.find((o) => o['type'] === type && o[key] === value);
    assert.ok(found, `spec example ${type} ${key}=${value}`);
    return found;
  };
  // The §4.8 / §6.8 example "198.51.100.3", and objects with extensions, lists of structures,
  // binary payloads and several contributing properties.
  const chosen = [
    find('ipv4-addr', 'value', '198.51.100.3'),
    find('ipv6-addr', 'value', '2001:0db8::/96'),
    find('file', 'name', 'example.pdf'),
    find('file', 'name', 'example.exe'),
    find('windows-registry-key', 'key', 'HKEY_LOCAL_MACHINE\\System\\Foo\\Bar'),
    find('user-account', 'account_login', 'jdoe'),
    find('software', 'name', 'Word'),
    find('autonomous-system', 'name', 'Slime Industries'),
    find('artifact', 'mime_type', 'image/jpeg'),
  ];
  for (const example of chosen) {
    assert.equal(deterministicScoId({ ...example, type: String(example['type']) }), example['id'], JSON.stringify(example));
  }
  // Most SCO examples reproduce; the rest reference objects whose ids the text changed (§3.4).
  const matching = examples.filter((o) => deterministicScoId({ ...o, type: String(o['type']) }) === o['id']);
  assert.ok(matching.length >= 45, `${matching.length} of ${examples.length} spec SCO ids reproduced`);
});
