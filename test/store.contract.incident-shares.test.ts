// The store contract for incident shares (IncidentShareRepo, issue 16, must 6), on every engine:
// each share recorded with its recipients, found by the incident or by the object shared.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { IncidentShareRecord } from '../src/domain/incidents/share.ts';
import { contractSuite } from './helpers/store-contract.ts';

const share = (id: string, incidentId: string, sharedObject: string, at: string): IncidentShareRecord => ({
  id,
  incidentId,
  kind: 'share',
  mode: 'summary',
  recipients: [{ org: 'identity--fr', name: 'CSIRT-FR', node: 'node-b' }],
  sharedObject,
  sharingGroup: `group-${id}`,
  orgId: 'identity--de',
  by: 'user:coord',
  at,
});

contractSuite('store contract: incident shares', (ctx) => {
  const repo = () => ctx.store.incidentShares;

  it('records shares and finds them by incident or shared object, oldest first', async () => {
    const b = share('s2', 'incident--1', 'incident--x2', '2026-12-07T11:00:00.000Z');
    const a = share('s1', 'incident--1', 'incident--x1', '2026-12-07T10:00:00.000Z');
    const other = {
      ...share('s3', 'incident--2', 'incident--2', '2026-12-07T12:00:00.000Z'),
      kind: 'handover' as const,
      mode: 'whole' as const,
    };
    await repo().add(b);
    await repo().add(a);
    await repo().add(other);
    assert.deepEqual(await repo().of(['incident--1']), [a, b]);
    assert.deepEqual(await repo().of(['incident--x2']), [b]);
    assert.deepEqual(await repo().of(['incident--2']), [other]);
    assert.deepEqual(await repo().of(['incident--none']), []);
    assert.deepEqual(await repo().of([]), []);
  });
});
