// Alerts and alert rules over HTTP (issue 17, musts 4 and 8): a community's coordinator sets its
// rules (bad input names the field; a coordinator outside the community is refused); alerts are
// listed, read and streamed live only to readers of the rule's community; one a reader may not
// read answers as a missing one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertRule, AlertView } from '../src/domain/alerts/api.ts';
import { AccessGate } from '../src/services/access-gate.ts';
import { AlertService } from '../src/services/alert.service.ts';
import { evaluatorOn, MemorySightings } from './helpers/alerts.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

describe('alerts over HTTP', () => {
  let node: TestNode;
  let coordinator: Person, member: Person, outsider: Person, outsideCoordinator: Person;
  const indicator = buildIndicator({ name: 'Shared C2', pattern: "[domain-name:value = 'c2.example.net']" });
  const sightings = new MemorySightings();

  before(async () => {
    node = await startNode();
    coordinator = await buildPerson(node.services, { roles: ['coordinator'], communities: ['eu'], country: 'FR' });
    member = await buildPerson(node.services, { roles: ['viewer'], communities: ['eu'] });
    outsider = await buildPerson(node.services, { roles: ['analyst'], communities: ['nato'] });
    outsideCoordinator = await buildPerson(node.services, { roles: ['coordinator'], communities: ['nato'] });
    await node.load([indicator]);
  });
  after(() => node.dispose());

  const call = (who: Person, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    node.app.inject({ method, url, headers: who.auth, ...(payload ? { payload } : {}) });
  const rule = {
    name: 'Same domain in three countries',
    community: 'eu',
    subjects: ['value'],
    minOrganisations: 3,
    minCountries: 3,
    windowHours: 12,
  };
  let ruleId = '';

  test('a rule with N below 2, no window or an unknown subject is refused naming the field; nothing is stored', async () => {
    for (const [change, field] of [
      [{ minOrganisations: 1 }, 'minOrganisations'],
      [{ windowHours: 0 }, 'windowHours'],
      [{ minCountries: 0 }, 'minCountries'],
      [{ tlp: 'purple' }, 'tlp'],
    ] as const) {
      const res = await call(coordinator, 'POST', '/api/v1/alert-rules', { ...rule, ...change });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().field, field, res.body);
    }
    assert.equal((await call(coordinator, 'GET', '/api/v1/alert-rules')).json().rules.length, 0);
  });

  test("the community's coordinator sets a rule; a coordinator of another community may not", async () => {
    assert.equal((await call(outsideCoordinator, 'POST', '/api/v1/alert-rules', rule)).statusCode, 403);
    const res = await call(coordinator, 'POST', '/api/v1/alert-rules', rule);
    assert.equal(res.statusCode, 201, res.body);
    const made = res.json() as AlertRule;
    ruleId = made.id;
    assert.equal(made.tlp, 'amber');
    assert.equal(made.editable, true);
    const seen = (await call(member, 'GET', '/api/v1/alert-rules')).json().rules as AlertRule[];
    assert.deepEqual(
      seen.map((r) => [r.id, r.editable]),
      [[ruleId, false]],
    );
    assert.equal((await call(outsider, 'GET', '/api/v1/alert-rules')).json().rules.length, 0);
    // Outside the community the rule is not even known to exist.
    assert.equal((await call(outsideCoordinator, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { enabled: false })).statusCode, 404);
    const off = await call(coordinator, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { enabled: false, windowHours: 24 });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().enabled, false);
    assert.equal(off.json().windowHours, 24);
    assert.equal((await call(coordinator, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { enabled: true })).json().enabled, true);
  });

  test('an alert is listed, read and streamed to readers of the community only', async () => {
    const evaluator = evaluatorOn(node, sightings);
    sightings.add(indicator.id, 'org-fr', 'FR');
    sightings.add(indicator.id, 'org-de', 'DE');
    // Streams open before the third sighting: the member's gets the alert, the outsider's not.
    const stream = (who: Person) => call(who, 'GET', '/api/v1/alerts/stream?wait=2');
    const streams = [stream(member), stream(outsider)];
    await new Promise((r) => setTimeout(r, 300));
    sightings.add(indicator.id, 'org-ee', 'EE');
    await evaluator.sightingsChanged([indicator.id]);
    const [mine, theirs] = await Promise.all(streams);
    assert.match(String(mine?.body), /event: alert\ndata: .*c2\.example\.net/);
    assert.doesNotMatch(String(theirs?.body), /event: alert/);

    const page = (await call(member, 'GET', `/api/v1/alerts?rule=${ruleId}&limit=10`)).json() as {
      alerts: AlertView[];
      next: string | null;
    };
    assert.equal(page.alerts.length, 1);
    const [alert] = page.alerts;
    assert.equal(alert?.subject.label, 'c2.example.net');
    assert.deepEqual(alert?.countries, ['DE', 'EE', 'FR']);
    assert.equal(alert?.marking?.tlp, 'amber');
    // The indicator is the operating organisation's own (its default markings): the alert does
    // not name it to a member who may not read it.
    assert.deepEqual(alert?.objectRefs, []);
    assert.deepEqual((await call(member, 'GET', `/api/v1/alerts/${alert?.id}`)).json().objectRefs, []);
    assert.equal((await call(outsider, 'GET', '/api/v1/alerts')).json().alerts.length, 0);
    const one = await call(member, 'GET', `/api/v1/alerts/${alert?.id}`);
    assert.equal(one.statusCode, 200);
    const hidden = await call(outsider, 'GET', `/api/v1/alerts/${alert?.id}`);
    const missing = await call(outsider, 'GET', '/api/v1/alerts/x-concord-alert--00000000-0000-5000-8000-000000000000');
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.json().code, missing.json().code);
    assert.equal((await call(member, 'GET', '/api/v1/alerts?since=yesterday')).json().field, 'since');
  });

  test("an alert's sightings, places and series show only the sightings the reader may read", async () => {
    const [row] = await node.store.alerts.list({ limit: 1, rule: ruleId });
    assert.ok(row);
    // A fourth sighting, TLP:RED of its organisation: it never counts, and no one else sees it.
    sightings.add(indicator.id, 'org-be', 'BE', {}, { ownerOrg: 'org-be', tlp: 'red', distribution: { kind: 'organization' } });
    const alerts = new AlertService({
      alerts: node.store.alerts,
      objects: node.store.objects,
      sightings,
      schemes: node.services.schemes,
      gate: new AccessGate({
        access: node.store.access,
        schemes: node.services.schemes,
        markings: node.services.markings,
        audit: node.services.audit,
      }),
    });
    await evaluatorOn(node, sightings).sightingsChanged([indicator.id]);
    const principal = await node.services.auth.fromToken(member.token);
    const view = await alerts.get(principal, row.record.id);
    assert.equal(view.sightingRefs.length, 3);
    assert.deepEqual(
      view.places.map((p) => p.country),
      ['DE', 'EE', 'FR'],
    );
    assert.equal(
      view.series.reduce((n, s) => n + s.count, 0),
      3,
    );
    assert.equal(view.organisations, 3);
  });

  test('a removed rule is gone from the list', async () => {
    assert.equal((await call(coordinator, 'DELETE', `/api/v1/alert-rules/${ruleId}`)).statusCode, 204);
    assert.equal((await call(coordinator, 'GET', '/api/v1/alert-rules')).json().rules.length, 0);
    assert.equal((await call(coordinator, 'PATCH', `/api/v1/alert-rules/${ruleId}`, { enabled: false })).statusCode, 404);
  });
});
