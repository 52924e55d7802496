// The access policy holds on every read path (issue 3, item 4): fast-check generates marked
// objects owned by several organisations; for every reader, every endpoint returns exactly what
// the pure policy allows, never hints at the rest, and a denied object answers exactly as a
// missing one does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canRead, distributionAllowed } from '../src/domain/access/policy.ts';
import { applyConcordDistribution } from '../src/domain/access/label.ts';
import { formatDistribution, type AccessLabel, type Distribution, type Tlp } from '../src/domain/access/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking, exerciseMarking, releasabilityMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildRelationship, bundle, type Obj } from './helpers/stix.ts';

const LEVELS = ['NATO RESTRICTED', 'NATO SECRET'] as const;
const REL_SETS = [['nato'], ['eu'], ['FR'], ['BE', 'DE']] as const;
const EXERCISE = 'cyber-coalition';

interface Spec {
  owner: number;
  tlp: Tlp;
  distribution: Distribution;
  level: number | null;
  rel: number | null;
  exercise: boolean;
}

describe('the access policy on every read path (property-based)', () => {
  let node: TestNode;
  const orgs: { id: string; name: string }[] = [];
  let group = '';
  const readers: Person[] = [];
  const missingId = 'indicator--00000000-0000-4000-8000-00000000dead';

  before(async () => {
    node = await startNode();
    // Three organisations: A (BE, nato), B (FR, eu), C (DE, nato and eu); a sharing group {A, B}.
    const specs = [
      { name: 'CERT-A', country: 'BE', communities: ['nato'] },
      { name: 'CERT-B', country: 'FR', communities: ['eu'] },
      { name: 'CERT-C', country: 'DE', communities: ['nato', 'eu'] },
    ];
    for (const s of specs) orgs.push(await node.services.orgs.addOrg(CLI, s));
    group = (await node.services.orgs.addSharingGroup(CLI, { name: 'A and B', ownerOrg: orgs[0]?.id ?? '', members: [orgs[1]?.id ?? ''] }))
      .id;
    // Readers: each organisation × clearance (none, RESTRICTED, SECRET) × exercise (out, in).
    for (const org of orgs) {
      for (const level of [null, ...LEVELS]) {
        for (const inExercise of [false, true]) {
          const full = await node.services.orgs.getOrg(CLI, org.id);
          readers.push(
            await buildPerson(node.services, {
              org: full,
              roles: ['viewer'],
              clearances: level ? { nato: level } : {},
              exercises: inExercise ? [EXERCISE] : [],
            }),
          );
        }
      }
    }
  });
  after(() => node.dispose());

  const distributionArb = fc.oneof(
    fc.constant<Distribution>({ kind: 'organization' }),
    fc.constant<Distribution>({ kind: 'federation' }),
    fc.constantFrom<Distribution>({ kind: 'community', id: 'nato' }, { kind: 'community', id: 'eu' }),
    fc.constant<Distribution>({ kind: 'sharing-group', id: 'GROUP' }),
  );
  const specArb: fc.Arbitrary<Spec> = fc
    .record({
      owner: fc.integer({ min: 0, max: 2 }),
      tlp: fc.constantFrom<Tlp>('clear', 'green', 'amber', 'amber+strict', 'red'),
      distribution: distributionArb,
      level: fc.option(fc.integer({ min: 0, max: LEVELS.length - 1 }), { freq: 3 }),
      rel: fc.option(fc.integer({ min: 0, max: REL_SETS.length - 1 }), { freq: 3 }),
      exercise: fc.boolean(),
    })
    .filter((s) => distributionAllowed(s.tlp, s.distribution));

  function labelOf(s: Spec): AccessLabel {
    const distribution = s.distribution.kind === 'sharing-group' ? { kind: 'sharing-group' as const, id: group } : s.distribution;
    return {
      ownerOrg: orgs[s.owner]?.id ?? '',
      tlp: s.tlp,
      distribution,
      ...(s.level !== null ? { classification: { scheme: 'nato', level: LEVELS[s.level] ?? '' } } : {}),
      ...(s.rel !== null ? { releasableTo: [...(REL_SETS[s.rel] ?? [])].sort() } : {}),
      ...(s.exercise ? { exercise: EXERCISE } : {}),
    };
  }

  function marked(o: Obj, s: Spec, label: AccessLabel): Obj {
    const refs = [TLP2_MARKING_IDS[s.tlp]];
    if (s.level !== null) refs.push(classificationMarking(NATO_SCHEME, LEVELS[s.level] ?? '').id);
    if (s.rel !== null) refs.push(releasabilityMarking(REL_SETS[s.rel] ?? []).id);
    if (s.exercise) refs.push(exerciseMarking(EXERCISE).id);
    return applyConcordDistribution({ ...o, object_marking_refs: refs } as StixObject, label.distribution) as Obj;
  }

  async function load(objects: { obj: Obj; owner: number }[]): Promise<void> {
    const definitions = [
      ...LEVELS.map((l) => classificationMarking(NATO_SCHEME, l)),
      ...REL_SETS.map((r) => releasabilityMarking(r)),
      exerciseMarking(EXERCISE),
    ];
    for (let owner = 0; owner < orgs.length; owner++) {
      const mine = objects.filter((o) => o.owner === owner).map((o) => o.obj);
      const summary = await node.services.ingest.importStream([JSON.stringify(bundle([...definitions, ...mine]))], {
        source: 'property',
        owner: { orgId: orgs[owner]?.id ?? '', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:test' },
      });
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    }
  }

  const problemShape = (body: string): unknown => {
    const { instance: _i, requestId: _r, detail: _d, ...rest } = JSON.parse(body) as Record<string, unknown>;
    return rest;
  };

  test('no endpoint returns, counts or hints at an object the policy denies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 2, maxLength: 8 }),
        fc.array(fc.tuple(specArb, fc.nat(), fc.nat()), { maxLength: 4 }),
        async (specs, relSpecs) => {
          const run = specs.map((s, i) => {
            const label = labelOf(s);
            const ip = `10.${Math.floor(Math.random() * 250)}.${i}.${Math.floor(Math.random() * 250)}`;
            const obj = marked(buildIndicator({ name: `generated ${i}`, pattern: `[ipv4-addr:value = '${ip}']` }), s, label);
            return { obj, owner: s.owner, label, ip, ends: undefined as undefined | [number, number] };
          });
          for (const [s, a, b] of relSpecs) {
            // Two distinct ends: STIX forbids nothing here, but a self-relationship says nothing.
            const x = a % specs.length;
            const y = (x + 1 + (b % (specs.length - 1))) % specs.length;
            const label = labelOf(s);
            const obj = marked(buildRelationship(run[x]?.obj as Obj, 'related-to', run[y]?.obj as Obj), s, label);
            run.push({ obj, owner: s.owner, label, ip: '', ends: [x, y] });
          }
          await load(run);
          const ids = new Set(run.map((r) => r.obj.id));
          for (const reader of readers) {
            if (reader.user === undefined) continue;
            const principal = await node.services.auth.fromToken(reader.token);
            const may = (i: number): boolean => {
              const r = run[i];
              if (!r) return false;
              const own = canRead(principal.reader, r.label, node.services.schemes);
              return own && (r.ends === undefined || (may(r.ends[0]) && may(r.ends[1])));
            };
            const expected = new Set(run.flatMap((r, i) => (may(i) ? [r.obj.id] : [])));
            const denied = [...ids].filter((id) => !expected.has(id));
            const get = (url: string) => node.app.inject({ method: 'GET', url, headers: reader.auth });
            // List, all pages.
            const listed: string[] = [];
            let url = '/api/v1/objects?limit=3&type=indicator,relationship';
            for (;;) {
              const page = (await get(url)).json() as { objects: Obj[]; next: string | null };
              listed.push(...page.objects.map((o) => o.id).filter((id) => ids.has(id)));
              if (page.next === null) break;
              url = `/api/v1/objects?limit=3&type=indicator,relationship&cursor=${page.next}`;
            }
            assert.deepEqual(new Set(listed), expected, `list for ${reader.user.username}`);
            // Full-text search over the generated names.
            const searched = ((await get('/api/v1/objects?q=generated&limit=500')).json() as { objects: Obj[] }).objects
              .map((o) => o.id)
              .filter((id) => ids.has(id));
            assert.deepEqual(new Set(searched), new Set([...expected].filter((id) => id.startsWith('indicator--'))));
            // One object, its versions, its neighbourhood: denied answers exactly as missing.
            const missing = await get(`/api/v1/objects/${missingId}`);
            for (const id of ids) {
              const one = await get(`/api/v1/objects/${id}`);
              const versions = await get(`/api/v1/objects/${id}/versions`);
              const graph = await get(`/api/v1/objects/${id}/neighbourhood?depth=2`);
              if (expected.has(id)) {
                assert.equal(one.statusCode, 200);
                assert.equal(versions.statusCode, 200);
                for (const d of denied) assert.ok(!graph.body.includes(d), `neighbourhood of ${id} hints at ${d}`);
              } else {
                for (const r of [one, versions, graph]) {
                  assert.equal(r.statusCode, 404);
                  assert.deepEqual(problemShape(r.body), problemShape(missing.body));
                }
              }
            }
            // Lookup, single and batch.
            const ips = run.filter((r) => r.ip !== '').map((r) => r.ip);
            const batch = await node.app.inject({ method: 'POST', url: '/api/v1/lookup', headers: reader.auth, payload: { values: ips } });
            for (const d of denied) assert.ok(!batch.body.includes(d), `lookup hints at ${d}`);
            const single = await get(`/api/v1/lookup?value=${ips[0] ?? '10.0.0.1'}`);
            for (const d of denied) assert.ok(!single.body.includes(d));
            // Export.
            const exported = await get('/api/v1/export?type=indicator,relationship');
            const exportedIds = (JSON.parse(exported.body) as { objects: Obj[] }).objects.map((o) => o.id).filter((id) => ids.has(id));
            assert.deepEqual(new Set(exportedIds), expected);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  test('a distribution wider than the TLP allows is refused with a clear error', async () => {
    const obj = applyConcordDistribution({ ...buildIndicator(), object_marking_refs: [TLP2_MARKING_IDS.red] } as StixObject, {
      kind: 'federation',
    });
    const summary = await node.services.ingest.importStream([JSON.stringify(obj)], {
      source: 'test',
      owner: { orgId: orgs[0]?.id ?? '', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:test' },
    });
    assert.equal(summary.quarantined, 1);
    assert.equal(summary.reasons['DISTRIBUTION_INCONSISTENT'], 1);
    assert.match(formatDistribution({ kind: 'federation' }), /federation/);
  });
});
