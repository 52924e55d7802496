// Assistance requests, offers and decisions through the services (issue 18, musts 1, 4, 5, 7), on
// both engines: a request to each kind of audience and who may read it (an organisation outside
// the audience gets the missing-object 404 and sees nothing on the board), changes, withdrawal and
// closing as new versions, the board's columns and counts, offers of two organisations on one node
// and the requester's decisions, bad input refused by field with nothing stored, and the clocks.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { REQUEST_TYPE, OFFER_TYPE, type NewRequest, type RequestView, type Window } from '../src/domain/assistance/api.ts';
import { requestObject } from '../src/domain/assistance/build.ts';
import type { UserPrincipal } from '../src/domain/identity/principal.ts';
import type { ConcordError } from '../src/errors.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.now() + days * DAY).toISOString();
/** The window requests need help in: from tomorrow, for a week. */
const WEEK: Window = { from: at(1), until: at(8) };

/** A request of `title` to `audience`, needing incident responders and forensics. */
function request(title: string, audience: NewRequest['audience'], more: Partial<NewRequest> = {}): NewRequest {
  return {
    title,
    description: 'Ransomware encrypted the port authority’s billing systems.',
    affectedEntity: 'Port authority',
    impact: 'Billing down for two days',
    needs: {
      skills: ['cyber-incident-responder', 'digital-forensics-investigator'],
      languages: ['en', 'fr'],
      mode: 'remote',
      window: WEEK,
    },
    actionsTaken: 'Isolated the billing network.',
    urgency: 'high',
    audience,
    ...more,
  };
}

/** Whether `promise` is refused with `code` naming `field` (when given). */
async function refused(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(promise, (e: ConcordError) => {
    assert.equal(e.code, code, e.message);
    if (field !== undefined) assert.equal(e.details['field'], field, e.message);
    return true;
  });
}

for (const engine of ENGINES)
  describe(`assistance requests on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    /** The CSIRT that asks (a coordinator), its analyst, two partners that offer, an outsider. */
    let csirt: Person;
    let analyst: Person;
    let partnerB: Person;
    let partnerC: Person;
    let outsider: Person;
    /** Experts of B: one available over the week, one not; one of C. */
    const experts: Record<'b1' | 'bBusy' | 'c1', { id: string; profileId: string }> = {
      b1: { id: '', profileId: '' },
      bBusy: { id: '', profileId: '' },
      c1: { id: '', profileId: '' },
    };

    const as = (p: Person): Promise<UserPrincipal> => node.services.auth.fromToken(p.token);
    const requests = () => node.services.assistance.requests;
    const count = async (type: string): Promise<number> => node.store.objects.count({ types: [type] });

    before(async () => {
      node = await startNode({}, engine);
      const run = randomUUID().slice(0, 8);
      csirt = await buildPerson(node.services, { orgName: `CERT-PT ${run}`, country: 'PT', communities: ['eu'], roles: ['coordinator'] });
      analyst = await buildPerson(node.services, { org: csirt.org, roles: ['analyst'] });
      partnerB = await buildPerson(node.services, {
        orgName: `CSIRT-BE ${run}`,
        country: 'BE',
        communities: ['eu'],
        roles: ['coordinator'],
      });
      partnerC = await buildPerson(node.services, {
        orgName: `CSIRT-NO ${run}`,
        country: 'NO',
        communities: ['nato'],
        roles: ['coordinator'],
      });
      outsider = await buildPerson(node.services, { orgName: `Elsewhere ${run}`, country: 'CH', roles: ['coordinator'] });
      const roster = node.services.assistance.roster;
      const expert = (name: string, availability: Window[]) => ({
        name,
        email: `${name.toLowerCase().replace(' ', '.')}@example.org`,
        skills: ['cyber-incident-responder', 'tag:volatility'],
        languages: ['en'],
        country: 'BE',
        onSite: true,
        availability,
      });
      const year = [{ from: at(-1), until: at(365) }];
      const b1 = await roster.add(await as(partnerB), expert('Anne Peeters', year));
      const bBusy = await roster.add(await as(partnerB), expert('Bram Janssens', [{ from: at(1), until: at(3) }]));
      const c1 = await roster.add(await as(partnerC), { ...expert('Kari Nordmann', year), skills: ['digital-forensics-investigator'] });
      experts.b1 = { id: b1.id, profileId: b1.profileId };
      experts.bBusy = { id: bBusy.id, profileId: bBusy.profileId };
      experts.c1 = { id: c1.id, profileId: c1.profileId };
    });
    after(() => node?.dispose());

    it('asks a community: its members read the request, an outsider gets 404 and sees nothing on the board', async () => {
      const asked = await requests().ask(await as(csirt), request('Port ransomware (EU)', { kind: 'community', id: 'eu' }));
      assert.equal(asked.status, 'open');
      assert.equal(asked.column, 'open');
      assert.equal(asked.requester.id, csirt.org.id);
      assert.equal(asked.coordinator.id, csirt.org.id, 'the requester coordinates by default');
      assert.deepEqual(asked.audience, { kind: 'community', id: 'eu' });
      assert.equal(asked.marking?.tlp, 'amber', 'a community request is TLP:AMBER unless asked otherwise');
      assert.equal((await requests().get(await as(partnerB), asked.id)).title, 'Port ransomware (EU)');
      await refused(requests().get(await as(partnerC), asked.id), 'NOT_FOUND');
      await refused(requests().get(await as(outsider), asked.id), 'NOT_FOUND');
      const board = await requests().board(await as(outsider), {});
      assert.ok(!board.items.some((r) => r.id === asked.id));
      assert.equal(board.counts.open + board.counts.matched + board.counts.deployed + board.counts.closed, board.items.length);
    });

    it('asks named organisations through a sharing group the requester owns', async () => {
      const asked = await requests().ask(
        await as(csirt),
        request('Port ransomware (named)', { kind: 'organizations', ids: [partnerC.org.id] }, { coordinatorOrg: partnerB.org.id }),
      );
      assert.equal(asked.coordinator.id, partnerB.org.id);
      const label = (await node.store.access.latest([asked.id])).get(asked.id);
      assert.equal(label?.distribution.kind, 'sharing-group');
      const group = label?.distribution.kind === 'sharing-group' ? await node.store.orgs.getSharingGroup(label.distribution.id) : undefined;
      assert.equal(group?.ownerOrg, csirt.org.id);
      assert.deepEqual(new Set(group?.members), new Set([csirt.org.id, partnerB.org.id, partnerC.org.id]));
      assert.equal((await requests().get(await as(partnerC), asked.id)).id, asked.id, 'a named organisation reads it');
      assert.equal((await requests().get(await as(partnerB), asked.id)).id, asked.id, 'the coordinator reads it');
      await refused(requests().get(await as(outsider), asked.id), 'NOT_FOUND');
      assert.ok(!(await requests().board(await as(outsider), {})).items.some((r) => r.id === asked.id));
    });

    it('asks the whole federation: every organisation reads it', async () => {
      const changed: string[] = [];
      const stop = requests().onChanged((ids) => changed.push(...ids));
      const asked = await requests().ask(await as(csirt), request('Port ransomware (all)', { kind: 'federation' }));
      stop();
      assert.ok(changed.includes(asked.id), 'the live stream hears of the new request');
      assert.equal(asked.marking?.tlp, 'green');
      assert.equal((await requests().get(await as(outsider), asked.id)).id, asked.id);
      assert.ok((await requests().board(await as(outsider), { column: 'open' })).items.some((r) => r.id === asked.id));
    });

    it('marks a request with its classification: only cleared readers read it, and its offers carry it', async () => {
      const classification = { scheme: 'nato', level: 'NATO RESTRICTED' };
      const before = await count(REQUEST_TYPE);
      const classified = request('Classified', { kind: 'federation' }, { classification });
      await refused(requests().ask(await as(csirt), classified), 'INVALID_INPUT', 'classification');
      assert.equal(await count(REQUEST_TYPE), before, 'a requester is not cleared for: nothing stored');
      const officer = await buildPerson(node.services, { org: csirt.org, roles: ['coordinator'], clearances: { nato: 'NATO SECRET' } });
      const asked = await requests().ask(await as(officer), classified);
      assert.deepEqual(asked.classification, classification);
      assert.deepEqual(asked.marking?.classifications, ['NATO RESTRICTED']);
      await refused(requests().get(await as(partnerB), asked.id), 'NOT_FOUND');
      const cleared = await buildPerson(node.services, { org: partnerB.org, roles: ['coordinator'], clearances: { nato: 'NATO SECRET' } });
      const offer = await requests().offer(await as(cleared), asked.id, { experts: [{ expertId: experts.b1.id }] });
      assert.equal((await node.store.access.latest([offer.id])).get(offer.id)?.classification?.level, 'NATO RESTRICTED');
    });

    it('takes offers of two organisations; the requester accepts one and declines the other', async () => {
      const asked = await requests().ask(await as(csirt), request('Offers and decisions', { kind: 'federation' }));
      const fromB = await requests().offer(await as(partnerB), asked.id, {
        experts: [{ expertId: experts.b1.id }],
        message: 'Anne can start tomorrow',
      });
      const fromC = await requests().offer(await as(partnerC), asked.id, {
        experts: [{ expertId: experts.c1.id, note: 'forensics lead' }],
      });
      assert.deepEqual(
        fromB.experts.map((e) => [e.profileId, e.covers]),
        [[experts.b1.profileId, ['cyber-incident-responder']]],
      );
      assert.ok(!JSON.stringify(fromB).includes('Anne Peeters'), 'an offer never carries a name (must 2)');
      const mine = await requests().get(await as(csirt), asked.id);
      assert.deepEqual(mine.offers.map((o) => o.org.id).sort(), [partnerB.org.id, partnerC.org.id].sort());
      assert.equal(mine.offerCount, 2);
      assert.ok(mine.can.decide && !mine.can.offer);
      const bSees = await requests().get(await as(partnerB), asked.id);
      assert.deepEqual(
        bSees.offers.map((o) => o.id),
        [fromB.id],
        "an offering organisation sees its own offer, not another's",
      );
      assert.ok(bSees.can.offer && !bSees.can.decide && !bSees.can.update);
      await refused(requests().decide(await as(partnerB), fromC.id, { decision: 'accepted' }), 'NOT_FOUND');

      const before = (await requests().board(await as(csirt), {})).counts;
      const accepted = await requests().decide(await as(csirt), fromB.id, { decision: 'accepted', reason: 'responder first' });
      assert.deepEqual(accepted.decision?.profileIds, [experts.b1.profileId]);
      assert.equal(accepted.decision?.reason, 'responder first');
      const declined = await requests().decide(await as(csirt), fromC.id, { decision: 'declined' });
      assert.equal(declined.decision?.decision, 'declined');
      assert.equal(
        (await requests().get(await as(partnerC), asked.id)).offers[0]?.decision?.decision,
        'declined',
        'the offerer learns the decision',
      );
      const page = await requests().get(await as(csirt), asked.id);
      assert.equal(page.column, 'matched');
      assert.ok(page.can.deploy);
      const after = (await requests().board(await as(csirt), {})).counts;
      assert.equal(after.matched, before.matched + 1);
      assert.equal(after.open, before.open - 1);
      assert.ok((await requests().board(await as(csirt), { column: 'matched' })).items.some((r) => r.id === asked.id));
      assert.equal((await requests().get(await as(outsider), asked.id)).offers.length, 0, 'an outsider reads the request but no offer');

      const withdrawn = await requests().withdrawOffer(await as(partnerB), fromB.id);
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal((await requests().get(await as(csirt), asked.id)).column, 'open', 'a withdrawn offer no longer matches');
      await refused(requests().decide(await as(csirt), fromB.id, { decision: 'accepted' }), 'CONFLICT', 'offer.status');
    });

    it('moves a request to deployed while its team works and to closed when it ends, with the clocks following', async () => {
      const asked = await requests().ask(await as(csirt), request('Deployed', { kind: 'federation' }));
      const offer = await requests().offer(await as(partnerB), asked.id, { experts: [{ expertId: experts.b1.id }] });
      await requests().decide(await as(csirt), offer.id, { decision: 'accepted' });
      const deployments = node.services.assistance.deployments;
      const team = await deployments.deploy(await as(csirt), asked.id, {});
      const clock = (v: RequestView, name: string) => v.clocks.find((c) => c.name === name)?.status;
      let page = await requests().get(await as(csirt), asked.id);
      assert.equal(page.column, 'deployed');
      assert.deepEqual(
        page.deployments.map((d) => [d.id, d.status, d.memberCount]),
        [[team.id, 'planned', 1]],
      );
      assert.equal(clock(page, 'team-ready'), 'due');
      await deployments.update(await as(csirt), team.id, { status: 'active' });
      page = await requests().get(await as(csirt), asked.id);
      assert.equal(clock(page, 'team-ready'), 'submitted-on-time', 'the team is ready when the deployment first went active');
      assert.equal(clock(page, 'after-action'), 'not-started');
      await deployments.update(await as(csirt), team.id, { status: 'ended' });
      page = await requests().get(await as(csirt), asked.id);
      assert.equal(page.column, 'closed');
      assert.equal(clock(page, 'after-action'), 'due', 'the after-action report is due a month after the end');
      assert.ok((await requests().board(await as(csirt), { column: 'closed' })).items.some((r) => r.id === asked.id));
    });

    it('changes, withdraws and closes a request as new versions, by the requester only', async () => {
      const asked = await requests().ask(await as(csirt), request('To change', { kind: 'federation' }));
      const changed = await requests().update(await as(csirt), asked.id, { title: 'Changed', urgency: 'critical' });
      assert.equal(changed.title, 'Changed');
      assert.equal(changed.urgency, 'critical');
      assert.equal(changed.description, asked.description, 'what was not changed stays');
      assert.equal((await node.store.objects.versions(asked.id)).length, 2);
      await refused(requests().update(await as(partnerB), asked.id, { title: 'Hijacked' }), 'ACCESS_DENIED');
      await refused(
        requests().update(await as(csirt), asked.id, { audience: { kind: 'federation' } } as never),
        'INVALID_INPUT',
        'audience',
      );

      const offer = await requests().offer(await as(partnerB), asked.id, { experts: [{ expertId: experts.b1.id }] });
      const gone = await requests().update(await as(csirt), asked.id, { status: 'withdrawn' });
      assert.equal(gone.status, 'withdrawn');
      assert.equal(gone.column, 'closed');
      assert.ok(!gone.can.update && !gone.can.offer && !gone.can.decide);
      await refused(requests().decide(await as(csirt), offer.id, { decision: 'accepted' }), 'CONFLICT', 'request.status');
      await refused(
        requests().offer(await as(partnerC), asked.id, { experts: [{ expertId: experts.c1.id }] }),
        'CONFLICT',
        'request.status',
      );
      await refused(requests().update(await as(csirt), asked.id, { title: 'Again' }), 'CONFLICT', 'status');

      const other = await requests().ask(await as(csirt), request('To close', { kind: 'federation' }));
      assert.equal((await requests().update(await as(csirt), other.id, { status: 'closed' })).column, 'closed');
      assert.ok((await requests().board(await as(csirt), { column: 'closed' })).items.some((r) => r.id === other.id));
    });

    it('pages the board and keeps to the reader’s own requests and offers when asked', async () => {
      const me = await as(csirt);
      const all = await requests().board(me, { limit: 200 });
      const first = await requests().board(me, { limit: 1 });
      assert.equal(first.items.length, 1);
      assert.ok(first.next !== null);
      const second = await requests().board(me, { limit: 1, after: first.next });
      assert.notEqual(second.items[0]?.id, first.items[0]?.id);
      assert.deepEqual(
        [first.items[0]?.id, second.items[0]?.id],
        all.items.slice(0, 2).map((r) => r.id),
      );
      assert.deepEqual(first.counts, all.counts, 'counts are the whole board’s, whatever the page');
      const mine = await requests().board(await as(outsider), { mine: true });
      assert.equal(mine.items.length, 0, 'the outsider asked, coordinated and offered nothing');
      const offered = await requests().board(await as(partnerC), { mine: true, limit: 200 });
      assert.ok(offered.items.length > 0 && offered.items.every((r) => r.requester.id === csirt.org.id));
      await refused(requests().board(me, { limit: 0 }), 'INVALID_INPUT', 'limit');
      await refused(requests().board(me, { after: 'nonsense' }), 'INVALID_INPUT', 'after');
    });

    it('refuses bad input by field and stores nothing', async () => {
      const requestsBefore = await count(REQUEST_TYPE);
      const groupsBefore = (await node.store.orgs.listSharingGroups()).length;
      const me = await as(csirt);
      const bad = (more: Partial<NewRequest>) => request('Bad', { kind: 'federation' }, more);
      await refused(
        requests().ask(me, bad({ needs: { ...request('x', { kind: 'federation' }).needs, window: { from: at(5), until: at(2) } } })),
        'INVALID_INPUT',
        'needs.window.until',
      );
      await refused(
        requests().ask(me, bad({ needs: { ...request('x', { kind: 'federation' }).needs, skills: ['hacking'] } })),
        'INVALID_INPUT',
        'needs.skills[0]',
      );
      await refused(
        requests().ask(me, request('Bad', { kind: 'organizations', ids: [`identity--${randomUUID()}`] })),
        'INVALID_INPUT',
        'audience.ids[0]',
      );
      await refused(requests().ask(me, request('Bad', { kind: 'community', id: 'no-such-community' })), 'INVALID_INPUT', 'audience.id');
      await refused(requests().ask(me, request('Bad', { kind: 'federation' }, { tlp: 'amber' })), 'INVALID_INPUT', 'tlp');
      await refused(
        requests().ask(me, request('Bad', { kind: 'community', id: 'eu' }, { coordinatorOrg: partnerC.org.id })),
        'INVALID_INPUT',
        'coordinatorOrg',
      );
      await refused(requests().ask(await as(analyst), request('Not mine to ask', { kind: 'federation' })), 'ACCESS_DENIED');
      assert.equal(await count(REQUEST_TYPE), requestsBefore);
      assert.equal((await node.store.orgs.listSharingGroups()).length, groupsBefore);

      const asked = await requests().ask(me, request('Offer checks', { kind: 'federation' }));
      const offersBefore = await count(OFFER_TYPE);
      const groups = (await node.store.orgs.listSharingGroups()).length;
      const b = await as(partnerB);
      await refused(requests().offer(b, asked.id, { experts: [{ expertId: experts.bBusy.id }] }), 'INVALID_INPUT', 'experts[0].expertId');
      await refused(
        requests().offer(b, asked.id, { experts: [{ expertId: experts.b1.id }, { expertId: experts.c1.id }] }),
        'INVALID_INPUT',
        'experts[1].expertId',
      );
      await refused(requests().offer(b, asked.id, { experts: [] }), 'INVALID_INPUT', 'experts');
      await refused(
        requests().offer(b, asked.id, { experts: [{ expertId: experts.b1.id, window: { from: at(4), until: at(3) } }] }),
        'INVALID_INPUT',
        'experts[0].window.until',
      );
      await refused(requests().offer(await as(csirt), asked.id, { experts: [{ expertId: experts.b1.id }] }), 'INVALID_INPUT');
      assert.equal(await count(OFFER_TYPE), offersBefore);
      assert.equal((await node.store.orgs.listSharingGroups()).length, groups);
      // Available for part of the request: offered for the days it can serve.
      const days = { from: at(1.5), until: at(2.5) };
      const part = await requests().offer(b, asked.id, { experts: [{ expertId: experts.bBusy.id, window: days }] });
      assert.deepEqual(part.experts[0]?.window, days);
      const offer = await requests().offer(b, asked.id, { experts: [{ expertId: experts.b1.id }] });
      // A fresh principal: the offer's new group changed what the requester reads.
      const requester = await as(csirt);
      await refused(
        requests().decide(requester, offer.id, { decision: 'accepted', profileIds: [experts.c1.profileId] }),
        'INVALID_INPUT',
        'profileIds[0]',
      );
      await refused(requests().decide(requester, offer.id, { decision: 'maybe' as never }), 'INVALID_INPUT', 'decision');
      assert.equal((await requests().get(requester, asked.id)).column, 'open');
    });

    it('shows the response clocks: first offer met by the first offer, team ready due, after-action not started', async () => {
      const asked = await requests().ask(await as(csirt), request('Clocks', { kind: 'federation' }, { firstOfferHours: 12 }));
      const clock = (v: RequestView, name: string) => v.clocks.find((c) => c.name === name);
      assert.equal(clock(asked, 'first-offer')?.status, 'due');
      assert.equal(clock(asked, 'team-ready')?.status, 'due');
      assert.equal(clock(asked, 'after-action')?.status, 'not-started');
      assert.equal(Date.parse(clock(asked, 'first-offer')?.dueAt ?? '') - Date.parse(asked.created), 12 * 3_600_000);
      await requests().offer(await as(partnerB), asked.id, { experts: [{ expertId: experts.b1.id }] });
      const after = await requests().get(await as(csirt), asked.id);
      assert.equal(clock(after, 'first-offer')?.status, 'submitted-on-time');
      assert.equal(clock(after, 'team-ready')?.status, 'due');
    });

    it('projects a request however it came (an import), with its clocks overdue when its targets passed', async () => {
      const id = `${REQUEST_TYPE}--${randomUUID()}`;
      const created = at(-4);
      const object = requestObject(
        { ...request('Imported three days late', { kind: 'federation' }), status: 'open', coordinatorOrg: csirt.org.id },
        { id, created, modified: created, creator: csirt.org.id },
      );
      const owner = { orgId: csirt.org.id, tlp: 'green', distribution: { kind: 'federation' }, actor: 'test' } as const;
      const summary = await node.services.ingest.importStream(
        [JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [object] })],
        {
          source: 'test',
          owner,
        },
      );
      assert.equal(summary.accepted, 1, JSON.stringify(summary));
      const page = await requests().get(await as(outsider), id);
      assert.deepEqual(
        page.clocks.map((c) => [c.name, c.status]),
        [
          ['first-offer', 'overdue'],
          ['team-ready', 'overdue'],
          ['after-action', 'not-started'],
        ],
      );
      assert.ok((await requests().board(await as(outsider), { column: 'open' })).items.some((r) => r.id === id));
    });

    it('reminds the requester’s coordinators of an overdue first offer, once', async () => {
      const asked = await requests().ask(
        await as(csirt),
        request('Nobody answers', { kind: 'community', id: 'eu' }, { firstOfferHours: 1 }),
      );
      const notifications = node.services.notifications;
      const later = new Date(Date.parse(asked.created) + 2 * 3_600_000);
      await notifications.remind(later);
      await notifications.remind(new Date(later.getTime() + 60_000));
      const titles = async (p: Person) => (await notifications.list(await as(p), { limit: 100 })).items.map((n) => n.title);
      assert.deepEqual(
        (await titles(csirt)).filter((t) => t.includes('Nobody answers')),
        ['Deadline exceeded: First offer for Nobody answers'],
      );
      assert.deepEqual(
        (await titles(analyst)).filter((t) => t.includes('Nobody answers')),
        [],
        'analysts do not coordinate requests',
      );
      assert.deepEqual(
        (await titles(partnerB)).filter((t) => t.includes('Nobody answers')),
        [],
        'partners are not reminded',
      );
    });
  });
