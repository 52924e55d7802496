// The dashboard, the marking banner and the live stream (issue 6, item 2) count only what the
// reader may read (DESIGN.md principle 2), on both engines: a user of another organisation or of
// lower clearance sees smaller numbers, and the numbers equal what the object list shows them.
// The dashboard answers for a period, by the objects' own time, with a map of where threats were
// sighted and where targets are (issue 15, must 7).
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking, CONCORD_OBJECT_EXTENSION_ID } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS, type Tlp } from '../src/domain/markings/tlp.ts';
import type { Dashboard } from '../src/domain/dashboard/types.ts';
import { ownDay } from '../src/domain/dashboard/own-time.ts';
import { inRange, rangeOf } from '../src/domain/dashboard/range.ts';
import type { ObjectMarking } from '../src/domain/markings/banner.ts';
import type { ObjectsAddedEvent } from '../src/services/events.service.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildIndicator, buildMalware, buildRelationship, type Obj } from './helpers/stix.ts';

const PLUMBING = new Set(['marking-definition', 'extension-definition']);
/** A STIX timestamp `n` days before now. */
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
/** Made `n` days ago (created and modified). */
const madeAgo = (n: number): { created: string; modified: string } => ({ created: daysAgo(n), modified: daysAgo(n) });
const location = (country: string, n: number): Obj => ({
  type: 'location',
  spec_version: '2.1',
  id: `location--${randomUUID()}`,
  ...madeAgo(n),
  name: country,
  country,
  ...tlp('green'),
});
const tlp = (t: Tlp): { object_marking_refs: string[] } => ({ object_marking_refs: [TLP2_MARKING_IDS[t]] });
/** Amber for the owning organisation only (the Concord distribution extension). */
const orgOnly = (): Record<string, unknown> => ({
  ...tlp('amber'),
  extensions: { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'organization' } },
});

for (const engine of ENGINES) {
  describe(`dashboard and live events on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let alice: Person; // analyst of A (DE, grid)
    let bob: Person; // analyst of B (FR, grid)
    let cleared: Person; // analyst of B with NATO SECRET
    let eve: Person; // analyst of C, outside the grid community
    const secretMarking = classificationMarking(NATO_SCHEME, 'NATO SECRET');
    const malware = buildMalware({ name: 'GridRat', ...madeAgo(20), ...tlp('green') });
    const actor = {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--0d5c4c42-3c8f-4b7e-9f77-1f6b0c3a2d11',
      ...madeAgo(20),
      name: 'Sandworm Team',
      ...tlp('green'),
    };
    const greens = [1, 2, 3].map((n) => buildIndicator({ name: `green ${n}`, ...madeAgo(n), ...tlp('green') }));
    const amber = buildIndicator({ name: 'org only', ...madeAgo(2), ...orgOnly() });
    const secret = buildIndicator({ name: 'secret', ...madeAgo(2), object_marking_refs: [TLP2_MARKING_IDS.green, secretMarking.id] });
    // An import of old intelligence: made in 2019, stored today (issue 15, must 7).
    const old = [1, 2, 3, 4].map((n) => buildMalware({ name: `Old ${n}`, ...tlp('green') }));
    const oldLinks = old.map((o) =>
      buildRelationship(o, 'uses', malware, { created: '2019-05-01T00:00:00.000Z', modified: '2019-05-01T00:00:00.000Z', ...tlp('green') }),
    );
    for (const o of old) Object.assign(o, { created: '2019-05-01T00:00:00.000Z', modified: '2019-05-01T00:00:00.000Z' });
    const fr = location('FR', 10);
    const de = location('DE', 10);
    const italy = { ...location('IT', 10), ...orgOnly() };

    before(async () => {
      node = await startNode({}, engine);
      await node.services.orgs.addCommunity(CLI, { id: 'grid', name: 'Grid operators' });
      alice = await buildPerson(node.services, { country: 'DE', communities: ['grid'] });
      bob = await buildPerson(node.services, { country: 'FR', communities: ['grid'] });
      cleared = await buildPerson(node.services, { org: bob.org, clearances: { nato: 'NATO SECRET' } });
      eve = await buildPerson(node.services, { country: 'PL' });
      const sighting = {
        type: 'sighting',
        spec_version: '2.1',
        id: 'sighting--5e0c1f8a-8a1b-4c55-9b0e-7d7a3c2b1a00',
        ...madeAgo(1),
        // Sighted five days ago in France, reported yesterday: it happened five days ago.
        first_seen: daysAgo(6),
        last_seen: daysAgo(5),
        sighting_of_ref: malware.id,
        where_sighted_refs: [fr.id],
        ...tlp('green'),
      };
      // Organisation A's own sighting in Italy: no one else may count it.
      const amberSighting = {
        type: 'sighting',
        spec_version: '2.1',
        id: 'sighting--5e0c1f8a-8a1b-4c55-9b0e-7d7a3c2b1a01',
        ...madeAgo(3),
        sighting_of_ref: malware.id,
        where_sighted_refs: [italy.id],
        ...orgOnly(),
      };
      const summary = await importAs(alice, [
        secretMarking,
        malware,
        actor,
        ...greens,
        amber,
        secret,
        fr,
        de,
        italy,
        sighting,
        amberSighting,
        ...greens.map((g) => buildRelationship(g, 'indicates', malware, { ...madeAgo(2), ...tlp('green') })),
        buildRelationship(actor, 'uses', malware, { ...madeAgo(4), ...tlp('green') }),
        buildRelationship(actor, 'targets', de, { ...madeAgo(4), ...tlp('green') }),
        // Its source is organisation A's only: B may not count this relationship.
        buildRelationship(amber, 'indicates', malware, { ...madeAgo(2), ...tlp('green') }),
        ...old,
        ...oldLinks,
      ]);
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    });
    after(() => node.dispose());

    /** Imports as the user's organisation, green to the grid community unless marked otherwise. */
    async function importAs(who: Person, objects: unknown[]) {
      const principal = await node.services.auth.fromToken(who.token);
      const owner = await node.services.importOwner(principal, { tlp: 'green', distribution: 'community:grid' });
      return node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
    }

    async function dashboard(who: Person, days = 30): Promise<Dashboard> {
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/dashboard?days=${days}`, headers: who.auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Dashboard;
    }

    /** Counts by type of everything the object list gives `who`, page by page (`include=all`:
     *  nothing hidden, where the Explorer's default hides Concord's own objects, issue 15); made
     *  in the last `days` only when given. */
    async function listed(who: Person, days?: number): Promise<Map<string, number>> {
      const range = days === undefined ? undefined : rangeOf(new Date(), days);
      const counts = new Map<string, number>();
      let cursor: string | null = null;
      do {
        const res = await node.app.inject({
          method: 'GET',
          url: `/api/v1/objects?limit=100&include=all${cursor ? `&cursor=${cursor}` : ''}`,
          headers: who.auth,
        });
        const page = res.json() as { objects: Obj[]; next: string | null };
        for (const o of page.objects) {
          if (PLUMBING.has(o.type) || (range && !inRange(range, ownDay(o)))) continue;
          counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
        }
        cursor = page.next;
      } while (cursor);
      return counts;
    }

    const count = (list: { key: string; count: number }[], key: string): number => list.find((c) => c.key === key)?.count ?? 0;

    const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

    test('counts by type equal what the object list shows each reader, made in the period', async () => {
      for (const who of [alice, bob, cleared, eve]) {
        for (const days of [7, 30]) {
          const d = await dashboard(who, days);
          const fromList = await listed(who, days);
          assert.deepEqual(new Map(d.byType.map((c) => [c.key, c.count])), fromList, `${who.user.username}, ${days} days`);
          assert.equal(d.inRange, sum(fromList));
          assert.equal(d.total, sum(await listed(who)), 'the total is of everything readable, whenever made');
        }
      }
    });

    test('the period is chosen by `days` and checked', async () => {
      const d = await dashboard(bob, 7);
      assert.equal(d.range.days, 7);
      assert.equal(d.range.bucket, 'day');
      assert.equal(d.activity.length, 7);
      const q = await dashboard(bob, 90);
      assert.equal(q.range.bucket, 'week');
      assert.equal(q.activity.length, 13);
      assert.equal(count(q.byType, 'malware'), 1, 'GridRat, made 20 days ago');
      assert.equal(count(d.byType, 'malware'), 0);
      for (const bad of ['0', '367', 'week']) {
        const res = await node.app.inject({ method: 'GET', url: `/api/v1/dashboard?days=${bad}`, headers: bob.auth });
        assert.equal(res.statusCode, 400, bad);
      }
    });

    test('another organisation and a lower clearance see smaller counts', async () => {
      const [a, b, c, e] = [await dashboard(alice), await dashboard(bob), await dashboard(cleared), await dashboard(eve)];
      // Alice (owner, no clearance) sees the amber indicator but not the secret one.
      assert.equal(count(a.byType, 'indicator'), 4);
      assert.equal(count(b.byType, 'indicator'), 3);
      assert.equal(count(c.byType, 'indicator'), 4);
      assert.equal(count(e.byType, 'indicator'), 0);
      assert.equal(count(a.byType, 'relationship'), 6);
      assert.equal(count(b.byType, 'relationship'), 5, 'a relationship from an unreadable end is not counted');
      assert.equal(count(a.byTlp, 'amber'), 3, 'the indicator, the sighting and the location of A only');
      assert.equal(count(b.byTlp, 'amber'), 0);
      assert.equal(count(c.byClassification, 'NATO SECRET'), 1);
      assert.equal(count(b.byClassification, 'NATO SECRET'), 0);
      assert.equal(count(a.byClassification, 'NATO SECRET'), 0, 'the owner needs the clearance too');
      assert.ok(a.total > b.total && b.total > e.total);
    });

    test('most active threats count only the relationships and sightings of the period the reader may see', async () => {
      const top = async (who: Person, days = 30) => (await dashboard(who, days)).topThreats.find((t) => t.id === malware.id)?.activity;
      // 3 green indicators + the intrusion set's `uses` + the sighting, + the amber indicator and
      // sighting for A; the four 2019 `uses` are not activity of the period.
      assert.deepEqual(await top(alice), { relationships: 5, indicators: 4, sightings: 2 });
      assert.deepEqual(await top(bob), { relationships: 4, indicators: 3, sightings: 1 });
      assert.deepEqual(await top(bob, 3), { relationships: 3, indicators: 3, sightings: 0 }, 'the sighting was 5 days ago');
      assert.equal(await top(eve), undefined);
      assert.equal((await dashboard(bob)).topThreats[0]?.name, 'GridRat');
      assert.equal((await dashboard(bob)).topThreats[0]?.count, 5);
    });

    test('a sighting in FR and a target in DE are on their layers, for who may see them', async () => {
      const a = await dashboard(alice);
      assert.deepEqual(a.places.sighted, [
        { key: 'FR', count: 1 },
        { key: 'IT', count: 1 },
      ]);
      assert.deepEqual(a.places.targeted, [{ key: 'DE', count: 1 }]);
      const b = await dashboard(bob);
      assert.deepEqual(
        b.places,
        { sighted: [{ key: 'FR', count: 1 }], targeted: [{ key: 'DE', count: 1 }] },
        'not the Italian sighting of A',
      );
      assert.deepEqual((await dashboard(eve)).places, { sighted: [], targeted: [] });
      assert.deepEqual((await dashboard(bob, 4)).places.sighted, [], 'sighted five days ago');
    });

    test('activity is by the objects’ own time: an import of 2019 objects is not today’s', async () => {
      const b = await dashboard(bob);
      assert.equal(b.activity.length, 30);
      const bar = (day: string) => b.activity.find((x) => x.start === day);
      const ago = (n: number) => daysAgo(n).slice(0, 10);
      const today = await listed(bob, 1);
      assert.equal(
        count(
          [...today].map(([key, n]) => ({ key, count: n })),
          'malware',
        ),
        0,
        'no malware was made today, though all was stored today',
      );
      assert.equal(bar(ago(0))?.objects, sum(today), 'only what was made today (the organisations’ identities)');
      assert.equal(bar(ago(5))?.sightings, 1, 'the sighting on the day it was sighted');
      assert.equal(bar(ago(2))?.relationships, 3);
      assert.equal(bar(ago(20))?.objects, 2, 'GridRat and the intrusion set');
      const all = b.activity.reduce((n, x) => n + x.objects + x.relationships + x.sightings, 0);
      assert.equal(all, b.inRange);
      const last = oldLinks.at(-1) as Obj;
      assert.ok(b.total - b.inRange >= 8, 'the 2019 objects and links count in the total only');
      assert.ok(
        b.recent.some((r) => r.id === last.id),
        'objects of other organisations shared with B',
      );
      assert.ok(!(await dashboard(alice)).recent.some((r) => r.id === last.id), "the reader's own are not 'shared with' it");
      assert.ok(!(await dashboard(eve)).recent.some((r) => r.id === last.id));
    });

    test('the marking banner covers only what the reader may see', async () => {
      const banner = async (who: Person) => {
        const res = await node.app.inject({
          method: 'GET',
          url: `/api/v1/markings?ids=${[secret.id, amber.id, malware.id].join(',')}`,
          headers: who.auth,
        });
        assert.equal(res.statusCode, 200, res.body);
        return res.json() as { tlp: string | null; classifications: string[]; objects: Record<string, unknown> };
      };
      const c = await banner(cleared);
      assert.deepEqual(
        [c.tlp, c.classifications, Object.keys(c.objects).sort()],
        ['green', ['NATO SECRET'], [malware.id, secret.id].sort()],
      );
      const a = await banner(alice);
      assert.deepEqual([a.tlp, a.classifications], ['amber', []]);
      assert.deepEqual(await banner(eve), { tlp: null, classifications: [], releasableTo: [], restricted: false, objects: {} });
    });

    /** Every page of the object list as `who` gets it: the objects and the markings beside them. */
    async function listedWithMarkings(who: Person): Promise<{ ids: string[]; markings: Record<string, ObjectMarking> }> {
      const ids: string[] = [];
      const markings: Record<string, ObjectMarking> = {};
      let cursor: string | null = null;
      do {
        const res = await node.app.inject({
          method: 'GET',
          url: `/api/v1/objects?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          headers: who.auth,
        });
        const page = res.json() as { objects: Obj[]; next: string | null; markings: Record<string, ObjectMarking> };
        ids.push(...page.objects.map((o) => o.id));
        Object.assign(markings, page.markings);
        cursor = page.next;
      } while (cursor);
      return { ids, markings };
    }

    test('each listed object carries its marking, and only the objects the reader may read do', async () => {
      for (const who of [alice, bob, cleared, eve]) {
        const { ids, markings } = await listedWithMarkings(who);
        assert.deepEqual(Object.keys(markings).sort(), [...ids].sort(), `${who.user.username}: a marking for every row, none other`);
      }
      const c = await listedWithMarkings(cleared);
      assert.deepEqual(c.markings[secret.id], {
        tlp: 'green',
        classification: { scheme: 'nato', level: 'NATO SECRET', rank: NATO_SCHEME.levels.indexOf('NATO SECRET') },
        releasableTo: null,
      });
      assert.equal(c.markings[malware.id]?.tlp, 'green');
      assert.equal((await listedWithMarkings(alice)).markings[amber.id]?.tlp, 'amber');
      const b = await listedWithMarkings(bob);
      assert.ok(!(secret.id in b.markings) && !(amber.id in b.markings), 'no marking of what bob may not read');
      // The neighbourhood carries the markings of what it holds, the same way.
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${malware.id}/neighbourhood`, headers: bob.auth });
      const n = res.json() as { objects: Obj[]; markings: Record<string, ObjectMarking> };
      assert.deepEqual(Object.keys(n.markings).sort(), n.objects.map((o) => o.id).sort());
      assert.ok(!(amber.id in n.markings));
    });

    test('the dashboard banner covers what it counts', async () => {
      const c = await dashboard(cleared);
      assert.deepEqual(c.banner, { tlp: 'green', classifications: ['NATO SECRET'], releasableTo: [], restricted: false });
      const a = await dashboard(alice);
      assert.deepEqual([a.banner.tlp, a.banner.classifications], ['amber', []], 'the amber indicator is counted, though no panel names it');
      for (const d of [a, c, await dashboard(bob), await dashboard(eve)]) {
        const worst = [...d.byTlp].reverse().find((t) => t.count > 0)?.key ?? null;
        assert.equal(d.banner.tlp, worst);
        assert.equal(
          d.banner.classifications.length > 0,
          d.byClassification.some((k) => k.key !== 'unclassified' && k.count > 0),
        );
      }
    });

    test('the object list filters by TLP', async () => {
      const names = async (who: Person, q: string) =>
        (
          (await node.app.inject({ method: 'GET', url: `/api/v1/objects?type=indicator&${q}`, headers: who.auth })).json() as {
            objects: Obj[];
          }
        ).objects.map((o) => o['name']);
      assert.deepEqual(await names(alice, 'tlp=amber'), ['org only']);
      assert.deepEqual(await names(bob, 'tlp=amber'), []);
      assert.equal((await names(bob, 'tlp=green,amber')).length, 3);
    });

    test('live events carry counts of what each listener may read, nothing else', async () => {
      const seen = new Map<string, ObjectsAddedEvent[]>();
      const listen = async (who: Person) => {
        const list: ObjectsAddedEvent[] = [];
        seen.set(who.user.username, list);
        return node.services.events.subscribe(await node.services.auth.fromToken(who.token), (e) => list.push(e));
      };
      const stops = [await listen(bob), await listen(eve), await listen(alice)];
      await importAs(alice, [buildIndicator({ name: 'live', ...tlp('green') }), buildIndicator({ name: 'live amber', ...orgOnly() })]);
      await node.services.events.tick();
      for (const stop of stops) stop();
      assert.equal(node.services.events.size, 0);
      assert.deepEqual(
        seen.get(bob.user.username)?.map((e) => [e.count, e.byType]),
        [[1, { indicator: 1 }]],
      );
      assert.deepEqual(
        seen.get(alice.user.username)?.map((e) => e.count),
        [2],
      );
      assert.deepEqual(seen.get(eve.user.username), [], 'nothing readable, no event');
    });

    test('a listener rebound to a changed principal reads as it from then on, missing nothing', async () => {
      const got: ObjectsAddedEvent[] = [];
      const listener = (e: ObjectsAddedEvent): void => void got.push(e);
      const stop = await node.services.events.subscribe(await node.services.auth.fromToken(eve.token), listener);
      await importAs(alice, [buildIndicator({ name: 'added before the change', ...tlp('green') })]);
      // Rebound before the poll: what was added meanwhile is counted for the new principal.
      node.services.events.rebind(listener, await node.services.auth.fromToken(alice.token));
      await node.services.events.tick();
      stop();
      assert.deepEqual(
        got.map((e) => e.count),
        [1],
      );
    });

    test('the event stream speaks Server-Sent Events and needs a user', async () => {
      const res = await node.app.inject({ method: 'GET', url: '/api/v1/events?wait=0', headers: bob.auth });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      assert.match(res.body, /^retry: \d+\nevent: ready\n/);
      assert.equal((await node.app.inject({ method: 'GET', url: '/api/v1/events?wait=0' })).statusCode, 401);
    });

    test('the classification schemes and their levels are shown to every signed-in user, to no one else', async () => {
      const res = await node.app.inject({ method: 'GET', url: '/api/v1/markings/schemes', headers: eve.auth });
      assert.equal(res.statusCode, 200);
      const nato = (res.json() as { schemes: { id: string; name: string; levels: string[] }[] }).schemes.find((x) => x.id === 'nato');
      assert.deepEqual(nato?.levels, [...NATO_SCHEME.levels]);
      assert.equal((await node.app.inject({ method: 'GET', url: '/api/v1/markings/schemes' })).statusCode, 401);
    });
  });
}
