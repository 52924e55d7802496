// Alerts on every read path as the access policy decides (issue 17, must 4; CONVENTIONS.md: every
// read path property-tested): for every combination of an alert's TLP, distribution and exercise,
// and readers in and out of the communities and the exercise, the list, the alert page and the
// live stream show an alert exactly when the policy lets the reader read its label.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyConcordDistribution } from '../src/domain/access/label.ts';
import { canRead, distributionAllowed } from '../src/domain/access/policy.ts';
import type { Distribution } from '../src/domain/access/types.ts';
import { alertObject } from '../src/domain/alerts/alert-object.ts';
import type { AlertView } from '../src/domain/alerts/api.ts';
import type { UserPrincipal } from '../src/domain/identity/principal.ts';
import { exerciseMarking } from '../src/domain/markings/concord-markings.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';

const TLPS = ['clear', 'green', 'amber'] as const;
const DISTRIBUTIONS: Distribution[] = [{ kind: 'federation' }, { kind: 'community', id: 'eu' }, { kind: 'community', id: 'nato' }];
const EXERCISES = [null, 'drill'] as const;

describe('alerts on every read path follow the access policy', () => {
  let node: TestNode;
  const people = new Map<string, Person>();
  const ids: string[] = [];

  before(async () => {
    node = await startNode();
    people.set('eu member', await buildPerson(node.services, { roles: ['viewer'], communities: ['eu'] }));
    people.set('nato member', await buildPerson(node.services, { roles: ['analyst'], communities: ['nato'] }));
    people.set(
      'eu member in the drill',
      await buildPerson(node.services, { roles: ['coordinator'], communities: ['eu'], exercises: ['drill'] }),
    );
    people.set('in no community', await buildPerson(node.services, { roles: ['analyst'] }));
    await node.load([exerciseMarking('drill')]);
    for (const tlp of TLPS)
      for (const distribution of DISTRIBUTIONS)
        for (const exercise of EXERCISES) {
          // TLP:AMBER does not go to the whole federation (no such label exists).
          if (!distributionAllowed(tlp, distribution)) continue;
          const id = `x-concord-alert--${randomUUID()}`;
          const at = '2026-12-07T11:00:00.000Z';
          const facts = {
            id,
            ruleId: `x-concord-alert-rule--${randomUUID()}`,
            subject: { kind: 'value' as const, key: 'ipv4:192.0.2.7', label: '192.0.2.7' },
            exercise,
            objectRefs: [`indicator--${randomUUID()}`],
            sightingRefs: [`sighting--${randomUUID()}`],
            organisations: 3,
            countries: ['DE', 'EE', 'FR'],
            sectors: [],
            sightings: 3,
            firstSeen: at,
            lastSeen: at,
          };
          const object = applyConcordDistribution(
            alertObject(facts, { created: at, modified: at, creator: node.org.id, tlp, community: 'eu' }),
            distribution,
          );
          await node.load([object]);
          const stored = await node.store.objects.get(id);
          assert.ok(stored, `${tlp} ${JSON.stringify(distribution)} ${exercise} is stored`);
          await node.store.alerts.put([
            {
              ...facts,
              seq: stored.seq,
              community: 'eu',
              subjectKind: 'value',
              subjectKey: facts.subject.key,
              subjectLabel: facts.subject.label,
              created: at,
              modified: at,
            },
          ]);
          ids.push(id);
        }
  });
  after(() => node.dispose());

  /** What the policy says each alert is, for `p`. */
  async function allowed(p: UserPrincipal): Promise<Set<string>> {
    const labels = await node.store.access.latest(ids);
    return new Set(
      ids.filter((id) => {
        const l = labels.get(id);
        return l !== undefined && canRead(p.reader, l, node.services.schemes);
      }),
    );
  }

  test('the list, the alert page and the stream show exactly the alerts the policy lets each reader read', async () => {
    for (const [name, who] of people) {
      const principal = await node.services.auth.fromToken(who.token);
      const want = await allowed(principal);
      const listed = await node.app.inject({ method: 'GET', url: '/api/v1/alerts?limit=200', headers: who.auth });
      assert.equal(listed.statusCode, 200);
      assert.deepEqual(new Set((listed.json().alerts as AlertView[]).map((a) => a.id)), want, `list of ${name}`);
      for (const id of ids) {
        const page = await node.app.inject({ method: 'GET', url: `/api/v1/alerts/${id}`, headers: who.auth });
        assert.equal(page.statusCode, want.has(id) ? 200 : 404, `${id} for ${name}`);
      }
      const streamed = new Set<string>();
      const stop = node.services.alerts.subscribe(principal, (v) => void streamed.add(v.id));
      await node.services.alerts.raised(ids);
      stop();
      assert.deepEqual(streamed, want, `stream of ${name}`);
    }
    // The combinations cover readers who read some alerts and not others.
    const eu = await allowed(await node.services.auth.fromToken(people.get('eu member')?.token ?? ''));
    assert.ok(eu.size > 0 && eu.size < ids.length);
  });
});
