// The store contract for the alert projection (AlertRepo, issue 17, must 4), on every engine:
// a row replaced by a newer projection, read with the access label of the version it came from,
// listed newest activity first, filtered by rule, community and time, and keyset-paged.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { AlertListQuery, AlertRecord } from '../src/domain/alerts/types.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const LABEL: AccessLabel = { ownerOrg: 'identity--node', tlp: 'amber', distribution: { kind: 'community', id: 'eu' } };
const id = (n: number): string => `x-concord-alert--00000000-0000-5000-8000-${String(n).padStart(12, '0')}`;

function record(n: number, over: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: id(n),
    seq: 1,
    ruleId: 'x-concord-alert-rule--1',
    community: 'eu',
    exercise: null,
    subjectKind: 'value',
    subjectKey: `ipv4:192.0.2.${n}`,
    subjectLabel: `192.0.2.${n}`,
    organisations: 3,
    countries: ['DE', 'EE', 'FR'],
    sightings: 3,
    firstSeen: '2026-12-07T08:00:00.000Z',
    lastSeen: `2026-12-07T1${n}:00:00.000Z`,
    created: '2026-12-07T12:00:00.000Z',
    modified: '2026-12-07T12:00:00.000Z',
    ...over,
  };
}

contractSuite('store contract: alerts', (ctx) => {
  const repo = () => ctx.store.alerts;
  const ids = async (q: Partial<AlertListQuery>): Promise<string[]> => (await repo().list({ limit: 50, ...q })).map((r) => r.record.id);

  it('stores a row with the label of its version, and a newer projection replaces it', async () => {
    const [stored] = await ctx.store.objects.insertBatch([buildPrepared({ type: 'x-concord-alert', id: id(1) })], [LABEL]);
    const seq = stored?.status === 'inserted' ? stored.seq : 0;
    await repo().put([record(1, { seq })]);
    await repo().put([record(1, { seq, organisations: 4, countries: ['BE', 'DE', 'EE', 'FR'], exercise: 'cyber-coalition' })]);
    const got = await repo().get(id(1));
    assert.equal(got?.record.organisations, 4);
    assert.deepEqual(got?.record.countries, ['BE', 'DE', 'EE', 'FR']);
    assert.equal(got?.record.exercise, 'cyber-coalition');
    assert.deepEqual(got?.label, LABEL);
    assert.equal((await ids({})).length, 1);
  });

  it('a row whose version has no label is read with none (read by no one)', async () => {
    await repo().put([record(2, { seq: 999 })]);
    assert.equal((await repo().get(id(2)))?.label, null);
    assert.equal((await repo().get(id(2)))?.record.exercise, null);
  });

  it('lists newest activity first, filters by rule, community and time, and pages by keyset', async () => {
    await repo().put([1, 2, 3, 4, 5].map((n) => record(n, n % 2 === 0 ? { ruleId: 'x-concord-alert-rule--2', community: 'nato' } : {})));
    assert.deepEqual(await ids({}), [id(5), id(4), id(3), id(2), id(1)]);
    assert.deepEqual(await ids({ rule: 'x-concord-alert-rule--2' }), [id(4), id(2)]);
    assert.deepEqual(await ids({ community: 'eu' }), [id(5), id(3), id(1)]);
    assert.deepEqual(await ids({ since: '2026-12-07T13:00:00.000Z' }), [id(5), id(4), id(3)]);
    const first = await repo().list({ limit: 2 });
    const last = first.at(-1)?.record;
    assert.ok(last);
    assert.deepEqual(await ids({ limit: 2, after: { lastSeen: last.lastSeen, id: last.id } }), [id(3), id(2)]);
    await repo().remove([id(5), id(3)]);
    assert.deepEqual(await ids({}), [id(4), id(2), id(1)]);
  });
});
