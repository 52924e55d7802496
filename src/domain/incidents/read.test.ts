import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incidentCoreOf, nis2Of } from './read.ts';
import { CONCORD_NIS2_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID } from './types.ts';

test('the core and NIS2 extensions are read from an incident; absent ones are undefined', () => {
  const incident = {
    type: 'incident',
    id: 'incident--0f74f95b-7ca1-4225-bfd6-ca1369c1847f',
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: 'open',
        criticality: 70,
        task_refs: ['task--93892778-2fd4-4d5e-b2fb-e2defecab0d3'],
      },
      [CONCORD_NIS2_EXTENSION_ID]: { extension_type: 'property-extension', aware_at: '2026-01-10T08:00:00.000Z', sector: 'health' },
    },
  };
  assert.deepEqual(incidentCoreOf(incident), {
    determination: 'confirmed',
    investigation_status: 'open',
    criticality: 70,
    event_refs: [],
    impact_refs: [],
    task_refs: ['task--93892778-2fd4-4d5e-b2fb-e2defecab0d3'],
  });
  assert.equal(nis2Of(incident)?.sector, 'health');
  assert.equal(incidentCoreOf({ type: 'incident', id: 'x' }), undefined);
  assert.equal(nis2Of({ type: 'incident', id: 'x', extensions: { [CONCORD_NIS2_EXTENSION_ID]: [] } }), undefined);
});
