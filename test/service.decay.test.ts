// Scores count only the sightings the reader may see (issue 17, musts 2 and 6): a sighting is
// visible when it and what it sighted are (access policy, canSeeWithEnds), so a score never
// reveals a sighting the reader could not read. The sighting projection is stood in for by its
// grouped counts (SightingRepo.groups), as the projection would answer them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { AccessLabel } from '../src/domain/access/types.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { AccessGate } from '../src/services/access-gate.ts';
import { DecayService } from '../src/services/decay.service.ts';
import type { SightingGroup } from '../src/store/sighting-repositories.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

const DAY = 86_400_000;
// One clock for the whole file, so that two scores of the same sightings compare exactly.
const NOW = Date.now();
const daysAgo = (d: number): string => new Date(NOW - d * DAY).toISOString();

describe('decay scores under the access policy', () => {
  let node: TestNode;
  let owner: Person, outsider: Person;
  let decay: DecayService;
  const indicator = buildIndicator({ valid_from: daysAgo(40), pattern: "[domain-name:value = 'decay.example']" });
  let groups: SightingGroup[] = [];

  before(async () => {
    node = await startNode();
    owner = await buildPerson(node.services);
    outsider = await buildPerson(node.services);
    const summary = await node.services.ingest.importStream(
      [JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [indicator] })],
      { source: 'test', owner: { orgId: owner.org.id, tlp: 'green', distribution: { kind: 'federation' }, actor: 'test' } },
    );
    assert.equal(summary.quarantined, 0);
    const shared: AccessLabel = { ownerOrg: owner.org.id, tlp: 'green', distribution: { kind: 'federation' } };
    const ownOnly: AccessLabel = { ownerOrg: owner.org.id, tlp: 'amber+strict', distribution: { kind: 'organization' } };
    groups = [
      { of: indicator.id, type: 'sighting', label: shared, sightings: 1, lastSeen: daysAgo(10) },
      { of: indicator.id, type: 'sighting', label: ownOnly, sightings: 3, lastSeen: daysAgo(1) },
      { of: indicator.id, type: 'false-positive', label: ownOnly, sightings: 1, lastSeen: daysAgo(1) },
      // Not labelled yet: read by no one (but the node's own command line).
      { of: indicator.id, type: 'false-positive', label: null, sightings: 5, lastSeen: daysAgo(1) },
    ];
    decay = new DecayService({
      decay: node.store.decay,
      objects: node.store.objects,
      sightings: { groups: async (ids, since) => groups.filter((g) => ids.includes(g.of) && g.lastSeen >= since) },
      gate: new AccessGate({
        access: node.store.access,
        schemes: node.services.schemes,
        markings: node.services.markings,
        audit: node.services.audit,
      }),
      schemes: node.services.schemes,
      audit: node.services.audit,
      now: () => NOW,
    });
  });
  after(() => node.dispose());

  test('an outsider’s score counts the shared sighting only; the owner’s counts its own organisation’s too', async () => {
    const as = async (p: Person) => {
      const principal = await node.services.auth.fromToken(p.token);
      const s = (await decay.scores(principal, [indicator.id])).get(indicator.id);
      assert.ok(s);
      return s;
    };
    const theirs = await as(outsider);
    assert.equal(theirs.sightingPoints, 10);
    assert.equal(theirs.falsePositivePoints, 0);
    assert.equal(theirs.ageDays, 10, 'the clock restarts at the latest sighting the reader can see');
    assert.match(theirs.reasons.join(' '), /1 true sighting in the last 365 days: \+10/);
    const ours = await as(owner);
    assert.equal(ours.sightingPoints, 40);
    assert.equal(ours.falsePositivePoints, 25);
    assert.equal(ours.ageDays, 1);
    const node_ = (await decay.scores(CLI, [indicator.id])).get(indicator.id);
    assert.equal(node_?.falsePositivePoints, 150, 'the command line reads every sighting');
  });

  test('sightings older than the lifetime do not count', async () => {
    groups = groups.map((g) => ({ ...g, lastSeen: daysAgo(400) }));
    const s = (await decay.scores(CLI, [indicator.id])).get(indicator.id);
    assert.equal(s?.sightingPoints, 0);
    assert.equal(s?.falsePositivePoints, 0);
    assert.equal(s?.ageDays, 40);
  });

  test('property: sightings the reader may not see never change the reader’s score', async () => {
    const outsiderP = await node.services.auth.fromToken(outsider.token);
    const ownerP = await node.services.auth.fromToken(owner.token);
    const shared: AccessLabel = { ownerOrg: owner.org.id, tlp: 'clear', distribution: { kind: 'federation' } };
    const ownOnly: AccessLabel = { ownerOrg: owner.org.id, tlp: 'amber+strict', distribution: { kind: 'organization' } };
    const scoreOf = async (p: typeof outsiderP, given: SightingGroup[]) => {
      groups = given;
      return (await decay.scores(p, [indicator.id])).get(indicator.id);
    };
    const group = fc.record({
      of: fc.constant(indicator.id),
      type: fc.constantFrom('sighting' as const, 'false-positive' as const, 'expired' as const),
      label: fc.constantFrom<AccessLabel | null>(shared, ownOnly, null),
      sightings: fc.integer({ min: 1, max: 4 }),
      lastSeen: fc.integer({ min: 0, max: 500 }).map((d) => daysAgo(d)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(group, { maxLength: 6 }), async (all) => {
        // The outsider may see only what is shared; the owner also its own organisation's; no
        // one a sighting not yet labelled.
        assert.deepEqual(
          await scoreOf(outsiderP, all),
          await scoreOf(
            outsiderP,
            all.filter((g) => g.label === shared),
          ),
        );
        assert.deepEqual(
          await scoreOf(ownerP, all),
          await scoreOf(
            ownerP,
            all.filter((g) => g.label !== null),
          ),
        );
      }),
      { numRuns: 40 },
    );
  });
});
