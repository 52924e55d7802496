// A collective-threat alert raised the way users raise one (issue 17, must 4), for tests that need
// one on screen: a community's rule written through the rule API, and sightings of a shared
// indicator by organisations of two countries through the sighting API; the node's evaluator
// raises the alert from the sighting projection.
import assert from 'node:assert/strict';
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Org } from '../../src/domain/identity/types.ts';
import type { TestNode } from './node.ts';
import { buildPerson, type Person } from './people.ts';

const ago = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Raises an alert that `reader`'s organisation reads (it joins the rule's community); answers its id. */
export async function raiseAlert(node: TestNode, reader: Org, rulesBy: Person): Promise<string> {
  const community = 'alert-partners';
  await node.services.orgs.addCommunity(CLI, { id: community, name: 'Alert partners', description: 'Partners of the alert tests' });
  await node.services.orgs.updateOrg(CLI, reader.id, { communities: [...reader.communities, community] });
  const shared = { tlp: 'green', distribution: `community:${community}` };
  const fr = await buildPerson(node.services, { orgName: 'CERT-FR (alerts)', country: 'FR', communities: [community] });
  const ee = await buildPerson(node.services, { orgName: 'CERT-EE (alerts)', country: 'EE', communities: [community] });
  const post = async (who: Person, url: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const res = await node.app.inject({ method: 'POST', url, headers: who.auth, payload });
    assert.equal(res.statusCode, 201, `POST ${url}: ${res.body}`);
    return res.json();
  };
  await post(rulesBy, '/api/v1/alert-rules', {
    name: 'Same indicator in two countries',
    community,
    subjects: ['object'],
    minOrganisations: 2,
    minCountries: 2,
    windowHours: 48,
    tlp: 'green',
    enabled: true,
  });
  const indicator = (await post(fr, '/api/v1/objects', {
    object: {
      type: 'indicator',
      name: 'Relay 5.252.178.21',
      pattern: "[ipv4-addr:value = '5.252.178.21']",
      pattern_type: 'stix',
      valid_from: ago(72),
    },
    ...shared,
  })) as { object: { id: string } };
  for (const [who, hours] of [
    [fr, 6],
    [ee, 2],
  ] as const)
    await post(who, '/api/v1/sightings', { of: indicator.object.id, firstSeen: ago(hours), lastSeen: ago(hours - 1), ...shared });
  // The projection and the evaluator follow the commit: wait for the alert.
  for (let i = 0; i < 100; i++) {
    const res = await node.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: rulesBy.auth });
    const [alert] = (res.json() as { alerts: { id: string }[] }).alerts;
    if (alert) return alert.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  return assert.fail('no alert was raised');
}
