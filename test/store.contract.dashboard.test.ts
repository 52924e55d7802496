// The store contract for the dashboard's aggregates and the live stream's change feed
// (StatsRepo): grouped by access label so that the service counts only what a reader may see,
// on every engine. Unlabelled versions (read by no one) are never counted.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import { ownDay } from '../src/domain/dashboard/own-time.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const ORG_A = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0a';
const ORG_B = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f0b';
const GREEN: AccessLabel = { ownerOrg: ORG_A, tlp: 'green', distribution: { kind: 'federation' } };
const RED: AccessLabel = { ownerOrg: ORG_A, tlp: 'red', distribution: { kind: 'organization' } };
const AMBER_B: AccessLabel = { ownerOrg: ORG_B, tlp: 'amber', distribution: { kind: 'community', id: 'eu' } };

/** A label as the store hands it out (JSON text), parsed for comparison. */
const parsed = (text: string | null): AccessLabel | null => (text === null ? null : (JSON.parse(text) as AccessLabel));

function relationship(source: PreparedObject, target: PreparedObject): PreparedObject {
  return buildPrepared({
    type: 'relationship',
    refs: [
      { property: 'source_ref', target: source.id },
      { property: 'target_ref', target: target.id },
    ],
  });
}

/** `p` with `extra` properties in its JSON, and the columns ingest derives from them
 *  (domain/ingest/examine.ts: the own day and a relationship's type, migrations/0029). */
function withJson(p: PreparedObject, extra: Record<string, unknown>): PreparedObject {
  const obj = { ...(JSON.parse(p.json) as Record<string, unknown>), ...extra };
  const relationshipType = typeof obj['relationship_type'] === 'string' ? obj['relationship_type'] : null;
  return { ...p, json: JSON.stringify(obj), ownDay: ownDay(obj), relationshipType };
}

contractSuite('store contract: dashboard aggregates', (ctx) => {
  /** Indicators (2 green, 1 red, 1 unlabelled), a malware of B, two relationships and a sighting of it. */
  async function world() {
    const [g1, g2, red, none] = [buildPrepared(), buildPrepared(), buildPrepared(), buildPrepared()];
    const mal = buildPrepared({ type: 'malware', name: 'Industroyer' });
    const r1 = relationship(g1, mal);
    const r2 = relationship(red, mal);
    const seen = buildPrepared({ type: 'sighting', refs: [{ property: 'sighting_of_ref', target: mal.id }] });
    const results = await ctx.store.objects.insertBatch(
      [g1, g2, red, none, mal, r1, r2, seen],
      [GREEN, GREEN, RED, null, AMBER_B, GREEN, RED, AMBER_B],
    );
    const seqs = results.map((r) => (r.status === 'inserted' ? r.seq : -1));
    return { g1, g2, red, none, mal, r1, r2, seen, seqs };
  }

  it('groups latest labelled versions by type, label, the labels of their ends and the day of their own time', async () => {
    const w = await world();
    const groups = (await ctx.store.dashboard.labelGroups())
      .map((g) => ({ ...g, label: parsed(g.label), sourceLabel: parsed(g.sourceLabel), targetLabel: parsed(g.targetLabel) }))
      .sort((x, y) => `${x.type}${x.label?.tlp}`.localeCompare(`${y.type}${y.label?.tlp}`));
    // Created on 2024-01-01 (buildPrepared), stored today: the day is the object's (issue 15, must 7).
    const day = '2024-01-01';
    assert.deepEqual(groups, [
      { type: 'indicator', label: GREEN, sourceLabel: null, targetLabel: null, day, count: 2 },
      { type: 'indicator', label: RED, sourceLabel: null, targetLabel: null, day, count: 1 },
      { type: 'malware', label: AMBER_B, sourceLabel: null, targetLabel: null, day, count: 1 },
      { type: 'relationship', label: GREEN, sourceLabel: GREEN, targetLabel: AMBER_B, day, count: 1 },
      { type: 'relationship', label: RED, sourceLabel: RED, targetLabel: AMBER_B, day, count: 1 },
      { type: 'sighting', label: AMBER_B, sourceLabel: AMBER_B, targetLabel: null, day, count: 1 },
    ]);
    assert.equal(
      groups.reduce((n, g) => n + g.count, 0),
      7,
      `the unlabelled ${w.none.id} is counted by no one`,
    );
    assert.equal(await ctx.store.dashboard.maxSeq(), Math.max(...w.seqs));
  });

  it('groups what points at the most active objects by the labels that decide who may count it', async () => {
    const w = await world();
    const groups = (await ctx.store.dashboard.activity(['malware']))
      .map((g) => ({ ...g, label: parsed(g.label), edgeLabel: parsed(g.edgeLabel), otherLabel: parsed(g.otherLabel) }))
      .sort((x, y) => `${x.edgeType}${x.edgeLabel?.tlp}`.localeCompare(`${y.edgeType}${y.edgeLabel?.tlp}`));
    const base = { id: w.mal.id, type: 'malware', label: AMBER_B, count: 1, day: '2024-01-01' };
    assert.deepEqual(groups, [
      { ...base, edgeType: 'relationship', edgeLabel: GREEN, otherLabel: GREEN, otherType: 'indicator' },
      { ...base, edgeType: 'relationship', edgeLabel: RED, otherLabel: RED, otherType: 'indicator' },
      { ...base, edgeType: 'sighting', edgeLabel: AMBER_B, otherLabel: null, otherType: null },
    ]);
    assert.deepEqual(await ctx.store.dashboard.activity(['intrusion-set']), []);
    assert.deepEqual(await ctx.store.dashboard.activity([]), []);
  });

  it('dates a sighting by when it was sighted, a campaign by when first seen, an observable by nothing', async () => {
    const mal = buildPrepared({ type: 'malware', created: '2019-03-01T00:00:00.000Z' });
    const seen = withJson(buildPrepared({ type: 'sighting', refs: [{ property: 'sighting_of_ref', target: mal.id }] }), {
      first_seen: '2025-06-01T00:00:00Z',
      last_seen: '2025-06-03T08:00:00Z',
    });
    const camp = withJson(buildPrepared({ type: 'campaign' }), { first_seen: '2023-02-02T00:00:00Z' });
    const ip = buildPrepared({ type: 'ipv4-addr' });
    await ctx.store.objects.insertBatch([mal, seen, camp, { ...ip, created: null, ownDay: null }], [GREEN, GREEN, GREEN, GREEN]);
    const days = new Map((await ctx.store.dashboard.labelGroups()).map((g) => [g.type, g.day]));
    assert.deepEqual(Object.fromEntries(days), {
      malware: '2019-03-01',
      sighting: '2025-06-03',
      campaign: '2023-02-02',
      'ipv4-addr': null,
    });
  });

  it('migration 0029 fills the own day and the relationship type of a store that had neither', async () => {
    const mal = buildPrepared({ type: 'malware', created: '2019-03-01T00:00:00.000Z' });
    const plant = buildPrepared({ type: 'identity', name: 'Plant' });
    const de = withJson(buildPrepared({ type: 'location' }), { country: 'DE' });
    const seen = withJson(
      buildPrepared({
        type: 'sighting',
        refs: [
          { property: 'sighting_of_ref', target: mal.id },
          { property: 'where_sighted_refs', target: de.id },
        ],
      }),
      { first_seen: '2025-06-01T00:00:00Z', last_seen: '2025-06-03T08:00:00Z' },
    );
    const camp = withJson(buildPrepared({ type: 'campaign' }), { first_seen: '2023-02-02T00:00:00Z' });
    const observed = withJson(buildPrepared({ type: 'observed-data' }), { first_observed: '2022-04-04T00:00:00Z' });
    const ip = buildPrepared({ type: 'ipv4-addr' });
    const targets = withJson(relationship(mal, plant), { relationship_type: 'targets' });
    const located = withJson(relationship(plant, de), { relationship_type: 'located-at' });
    await ctx.store.objects.insertBatch(
      [mal, plant, de, seen, camp, observed, { ...ip, created: null, ownDay: null }, targets, located],
      [AMBER_B, RED, GREEN, GREEN, GREEN, GREEN, GREEN, GREEN, RED],
    );
    const read = async () => {
      const d = ctx.store.dashboard;
      const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
      return {
        labelGroups: sorted(await d.labelGroups()),
        activity: sorted(await d.activity(['malware'])),
        places: sorted(await d.places()),
        facts: await d.placeFacts(),
      };
    };
    const before = await read();
    assert.equal(before.places.length, 2, 'a sighted and a targeted place');
    assert.equal(before.facts.locatedAt.length, 1);
    // The store as it was before migration 0029: no columns, no index, the migration not run.
    await ctx.store.close();
    await ctx.location.exec([
      'drop index objects_latest_dashboard',
      'alter table objects drop column own_day',
      'alter table objects drop column relationship_type',
      "delete from kysely_migration where name = '0029_dashboard_columns'",
    ]);
    ctx.store = await ctx.location.open();
    assert.ok((await ctx.location.migrations()).includes('0029_dashboard_columns'));
    assert.deepEqual(await read(), before);
    const days = new Map((await ctx.store.dashboard.labelGroups()).map((g) => [g.type, g.day]));
    assert.equal(days.get('sighting'), '2025-06-03');
    assert.equal(days.get('observed-data'), '2022-04-04');
    assert.equal(days.get('ipv4-addr'), null);
  });

  it('finds sighted places, targeted places and what locates them, with their labels', async () => {
    const fr = withJson(buildPrepared({ type: 'location' }), { country: 'FR' });
    const de = withJson(buildPrepared({ type: 'location' }), { country: 'DE' });
    const kyiv = withJson(buildPrepared({ type: 'location' }), { latitude: 50.45, longitude: 30.5234, region: 'eastern-europe' });
    const plant = buildPrepared({ type: 'identity', name: 'Plant' });
    const mal = buildPrepared({ type: 'malware' });
    const seen = buildPrepared({
      type: 'sighting',
      refs: [
        { property: 'sighting_of_ref', target: mal.id },
        { property: 'where_sighted_refs', target: fr.id },
        { property: 'where_sighted_refs', target: plant.id },
      ],
    });
    const targets = withJson(relationship(mal, plant), { relationship_type: 'targets' });
    const uses = withJson(relationship(mal, de), { relationship_type: 'uses' });
    const located = withJson(relationship(plant, de), { relationship_type: 'located-at' });
    await ctx.store.objects.insertBatch(
      [fr, de, kyiv, plant, mal, seen, targets, uses, located],
      [GREEN, GREEN, GREEN, RED, AMBER_B, GREEN, GREEN, GREEN, RED],
    );
    const groups = (await ctx.store.dashboard.places())
      .map((g) => ({ ...g, placeLabel: parsed(g.placeLabel), label: parsed(g.label), sourceLabel: parsed(g.sourceLabel) }))
      .sort((x, y) => `${x.layer}${x.placeId}`.localeCompare(`${y.layer}${y.placeId}`));
    const day = '2024-01-01';
    assert.deepEqual(
      groups,
      [
        { layer: 'sighted', placeId: fr.id, placeLabel: GREEN, label: GREEN, sourceLabel: AMBER_B, day, count: 1 },
        { layer: 'sighted', placeId: plant.id, placeLabel: RED, label: GREEN, sourceLabel: AMBER_B, day, count: 1 },
        { layer: 'targeted', placeId: plant.id, placeLabel: RED, label: GREEN, sourceLabel: AMBER_B, day, count: 1 },
      ].sort((x, y) => `${x.layer}${x.placeId}`.localeCompare(`${y.layer}${y.placeId}`)),
      'a `uses` relationship to a location is no target',
    );
    const facts = await ctx.store.dashboard.placeFacts();
    assert.deepEqual(
      facts.locations.map((l) => [l.id, l.country, l.region, l.latitude, l.longitude, parsed(l.label)]).sort(),
      [
        [fr.id, 'FR', null, null, null, GREEN],
        [de.id, 'DE', null, null, null, GREEN],
        [kyiv.id, null, 'eastern-europe', 50.45, 30.5234, GREEN],
      ].sort(),
    );
    assert.deepEqual(
      facts.locatedAt.map((r) => ({
        ...r,
        label: parsed(r.label),
        sourceLabel: parsed(r.sourceLabel),
        targetLabel: parsed(r.targetLabel),
      })),
      [{ identityId: plant.id, locationId: de.id, label: RED, sourceLabel: RED, targetLabel: GREEN }],
    );
  });

  it('lists what other organisations shared recently, newest first, a page at a time', async () => {
    const w = await world();
    const recent = (options: { before?: number; excludeTypes?: string[]; limit?: number; addedSince?: string }) =>
      ctx.store.dashboard.recent({ notOwnedBy: ORG_A, excludeTypes: options.excludeTypes ?? [], limit: options.limit ?? 10, ...options });
    assert.deepEqual(
      (await recent({})).map((o) => o.id),
      [w.seen.id, w.mal.id],
    );
    assert.deepEqual(
      (await recent({ excludeTypes: ['sighting'] })).map((o) => o.id),
      [w.mal.id],
    );
    assert.deepEqual(await recent({ addedSince: '2999-01-01T00:00:00.000Z' }), [], 'stored before the period');
    const [first] = await recent({ limit: 1 });
    assert.deepEqual(
      (await recent({ before: first?.seq ?? 0 })).map((o) => o.id),
      [w.mal.id],
    );
  });

  it('feeds the live stream the labelled versions added after a sequence, with their ends’ labels', async () => {
    const w = await world();
    const added = await ctx.store.dashboard.addedSince(w.seqs[3] ?? 0, 3);
    assert.deepEqual(
      added.map((a) => ({ ...a, label: parsed(a.label), sourceLabel: parsed(a.sourceLabel), targetLabel: parsed(a.targetLabel) })),
      [
        { seq: w.seqs[4], id: w.mal.id, type: 'malware', label: AMBER_B, sourceLabel: null, targetLabel: null },
        { seq: w.seqs[5], id: w.r1.id, type: 'relationship', label: GREEN, sourceLabel: GREEN, targetLabel: AMBER_B },
        { seq: w.seqs[6], id: w.r2.id, type: 'relationship', label: RED, sourceLabel: RED, targetLabel: AMBER_B },
      ],
    );
    assert.deepEqual(
      (await ctx.store.dashboard.addedSince(0, 100)).map((a) => a.id).includes(w.none.id),
      false,
      'an unlabelled version is announced to no one',
    );
    assert.deepEqual(await ctx.store.dashboard.addedSince(Math.max(...w.seqs), 10), []);
  });
});
