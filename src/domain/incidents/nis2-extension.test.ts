// Concord's NIS2 property extension on incidents is validated like every other extension
// (issue 16, must 1): each bad value is an issue naming its JSON path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject, StixIssue } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import { EU_MEMBER_STATES, NIS2_SECTORS, isNis2Subsector } from './nis2-sectors.ts';
import { RSIT, isRsitType } from './rsit.ts';
import { CONCORD_NIS2_EXTENSION_ID } from './types.ts';

const T = '2026-01-10T08:00:00.000Z';
const at = (key: string) => `$.extensions['${CONCORD_NIS2_EXTENSION_ID}'].${key}`;

function incident(nis2: JsonObject, type = 'incident'): JsonObject {
  return {
    type,
    spec_version: '2.1',
    id: `${type}--0f74f95b-7ca1-4225-bfd6-ca1369c1847f`,
    created: T,
    modified: T,
    name: 'Outage of a grid operator',
    extensions: { [CONCORD_NIS2_EXTENSION_ID]: { extension_type: 'property-extension', aware_at: T, ...nis2 } },
  };
}

function errors(o: JsonObject): StixIssue[] {
  return validateObject(o).issues.filter((i) => i.severity === 'error');
}

function rejectsAt(o: JsonObject, path: string, rule: string): void {
  const found = errors(o);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]?.path, path);
  assert.equal(found[0]?.rule, rule);
}

test('a complete NIS2 extension is accepted without an issue', () => {
  const full = incident({
    affected_entity_ref: 'identity--2242662b-d581-4864-8696-fff719dc0500',
    sector: 'energy',
    subsector: 'electricity',
    member_states_affected: ['DE', 'FR', 'LU'],
    significant: true,
    suspected_unlawful_or_malicious: true,
    cross_border_impact: true,
    rsit_classification: 'malicious-code',
    rsit_type: 'infected-system',
    severity: 'high',
  });
  assert.deepEqual(validateObject(full).issues, []);
});

test('sector and subsector come from NIS2 Annex I/II', () => {
  rejectsAt(incident({ sector: 'agriculture' }), at('sector'), 'closed-vocabulary');
  rejectsAt(incident({ sector: 'energy', subsector: 'rail' }), at('subsector'), 'closed-vocabulary');
  rejectsAt(incident({ subsector: 'rail' }), at('subsector'), 'property-dependency');
  assert.deepEqual(errors(incident({ sector: 'manufacturing', subsector: 'medical-devices-manufacturing' })), []);
});

test('the RSIT class is a classification and one of its types', () => {
  rejectsAt(incident({ rsit_classification: 'cybercrime' }), at('rsit_classification'), 'closed-vocabulary');
  rejectsAt(incident({ rsit_classification: 'fraud', rsit_type: 'ddos' }), at('rsit_type'), 'closed-vocabulary');
});

test('member states are EU ISO 3166-1 alpha-2 codes, once each', () => {
  rejectsAt(incident({ member_states_affected: ['DE', 'US'] }), `${at('member_states_affected')}[1]`, 'value-format');
  rejectsAt(incident({ member_states_affected: ['EL'] }), `${at('member_states_affected')}[0]`, 'value-format');
  rejectsAt(incident({ member_states_affected: ['DE', 'DE'] }), at('member_states_affected'), 'value-format');
});

test('the time of becoming aware is required and not in the future', () => {
  const future = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  rejectsAt(incident({ aware_at: future }), at('aware_at'), 'timestamp-order');
  rejectsAt(incident({ aware_at: 'yesterday' }), at('aware_at'), 'timestamp-format');
  const without = incident({});
  delete ((without['extensions'] as Record<string, JsonObject>)[CONCORD_NIS2_EXTENSION_ID] as JsonObject)['aware_at'];
  rejectsAt(without, at('aware_at'), 'required-property');
});

test('booleans, severity, the entity reference and unknown properties are checked', () => {
  rejectsAt(incident({ significant: 'yes' }), at('significant'), 'type-mismatch');
  rejectsAt(incident({ severity: 'major' }), at('severity'), 'value-format');
  rejectsAt(
    incident({ affected_entity_ref: 'location--2242662b-d581-4864-8696-fff719dc0500' }),
    at('affected_entity_ref'),
    'ref-target-type',
  );
  rejectsAt(incident({ sectors: ['energy'] }), at('sectors'), 'extension');
  assert.ok(
    errors(incident({}, 'indicator')).some((i) => i.rule === 'extension' && i.path === `$.extensions['${CONCORD_NIS2_EXTENSION_ID}']`),
  );
});

test('the Annex tables: 11 sectors of high criticality, 7 other critical sectors, subsectors where the Annex has them', () => {
  assert.equal(NIS2_SECTORS.filter((s) => s.annex === 'I').length, 11);
  assert.equal(NIS2_SECTORS.filter((s) => s.annex === 'II').length, 7);
  assert.equal(new Set(NIS2_SECTORS.map((s) => s.key)).size, NIS2_SECTORS.length);
  assert.equal(isNis2Subsector('transport', 'air'), true);
  assert.equal(isNis2Subsector('banking', 'air'), false);
  assert.equal(EU_MEMBER_STATES.size, 27);
  assert.equal(RSIT.length, 11);
  assert.equal(isRsitType('availability', 'ddos'), true);
  assert.equal(isRsitType('availability', 'phishing'), false);
});
