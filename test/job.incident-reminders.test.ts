// The reminder job end to end (issue 16, must 7): an entity's NIS2 incident, aware 23½ hours ago,
// is projected by the incident service; one pass of the node's `incident-reminders` job tells
// the entity's users and its CSIRT that the early warning is due in 1 h (and, looking back a day
// on its first run, in 12 h); the outsider is told nothing; a second pass adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONCORD_NIS2_EXTENSION_ID } from '../src/domain/incidents/types.ts';
import { incidentReaders, type IncidentReaders } from './helpers/incident-readers.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import type { Person } from './helpers/people.ts';

describe('the incident reminder job', () => {
  let node: TestNode;
  let who: IncidentReaders;
  before(async () => {
    node = await startNode();
    who = await incidentReaders(node.services, node.store);
  });
  after(() => node?.dispose());

  const titles = async (p: Person) =>
    (await node.services.notifications.list(await who.principal(p), { limit: 100 })).items.map((n) => n.title);

  it('reminds the readers of a NIS2 incident of its early warning, once', async () => {
    const awareAt = new Date(Date.now() - 23.5 * 3_600_000).toISOString();
    await who.incident('Ransomware at the grid operator', {
      extensions: {
        [CONCORD_NIS2_EXTENSION_ID]: {
          extension_type: 'property-extension',
          aware_at: awareAt,
          sector: 'energy',
          significant: true,
        },
      },
    });
    await node.jobs.tick('incident-reminders');
    const want = [
      'Early warning due in 1 h for Ransomware at the grid operator',
      'Early warning due in 12 h for Ransomware at the grid operator',
    ];
    for (const p of [who.entity, who.colleague, who.csirt]) assert.deepEqual(await titles(p), want, p.user.username);
    assert.deepEqual(await titles(who.outsider), []);
    await node.jobs.tick('incident-reminders');
    assert.deepEqual(await titles(who.csirt), want, 'nothing twice');
  });
});
