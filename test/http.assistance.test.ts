// Rapid response over HTTP (issue 18, musts 1 to 8): a CSIRT's coordinator asks its community for
// help; a partner's coordinator keeps a roster, sees the request on the board and live, and offers
// an expert (the requester sees a pseudonym, never the name); the requester reads the proposal,
// accepts, forms the deployment, and the team records its work and the after-action report. A
// request outside a reader's audience answers as a missing one, on every route; another
// organisation's roster is refused; bad input names the field and stores nothing; a read-only
// token writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  AfterActionView,
  DeploymentView,
  ExpertView,
  OfferView,
  ProfileView,
  Proposal,
  RequestView,
  StatusNoteView,
  TaskView,
} from '../src/domain/assistance/api.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type { BoardPage } from '../src/services/assistance.api.ts';
import { AFTER_ACTION } from './helpers/assistance-fixtures.ts';
import { expertInput, requestInput, SKILLS } from './helpers/assistance-inputs.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const MISSING_REQUEST = 'x-concord-assistance-request--00000000-0000-4000-8000-000000000000';

for (const engine of ENGINES)
  describe(`rapid response over HTTP on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    /** A: the CSIRT asking; B: a partner in its community; D: an organisation outside it. */
    let askerA: Person, analystA: Person, responderB: Person, analystB: Person, outsiderD: Person, viewerA: Person;
    let readOnlyA: { authorization: string };
    const community = { kind: 'community' as const, id: 'rapid-response' };

    before(async () => {
      node = await startNode({}, engine);
      await node.services.orgs.addCommunity(CLI, { id: community.id, name: 'Rapid response' });
      askerA = await buildPerson(node.services, { roles: ['coordinator'], communities: [community.id], country: 'FR' });
      analystA = await buildPerson(node.services, { org: askerA.org, roles: ['analyst'] });
      viewerA = await buildPerson(node.services, { org: askerA.org, roles: ['viewer'] });
      readOnlyA = (await buildPerson(node.services, { org: askerA.org, roles: ['coordinator'], scope: 'read' })).auth;
      responderB = await buildPerson(node.services, { roles: ['coordinator'], communities: [community.id], country: 'DE' });
      analystB = await buildPerson(node.services, { org: responderB.org, roles: ['analyst'] });
      outsiderD = await buildPerson(node.services, { roles: ['coordinator'], communities: [], country: 'NL' });
    });
    after(() => node.dispose());

    const call = (who: Person | { authorization: string }, method: Method, url: string, payload?: object) =>
      node.app.inject({ method, url: `/api/v1${url}`, headers: 'auth' in who ? who.auth : who, ...(payload ? { payload } : {}) });
    /** The answer of a call that must succeed with `status`. */
    async function ok<T>(who: Person, method: Method, url: string, payload?: object, status = method === 'POST' ? 201 : 200): Promise<T> {
      const res = await call(who, method, url, payload);
      assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      return res.json() as T;
    }
    /** A refusal's problem document, after checking its status. */
    async function refused(who: Person | { authorization: string }, method: Method, url: string, status: number, payload?: object) {
      const res = await call(who, method, url, payload);
      assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      return res.json() as { code: string; detail: string; field?: string; errors?: { path: string; params: Record<string, unknown> }[] };
    }
    /** Asserts that `url` (about `id`) answers `who` exactly as the same call on a missing id. */
    async function asIfMissing(who: Person, method: Method, url: string, id: string, missingId: string, payload?: object) {
      const hidden = await refused(who, method, url, 404, payload);
      const missing = await refused(who, method, url.replace(id, missingId), 404, payload);
      assert.equal(hidden.detail.replaceAll(id, missingId), missing.detail, `${method} ${url}: a hidden record reads as a missing one`);
    }

    let request: RequestView;
    let expert: ExpertView;
    let offer: OfferView;
    let deployment: DeploymentView;

    test('bad input names the field and stores nothing', async () => {
      const before = await ok<BoardPage>(askerA, 'GET', '/assistance/requests');
      const base = requestInput(community);
      // The schema: a window without its end.
      const noEnd = await refused(askerA, 'POST', '/assistance/requests', 400, {
        ...base,
        needs: { ...base.needs, window: { from: base.needs.window.from } },
      });
      assert.equal(noEnd.code, 'INVALID_INPUT');
      assert.match(noEnd.detail, /body\.needs\.window/);
      assert.equal(noEnd.errors?.[0]?.params['missingProperty'], 'until');
      // The domain: a window that ends before it starts, a skill neither ECSF nor a free tag.
      const backwards = { ...base.needs.window, until: '2027-02-01T00:00:00.000Z' };
      const reversed = await refused(askerA, 'POST', '/assistance/requests', 400, { ...base, needs: { ...base.needs, window: backwards } });
      assert.match(reversed.field ?? '', /^needs\.window/);
      const unknown = await refused(askerA, 'POST', '/assistance/requests', 400, {
        ...base,
        needs: { ...base.needs, skills: ['wizard'] },
      });
      assert.match(unknown.field ?? '', /^needs\.skills/);
      const expertWithoutCountry = await refused(responderB, 'POST', '/roster/experts', 400, { ...expertInput(), country: 'Germany' });
      assert.match(expertWithoutCountry.detail, /country/);
      const after = await ok<BoardPage>(askerA, 'GET', '/assistance/requests');
      assert.deepEqual(after.counts, before.counts);
      assert.deepEqual((await ok<{ experts: ExpertView[] }>(responderB, 'GET', '/roster/experts')).experts, []);
    });

    test('a read-only token and a viewer write nothing', async () => {
      await refused(readOnlyA, 'POST', '/assistance/requests', 403, requestInput(community));
      await refused(readOnlyA, 'POST', '/roster/experts', 403, expertInput());
      await refused(viewerA, 'POST', '/assistance/requests', 403, requestInput(community));
      await refused(viewerA, 'GET', '/roster/experts', 403);
      assert.equal((await ok<BoardPage>(askerA, 'GET', '/assistance/requests')).items.length, 0);
    });

    test('a coordinator keeps the roster: add, list, show, change, remove; another roster is refused', async () => {
      const input = expertInput();
      expert = await ok<ExpertView>(responderB, 'POST', '/roster/experts', input);
      assert.equal(expert.name, input.name);
      assert.equal(expert.orgId, responderB.org.id);
      assert.match(expert.profileId, /^x-concord-expert-profile--/);
      const listed = await ok<{ experts: ExpertView[] }>(analystB, 'GET', '/roster/experts');
      assert.deepEqual(
        listed.experts.map((e) => e.id),
        [expert.id],
      );
      assert.equal((await ok<ExpertView>(analystB, 'GET', `/roster/experts/${expert.id}`)).email, input.email);
      const changed = await ok<ExpertView>(responderB, 'PATCH', `/roster/experts/${expert.id}`, { certifications: ['GCFA'] });
      assert.deepEqual(changed.certifications, ['GCFA']);
      // Another organisation's roster: refused by name, and its experts are not found by id.
      await refused(askerA, 'GET', `/roster/experts?org=${responderB.org.id}`, 403);
      await refused(askerA, 'POST', `/roster/experts?org=${responderB.org.id}`, 403, expertInput());
      await refused(askerA, 'GET', `/roster/experts/${expert.id}`, 404);
      await refused(askerA, 'PATCH', `/roster/experts/${expert.id}`, 404, { onSite: false });
      // An expert removed is gone.
      const spare = await ok<ExpertView>(responderB, 'POST', '/roster/experts', expertInput());
      assert.equal((await call(responderB, 'DELETE', `/roster/experts/${spare.id}`)).statusCode, 204);
      await refused(responderB, 'GET', `/roster/experts/${spare.id}`, 404);
    });

    test('a CSIRT asks its community; the board, the page and the live stream show it to the audience only', async () => {
      const stream = (who: Person) => call(who, 'GET', '/assistance/requests/stream?wait=2');
      const streams = Promise.all([stream(responderB), stream(outsiderD)]);
      await new Promise((r) => setTimeout(r, 300));
      const input = requestInput(community);
      request = await ok<RequestView>(askerA, 'POST', '/assistance/requests', input);
      assert.match(request.id, /^x-concord-assistance-request--/);
      assert.equal(request.title, input.title);
      assert.equal(request.requester.id, askerA.org.id);
      assert.equal(request.column, 'open');
      assert.deepEqual(request.needs.skills, SKILLS);
      assert.deepEqual(
        request.clocks.map((c) => c.name),
        ['first-offer', 'team-ready', 'after-action'],
      );
      const [partner, outsider] = await streams;
      assert.match(String(partner?.body), /event: ready/);
      assert.match(String(partner?.body), new RegExp(`event: changed\\ndata: .*${request.id}`));
      assert.doesNotMatch(String(outsider?.body), new RegExp(request.id));

      const board = await ok<BoardPage>(responderB, 'GET', '/assistance/requests?column=open');
      assert.ok(board.items.some((r) => r.id === request.id));
      assert.ok(board.counts.open >= 1);
      const seen = await ok<RequestView>(responderB, 'GET', `/assistance/requests/${request.id}`);
      assert.equal(seen.can.offer, true);
      assert.equal(seen.can.update, false);
      assert.ok(!(await ok<BoardPage>(outsiderD, 'GET', '/assistance/requests')).items.some((r) => r.id === request.id));
    });

    test('outside the audience, the request is missing on every route', async () => {
      const id = request.id;
      await asIfMissing(outsiderD, 'GET', `/assistance/requests/${id}`, id, MISSING_REQUEST);
      await asIfMissing(outsiderD, 'PATCH', `/assistance/requests/${id}`, id, MISSING_REQUEST, { title: 'Taken over' });
      await asIfMissing(outsiderD, 'GET', `/assistance/requests/${id}/proposal`, id, MISSING_REQUEST);
      const own = await ok<ExpertView>(outsiderD, 'POST', '/roster/experts', expertInput());
      await asIfMissing(outsiderD, 'POST', `/assistance/requests/${id}/offers`, id, MISSING_REQUEST, { experts: [{ expertId: own.id }] });
      await asIfMissing(outsiderD, 'POST', `/assistance/requests/${id}/deployments`, id, MISSING_REQUEST, {});
    });

    test("partners' profiles and the proposal show a pseudonym, never the name", async () => {
      const { profiles } = await ok<{ profiles: ProfileView[] }>(askerA, 'GET', `/assistance/profiles?org=${responderB.org.id}`);
      const profile = profiles.find((p) => p.id === expert.profileId);
      assert.ok(profile, 'the partner expert is listed by its profile');
      assert.equal(profile.pseudonym, expert.pseudonym);
      const proposal = await call(askerA, 'GET', `/assistance/requests/${request.id}/proposal`);
      assert.equal(proposal.statusCode, 200, proposal.body);
      const p = proposal.json() as Proposal;
      assert.ok(p.team.some((m) => m.profileId === expert.profileId));
      assert.deepEqual(p.uncovered, []);
      for (const body of [JSON.stringify(profiles), proposal.body]) {
        assert.ok(!body.includes(expert.name) && !body.includes(expert.email ?? '@'), 'no personal detail reaches a partner');
      }
    });

    test('the partner offers its expert; the requester accepts and forms the team', async () => {
      await refused(analystB, 'POST', `/assistance/requests/${request.id}/offers`, 403, { experts: [{ expertId: expert.id }] });
      offer = await ok<OfferView>(responderB, 'POST', `/assistance/requests/${request.id}/offers`, {
        experts: [{ expertId: expert.id, note: 'Speaks French' }],
        message: 'Available at once',
      });
      assert.equal(offer.org.id, responderB.org.id);
      assert.deepEqual(
        offer.experts.map((e) => e.profileId),
        [expert.profileId],
      );
      assert.ok(!JSON.stringify(offer).includes(expert.name));
      const page = await ok<RequestView>(askerA, 'GET', `/assistance/requests/${request.id}`);
      assert.deepEqual(
        page.offers.map((o) => o.id),
        [offer.id],
      );
      assert.equal(page.can.decide, true);
      await asIfMissing(
        outsiderD,
        'POST',
        `/assistance/offers/${offer.id}/decision`,
        offer.id,
        'x-concord-assistance-offer--00000000-0000-4000-8000-000000000000',
        {
          decision: 'accepted',
        },
      );
      const decided = await ok<OfferView>(askerA, 'POST', `/assistance/offers/${offer.id}/decision`, { decision: 'accepted' }, 200);
      assert.equal(decided.decision?.decision, 'accepted');
      assert.equal((await ok<RequestView>(askerA, 'GET', `/assistance/requests/${request.id}`)).column, 'matched');

      deployment = await ok<DeploymentView>(askerA, 'POST', `/assistance/requests/${request.id}/deployments`, {
        name: 'Water utility team',
      });
      assert.equal(deployment.status, 'planned');
      assert.deepEqual(
        deployment.members.map((m) => m.profileId),
        [expert.profileId],
      );
    });

    test('the team works: start, notes, tasks, end, after-action report; outsiders see none of it', async () => {
      const url = `/assistance/deployments/${deployment.id}`;
      await asIfMissing(outsiderD, 'GET', url, deployment.id, 'x-concord-deployment--00000000-0000-4000-8000-000000000000');
      await refused(analystB, 'PATCH', url, 403, { status: 'active' });
      assert.equal((await ok<DeploymentView>(askerA, 'PATCH', url, { status: 'active' })).status, 'active');
      const note = await ok<StatusNoteView>(analystB, 'POST', `${url}/notes`, { text: 'Imaged two controllers', hours: 6 });
      assert.equal(note.org.id, responderB.org.id);
      assert.equal(note.hours, 6);
      const bad = await refused(analystB, 'POST', `${url}/notes`, 400, { text: 'Too long a day', hours: -1 });
      assert.match(bad.detail, /hours/);
      const task = await ok<TaskView>(analystA, 'POST', `${url}/tasks`, { name: 'Rotate the VPN credentials' });
      const due = '2027-03-05T00:00:00.000Z';
      assert.equal((await ok<TaskView>(analystA, 'PATCH', `${url}/tasks/${task.id}`, { due, outcome: 'ongoing' })).outcome, 'ongoing');
      // A task is its organisation's: a partner member may not change it.
      await refused(analystB, 'PATCH', `${url}/tasks/${task.id}`, 403, { due });
      const ended = await ok<DeploymentView>(askerA, 'PATCH', url, { status: 'ended' });
      assert.equal(ended.status, 'ended');
      await refused(analystA, 'POST', `${url}/after-action`, 403, AFTER_ACTION);
      const report = await ok<AfterActionView>(askerA, 'POST', `${url}/after-action`, AFTER_ACTION);
      assert.deepEqual(report.missingSkills, AFTER_ACTION.missingSkills);
      // The partner, a member, reads the whole picture: its expert's name, the work, the report.
      const seen = await ok<DeploymentView>(analystB, 'GET', url);
      assert.equal(seen.hours, 6);
      assert.deepEqual(
        seen.tasks.map((t) => t.id),
        [task.id],
      );
      assert.equal(seen.afterAction?.id, report.id);
    });

    test('a withdrawn request takes no decision, naming why; nothing changes', async () => {
      const asked = await ok<RequestView>(askerA, 'POST', '/assistance/requests', requestInput(community));
      const other = await ok<ExpertView>(responderB, 'POST', '/roster/experts', expertInput());
      const o = await ok<OfferView>(responderB, 'POST', `/assistance/requests/${asked.id}/offers`, { experts: [{ expertId: other.id }] });
      const withdrawn = await ok<RequestView>(askerA, 'PATCH', `/assistance/requests/${asked.id}`, { status: 'withdrawn' });
      assert.equal(withdrawn.status, 'withdrawn');
      const res = await call(askerA, 'POST', `/assistance/offers/${o.id}/decision`, { decision: 'accepted' });
      assert.ok(res.statusCode === 400 || res.statusCode === 409, res.body);
      assert.match(res.body, /withdrawn/);
      const page = await ok<RequestView>(askerA, 'GET', `/assistance/requests/${asked.id}`);
      assert.equal(page.offers[0]?.decision, null);
    });

    test('the requester changes the request; the partner withdraws its offer; "mine" is what one asked or offered on', async () => {
      const asked = await ok<RequestView>(askerA, 'POST', '/assistance/requests', requestInput(community));
      const renamed = await ok<RequestView>(askerA, 'PATCH', `/assistance/requests/${asked.id}`, {
        title: 'Ransomware, two plants',
        urgency: 'critical',
      });
      assert.equal(renamed.title, 'Ransomware, two plants');
      assert.equal(renamed.urgency, 'critical');
      await refused(responderB, 'PATCH', `/assistance/requests/${asked.id}`, 403, { title: 'Not theirs' });
      const spare = await ok<ExpertView>(responderB, 'POST', '/roster/experts', expertInput());
      const o = await ok<OfferView>(responderB, 'POST', `/assistance/requests/${asked.id}/offers`, { experts: [{ expertId: spare.id }] });
      await refused(askerA, 'POST', `/assistance/offers/${o.id}/withdraw`, 403);
      const withdrawn = await ok<OfferView>(responderB, 'POST', `/assistance/offers/${o.id}/withdraw`, undefined, 200);
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal((await ok<RequestView>(askerA, 'GET', `/assistance/requests/${asked.id}`)).offers[0]?.status, 'withdrawn');
      const mine = async (who: Person) => (await ok<BoardPage>(who, 'GET', '/assistance/requests?mine=true')).items.map((r) => r.id);
      assert.ok((await mine(askerA)).includes(asked.id));
      assert.ok((await mine(responderB)).includes(asked.id));
      assert.deepEqual(await mine(outsiderD), []);
    });

    test('the OpenAPI document lists every route with its body and answer', async () => {
      const doc = (await node.api({ method: 'GET', url: '/api/docs' })).json() as {
        paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; responses?: Record<string, unknown> }>>;
      };
      const expected: [string, string][] = [
        ['get', '/api/v1/assistance/requests'],
        ['post', '/api/v1/assistance/requests'],
        ['get', '/api/v1/assistance/requests/stream'],
        ['get', '/api/v1/assistance/requests/{id}'],
        ['patch', '/api/v1/assistance/requests/{id}'],
        ['get', '/api/v1/assistance/requests/{id}/proposal'],
        ['post', '/api/v1/assistance/requests/{id}/offers'],
        ['post', '/api/v1/assistance/offers/{id}/withdraw'],
        ['post', '/api/v1/assistance/offers/{id}/decision'],
        ['get', '/api/v1/assistance/profiles'],
        ['post', '/api/v1/assistance/requests/{id}/deployments'],
        ['get', '/api/v1/assistance/deployments/{id}'],
        ['patch', '/api/v1/assistance/deployments/{id}'],
        ['post', '/api/v1/assistance/deployments/{id}/notes'],
        ['post', '/api/v1/assistance/deployments/{id}/tasks'],
        ['patch', '/api/v1/assistance/deployments/{id}/tasks/{taskId}'],
        ['post', '/api/v1/assistance/deployments/{id}/after-action'],
        ['get', '/api/v1/roster/experts'],
        ['post', '/api/v1/roster/experts'],
        ['get', '/api/v1/roster/experts/{id}'],
        ['patch', '/api/v1/roster/experts/{id}'],
        ['delete', '/api/v1/roster/experts/{id}'],
      ];
      for (const [method, path] of expected) {
        const op = doc.paths[path]?.[method];
        assert.ok(op?.summary, `${method.toUpperCase()} ${path} is documented`);
        if (method === 'post' || method === 'patch') {
          if (!path.endsWith('/withdraw')) assert.ok(op.requestBody, `${method.toUpperCase()} ${path} documents its body`);
        }
      }
      const asked = doc.paths['/api/v1/assistance/requests']?.['post']?.responses?.['201'];
      assert.match(JSON.stringify(asked), /coordinator/, 'the answer of a new request is documented');
    });
  });
