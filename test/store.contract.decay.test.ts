// The store contract for decay models (DecayRepo, issue 17, must 6), on every engine: one row
// per kind, replaced in place, fractional values kept, a reset kind gone.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultModel } from '../src/domain/decay/model.ts';
import { contractSuite } from './helpers/store-contract.ts';

contractSuite('store contract: decay models', (ctx) => {
  const repo = () => ctx.store.decay;

  it('starts empty: every kind uses its default', async () => {
    assert.deepEqual(await repo().list(), []);
  });

  it('keeps one row per kind, replaced by a later put, with fractional values', async () => {
    const url = { ...defaultModel('url'), lifetimeDays: 1.5, decaySpeed: 0.25 };
    const ipv4 = { ...defaultModel('ipv4'), threshold: 35 };
    await repo().put([url, ipv4], '2026-12-07T10:00:00.000Z', 'alice');
    await repo().put([{ ...ipv4, sightingBoost: 12.5 }], '2026-12-07T11:00:00.000Z', 'bob');
    assert.deepEqual(await repo().list(), [
      { model: { ...ipv4, sightingBoost: 12.5 }, updatedAt: '2026-12-07T11:00:00.000Z', updatedBy: 'bob' },
      { model: url, updatedAt: '2026-12-07T10:00:00.000Z', updatedBy: 'alice' },
    ]);
  });

  it('a reset kind goes back to its default; others stay', async () => {
    await repo().put([defaultModel('hash'), { ...defaultModel('domain'), lifetimeDays: 30 }], '2026-12-07T10:00:00.000Z', 'alice');
    await repo().reset(['hash', 'email']);
    assert.deepEqual(
      (await repo().list()).map((s) => [s.model.kind, s.model.lifetimeDays]),
      [['domain', 30]],
    );
  });
});
