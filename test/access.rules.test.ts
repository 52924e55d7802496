// Write rules, granular markings and the audit of reads (issue 3, items 2, 5 and 6), as users
// meet them through the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import type { Tlp } from '../src/domain/markings/tlp.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, nextVersion, type Obj } from './helpers/stix.ts';

describe('write rules, granular markings and audited reads', () => {
  let node: TestNode;
  let alice: Person; // analyst of A
  let bob: Person; // analyst of B
  let carol: Person; // coordinator of B
  let cleared: Person; // analyst of B with NATO SECRET

  before(async () => {
    node = await startNode();
    await node.services.orgs.addCommunity(CLI, { id: 'grid', name: 'Grid operators' });
    alice = await buildPerson(node.services, { communities: ['grid'] });
    bob = await buildPerson(node.services, { communities: ['grid'] });
    carol = await buildPerson(node.services, { org: bob.org, roles: ['coordinator'] });
    cleared = await buildPerson(node.services, { org: bob.org, clearances: { nato: 'NATO SECRET' } });
  });
  after(() => node.dispose());

  /** Imports as a user would through the API: with their organisation, roles and defaults. */
  async function importAs(who: Person, objects: unknown[]) {
    const principal = await node.services.auth.fromToken(who.token);
    const owner = await node.services.importOwner(principal, { tlp: 'green', distribution: 'community:grid' });
    return node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
  }

  const marked = (tlp: Tlp, extra: Record<string, unknown> = {}): Obj =>
    buildIndicator({ object_marking_refs: [TLP2_MARKING_IDS[tlp]], ...extra });

  test('only the owning organisation publishes new versions; others re-importing the same version is unchanged', async () => {
    const original = marked('green');
    assert.equal((await importAs(alice, [original])).accepted, 1);
    const byBob = await importAs(bob, [nextVersion(original, { name: 'hijacked' })]);
    assert.equal(byBob.quarantined, 1);
    assert.equal(byBob.reasons['NOT_OWNER'], 1);
    const again = await importAs(bob, [original]);
    assert.equal(again.unchanged, 1);
    assert.equal(again.quarantined, 0);
    const held = (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${original.id}`, headers: bob.auth })).json() as Obj;
    assert.equal(held['name'], original['name']);
  });

  test('a coordinator adds sightings but not indicators', async () => {
    const target = marked('green');
    await importAs(alice, [target]);
    const indicator = await importAs(carol, [marked('green')]);
    assert.equal(indicator.reasons['NOT_PERMITTED'], 1);
    const sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: 'sighting--6b3a8f0e-9a43-4b6f-9d3f-1c2b3a4d5e6f',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      sighting_of_ref: target.id,
      object_marking_refs: [TLP2_MARKING_IDS.green],
    };
    assert.equal((await importAs(carol, [sighting])).accepted, 1);
  });

  test('the owner lowers markings with an audit entry; the lowered version reaches more readers', async () => {
    const red = marked('red');
    await importAs(alice, [red]);
    assert.equal((await node.app.inject({ method: 'GET', url: `/api/v1/objects/${red.id}`, headers: bob.auth })).statusCode, 404);
    const lowered = nextVersion(red, { object_marking_refs: [TLP2_MARKING_IDS.green] });
    assert.equal((await importAs(alice, [lowered])).accepted, 1);
    assert.equal((await node.app.inject({ method: 'GET', url: `/api/v1/objects/${red.id}`, headers: bob.auth })).statusCode, 200);
    // The RED version stays out of reach: versions lists only what the reader may see.
    const versions = (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${red.id}/versions`, headers: bob.auth })).json() as {
      versions: unknown[];
    };
    assert.equal(versions.versions.length, 1);
    const audit = await node.services.audit.list({ limit: 10, action: 'marking.lowered' });
    assert.ok(audit.items.some((e) => e.target === red.id));
  });

  test("a property marked above the reader's clearance is withheld, and the response says so", async () => {
    const secret = classificationMarking(NATO_SCHEME, 'NATO SECRET');
    const obj = marked('green', {
      description: 'Source: a liaison officer in the SOC',
      granular_markings: [{ marking_ref: secret.id, selectors: ['description'] }],
    });
    assert.equal((await importAs(alice, [secret, obj])).accepted, 2);
    const plain = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${obj.id}`, headers: bob.auth });
    assert.equal(plain.statusCode, 200);
    assert.equal((plain.json() as Obj)['description'], undefined);
    assert.equal(plain.headers['concord-withheld'], 'description');
    // Searching for a withheld word must not find the object: that would tell what it says.
    const list = (await node.app.inject({ method: 'GET', url: `/api/v1/objects?q=liaison`, headers: bob.auth })).json() as {
      objects: Obj[];
    };
    assert.ok(!list.objects.some((o) => o.id === obj.id));
    const listCleared = (await node.app.inject({ method: 'GET', url: `/api/v1/objects?q=liaison`, headers: cleared.auth })).json() as {
      objects: Obj[];
    };
    assert.ok(listCleared.objects.some((o) => o.id === obj.id));
    const full = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${obj.id}`, headers: cleared.auth });
    assert.equal((full.json() as Obj)['description'], 'Source: a liaison officer in the SOC');
    assert.equal(full.headers['concord-withheld'], undefined);
  });

  test('reads of classified objects and exports are audited', async () => {
    const restricted = classificationMarking(NATO_SCHEME, 'NATO RESTRICTED');
    const obj = buildIndicator({ object_marking_refs: [TLP2_MARKING_IDS.green, restricted.id] });
    await importAs(alice, [restricted, obj]);
    const uncleared = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${obj.id}`, headers: bob.auth });
    assert.equal(uncleared.statusCode, 404);
    assert.equal((await node.app.inject({ method: 'GET', url: `/api/v1/objects/${obj.id}`, headers: cleared.auth })).statusCode, 200);
    const reads = await node.services.audit.list({ limit: 10, action: 'object.read_classified' });
    assert.ok(reads.items.some((e) => e.target === obj.id && (e.actor ?? '').startsWith(`user:${cleared.user.username}/`)));
    assert.ok(!reads.items.some((e) => (e.actor ?? '').startsWith(`user:${bob.user.username}/`)), 'a denied read reads nothing');
    await node.app.inject({ method: 'GET', url: '/api/v1/export', headers: bob.auth });
    const exports = await node.services.audit.list({ limit: 10, action: 'export' });
    assert.ok(exports.items.some((e) => (e.actor ?? '').startsWith(`user:${bob.user.username}`)));
    const verify = await node.services.audit.verify();
    assert.equal(verify.ok, true);
  });
});
