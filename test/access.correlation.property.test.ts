// "Also seen in" under the access policy (issue 17, must 5; DESIGN.md: property-based tests hold
// every read path to the policy): fast-check generates indicators that share one observable
// value, marked and owned at random; for every reader, the correlations of each object it may read
// count, flag and list exactly the other carriers the pure policy lets it read, the lookup's
// per-match counts agree, and an object it may not read answers exactly as a missing one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canRead, distributionAllowed } from '../src/domain/access/policy.ts';
import { applyConcordDistribution } from '../src/domain/access/label.ts';
import type { AccessLabel, Distribution, Tlp } from '../src/domain/access/types.ts';
import type { Correlation } from '../src/domain/correlation/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, bundle, type Obj } from './helpers/stix.ts';

const LIMIT = 3;
const SECRET = classificationMarking(NATO_SCHEME, 'NATO SECRET');

interface Spec {
  owner: number;
  tlp: Tlp;
  distribution: Distribution;
  secret: boolean;
}

describe('correlation under the access policy (property-based)', () => {
  let node: TestNode;
  const orgs: { id: string }[] = [];
  let group = '';
  const readers: Person[] = [];
  let run = 0;

  before(async () => {
    node = await startNode({ CONCORD_CORRELATION_LIMIT: String(LIMIT) });
    for (const s of [
      { name: 'CERT-A', country: 'BE', communities: ['nato'] },
      { name: 'CERT-B', country: 'FR', communities: ['eu'] },
      { name: 'CERT-C', country: 'DE', communities: ['nato', 'eu'] },
    ])
      orgs.push(await node.services.orgs.addOrg(CLI, s));
    group = (await node.services.orgs.addSharingGroup(CLI, { name: 'A and B', ownerOrg: orgs[0]?.id ?? '', members: [orgs[1]?.id ?? ''] }))
      .id;
    for (const org of orgs) {
      const full = await node.services.orgs.getOrg(CLI, org.id);
      for (const clearances of [{}, { nato: 'NATO SECRET' }] as Record<string, string>[])
        readers.push(await buildPerson(node.services, { org: full, roles: ['viewer'], clearances }));
    }
  });
  after(() => node.dispose());

  const specArb: fc.Arbitrary<Spec> = fc
    .record({
      owner: fc.integer({ min: 0, max: 2 }),
      tlp: fc.constantFrom<Tlp>('clear', 'green', 'amber', 'red'),
      distribution: fc.constantFrom<Distribution>(
        { kind: 'organization' },
        { kind: 'federation' },
        { kind: 'community', id: 'nato' },
        { kind: 'community', id: 'eu' },
        { kind: 'sharing-group', id: 'GROUP' },
      ),
      secret: fc.boolean(),
    })
    .filter((s) => distributionAllowed(s.tlp, s.distribution));

  function labelOf(s: Spec): AccessLabel {
    const distribution = s.distribution.kind === 'sharing-group' ? { kind: 'sharing-group' as const, id: group } : s.distribution;
    return {
      ownerOrg: orgs[s.owner]?.id ?? '',
      tlp: s.tlp,
      distribution,
      ...(s.secret ? { classification: { scheme: 'nato', level: 'NATO SECRET' } } : {}),
    };
  }

  async function load(items: { obj: Obj; spec: Spec; label: AccessLabel }[]): Promise<void> {
    for (let owner = 0; owner < orgs.length; owner++) {
      const mine = items
        .filter((i) => i.spec.owner === owner)
        .map((i) => {
          const refs = [TLP2_MARKING_IDS[i.spec.tlp], ...(i.spec.secret ? [SECRET.id] : [])];
          return applyConcordDistribution({ ...i.obj, object_marking_refs: refs } as StixObject, i.label.distribution);
        });
      const summary = await node.services.ingest.importStream([JSON.stringify(bundle([SECRET, ...mine]))], {
        source: 'property',
        owner: { orgId: orgs[owner]?.id ?? '', tlp: 'amber', distribution: { kind: 'organization' }, actor: 'system:test' },
      });
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    }
  }

  test('counts, flags and lists only the other carriers each reader may read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(specArb, { minLength: 2, maxLength: 8 }), async (specs) => {
        const value = `shared-${++run}.badcorp.io`;
        const items = specs.map((spec, i) => ({
          obj: buildIndicator({ name: `carrier ${i}`, pattern: `[domain-name:value = '${value}']` }),
          spec,
          label: labelOf(spec),
        }));
        await load(items);
        const missing = await node.app.inject({
          method: 'GET',
          url: '/api/v1/objects/indicator--00000000-0000-4000-8000-00000000dead/correlations',
          headers: readers[0]?.auth,
        });
        for (const reader of readers) {
          const principal = await node.services.auth.fromToken(reader.token);
          const readable = new Set(items.filter((i) => canRead(principal.reader, i.label, node.services.schemes)).map((i) => i.obj.id));
          const lookup = await node.app.inject({ method: 'GET', url: `/api/v1/lookup?value=${value}`, headers: reader.auth });
          const matches = (lookup.json() as { matches: { object: { id: string }; correlation: { objects: number; tooCommon: boolean } }[] })
            .matches;
          assert.deepEqual(new Set(matches.map((m) => m.object.id)), readable);
          for (const item of items) {
            const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${item.obj.id}/correlations`, headers: reader.auth });
            if (!readable.has(item.obj.id)) {
              assert.equal(res.statusCode, 404);
              assert.equal((res.json() as { code: string }).code, (missing.json() as { code: string }).code);
              continue;
            }
            const others = [...readable].filter((id) => id !== item.obj.id);
            const v = (res.json() as Correlation).values.find((x) => x.value === value);
            assert.ok(v, `${value} among the values of ${item.obj.id}`);
            assert.equal(v.objects, Math.min(others.length, LIMIT + 1));
            assert.equal(v.tooCommon, others.length > LIMIT);
            assert.deepEqual(new Set(v.seenIn.map((s) => s.id)), v.tooCommon ? new Set() : new Set(others));
            const match = matches.find((m) => m.object.id === item.obj.id);
            assert.deepEqual(match?.correlation, { objects: v.objects, tooCommon: v.tooCommon });
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});
