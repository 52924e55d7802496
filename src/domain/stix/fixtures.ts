// Test factories: the smallest valid object of every STIX 2.1 type, and builders that fill in
// the common properties. Used by the *.test.ts files of this folder only.

import assert from 'node:assert/strict';
import type { JsonObject, JsonValue, StixIssue, StixObject, ValidationResult } from './types.ts';

export const T0 = '2024-01-01T00:00:00.000Z';
export const T1 = '2024-06-01T12:00:00.000Z';

let counter = 0;

/** A fresh UUIDv4-shaped string, deterministic across runs. */
export function uuid(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** An identifier of the given type. */
export function idOf(type: string): string {
  return `${type}--${uuid()}`;
}

export const IDENTITY_ID = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** A versioned object (SDO, SRO, language content) with the common properties filled in. */
export function versioned(type: string, props: JsonObject = {}): StixObject {
  return { type, spec_version: '2.1', id: idOf(type), created: T0, modified: T0, ...props };
}

/** An SCO with the common properties filled in. */
export function observable(type: string, props: JsonObject = {}): StixObject {
  return { type, spec_version: '2.1', id: idOf(type), ...props };
}

/** Type-specific required properties of each SDO (STIX 2.1 §4). */
export const SDO_REQUIRED: Readonly<Record<string, JsonObject>> = {
  'attack-pattern': { name: 'Spearphishing' },
  campaign: { name: 'Operation X' },
  'course-of-action': { name: 'Patch' },
  grouping: { name: 'Case 7', context: 'suspicious-activity', object_refs: [idOf('indicator')] },
  identity: { name: 'CERT-EU' },
  incident: { name: 'Ransomware at utility' },
  indicator: { pattern: "[ipv4-addr:value = '198.51.100.1']", pattern_type: 'stix', valid_from: T0 },
  infrastructure: { name: 'C2 server' },
  'intrusion-set': { name: 'APT0' },
  location: { region: 'europe' },
  malware: { name: 'Emotet', is_family: true },
  'malware-analysis': { product: 'sandbox', result: 'malicious' },
  note: { content: 'Seen on a forum', object_refs: [idOf('campaign')] },
  'observed-data': { first_observed: T0, last_observed: T1, number_observed: 1, object_refs: [idOf('ipv4-addr')] },
  opinion: { opinion: 'agree', object_refs: [idOf('report')] },
  report: { name: 'Weekly', published: T0, object_refs: [idOf('indicator')] },
  'threat-actor': { name: 'Bad Guy' },
  tool: { name: 'mimikatz' },
  vulnerability: { name: 'CVE-2014-0160' },
};

/** Type-specific required properties of each SCO (STIX 2.1 §6). */
export const SCO_REQUIRED: Readonly<Record<string, JsonObject>> = {
  artifact: { payload_bin: 'aGVsbG8=' },
  'autonomous-system': { number: 15139 },
  directory: { path: 'C:\\Windows' },
  'domain-name': { value: 'example.com' },
  'email-addr': { value: 'jdoe@example.com' },
  'email-message': { is_multipart: false },
  file: { name: 'a.exe' },
  'ipv4-addr': { value: '198.51.100.3' },
  'ipv6-addr': { value: '2001:db8::1' },
  'mac-addr': { value: 'd2:fb:49:24:37:18' },
  mutex: { name: '__CLEANSWEEP__' },
  'network-traffic': { protocols: ['tcp'], dst_ref: idOf('ipv4-addr') },
  process: { pid: 1221 },
  software: { name: 'Word' },
  url: { value: 'https://example.com/x' },
  'user-account': { user_id: '1001' },
  'windows-registry-key': { key: 'HKEY_LOCAL_MACHINE\\System' },
  'x509-certificate': { serial_number: '36:f7:d4:32:f4:ab:70:ea' },
};

/** The smallest valid object of every type the specification defines, keyed by type. */
export function minimalObjects(): Record<string, StixObject> {
  const out: Record<string, StixObject> = {};
  for (const [type, props] of Object.entries(SDO_REQUIRED)) out[type] = versioned(type, props);
  for (const [type, props] of Object.entries(SCO_REQUIRED)) out[type] = observable(type, props);
  out['relationship'] = versioned('relationship', {
    relationship_type: 'uses',
    source_ref: idOf('intrusion-set'),
    target_ref: idOf('malware'),
  });
  out['sighting'] = versioned('sighting', { sighting_of_ref: idOf('indicator') });
  out['language-content'] = versioned('language-content', {
    object_ref: idOf('campaign'),
    contents: { de: { name: 'Bankangriff' } },
  });
  out['marking-definition'] = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: idOf('marking-definition'),
    created: T0,
    definition_type: 'statement',
    definition: { statement: 'Copyright 2024, Example' },
  };
  out['extension-definition'] = versioned('extension-definition', {
    created_by_ref: IDENTITY_ID,
    name: 'Concord',
    schema: 'https://example.org/schema.json',
    version: '1.0.0',
    extension_types: ['property-extension'],
  });
  return out;
}

/** A copy of `obj` with `key` removed. */
export function without(obj: JsonObject, key: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (k !== key) out[k] = v;
  return out;
}

/** A copy of `obj` with `key` set to `value`. */
export function withProp(obj: JsonObject, key: string, value: JsonValue): JsonObject {
  return { ...obj, [key]: value };
}

/** Asserts that `result` has an issue with this path, rule, section and severity. */
export function expectIssue(
  result: ValidationResult,
  path: string,
  rule: string,
  section: string,
  severity: StixIssue['severity'] = 'error',
): StixIssue {
  const found = result.issues.find((i) => i.path === path && i.rule === rule);
  assert.ok(found, `expected ${rule} at ${path}, got ${JSON.stringify(result.issues, null, 1)}`);
  assert.equal(found.section, section, `section of ${rule} at ${path}`);
  assert.equal(found.severity, severity, `severity of ${rule} at ${path}`);
  if (severity === 'error') assert.equal(result.ok, false);
  return found;
}

/** Asserts that `result` has no errors (warnings allowed). */
export function expectValid(result: ValidationResult): void {
  assert.deepEqual(
    result.issues.filter((i) => i.severity === 'error'),
    [],
  );
  assert.equal(result.ok, true);
}

/** Asserts that `result` has no issues at all, not even warnings. */
export function expectClean(result: ValidationResult): void {
  assert.deepEqual(result.issues, []);
  assert.equal(result.ok, true);
}
