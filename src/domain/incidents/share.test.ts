import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../errors.ts';
import type { Org } from '../identity/types.ts';
import { csirtsOf, derivedIncident, reportCopy, shareGroupName, shareStates, summaryIncident } from './share.ts';
import { CONCORD_NIS2_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID } from './types.ts';

const org = (id: string, country: string, nis2Role: Org['nis2Role'] = 'csirt', disabled = false): Org => ({
  id,
  name: id.toUpperCase(),
  country,
  communities: [],
  node: null,
  defaultTlp: 'amber',
  defaultDistribution: 'organization',
  nis2Role,
  sectors: [],
  csirtOrg: null,
  sightingDisclosure: 'organization',
  disabled,
  createdAt: '',
  updatedAt: '',
});

const incident = {
  type: 'incident',
  id: 'incident--1',
  name: 'Outage',
  description: 'Detail naming the entity',
  extensions: {
    [INCIDENT_CORE_EXTENSION_ID]: {
      extension_type: 'property-extension',
      determination: 'confirmed',
      investigation_status: 'open',
      event_refs: ['event--1'],
    },
    [CONCORD_NIS2_EXTENSION_ID]: {
      extension_type: 'property-extension',
      aware_at: '2026-12-01T08:00:00.000Z',
      affected_entity_ref: 'identity--entity',
      sector: 'health',
      member_states_affected: ['DE', 'FR'],
      severity: 'high',
    },
  },
};

const field = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError);
    return e.details['field'];
  }
  assert.fail('no error');
};

test("member states: the request's, else the incident's, EU codes only", () => {
  assert.deepEqual(shareStates(undefined, incident), ['DE', 'FR']);
  assert.deepEqual(shareStates(['fr', 'FR'], incident), ['FR']);
  assert.equal(
    field(() => shareStates(['FR', 'CH'], incident)),
    'memberStates[1]',
  );
  assert.equal(
    field(() => shareStates(undefined, { type: 'incident' })),
    'memberStates',
  );
});

test('the CSIRTs of the member states, other than the sharer; a state without one is named', () => {
  const orgs = [org('de', 'DE'), org('fr', 'FR'), org('fr-entity', 'FR', 'essential'), org('it-off', 'IT', 'csirt', true)];
  assert.deepEqual(
    csirtsOf(['DE', 'FR'], orgs, 'de').map((o) => o.id),
    ['fr'],
  );
  assert.throws(() => csirtsOf(['IT'], orgs, 'de'), /member state IT/);
  assert.throws(() => csirtsOf(['DE'], orgs, 'de'), /yours/);
});

test('a derived incident keeps the status and NIS2 fields, not the references', () => {
  const d = derivedIncident(incident, 'identity--fr');
  assert.notEqual(d.id, incident.id);
  assert.equal(d['description'], incident.description);
  const ext = d['extensions'] as Record<string, Record<string, unknown>>;
  assert.equal(ext[INCIDENT_CORE_EXTENSION_ID]?.['event_refs'], undefined);
  assert.equal(ext[CONCORD_NIS2_EXTENSION_ID]?.['coordinator_ref'], 'identity--fr');
  assert.equal(ext[CONCORD_NIS2_EXTENSION_ID]?.['affected_entity_ref'], 'identity--entity');
});

test('a summary carries the aggregates and the summary text, nothing naming the entity', () => {
  const s = summaryIncident(incident, 'A hospital outage', 'Hospital outage');
  assert.equal(s['name'], 'Hospital outage');
  assert.equal(s['description'], 'A hospital outage');
  const nis2 = (s['extensions'] as Record<string, Record<string, unknown>>)[CONCORD_NIS2_EXTENSION_ID];
  assert.deepEqual(nis2, {
    extension_type: 'property-extension',
    aware_at: '2026-12-01T08:00:00.000Z',
    sector: 'health',
    severity: 'high',
    member_states_affected: ['DE', 'FR'],
  });
  assert.equal(summaryIncident(incident, 'x')['name'], 'Outage');
});

test('the report copy lists each stage; the group name names the sharer only', () => {
  assert.equal(reportCopy('incident--2', 'Outage', [], '2026-12-02T00:00:00.000Z'), undefined);
  const r = reportCopy('incident--2', 'Outage', [{ extension_type: 'property-extension', stage: 'early-warning', summary: 'Down' }], 'T');
  assert.deepEqual(r?.['object_refs'], ['incident--2']);
  assert.match(String(r?.['description']), /## early-warning\nSummary: Down/);
  assert.equal(shareGroupName('handover', 'CSIRT-DE', 'abcdef0123'), 'Handover by CSIRT-DE (abcdef01)');
});
