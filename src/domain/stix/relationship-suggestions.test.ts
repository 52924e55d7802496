import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RELATIONSHIP_TYPES, isSuggested, relationshipsFrom, suggestRelationships } from './relationship-suggestions.ts';

test('an indicator indicates malware, and related-to is always offered (STIX 2.1 Appendix B)', () => {
  assert.deepEqual(suggestRelationships('indicator', 'malware'), ['indicates', 'related-to']);
});

test('pairs of one type also get derived-from and duplicate-of (§4.1)', () => {
  assert.deepEqual(suggestRelationships('malware', 'malware'), [
    'controls',
    'downloads',
    'drops',
    'uses',
    'variant-of',
    'derived-from',
    'duplicate-of',
    'related-to',
  ]);
});

test('rows naming several types or targets are expanded', () => {
  assert.ok(isSuggested('intrusion-set', 'owns', 'infrastructure'));
  assert.ok(isSuggested('intrusion-set', 'hosts', 'infrastructure'));
  assert.ok(isSuggested('malware', 'exfiltrates-to', 'infrastructure'));
  assert.ok(isSuggested('malware', 'drops', 'file'));
  assert.ok(isSuggested('threat-actor', 'uses', 'attack-pattern'));
  assert.ok(!isSuggested('threat-actor', 'uses', 'vulnerability'));
});

test('infrastructure consists of any SCO', () => {
  for (const sco of ['ipv4-addr', 'file', 'x509-certificate', 'url']) assert.ok(isSuggested('infrastructure', 'consists-of', sco), sco);
});

test('a pair the table does not relate gets only related-to', () => {
  assert.deepEqual(suggestRelationships('report', 'malware'), ['related-to']);
  assert.deepEqual(suggestRelationships('vulnerability', 'malware'), ['related-to']);
});

test('relationshipsFrom lists a source type’s relationship types', () => {
  assert.deepEqual(relationshipsFrom('course-of-action'), ['investigates', 'mitigates', 'remediates']);
  assert.deepEqual(relationshipsFrom('note'), []);
});

test('every relationship type is listed once, the common ones included', () => {
  assert.equal(new Set(RELATIONSHIP_TYPES).size, RELATIONSHIP_TYPES.length);
  for (const t of ['indicates', 'uses', 'targets', 'exfiltrates-to', 'av-analysis-of', 'derived-from', 'related-to'])
    assert.ok(RELATIONSHIP_TYPES.includes(t), t);
});
