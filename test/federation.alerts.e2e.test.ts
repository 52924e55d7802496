// Collective detection across three sovereign nodes as separate processes (issue 17, musts 4 and
// 9): CERT-FR, CERT-DE and CERT-EE, one per node and one country each, all in community `eu` and
// peered with one another. CERT-FR's coordinator sets a rule (3 organisations, 3 countries, 24
// hours) and shares an indicator with the community; each CSIRT's analyst records a sighting of
// it on its own node. Every node then holds the same alert (the same deterministic id), exactly
// one, without any node sending it; exercise-marked sightings raise no alert outside the exercise.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertRule, AlertView } from '../src/domain/alerts/api.ts';
import { alertId } from '../src/domain/alerts/engine.ts';
import { exerciseMarking } from '../src/domain/markings/concord-markings.ts';
import { nodeIdentityId } from '../src/domain/federation/keys.ts';
import { SAME_INDICATOR_RULE, startCommunity } from './helpers/alert-nodes.ts';
import type { ProcessNode } from './helpers/federation-nodes.ts';
import { buildIndicator } from './helpers/stix.ts';

/** Polls `check` every 25 ms until it holds; answers how long it took. */
async function until(what: string, check: () => Promise<boolean>, nodes: ProcessNode[], ms = 30_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms)
      assert.fail(`${what}: not within ${ms / 1000}s\n${nodes.map((n) => `--- ${n.name}\n${n.tail()}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return performance.now() - started;
}

describe('three nodes sighting the same indicator raise one alert everywhere', { timeout: 240_000 }, () => {
  let nodes: ProcessNode[] = [];
  let analysts: string[] = [];
  let coordinators: string[] = [];
  let rule: AlertRule;
  const indicator = buildIndicator({ name: 'Shared C2 address', pattern: "[ipv4-addr:value = '203.0.113.77']" });
  const drill = buildIndicator({ name: 'Exercise C2 address', pattern: "[ipv4-addr:value = '203.0.113.78']" });

  before(async () => {
    ({ nodes, analysts, coordinators } = await startCommunity(['CERT-FR', 'CERT-DE', 'CERT-EE'], ['FR', 'DE', 'EE']));
  });
  after(async () => {
    for (const n of nodes) await n.dispose();
  });

  const node = (i: number): ProcessNode => nodes[i] as ProcessNode;
  const alertsOn = async (i: number): Promise<AlertView[]> => {
    const res = await node(i).call(analysts[i] ?? '', 'GET', '/api/v1/alerts?limit=50');
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return (res.json as { alerts: AlertView[] }).alerts;
  };

  test("CERT-FR's coordinator sets the rule and shares the indicators; both reach every node", async () => {
    const made = await node(0).call(coordinators[0] ?? '', 'POST', '/api/v1/alert-rules', SAME_INDICATOR_RULE);
    assert.equal(made.status, 201, JSON.stringify(made.json));
    rule = made.json as AlertRule;
    const shared = await node(0).call(analysts[0] ?? '', 'POST', '/api/v1/objects', {
      object: indicator,
      tlp: 'green',
      distribution: 'community:eu',
    });
    assert.equal(shared.status, 201, JSON.stringify(shared.json));
    const exercise = await node(0).call(analysts[0] ?? '', 'POST', '/api/v1/objects', {
      object: drill,
      tlp: 'green',
      distribution: 'community:eu',
    });
    assert.equal(exercise.status, 201, JSON.stringify(exercise.json));
    for (const i of [1, 2]) {
      await until(
        `node ${node(i).name} holds the rule and the indicators`,
        async () => {
          const rules = (await node(i).call(analysts[i] ?? '', 'GET', '/api/v1/alert-rules')).json as { rules: AlertRule[] };
          const held = await node(i).call(analysts[i] ?? '', 'GET', `/api/v1/objects/${drill.id}`);
          return rules.rules.some((r) => r.id === rule.id) && held.status === 200;
        },
        nodes,
      );
    }
  });

  test('one sighting on each node: every node ends with the same alert, exactly one', async () => {
    for (const i of [0, 1, 2]) {
      const res = await node(i).call(analysts[i] ?? '', 'POST', '/api/v1/sightings', {
        of: indicator.id,
        disclosure: 'organization',
        tlp: 'green',
        distribution: 'community:eu',
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
    }
    const id = alertId(rule.id, 'object', indicator.id, null);
    for (const i of [0, 1, 2]) {
      await until(
        `node ${node(i).name} raises the alert`,
        async () => (await alertsOn(i)).some((a) => a.id === id && a.organisations === 3),
        nodes,
      );
    }
    for (const i of [0, 1, 2]) {
      const alerts = await alertsOn(i);
      assert.deepEqual(
        alerts.map((a) => a.id),
        [id],
        `node ${node(i).name} holds exactly one alert`,
      );
      assert.deepEqual(alerts[0]?.countries, ['DE', 'EE', 'FR']);
      // Derived on each node, never sent: every version each node holds is its own.
      const rows = await node(i).query<{ json: string }>('select json from objects where id = ?', [id]);
      assert.ok(rows.length >= 1);
      for (const r of rows) assert.equal((JSON.parse(r.json) as { created_by_ref: string }).created_by_ref, nodeIdentityId(node(i).keyId));
    }
  });

  test('exercise-marked sightings raise no alert outside the exercise', async () => {
    // The sighting API records real-world sightings; an exercise's arrive as STIX marked with it.
    const marking = exerciseMarking('cyber-coalition');
    for (const i of [0, 1, 2]) {
      const sighting = {
        type: 'sighting',
        spec_version: '2.1',
        id: `sighting--${randomUUID()}`,
        created: new Date().toISOString(),
        modified: new Date().toISOString(),
        sighting_of_ref: drill.id,
        last_seen: new Date().toISOString(),
        object_marking_refs: [marking.id],
      };
      const res = await node(i).call(analysts[i] ?? '', 'POST', '/api/v1/imports?tlp=green&distribution=community:eu', {
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: [marking, sighting],
      });
      assert.equal(res.status, 202, JSON.stringify(res.json));
      const job = (res.json as { id: string }).id;
      await until(
        `the exercise sighting is imported on ${node(i).name}`,
        async () => {
          const state = (await node(i).call(analysts[i] ?? '', 'GET', `/api/v1/imports/${job}`)).json as {
            state: string;
            summary: unknown;
          };
          if (state.state === 'failed') assert.fail(JSON.stringify(state));
          return state.state === 'done';
        },
        nodes,
      );
    }
    const drillAlert = alertId(rule.id, 'object', drill.id, 'cyber-coalition');
    for (const i of [0, 1, 2]) {
      await until(
        `node ${node(i).name} raises the exercise alert`,
        async () => (await alertsOn(i)).some((a) => a.id === drillAlert),
        nodes,
      );
      const real = alertId(rule.id, 'object', drill.id, null);
      const alerts = await alertsOn(i);
      assert.ok(!alerts.some((a) => a.id === real), 'no real-world alert from exercise sightings');
      assert.equal(alerts.find((a) => a.id === drillAlert)?.exercise, 'cyber-coalition');
      // A coordinator who does not take part in the exercise does not see its alert.
      const outside = (await node(i).call(coordinators[i] ?? '', 'GET', '/api/v1/alerts?limit=50')).json as { alerts: AlertView[] };
      assert.ok(!outside.alerts.some((a) => a.id === drillAlert));
    }
  });
});
