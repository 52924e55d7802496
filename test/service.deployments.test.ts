// Deployments (issue 18, musts 2, 3, 4, 6) on both engines, through the services as the HTTP API
// and the command line call them: a CSIRT asks, two organisations offer an expert each, the
// requester accepts, forms the team; the experts' organisation releases their member cards, so
// that names are visible to the deployment's organisations and to no one else; the members
// record tasks and daily notes with their hours; the requester starts and ends the deployment and
// writes the after-action report, which counts in the experts' past deployments. Bad input is
// refused naming the field; roles and organisations that may not act are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentView, ExpertView } from '../src/domain/assistance/api.ts';
import { profileFields } from '../src/domain/assistance/read.ts';
import { memberCardId } from '../src/services/assistance-reactor.ts';
import { CLI, type Principal } from '../src/domain/identity/principal.ts';
import type { JsonObject } from '../src/domain/stix/types.ts';
import { expertInput, requestInput } from './helpers/assistance-inputs.ts';
import { refused } from './helpers/errors.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

const REPORT = {
  findings: 'Initial access through an exposed remote desktop gateway',
  actions: 'Rebuilt the controllers, reset credentials, hunted for persistence',
  worked: 'Remote triage within four hours',
  recommendations: 'Multi-factor authentication on every remote access',
  missingSkills: ['tag:scada'],
};

for (const engine of ENGINES)
  describe(`deployments on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    type Who = 'requester' | 'alpha' | 'alphaAnalyst' | 'alphaViewer' | 'beta' | 'outsider';
    const as = new Map<Who, Principal>();
    const tokens = new Map<Who, string>();
    const who = (w: Who): Principal => {
      const p = as.get(w);
      if (p === undefined) throw new Error(`no ${w}`);
      return p;
    };
    let experts: ExpertView[] = [];
    let requestId = '';
    let deployment: DeploymentView;
    let outsiderOrg = '';
    let alphaOrg = '';
    let incidentId = '';

    before(async () => {
      node = await startNode({}, engine);
      const s = node.services;
      const requester = await buildPerson(s, { roles: ['coordinator'], country: 'EE' });
      const alpha = await buildPerson(s, { roles: ['coordinator'], country: 'FR' });
      const alphaAnalyst = await buildPerson(s, { org: alpha.org, roles: ['analyst'] });
      const alphaViewer = await buildPerson(s, { org: alpha.org, roles: ['viewer'] });
      const beta = await buildPerson(s, { roles: ['coordinator'], country: 'DE' });
      const outsider = await buildPerson(s, { roles: ['coordinator', 'analyst'], country: 'BE' });
      outsiderOrg = outsider.org.id;
      alphaOrg = alpha.org.id;
      const people: [Who, { token: string }][] = [
        ['requester', requester],
        ['alpha', alpha],
        ['alphaAnalyst', alphaAnalyst],
        ['alphaViewer', alphaViewer],
        ['beta', beta],
        ['outsider', outsider],
      ];
      for (const [k, person] of people) tokens.set(k, person.token);
      await again();
      experts = [await s.assistance.roster.add(who('alpha'), expertInput()), await s.assistance.roster.add(who('beta'), expertInput())];
      // The requester's own incident, which the request names: the team's tasks join it.
      const awareAt = new Date(Date.now() - 3_600_000).toISOString();
      incidentId = (await s.incidentWrites.open(CLI, { name: 'Ransomware at the water utility', awareAt }, requester.org.id)).row.id;
      const audience = { kind: 'organizations' as const, ids: [alpha.org.id, beta.org.id] };
      requestId = (await s.assistance.requests.ask(who('requester'), requestInput(audience, { incidentId }))).id;
      await again();
    });
    after(() => node.dispose());

    /** Principals read their sharing groups when made: read them again after a group changed. */
    async function again(): Promise<void> {
      for (const [k, token] of tokens) as.set(k, await node.services.auth.fromToken(token));
    }

    test('the requester sees a proposal over the offering organisations, never its own experts', async () => {
      const mine = await node.services.assistance.roster.add(who('requester'), expertInput());
      const proposal = await node.services.assistance.matching.propose(who('requester'), requestId);
      const ranked = proposal.ranked.map((c) => c.profileId);
      for (const e of experts) assert.ok(ranked.includes(e.profileId), `${e.pseudonym} is ranked`);
      assert.ok(!ranked.includes(mine.profileId), "the requester's own experts are not proposed");
      const own = await node.services.assistance.matching.propose(who('alpha'), requestId, { own: true });
      assert.deepEqual(
        own.ranked.map((c) => c.profileId),
        [experts[0]?.profileId],
      );
      const listed = await node.services.assistance.matching.profiles(who('requester'), { org: alphaOrg });
      assert.deepEqual(
        listed.map((x) => [x.id, x.pseudonym, x.org.id]),
        [[experts[0]?.profileId, experts[0]?.pseudonym, alphaOrg]],
      );
      assert.ok(!JSON.stringify(listed).includes(experts[0]?.name ?? '?'), 'partners see no name');
      assert.deepEqual(await node.services.assistance.matching.profiles(who('requester'), { skill: 'tag:none' }), []);
      await refused(node.services.assistance.matching.propose(who('alpha'), requestId), 'ACCESS_DENIED');
      await refused(node.services.assistance.matching.propose(who('outsider'), requestId), 'NOT_FOUND');
    });

    test('accepted offers become a team whose names only its organisations read', async () => {
      const s = node.services.assistance;
      for (const [p, e] of [
        [who('alpha'), experts[0]],
        [who('beta'), experts[1]],
      ] as const) {
        const offer = await s.requests.offer(p, requestId, { experts: [{ expertId: e?.id ?? '' }] });
        await again(); // the offer's group is new: the requester reads it from now on
        await s.requests.decide(who('requester'), offer.id, { decision: 'accepted' });
      }
      await refused(s.deployments.deploy(who('alpha'), requestId, {}), 'ACCESS_DENIED');
      await refused(
        s.deployments.deploy(who('requester'), requestId, {
          profileIds: ['x-concord-expert-profile--00000000-0000-5000-8000-000000000000'],
        }),
        'INVALID_INPUT',
        'profileIds[0]',
      );
      await refused(
        s.deployments.deploy(who('requester'), requestId, {
          window: { from: '2027-03-05T00:00:00.000Z', until: '2027-03-01T00:00:00.000Z' },
        }),
        'INVALID_INPUT',
        'window.until',
      );
      deployment = await s.deployments.deploy(who('requester'), requestId, { name: 'Water utility response' });
      assert.equal(deployment.status, 'planned');
      assert.equal(deployment.memberCount, 2);
      await again();
      const seen = await s.deployments.get(who('requester'), deployment.id);
      const names = seen.members.map((m) => m.name).sort();
      assert.deepEqual(names, experts.map((e) => e.name).sort(), 'the requester reads the released names');
      const alphaView = await s.deployments.get(who('alphaAnalyst'), deployment.id);
      assert.ok(alphaView.members.every((m) => m.name !== null && m.pseudonym.startsWith('Expert ')));
      await refused(s.deployments.get(who('outsider'), deployment.id), 'NOT_FOUND');
      for await (const o of node.store.objects.scan({}, { allVersions: true })) {
        if (!experts.some((e) => o.json.includes(e.name))) continue;
        assert.equal(o.type, 'x-concord-deployment-member', `only member cards carry a name, not ${o.type}`);
        const label = (await node.store.access.labels([o.seq])).get(o.seq);
        const group =
          label?.distribution.kind === 'sharing-group' ? await node.store.orgs.getSharingGroup(label.distribution.id) : undefined;
        assert.ok(group, 'a member card goes to the deployment group');
        assert.ok(!group.members.includes(outsiderOrg));
      }
    });

    test('the members record tasks and daily notes with their hours; others are refused', async () => {
      const s = node.services.assistance.deployments;
      const task = await s.addTask(who('alphaAnalyst'), deployment.id, { name: 'Image the historian server', due: '2027-03-03' });
      assert.equal(task.outcome, 'pending');
      await refused(s.updateTask(who('beta'), deployment.id, task.id, { outcome: 'successful' }), 'NOT_OWNER');
      await refused(s.updateTask(who('alphaAnalyst'), deployment.id, task.id, { outcome: 'done-ish' }), 'INVALID_INPUT', 'outcome');
      const done = await s.updateTask(who('alphaAnalyst'), deployment.id, task.id, { outcome: 'successful' });
      assert.equal(done.outcome, 'successful');
      await s.addNote(who('alphaAnalyst'), deployment.id, { day: '2027-03-02', text: 'Triage of two plants', hours: 6 });
      await s.addNote(who('beta'), deployment.id, { day: '2027-03-02', text: 'Malware analysis', hours: 4.5 });
      await refused(s.addNote(who('beta'), deployment.id, { text: 'Too long a day', hours: 30 }), 'INVALID_INPUT', 'hours');
      await refused(s.addNote(who('alphaViewer'), deployment.id, { text: 'Viewers read', hours: 1 }), 'ACCESS_DENIED');
      await refused(s.addNote(who('outsider'), deployment.id, { text: 'Not ours', hours: 1 }), 'NOT_FOUND');
      await refused(s.addTask(who('alphaAnalyst'), deployment.id, { name: ' ' }), 'INVALID_INPUT', 'name');
      // The node's command line records work for an organisation of the deployment, no other.
      await refused(s.addNote(CLI, deployment.id, { text: 'Not ours', hours: 1 }, outsiderOrg), 'ACCESS_DENIED');
      const cli = await s.addNote(CLI, deployment.id, { day: '2027-03-03', text: 'Handover call', hours: 0.5 }, alphaOrg);
      assert.equal(cli.org.id, alphaOrg);
      await node.services.incidents.catchUp();
      const onIncident = await node.services.incidents.get(who('requester'), incidentId);
      assert.ok(
        onIncident.tasks.some((t) => t.id === task.id),
        "the team's task shows on the requester's incident",
      );
      const view = await s.get(who('requester'), deployment.id);
      assert.equal(view.hours, 11);
      assert.deepEqual(
        view.tasks.map((t) => [t.name, t.outcome]),
        [['Image the historian server', 'successful']],
      );
      assert.deepEqual(view.notes.map((n) => n.hours).sort(), [0.5, 4.5, 6]);
    });

    test('started, ended and reported, the deployment counts in its experts past deployments', async () => {
      const s = node.services.assistance;
      await refused(s.deployments.report(who('requester'), deployment.id, REPORT), 'CONFLICT', 'status');
      await refused(s.deployments.update(who('alpha'), deployment.id, { status: 'active' }), 'ACCESS_DENIED');
      assert.equal((await s.deployments.update(who('requester'), deployment.id, { status: 'active' })).status, 'active');
      await refused(s.deployments.update(who('requester'), deployment.id, { status: 'planned' }), 'INVALID_INPUT', 'status');
      const ended = await s.deployments.update(who('requester'), deployment.id, { status: 'ended' });
      assert.equal(ended.status, 'ended');
      assert.ok(ended.can.report);
      await refused(s.deployments.report(who('requester'), deployment.id, { ...REPORT, findings: '' }), 'INVALID_INPUT', 'findings');
      await refused(s.deployments.report(who('alpha'), deployment.id, REPORT), 'ACCESS_DENIED');
      const report = await s.deployments.report(who('requester'), deployment.id, REPORT);
      assert.equal(report.findings, REPORT.findings);
      await refused(s.deployments.report(who('requester'), deployment.id, REPORT), 'CONFLICT');
      const final = await s.deployments.get(who('alphaAnalyst'), deployment.id);
      assert.equal(final.afterAction?.id, report.id);
      // A later version (a corrected place) wakes the reactor again: nothing is released or counted twice.
      await s.deployments.update(who('requester'), deployment.id, { location: 'Tallinn' });
      for (const e of experts) assert.equal((await node.store.objects.versions(memberCardId(deployment.id, e.profileId))).length, 1);
      for (const [p, e] of [
        [who('alpha'), experts[0]],
        [who('beta'), experts[1]],
      ] as const) {
        const held = await s.roster.get(p, e?.id ?? '');
        assert.equal(held.pastDeployments, 1);
        const versions = await node.store.objects.versions(held.profileId);
        assert.equal(profileFields(JSON.parse(versions.at(-1)?.json ?? '{}') as JsonObject).pastDeployments, 1);
        assert.equal(versions.length, 2, 'one new version of the profile: the deployment counted once');
      }
      const profiles = await s.matching.profiles(who('requester'), {});
      assert.ok(profiles.filter((x) => experts.some((e) => e.profileId === x.id)).every((x) => x.pastDeployments === 1));
    });
  });
