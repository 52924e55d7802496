// The alert evaluator on a real store (issue 17, must 4): three organisations in three countries
// sighting the same value raise one alert, owned by the node and distributed to the rule's
// community under its TLP; it grows (a new version) instead of being raised again; exercise
// sightings raise only their exercise's alert; a warninglisted value and a disabled rule raise
// nothing; a removed rule is no longer listed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALERT_TYPE } from '../src/domain/alerts/api.ts';
import { alertId } from '../src/domain/alerts/engine.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { validateObject } from '../src/domain/stix/validate.ts';
import { evaluatorOn, MemorySightings } from './helpers/alerts.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildIndicator, buildMalware, buildRelationship } from './helpers/stix.ts';

describe('the alert evaluator', () => {
  let node: TestNode;
  let ruleId = '';
  const first = buildIndicator({ name: 'C2 address (feed A)' });
  const second = buildIndicator({ name: 'C2 address (feed B)' });
  const other = buildIndicator({ name: 'Other', pattern: "[ipv4-addr:value = '203.0.113.9']" });
  const family = buildMalware();

  before(async () => {
    node = await startNode();
    await node.load([first, second, other, family, buildRelationship(first, 'indicates', family)]);
    ruleId = (
      await node.services.alertRules.create(CLI, {
        name: 'Same address in three countries',
        community: 'eu',
        subjects: ['value', 'malware'],
        minOrganisations: 3,
        minCountries: 3,
        windowHours: 24,
        tlp: 'green',
      })
    ).id;
  });
  after(() => node.dispose());

  const held = async (id: string): Promise<StixObject[]> =>
    (await node.store.objects.versions(id)).map((v) => JSON.parse(v.json) as StixObject);

  test('three organisations in three countries sighting one value raise one alert, which grows instead of repeating', async () => {
    const sightings = new MemorySightings();
    const evaluator = evaluatorOn(node, sightings);
    sightings.add(first.id, 'org-fr', 'FR');
    sightings.add(first.id, 'org-de', 'DE');
    await evaluator.sightingsChanged([first.id]);
    assert.equal((await node.store.alerts.list({ limit: 10 })).length, 0, 'two organisations are not enough');
    sightings.add(second.id, 'org-ee', 'EE');
    await evaluator.sightingsChanged([second.id]);
    const id = alertId(ruleId, 'value', 'ipv4:198.51.100.7', null);
    const [alert, ...more] = await held(id);
    assert.ok(alert, 'the alert is stored');
    assert.equal(more.length, 0);
    assert.deepEqual(
      validateObject(alert).issues.filter((i) => i.severity === 'error'),
      [],
    );
    assert.deepEqual(alert['countries'], ['DE', 'EE', 'FR']);
    assert.deepEqual(alert['object_refs'], [first.id, second.id].sort());
    const label = (await node.store.access.latest([id])).get(id);
    assert.equal(label?.tlp, 'green');
    assert.deepEqual(label?.distribution, { kind: 'community', id: 'eu' });
    assert.equal(label?.ownerOrg, (await node.services.federation.node.identity()).nodeId);
    // The malware family's alert counts only its indicator's sightings: two organisations.
    assert.equal((await node.store.alerts.list({ limit: 10 })).filter((r) => r.record.subjectKind === 'malware').length, 0);

    await evaluator.sightingsChanged([second.id]);
    assert.equal((await held(id)).length, 1, 'the same facts make no new version');
    sightings.add(second.id, 'org-be', 'BE');
    await evaluator.sightingsChanged([second.id]);
    const versions = await held(id);
    assert.equal(versions.length, 2, 'more sightings make a new version, not a new alert');
    assert.equal(versions.at(-1)?.['organization_count'], 4);
    const rows = await node.store.alerts.list({ limit: 10, rule: ruleId });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.record.organisations, 4);
  });

  test('exercise sightings raise only their exercise alert, marked with the exercise', async () => {
    const sightings = new MemorySightings();
    const evaluator = evaluatorOn(node, sightings);
    for (const [org, country] of [
      ['x-fr', 'FR'],
      ['x-de', 'DE'],
      ['x-ee', 'EE'],
    ] as const)
      sightings.add(other.id, org, country, { exercise: 'cyber-coalition' });
    await evaluator.sightingsChanged([other.id]);
    assert.deepEqual(await held(alertId(ruleId, 'value', 'ipv4:203.0.113.9', null)), []);
    const drill = alertId(ruleId, 'value', 'ipv4:203.0.113.9', 'cyber-coalition');
    assert.equal((await held(drill)).length, 1);
    assert.equal((await node.store.access.latest([drill])).get(drill)?.exercise, 'cyber-coalition');
    assert.equal((await node.store.alerts.get(drill))?.record.exercise, 'cyber-coalition');
  });

  test('a warninglisted value never fires; a disabled rule raises nothing', async () => {
    const value = buildIndicator({ name: 'Public resolver', pattern: "[ipv4-addr:value = '192.0.2.53']" });
    await node.load([value]);
    const sightings = new MemorySightings();
    for (const [org, country] of [
      ['w-fr', 'FR'],
      ['w-de', 'DE'],
      ['w-ee', 'EE'],
    ] as const)
      sightings.add(value.id, org, country);
    await evaluatorOn(
      node,
      sightings,
      (obs) => new Map(obs.map((o) => [`${o.kind}\0${o.value}`, [{ id: 'public-dns', name: 'Public DNS' }]])),
    ).rulesChanged();
    assert.deepEqual(await held(alertId(ruleId, 'value', 'ipv4:192.0.2.53', null)), []);
    await node.services.alertRules.update(CLI, ruleId, { enabled: false });
    await evaluatorOn(node, sightings).rulesChanged();
    assert.deepEqual(await held(alertId(ruleId, 'value', 'ipv4:192.0.2.53', null)), []);
    await node.services.alertRules.update(CLI, ruleId, { enabled: true });
    await evaluatorOn(node, sightings).rulesChanged();
    assert.equal((await held(alertId(ruleId, 'value', 'ipv4:192.0.2.53', null))).length, 1);
  });

  test('a removed rule is revoked and no longer listed', async () => {
    const rule = await node.services.alertRules.create(CLI, {
      name: 'Short-lived',
      community: 'eu',
      subjects: ['object'],
      minOrganisations: 2,
      minCountries: 1,
      windowHours: 1,
    });
    await node.services.alertRules.remove(CLI, rule.id);
    assert.ok(!(await node.services.alertRules.list(CLI)).some((r) => r.id === rule.id));
    assert.equal((await held(rule.id)).at(-1)?.['revoked'], true);
    assert.equal(ALERT_TYPE, 'x-concord-alert');
  });
});
