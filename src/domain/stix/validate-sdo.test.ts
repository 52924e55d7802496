// Rules specific to SDOs (STIX 2.1 §4) and SROs (§5).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  IDENTITY_ID,
  T0,
  T1,
  TLP_GREEN,
  expectClean,
  expectIssue,
  expectValid,
  idOf,
  minimalObjects,
  versioned,
  without,
} from './fixtures.ts';
import { validateObject } from './validate.ts';

const m = minimalObjects();
const indicator = m['indicator'] ?? versioned('indicator');

test('indicator: a stix pattern must parse; the message carries the column (§4.7, §9)', () => {
  const bad = { ...indicator, pattern: "[ipv4-addr:value = '198.51.100.1'" };
  const issue = expectIssue(validateObject(bad), '$.pattern', 'pattern-syntax', 'STIX 2.1 §9');
  assert.match(issue.message, /column \d+/);
  expectIssue(validateObject({ ...indicator, pattern: 'ipv4-addr:value = 1' }), '$.pattern', 'pattern-syntax', 'STIX 2.1 §9');
  // Other pattern languages are not parsed.
  expectClean(validateObject({ ...indicator, pattern_type: 'yara', pattern: 'rule x { condition: true }' }));
  expectIssue(validateObject({ ...indicator, pattern_type: 'kql' }), '$.pattern_type', 'open-vocabulary', 'STIX 2.1 §10.19', 'warning');
});

const SHA256 = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';

/** The hash-value issue of an indicator with `pattern`, checked to name the constant's column. */
function badHash(pattern: string, constant: string, algorithm: string, form: string): void {
  const issue = expectIssue(validateObject({ ...indicator, pattern }), '$.pattern', 'hash-value', 'STIX 2.1 §10.7');
  assert.match(issue.message, new RegExp(`^constant at column ${pattern.indexOf(constant) + 1}: `), pattern);
  assert.ok(issue.message.includes(`not a valid ${algorithm} value: expected ${form}`), issue.message);
}

test('indicator: a hash constant must fit its algorithm, as in objects (§9, §10.7)', () => {
  badHash("[file:hashes.'SHA-256' = 'f00']", "'f00'", 'SHA-256', '64 hexadecimal digits');
  badHash("[file:hashes.MD5 != 'abc']", "'abc'", 'MD5', '32 hexadecimal digits');
  badHash("[file:hashes.MD5 NOT = 'abc']", "'abc'", 'MD5', '32 hexadecimal digits');
  badHash(`[artifact:hashes.'SHA-1' IN ('${SHA1}', 'nothex')]`, "'nothex'", 'SHA-1', '40 hexadecimal digits');
  badHash(`[x509-certificate:hashes.'SHA-256' = '${SHA1}']`, `'${SHA1}'`, 'SHA-256', '64 hexadecimal digits');
  badHash("[file:extensions.'windows-pebinary-ext'.sections[*].hashes.MD5 = 'zz']", "'zz'", 'MD5', '32 hexadecimal digits');
  badHash("[file:name = 'a'] FOLLOWEDBY ([file:size = 1] AND [file:hashes.SSDEEP = 'x'])", "'x'", 'SSDEEP', 'blocksize:hash:hash');
  // A misspelt algorithm is checked as the one it names, with the warning objects get.
  badHash("[file:hashes.sha256 = 'f00']", "'f00'", 'SHA-256', '64 hexadecimal digits');
  const alias = validateObject({ ...indicator, pattern: `[file:hashes.sha256 = '${SHA256}']` });
  expectIssue(alias, '$.pattern', 'hash-algorithm', 'STIX 2.1 §10.7', 'warning');
  expectValid(alias);
});

test('indicator: hash constants that fit, and comparisons that are not constant hashes, pass (§9)', () => {
  for (const pattern of [
    `[file:hashes.'SHA-256' = '${SHA256}']`,
    `[file:hashes.'SHA-256' = '${SHA256.toUpperCase()}' OR file:hashes.'SHA-1' IN ('${SHA1}')]`,
    "[file:hashes.MD5 LIKE 'ab%']",
    "[file:hashes.MD5 MATCHES '^ab']",
    "[file:name = 'f00']",
    "[x-acme-sample:hashes.x_acme = 'anything']",
  ]) {
    expectClean(validateObject({ ...indicator, pattern }));
  }
  // An algorithm outside the vocabulary has no known form: warned about, as in objects, not rejected.
  const unknown = validateObject({ ...indicator, pattern: "[file:hashes.WHIRLPOOL = 'f00']" });
  expectIssue(unknown, '$.pattern', 'hash-algorithm', 'STIX 2.1 §10.7', 'warning');
  expectValid(unknown);
});

test('indicator: a long chain of observations is checked without exhausting the stack', () => {
  const chain = Array.from({ length: 50_000 }, () => "[file:name = 'a']").join(' AND ');
  const result = validateObject({ ...indicator, pattern: `${chain} AND [file:hashes.MD5 = 'zz']` });
  expectIssue(result, '$.pattern', 'hash-value', 'STIX 2.1 §10.7');
  assert.equal(result.issues.length, 1);
});

test('indicator: valid_until must be later than valid_from (§4.7)', () => {
  expectIssue(validateObject({ ...indicator, valid_until: T0 }), '$.valid_until', 'timestamp-order', 'STIX 2.1 §4.7');
  expectClean(validateObject({ ...indicator, valid_until: T1 }));
});

test('open vocabularies warn, enumerations reject (§2.14, §2.4)', () => {
  const typed = validateObject({ ...indicator, indicator_types: ['malicious-activity', 'Evil Stuff'] });
  expectIssue(typed, '$.indicator_types[1]', 'open-vocabulary', 'STIX 2.1 §10.10', 'warning');
  expectValid(typed);
  const opinion = m['opinion'] ?? versioned('opinion');
  expectIssue(validateObject({ ...opinion, opinion: 'maybe' }), '$.opinion', 'closed-vocabulary', 'STIX 2.1 §10.18');
  expectIssue(
    validateObject({ ...m['identity'], identity_class: 'corporation', name: 'x' }),
    '$.identity_class',
    'open-vocabulary',
    'STIX 2.1 §10.8',
    'warning',
  );
});

test('first_seen/last_seen order in campaign, intrusion-set, threat-actor, infrastructure, malware (§4)', () => {
  const cases: [string, string][] = [
    ['campaign', 'STIX 2.1 §4.2'],
    ['infrastructure', 'STIX 2.1 §4.8'],
    ['intrusion-set', 'STIX 2.1 §4.9'],
    ['malware', 'STIX 2.1 §4.11'],
    ['threat-actor', 'STIX 2.1 §4.17'],
  ];
  for (const [type, section] of cases) {
    const obj = m[type];
    assert.ok(obj);
    expectIssue(validateObject({ ...obj, first_seen: T1, last_seen: T0 }), '$.last_seen', 'timestamp-order', section);
    expectClean(validateObject({ ...obj, first_seen: T0, last_seen: T0 }));
  }
});

test('location: region, country or coordinates; coordinates in range and paired (§4.10)', () => {
  const S = 'STIX 2.1 §4.10';
  const loc = without(m['location'] ?? {}, 'region');
  expectIssue(validateObject(loc), '$', 'required-one-of', S);
  expectClean(validateObject({ ...loc, latitude: 48.8566, longitude: 2.3522, precision: 1000 }));
  expectClean(validateObject({ ...loc, country: 'be' }));
  expectIssue(validateObject({ ...loc, latitude: 91, longitude: 0 }), '$.latitude', 'value-range', S);
  expectIssue(validateObject({ ...loc, country: 'be', latitude: 10 }), '$.latitude', 'property-dependency', S);
  expectIssue(validateObject({ ...loc, country: 'be', precision: 10 }), '$.precision', 'property-dependency', S);
  expectIssue(validateObject({ ...loc, region: 'middle-earth' }), '$.region', 'open-vocabulary', 'STIX 2.1 §10.21', 'warning');
});

test('malware: a family needs a name; refs point at software and samples (§4.11)', () => {
  const S = 'STIX 2.1 §4.11';
  const malware = m['malware'] ?? versioned('malware');
  expectIssue(validateObject(without(malware, 'name')), '$.name', 'required-property', S);
  expectClean(validateObject({ ...without(malware, 'name'), is_family: false }));
  expectIssue(validateObject({ ...malware, operating_system_refs: [idOf('tool')] }), '$.operating_system_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...malware, sample_refs: [idOf('url')] }), '$.sample_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...malware, is_family: 'yes' }), '$.is_family', 'type-mismatch', S);
});

test('malware: is_family is required, as in the OASIS Standard and JSON schema (§4.11.1)', () => {
  const malware = m['malware'] ?? versioned('malware');
  const missing = validateObject(without(malware, 'is_family'));
  const issue = expectIssue(missing, '$.is_family', 'required-property', 'STIX 2.1 §4.11');
  assert.match(issue.message, /malware requires 'is_family'/);
  assert.equal(missing.ok, false);
  // An instance needs no name; a family does.
  expectClean(validateObject({ ...without(malware, 'name'), is_family: false }));
  expectClean(validateObject({ ...malware, is_family: true }));
});

test('malware-analysis: result or analysis_sco_refs; typed refs (§4.12)', () => {
  const S = 'STIX 2.1 §4.12';
  const ma = m['malware-analysis'] ?? versioned('malware-analysis');
  expectIssue(validateObject(without(ma, 'result')), '$', 'required-one-of', S);
  expectClean(validateObject({ ...without(ma, 'result'), analysis_sco_refs: [idOf('file'), idOf('x-custom-sco')] }));
  expectIssue(validateObject({ ...ma, analysis_sco_refs: [idOf('malware')] }), '$.analysis_sco_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...ma, sample_ref: idOf('url') }), '$.sample_ref', 'ref-target-type', S);
  expectIssue(validateObject({ ...ma, host_vm_ref: idOf('file') }), '$.host_vm_ref', 'ref-target-type', S);
});

test('observed-data: objects xor object_refs, SCO refs, counts and window (§4.14)', () => {
  const S = 'STIX 2.1 §4.14';
  const od = m['observed-data'] ?? versioned('observed-data');
  const container = { '0': { type: 'ipv4-addr', value: '198.51.100.2' } };
  expectIssue(validateObject({ ...od, objects: container }), '$.objects', 'property-conflict', S);
  expectIssue(validateObject(without(od, 'object_refs')), '$', 'required-one-of', S);
  const deprecated = validateObject({ ...without(od, 'object_refs'), objects: container });
  expectIssue(deprecated, '$.objects', 'deprecated', S, 'warning');
  expectValid(deprecated);
  expectIssue(
    validateObject({ ...without(od, 'object_refs'), objects: { '0': 'x' } }),
    "$.objects['0']",
    'type-mismatch',
    'STIX 2.1 §2.13',
  );
  expectIssue(validateObject({ ...od, object_refs: [idOf('relationship')] }), '$.object_refs', 'ref-target-type', S);
  expectIssue(validateObject({ ...od, object_refs: [idOf('indicator')] }), '$.object_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...od, number_observed: 0 }), '$.number_observed', 'value-range', S);
  expectIssue(validateObject({ ...od, first_observed: T1, last_observed: T0 }), '$.last_observed', 'timestamp-order', S);
});

test('report, note, opinion and grouping reference any STIX Object, never a bundle (§4.4, §4.13, §4.15, §4.16)', () => {
  const report = m['report'] ?? versioned('report');
  expectClean(validateObject({ ...report, object_refs: [idOf('x-acme-thing'), TLP_GREEN, idOf('relationship')] }));
  expectIssue(validateObject({ ...report, object_refs: [idOf('bundle')] }), '$.object_refs[0]', 'ref-target-type', 'STIX 2.1 §4.16');
  expectIssue(validateObject({ ...report, object_refs: [] }), '$.object_refs', 'empty-list', 'STIX 2.1 §2.12');
  expectIssue(validateObject(without(m['grouping'] ?? {}, 'context')), '$.context', 'required-property', 'STIX 2.1 §4.4');
});

test('attack-pattern CAPEC and vulnerability CVE external ids (§4.1, §4.19)', () => {
  const capec = (id: string) =>
    validateObject({ ...m['attack-pattern'], external_references: [{ source_name: 'capec', external_id: id }] });
  expectClean(capec('CAPEC-163'));
  expectIssue(capec('163'), '$.external_references[0].external_id', 'external-id-format', 'STIX 2.1 §4.1');
  const cve = (id: string) => validateObject({ ...m['vulnerability'], external_references: [{ source_name: 'cve', external_id: id }] });
  expectClean(cve('CVE-2014-0160'));
  expectIssue(cve('2014-0160'), '$.external_references[0].external_id', 'external-id-format', 'STIX 2.1 §4.19');
});

test('relationship: type characters, source/target kinds, start/stop order (§5.1)', () => {
  const S = 'STIX 2.1 §5.1';
  const rel = m['relationship'] ?? versioned('relationship');
  expectIssue(validateObject({ ...rel, relationship_type: 'Uses' }), '$.relationship_type', 'value-format', S);
  for (const type of ['relationship', 'sighting', 'marking-definition', 'language-content', 'bundle', 'extension-definition']) {
    expectIssue(validateObject({ ...rel, target_ref: idOf(type) }), '$.target_ref', 'ref-target-type', S);
  }
  expectClean(validateObject({ ...rel, source_ref: idOf('x-mitre-data-component'), target_ref: idOf('ipv4-addr') }));
  expectIssue(validateObject({ ...rel, start_time: T0, stop_time: T0 }), '$.stop_time', 'timestamp-order', S);
  expectClean(validateObject({ ...rel, start_time: T0, stop_time: T1, created_by_ref: IDENTITY_ID }));
});

test('sighting: sighting_of_ref an SDO, typed refs, count range (§5.2)', () => {
  const S = 'STIX 2.1 §5.2';
  const sighting = m['sighting'] ?? versioned('sighting');
  expectIssue(validateObject({ ...sighting, sighting_of_ref: idOf('ipv4-addr') }), '$.sighting_of_ref', 'ref-target-type', S);
  expectIssue(validateObject({ ...sighting, where_sighted_refs: [idOf('threat-actor')] }), '$.where_sighted_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...sighting, observed_data_refs: [idOf('indicator')] }), '$.observed_data_refs[0]', 'ref-target-type', S);
  expectIssue(validateObject({ ...sighting, count: 1_000_000_000 }), '$.count', 'value-range', S);
  expectIssue(validateObject({ ...sighting, first_seen: T1, last_seen: T0 }), '$.last_seen', 'timestamp-order', S);
  expectClean(
    validateObject({
      ...sighting,
      count: 0,
      summary: false,
      where_sighted_refs: [IDENTITY_ID, idOf('location')],
      observed_data_refs: [idOf('observed-data')],
    }),
  );
});
