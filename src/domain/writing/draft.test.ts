import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDraft, errorsByField, fieldOfPath } from './check.ts';
import { buildDraft, changedProperties, normalizeTime, valuesOf } from './draft.ts';
import { FORMS, formFor } from './forms.ts';

const ctx = { now: '2026-12-07T14:00:00.000Z', creator: 'identity--0f1c7d57-2a8e-4c30-9a43-6d1f35e0a1b1' };
const indicator = {
  name: 'C2 network',
  pattern: "[ipv4-addr:value = '192.0.2.0/24']",
  pattern_type: 'stix',
  indicator_types: ['malicious-activity'],
  valid_from: '2026-12-01',
  valid_until: '',
  kill_chain_phases: 'mitre-attack:command-and-control',
  labels: 'c2, sandworm',
  confidence: '80',
};

test('an indicator form builds the object the API receives', () => {
  const { object, issues } = buildDraft('indicator', indicator);
  assert.deepEqual(issues, []);
  assert.deepEqual(object, {
    type: 'indicator',
    name: 'C2 network',
    pattern: "[ipv4-addr:value = '192.0.2.0/24']",
    pattern_type: 'stix',
    indicator_types: ['malicious-activity'],
    valid_from: '2026-12-01T00:00:00Z',
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'command-and-control' }],
    labels: ['c2', 'sandworm'],
    confidence: 80,
  });
  assert.deepEqual(
    checkDraft(buildDraft('indicator', indicator), ctx).filter((i) => i.severity === 'error'),
    [],
  );
});

test('a pattern that does not parse is an error on the Pattern field, as the API says it', () => {
  const issues = checkDraft(buildDraft('indicator', { ...indicator, pattern: "[ipv4-addr:value = '192.0.2.1'" }), ctx);
  const { fields, other } = errorsByField('indicator', issues);
  assert.match(fields.get('pattern') ?? '', /pattern does not parse at column \d+/);
  assert.deepEqual(other, []);
});

test('required properties, bad times, confidence and kill-chain lines land on their fields', () => {
  const draft = buildDraft('indicator', {
    ...indicator,
    pattern: '',
    valid_until: 'tomorrow',
    confidence: '200',
    kill_chain_phases: 'initial',
  });
  const { fields } = errorsByField('indicator', checkDraft(draft, ctx));
  assert.ok(fields.has('pattern'), 'pattern is required');
  assert.ok(fields.has('valid_until'));
  assert.ok(fields.has('confidence'));
  assert.match(fields.get('kill_chain_phases') ?? '', /chain:phase/);
});

test('valid_until before valid_from is refused on valid_until (STIX 2.1 §4.7)', () => {
  const { fields } = errorsByField('indicator', checkDraft(buildDraft('indicator', { ...indicator, valid_until: '2026-11-01' }), ctx));
  assert.ok(fields.has('valid_until'), [...fields.keys()].join());
});

test('observables: a value, or a file hash checked against its algorithm', () => {
  assert.deepEqual(buildDraft('observable', { kind: 'domain-name', value: ' evil.example ' }).object, {
    type: 'domain-name',
    value: 'evil.example',
  });
  const file = buildDraft('observable', { kind: 'file', hash: 'SHA-256', value: 'abc' });
  assert.deepEqual(file.object, { type: 'file', hashes: { 'SHA-256': 'abc' } });
  const { fields } = errorsByField('observable', checkDraft(file, ctx));
  assert.ok(fields.has('value'), 'a bad SHA-256 is shown on the Value field');
  const ip = errorsByField('observable', checkDraft(buildDraft('observable', { kind: 'ipv4-addr', value: '300.1.1.1' }), ctx));
  assert.ok(ip.fields.has('value'));
});

test('a vulnerability named by its CVE id gets the cve external reference, keeping others', () => {
  const base = {
    external_references: [
      { source_name: 'cve', external_id: 'CVE-2020-0001' },
      { source_name: 'vendor', url: 'https://example.org' },
    ],
  };
  const { object } = buildDraft('vulnerability', { name: 'cve-2024-1234' }, base);
  assert.deepEqual(object['external_references'], [
    { source_name: 'cve', external_id: 'CVE-2024-1234' },
    { source_name: 'vendor', url: 'https://example.org' },
  ]);
});

test('a report needs its objects; a note its content; an opinion its opinion', () => {
  const report = errorsByField('report', checkDraft(buildDraft('report', { name: 'Weekly', published: '2026-12-07' }), ctx));
  assert.ok(report.fields.has('object_refs'));
  const note = errorsByField(
    'note',
    checkDraft(buildDraft('note', { object_refs: ['malware--1d7d2f1c-4a55-4f0b-9f49-7b0bbad0f6a2'] }), ctx),
  );
  assert.ok(note.fields.has('content'));
  const opinion = errorsByField(
    'opinion',
    checkDraft(buildDraft('opinion', { object_refs: ['malware--1d7d2f1c-4a55-4f0b-9f49-7b0bbad0f6a2'] }), ctx),
  );
  assert.ok(opinion.fields.has('opinion'));
});

test('paths map to fields, aliases included', () => {
  assert.equal(fieldOfPath('indicator', '$.kill_chain_phases[0].phase_name'), 'kill_chain_phases');
  assert.equal(fieldOfPath('observable', "$.hashes.'SHA-256'"), 'value');
  assert.equal(fieldOfPath('vulnerability', '$.external_references[0].external_id'), 'name');
  assert.equal(fieldOfPath('indicator', '$.granular_markings'), null);
});

test('values of an object fill the form back, and an unchanged form changes nothing', () => {
  const { object } = buildDraft('indicator', indicator);
  const values = valuesOf('indicator', object);
  assert.deepEqual(buildDraft('indicator', values).object, object);
  assert.deepEqual(changedProperties(object, buildDraft('indicator', values).object), {});
  const edited = buildDraft('indicator', { ...values, name: 'C2 range', labels: '' }).object;
  assert.deepEqual(changedProperties(object, edited), { name: 'C2 range', labels: null });
});

test('times: a day is its midnight, a space may stand for T, anything else is kept for the validator', () => {
  assert.equal(normalizeTime('2026-12-07'), '2026-12-07T00:00:00Z');
  assert.equal(normalizeTime('2026-12-07 14:30'), '2026-12-07T14:30:00Z');
  assert.equal(normalizeTime('2026-12-07T14:30:05.123Z'), '2026-12-07T14:30:05.123Z');
  assert.equal(normalizeTime('07/12/2026'), '07/12/2026');
});

test('every form has a form id the type maps back to', () => {
  for (const f of FORMS) assert.equal(formFor(f.id === 'observable' ? 'ipv4-addr' : f.id), f.id);
  assert.equal(formFor('attack-pattern'), undefined);
});
