// Who is told what about an incident (issue 16, must 7; must 11), on both engines: the readers of
// the incident (the entity and its CSIRT) but never the actor; an outsider gets nothing, neither
// stored nor live; reminders are stored once however often the job runs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Notification } from '../src/domain/incidents/api.ts';
import { clocks } from '../src/domain/incidents/clocks.ts';
import { DEFAULT_REMINDERS } from '../src/domain/incidents/reminders.ts';
import { NotificationService, type WaitingIncident } from '../src/services/notification.service.ts';
import { LogRelay, type WebhookPayload } from '../src/services/webhook.ts';
import { INCIDENT_CREATED, incidentReaders, type IncidentReaders } from './helpers/incident-readers.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';

for (const engine of ENGINES)
  describe(`notifications on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let who: IncidentReaders;
    before(async () => {
      node = await startNode({}, engine);
      who = await incidentReaders(node.services, node.store);
    });
    after(() => node?.dispose());

    const titles = async (p: Parameters<IncidentReaders['principal']>[0]) =>
      (await node.services.notifications.list(await who.principal(p), { limit: 100 })).items.map((n) => n.title);

    it("tells the incident's readers, not the actor, and nothing to an outsider, stored or live", async () => {
      const id = await who.incident('Ransomware at the port');
      const live: Notification[] = [];
      const outsiderLive: Notification[] = [];
      const stop = node.services.notifications.subscribe(await who.principal(who.csirt), (n) => live.push(n));
      const stopOutsider = node.services.notifications.subscribe(await who.principal(who.outsider), (n) => outsiderLive.push(n));
      await node.services.notifications.publish({
        kind: 'report-submitted',
        incidentId: id,
        title: 'Early warning submitted for Ransomware at the port',
        body: 'The entity submitted its early warning.',
        actor: who.colleague.user.id,
      });
      stop();
      stopOutsider();
      assert.deepEqual(await titles(who.entity), ['Early warning submitted for Ransomware at the port']);
      assert.deepEqual(await titles(who.csirt), ['Early warning submitted for Ransomware at the port']);
      assert.deepEqual(await titles(who.colleague), [], 'the actor already knows');
      assert.deepEqual(await titles(who.outsider), [], 'an outsider learns nothing, not even the id');
      assert.deepEqual(
        live.map((n) => [n.kind, n.incidentId]),
        [['report-submitted', id]],
      );
      assert.deepEqual(outsiderLive, []);
      const page = await node.services.notifications.list(await who.principal(who.csirt), { unread: true });
      assert.equal(page.unread, 1);
      assert.equal(page.items[0]?.readAt, null);
    });

    it('marks read only the caller’s own', async () => {
      const csirt = await who.principal(who.csirt);
      const entity = await who.principal(who.entity);
      const [mine] = (await node.services.notifications.list(csirt)).items;
      assert.ok(mine);
      await node.services.notifications.markRead(entity, { ids: [mine.id] });
      assert.equal((await node.services.notifications.list(csirt)).unread, 1, "another user's mark changes nothing");
      await node.services.notifications.markRead(csirt, { ids: [mine.id] });
      assert.equal((await node.services.notifications.list(csirt)).unread, 0);
      await node.services.notifications.markRead(entity, { all: true });
      assert.equal((await node.services.notifications.list(entity)).unread, 0);
      await assert.rejects(node.services.notifications.markRead(entity, {}), { code: 'INVALID_INPUT' });
      await assert.rejects(node.services.notifications.markRead(entity, { ids: [], all: true }), { code: 'INVALID_INPUT' });
    });

    it('streams what another process stored, once', async () => {
      const id = await who.incident('Stored elsewhere');
      const live: string[] = [];
      const stop = node.services.notifications.subscribe(await who.principal(who.csirt), (n) => live.push(n.title));
      await node.services.notifications.live.tick();
      // Another process (the command line, a second API process) stores one for the CSIRT user.
      const at = new Date().toISOString();
      const row = {
        id: randomUUID(),
        userId: who.csirt.user.id,
        key: `x/${randomUUID()}`,
        kind: 'answer',
        incidentId: id,
        title: 'From elsewhere',
        body: 'b',
        createdAt: at,
        readAt: null,
      } as const;
      await node.store.notifications.add([row]);
      await node.services.notifications.live.tick();
      await node.services.notifications.live.tick();
      // And this process publishes one: sent at once, and not again by the poll.
      await node.services.notifications.publish({ kind: 'answer', incidentId: id, title: 'From here', body: 'b' });
      await node.services.notifications.live.tick();
      stop();
      assert.deepEqual(live, ['From elsewhere', 'From here']);
    });

    it('no longer lists a notification once its incident is kept from the reader', async () => {
      const id = await who.incident('Data leak');
      await node.services.notifications.publish({ kind: 'shared', incidentId: id, title: 'Data leak shared', body: 'b' });
      assert.ok((await titles(who.csirt)).includes('Data leak shared'));
      // A new version kept to the entity itself (distribution: organization).
      const later = new Date(Date.now() + 1000).toISOString();
      const text = JSON.stringify({
        type: 'bundle',
        id: 'bundle--0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f',
        objects: [{ type: 'incident', spec_version: '2.1', id, created: INCIDENT_CREATED, modified: later, name: 'Data leak' }],
      });
      const owner = { orgId: who.entity.org.id, tlp: 'amber+strict', distribution: { kind: 'organization' }, actor: 'test' } as const;
      const summary = await node.services.ingest.importStream([text], { source: 'test', owner });
      assert.equal(summary.accepted, 1, JSON.stringify(summary));
      assert.ok(!(await titles(who.csirt)).includes('Data leak shared'), 'the CSIRT may no longer read the incident');
      assert.ok((await titles(who.entity)).includes('Data leak shared'));
    });

    it('sends each reminder once across job runs, restarts and a second process', async () => {
      const id = await who.incident('Outage at a hospital');
      const facts = { awareAt: '2026-03-02T08:00:00.000Z', trustServiceProvider: false };
      const waiting = async (): Promise<WaitingIncident[]> => [
        {
          id,
          name: 'Outage at a hospital',
          ownerOrg: who.entity.org.id,
          csirtOrg: who.csirt.org.id,
          clocks: clocks(facts, now),
        },
      ];
      let now = new Date('2026-03-03T06:59:00.000Z');
      const posted: WebhookPayload[] = [];
      const service = () =>
        new NotificationService({
          notifications: node.store.notifications,
          users: node.store.users,
          orgs: node.store.orgs,
          access: node.store.access,
          schemes: node.services.schemes,
          reminders: DEFAULT_REMINDERS,
          waiting,
          log: new LogRelay(),
          webhook: (p) => posted.push(p),
        });
      const job = service();
      // The first run looks back a day: the 12 h reminder of the early warning (due 08:00) fell due at 20:00.
      assert.equal(await job.remind(now), 3, "one for each reader: the entity's two users and the CSIRT's");
      now = new Date('2026-03-03T07:00:30.000Z');
      assert.equal(await job.remind(now), 3, 'the 1 h reminder, at 07:00');
      now = new Date('2026-03-03T07:01:00.000Z');
      assert.equal(await job.remind(now), 0, 'nothing new');
      // A second process, or a restart from an older tick, offers the same reminders again.
      await node.store.notifications.setState('reminders.tick', '2026-03-02T08:00:00.000Z');
      assert.equal(await service().remind(now), 0, 'every reminder is stored already');
      const entityTitles = (await titles(who.entity)).filter((t) => t.includes('Outage'));
      assert.deepEqual(entityTitles, [
        'Early warning due in 1 h for Outage at a hospital',
        'Early warning due in 12 h for Outage at a hospital',
      ]);
      assert.deepEqual(
        (await titles(who.outsider)).filter((t) => t.includes('Outage')),
        [],
      );
      now = new Date('2026-03-03T08:00:30.000Z');
      await job.remind(now);
      assert.equal((await titles(who.csirt)).filter((t) => t === 'Deadline exceeded: Early warning for Outage at a hospital').length, 1);
      // One post per reminder, not per reader, and none for a reminder offered again.
      assert.deepEqual(
        posted.map(({ at: _at, ...p }) => p),
        [
          { kind: 'reminder', incidentId: id, stage: 'early-warning', dueAt: '2026-03-03T08:00:00.000Z' },
          { kind: 'reminder', incidentId: id, stage: 'early-warning', dueAt: '2026-03-03T08:00:00.000Z' },
          { kind: 'overdue', incidentId: id, stage: 'early-warning', dueAt: '2026-03-03T08:00:00.000Z' },
        ],
      );
    });
  });
