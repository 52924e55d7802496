// The store contract for the sighting projection (SightingRepo, issue 17, musts 1–3), on every
// engine: rows replaced and removed, each read with the access label of its version, an object's
// sightings newest first, the window since a time, decay's groups, the cursor and the changes.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { SightingRecord } from '../src/domain/sightings/types.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const LABEL: AccessLabel = { ownerOrg: 'org-a', tlp: 'green', distribution: { kind: 'federation' } };
const sid = (n: number): string => `sighting--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const IND = 'indicator--00000000-0000-4000-8000-000000000001';
const MAL = 'malware--00000000-0000-4000-8000-000000000002';

function record(n: number, over: Partial<SightingRecord> = {}): SightingRecord {
  return {
    id: sid(n),
    seq: 0,
    of: IND,
    ofType: 'indicator',
    ownerOrg: 'org-a',
    disclosure: 'organization',
    sighter: 'org-a',
    country: 'EE',
    sectors: ['energy', 'banking'],
    type: 'sighting',
    count: n,
    firstSeen: `2026-12-0${n}T10:00:00.000Z`,
    lastSeen: `2026-12-0${n}T11:00:00.000Z`,
    exercise: null,
    description: null,
    ...over,
  };
}

contractSuite('store contract: sightings', (ctx) => {
  const repo = () => ctx.store.sightings;

  it('stores rows, replaces them on a new projection and removes them', async () => {
    await repo().put([record(1), record(2)]);
    await repo().put([
      record(1, { count: 9, type: 'false-positive', disclosure: 'anonymous', sighter: 'tok', country: null, sectors: [] }),
    ]);
    const got = await repo().ofObjects([IND]);
    assert.deepEqual(
      got.map((g) => g.record.id),
      [sid(2), sid(1)],
      'newest last_seen first',
    );
    const one = got.find((g) => g.record.id === sid(1));
    assert.deepEqual(
      one?.record,
      record(1, { count: 9, type: 'false-positive', disclosure: 'anonymous', sighter: 'tok', country: null, sectors: [] }),
    );
    assert.equal(one?.label, null, 'no access label stored for seq 0: read by no one');
    assert.equal((await repo().ofObjects([IND], 1)).length, 1);
    await repo().remove([sid(1)]);
    assert.deepEqual(
      (await repo().ofObjects([IND])).map((g) => g.record.id),
      [sid(2)],
    );
  });

  it('reads each row with the label of its version; the window since a time; groups for decay', async () => {
    const stored = await ctx.store.objects.insertBatch(
      [1, 2, 3].map((n) => buildPrepared({ type: 'sighting', id: sid(n) })),
      [LABEL, LABEL, { ...LABEL, ownerOrg: 'org-b' }],
    );
    const seq = (i: number): number => {
      const r = stored[i];
      return r?.status === 'inserted' ? r.seq : 0;
    };
    await repo().put([
      record(1, { seq: seq(0) }),
      record(2, { seq: seq(1), type: 'false-positive' }),
      record(3, { seq: seq(2), of: MAL, ofType: 'malware', ownerOrg: 'org-b' }),
    ]);
    const both = await repo().ofObjects([IND, MAL]);
    assert.deepEqual(
      both.map((b) => [b.record.id, b.label?.ownerOrg]),
      [
        [sid(3), 'org-b'],
        [sid(2), 'org-a'],
        [sid(1), 'org-a'],
      ],
    );
    assert.deepEqual(
      (await repo().since('2026-12-02T00:00:00.000Z')).map((s) => s.record.id),
      [sid(2), sid(3)],
    );
    assert.deepEqual(
      (await repo().since('2026-12-01T00:00:00.000Z', [MAL])).map((s) => s.record.id),
      [sid(3)],
    );
    const groups = await repo().groups([IND], '2026-12-01T00:00:00.000Z');
    assert.deepEqual(groups.map((g) => [g.of, g.type, g.sightings, g.lastSeen, g.label?.ownerOrg]).sort(), [
      [IND, 'false-positive', 1, '2026-12-02T11:00:00.000Z', 'org-a'],
      [IND, 'sighting', 1, '2026-12-01T11:00:00.000Z', 'org-a'],
    ]);
  });

  it('keeps a cursor and lists the sighting versions stored after it', async () => {
    assert.equal(await repo().cursor(), 0);
    const stored = await ctx.store.objects.insertBatch([
      buildPrepared({ type: 'indicator' }),
      buildPrepared({ type: 'sighting', id: sid(1) }),
      buildPrepared({ type: 'note' }),
      buildPrepared({ type: 'sighting', id: sid(2) }),
    ]);
    const seqs = stored.map((s) => (s.status === 'inserted' ? s.seq : 0));
    assert.deepEqual(await repo().changes(0, 10), [
      { seq: seqs[1], id: sid(1) },
      { seq: seqs[3], id: sid(2) },
    ]);
    assert.deepEqual(
      (await repo().changes(seqs[1] ?? 0, 10)).map((c) => c.id),
      [sid(2)],
    );
    await repo().setCursor(seqs[3] ?? 0);
    await repo().setCursor(seqs[3] ?? 0);
    assert.equal(await repo().cursor(), seqs[3]);
  });
});
