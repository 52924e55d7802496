// Common properties (STIX 2.1 §3.2) and the common data types they use (§2).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDENTITY_ID, TLP_GREEN, T0, expectClean, expectIssue, expectValid, idOf, observable, versioned, withProp } from './fixtures.ts';
import type { JsonValue } from './types.ts';
import { validateObject } from './validate.ts';

const S3_2 = 'STIX 2.1 §3.2';
const campaign = versioned('campaign', { name: 'Bank Attack' });

test('a non-object or an object without type is rejected at the root', () => {
  expectIssue(validateObject([]), '$', 'type-mismatch', S3_2);
  expectIssue(validateObject(null), '$', 'type-mismatch', S3_2);
  expectIssue(validateObject({ id: 'x' }), '$.type', 'required-property', S3_2);
  expectIssue(validateObject({ type: 7 }), '$.type', 'type-mismatch', S3_2);
});

test('id must be <type>--<UUID> with the object type (§2.9)', () => {
  expectIssue(validateObject(withProp(campaign, 'id', 'campaign--1234')), '$.id', 'identifier-format', 'STIX 2.1 §2.9');
  const other = withProp(campaign, 'id', 'malware--e2e1a340-4415-4ba8-9671-f7343fbf0836');
  const issue = expectIssue(validateObject(other), '$.id', 'identifier-type-mismatch', 'STIX 2.1 §2.9');
  assert.match(issue.message, /malware/);
  expectIssue(validateObject(withProp(campaign, 'id', 5)), '$.id', 'type-mismatch', 'STIX 2.1 §2.9');
});

test('spec_version must be 2.1 (§3.2)', () => {
  expectIssue(validateObject(withProp(campaign, 'spec_version', '2.0')), '$.spec_version', 'spec-version', S3_2);
  expectIssue(validateObject(withProp(campaign, 'spec_version', 2.1)), '$.spec_version', 'spec-version', S3_2);
});

test('created and modified are timestamps with millisecond precision, modified ≥ created (§3.2, §2.16)', () => {
  expectIssue(validateObject(withProp(campaign, 'created', '2016-13-01T00:00:00.000Z')), '$.created', 'timestamp-format', 'STIX 2.1 §2.16');
  expectIssue(
    validateObject(withProp(campaign, 'modified', '2016-01-01T00:00:00.000+01:00')),
    '$.modified',
    'timestamp-format',
    'STIX 2.1 §2.16',
  );
  expectIssue(validateObject(withProp(campaign, 'created', 20160101)), '$.created', 'type-mismatch', S3_2);
  const coarse = { ...campaign, created: '2016-01-01T00:00:00Z', modified: '2016-01-01T00:00:00.1Z' };
  expectIssue(validateObject(coarse), '$.created', 'timestamp-precision', S3_2);
  expectIssue(validateObject(coarse), '$.modified', 'timestamp-precision', S3_2);
  expectIssue(validateObject({ ...campaign, modified: '2023-12-31T23:59:59.999Z' }), '$.modified', 'modified-before-created', S3_2);
  expectClean(validateObject({ ...campaign, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000000Z' }));
});

test('created_by_ref must reference an identity (§3.2)', () => {
  expectClean(validateObject(withProp(campaign, 'created_by_ref', IDENTITY_ID)));
  expectIssue(validateObject(withProp(campaign, 'created_by_ref', idOf('campaign'))), '$.created_by_ref', 'ref-target-type', S3_2);
  expectIssue(validateObject(withProp(campaign, 'created_by_ref', 'ACME')), '$.created_by_ref', 'identifier-format', 'STIX 2.1 §2.9');
  expectIssue(validateObject(withProp(campaign, 'created_by_ref', '')), '$.created_by_ref', 'identifier-format', 'STIX 2.1 §2.9');
  // Repeated references are remembered; the result must not depend on what was seen before.
  expectIssue(validateObject(withProp(campaign, 'created_by_ref', idOf('campaign'))), '$.created_by_ref', 'ref-target-type', S3_2);
  expectClean(validateObject(withProp(campaign, 'created_by_ref', IDENTITY_ID)));
});

test('revoked is a boolean, labels a non-empty list of strings, confidence 0–100 (§3.2, §2.12)', () => {
  expectIssue(validateObject(withProp(campaign, 'revoked', 'yes')), '$.revoked', 'type-mismatch', S3_2);
  expectIssue(validateObject(withProp(campaign, 'labels', [])), '$.labels', 'empty-list', 'STIX 2.1 §2.12');
  expectIssue(validateObject(withProp(campaign, 'labels', ['ok', 3])), '$.labels[1]', 'type-mismatch', S3_2);
  expectIssue(validateObject(withProp(campaign, 'labels', 'one')), '$.labels', 'type-mismatch', S3_2);
  expectIssue(validateObject(withProp(campaign, 'confidence', 101)), '$.confidence', 'value-range', S3_2);
  expectIssue(validateObject(withProp(campaign, 'confidence', 50.5)), '$.confidence', 'type-mismatch', S3_2);
  expectClean(validateObject({ ...campaign, confidence: 0, revoked: true, labels: ['x'] }));
});

test('lang is an RFC 5646 language code (§3.2)', () => {
  for (const lang of ['en', 'de-CH', 'zh-Hant-TW', 'sr-Latn', 'x-klingon', 'i-klingon']) {
    expectClean(validateObject(withProp(campaign, 'lang', lang)));
  }
  expectIssue(validateObject(withProp(campaign, 'lang', 'english language')), '$.lang', 'value-format', S3_2);
});

test('external references need source_name and one of description, url, external_id (§2.5)', () => {
  const S = 'STIX 2.1 §2.5';
  expectClean(validateObject(withProp(campaign, 'external_references', [{ source_name: 'capec', external_id: 'CAPEC-163' }])));
  expectIssue(
    validateObject(withProp(campaign, 'external_references', [{ url: 'https://x' }])),
    '$.external_references[0].source_name',
    'required-property',
    S,
  );
  expectIssue(
    validateObject(withProp(campaign, 'external_references', [{ source_name: 'x' }])),
    '$.external_references[0]',
    'required-one-of',
    S,
  );
  const hashed = [{ source_name: 'x', url: 'https://x', hashes: { 'SHA-256': 'nope' } }];
  expectIssue(
    validateObject(withProp(campaign, 'external_references', hashed)),
    "$.external_references[0].hashes['SHA-256']",
    'hash-value',
    'STIX 2.1 §10.7',
  );
});

test('object_marking_refs reference marking definitions (§3.2, §7.2.2)', () => {
  expectClean(validateObject(withProp(campaign, 'object_marking_refs', [TLP_GREEN])));
  expectIssue(
    validateObject(withProp(campaign, 'object_marking_refs', [TLP_GREEN, IDENTITY_ID])),
    '$.object_marking_refs[1]',
    'ref-target-type',
    S3_2,
  );
});

test('granular markings have selectors and exactly one of lang and marking_ref (§7.2.3)', () => {
  const S = 'STIX 2.1 §7.2.3';
  const marked = (gm: JsonValue[]) => validateObject({ ...campaign, description: 'd', labels: ['a', 'b'], granular_markings: gm });
  expectClean(
    marked([
      { selectors: ['description', 'labels.[1]'], marking_ref: TLP_GREEN },
      { selectors: ['name'], lang: 'de' },
    ]),
  );
  expectIssue(marked([{ selectors: ['name'] }]), '$.granular_markings[0]', 'required-one-of', S);
  expectIssue(marked([{ selectors: ['name'], lang: 'de', marking_ref: TLP_GREEN }]), '$.granular_markings[0]', 'granular-marking', S);
  expectIssue(marked([{ marking_ref: TLP_GREEN }]), '$.granular_markings[0].selectors', 'required-property', S);
  expectIssue(marked([{ selectors: ['name'], marking_ref: IDENTITY_ID }]), '$.granular_markings[0].marking_ref', 'ref-target-type', S);
});

test('granular marking selectors must select content that is present (§7.2.3)', () => {
  const S = 'STIX 2.1 §7.2.3';
  const obj = {
    ...campaign,
    description: 'The (1) TLS...',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
    labels: ['heartbleed', 'has-logo'],
  };
  const marked = (selectors: string[]) => validateObject({ ...obj, granular_markings: [{ marking_ref: TLP_GREEN, selectors }] });
  expectValid(marked(['description', 'external_references.[0].source_name', 'labels.[0]', 'labels', 'external_references']));
  // The §7.2.3 examples of invalid selectors.
  expectIssue(marked(['pattern']), '$.granular_markings[0].selectors[0]', 'marking-selector', S);
  expectIssue(marked(['description', 'external_references.[3]']), '$.granular_markings[0].selectors[1]', 'marking-selector', S);
  expectIssue(marked(['description.[0]']), '$.granular_markings[0].selectors[0]', 'marking-selector', S);
  expectIssue(marked(['labels.name']), '$.granular_markings[0].selectors[0]', 'marking-selector', S);
});

test('properties a category does not use are forbidden (§3.2 table)', () => {
  expectIssue(validateObject(withProp(campaign, 'defanged', true)), '$.defanged', 'forbidden-property', S3_2);
  const ip = observable('ipv4-addr', { value: '198.51.100.3' });
  for (const key of ['created_by_ref', 'revoked', 'labels', 'confidence', 'lang', 'external_references', 'created', 'modified']) {
    const value = key === 'created_by_ref' ? IDENTITY_ID : key === 'created' || key === 'modified' ? T0 : ['x'];
    expectIssue(validateObject(withProp(ip, key, value)), `$.${key}`, 'forbidden-property', S3_2);
  }
  expectClean(validateObject({ ...ip, defanged: true, object_marking_refs: [TLP_GREEN] }));
});

test('reserved property names must not be present (§3.8)', () => {
  for (const key of ['severity', 'username', 'phone_number', 'action']) {
    expectIssue(validateObject(withProp(campaign, key, 'x')), `$.${key}`, 'reserved-property', 'STIX 2.1 §3.8');
  }
});

test('lists and dictionaries must not be empty (§2.12, §2.3)', () => {
  expectIssue(validateObject(withProp(campaign, 'aliases', [])), '$.aliases', 'empty-list', 'STIX 2.1 §2.12');
  const message = observable('email-message', { is_multipart: false, additional_header_fields: {} });
  expectIssue(validateObject(message), '$.additional_header_fields', 'empty-dictionary', 'STIX 2.1 §2.3');
  const badKey = observable('email-message', { is_multipart: false, additional_header_fields: { 'Reply To': ['a'] } });
  expectIssue(validateObject(badKey), "$.additional_header_fields['Reply To']", 'dictionary-key', 'STIX 2.1 §2.3');
});

test('hashes: algorithm names and values of the right format (§2.7, §10.7)', () => {
  const file = (hashes: JsonValue) => validateObject(observable('file', { hashes: hashes }));
  expectClean(
    file({
      MD5: '3773a88f65a5e780c8dff9cdc3a056f3',
      'SHA-1': 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
      'SHA-256': 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766',
      SSDEEP: '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO',
      TLSH: `T1${'A5'.repeat(35)}`,
      x_custom: 'anything',
    }),
  );
  expectIssue(file({ MD5: '3773a88f65a5e780c8dff9cdc3a056f' }), '$.hashes.MD5', 'hash-value', 'STIX 2.1 §10.7');
  expectIssue(file({ 'SHA-512': 'ab' }), "$.hashes['SHA-512']", 'hash-value', 'STIX 2.1 §10.7');
  expectIssue(file({ md: 'ab' }), '$.hashes.md', 'hash-algorithm', 'STIX 2.1 §2.7');
  expectIssue(file({ 'SHA 256': 'ab' }), "$.hashes['SHA 256']", 'hash-algorithm', 'STIX 2.1 §2.7');
  expectIssue(
    file({ sha256: 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766' }),
    '$.hashes.sha256',
    'hash-algorithm',
    'STIX 2.1 §10.7',
    'warning',
  );
  expectIssue(file({ sha256: 'short' }), '$.hashes.sha256', 'hash-value', 'STIX 2.1 §10.7');
  expectIssue(file({ 'WHIRLPOOL-X': 'ab' }), "$.hashes['WHIRLPOOL-X']", 'hash-algorithm', 'STIX 2.1 §10.7', 'warning');
  expectIssue(file({}), '$.hashes', 'empty-dictionary', 'STIX 2.1 §2.7');
});

test('hex and binary values (§2.8, §2.1)', () => {
  expectIssue(
    validateObject(observable('file', { name: 'a', magic_number_hex: 'FFD8' })),
    '$.magic_number_hex',
    'hex-format',
    'STIX 2.1 §2.8',
  );
  expectIssue(
    validateObject(observable('file', { name: 'a', magic_number_hex: 'abc' })),
    '$.magic_number_hex',
    'hex-format',
    'STIX 2.1 §2.8',
  );
  expectIssue(validateObject(observable('artifact', { payload_bin: 'not base64!' })), '$.payload_bin', 'binary-format', 'STIX 2.1 §2.1');
});

test('kill chain phases: both names required, lowercase-hyphenated recommended (§2.11)', () => {
  const S = 'STIX 2.1 §2.11';
  const ap = (phases: JsonValue) => validateObject(versioned('attack-pattern', { name: 'x', kill_chain_phases: phases }));
  expectClean(ap([{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'reconnaissance' }]));
  expectIssue(ap([{ kill_chain_name: 'foo' }]), '$.kill_chain_phases[0].phase_name', 'required-property', S);
  expectIssue(ap([{ kill_chain_name: 'foo', phase_name: 3 }]), '$.kill_chain_phases[0].phase_name', 'type-mismatch', S);
  expectIssue(
    ap([{ kill_chain_name: 'Foo Chain', phase_name: 'x' }]),
    '$.kill_chain_phases[0].kill_chain_name',
    'value-format',
    S,
    'warning',
  );
});

test('integers are limited to 54 bits (§2.10)', () => {
  const as = observable('autonomous-system', { number: 2 ** 60 });
  expectIssue(validateObject(as), '$.number', 'value-range', 'STIX 2.1 §2.10');
});
