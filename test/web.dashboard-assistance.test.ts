// Rapid response in the dashboard and the notification bell, their pure parts (issue 18, musts 5
// and 7): the panel lists exactly the requests still waiting for an answer, the most urgent first
// and, among equally urgent ones, the nearest deadline first; its banner is the strictest marking
// of what it loaded; a response-clock reminder opens its request's page, an incident's its
// incident's; every assistance object, as the services write it (build.ts), names the page it is
// worked on, and no other object does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BOARD_COLUMNS, REQUEST_STATUSES, type RequestSummary, type ResponseClock, URGENCIES } from '../src/domain/assistance/api.ts';
import {
  afterActionObject,
  decisionObject,
  deploymentObject,
  memberCardObject,
  offerObject,
  profileObject,
  requestObject,
  statusNoteObject,
  taskObject,
} from '../src/domain/assistance/build.ts';
import {
  buildAfterAction,
  buildProfile,
  buildRequestInput,
  COORDINATOR,
  DEPLOYMENT_ID,
  OFFER_ID,
  OFFERER,
  PROFILE_ID,
  REQUEST_ID,
  REQUESTER,
  stampOf,
} from '../src/domain/assistance/fixtures.ts';
import { clockReminderEvent } from '../src/domain/assistance/notify.ts';
import { notificationPath } from '../web/src/components/notification-path.ts';
import { bannerOfSummaries, needingAnswer, nextDeadline } from '../web/src/screens/dashboard/assistance-data.ts';
import { workingPageOf } from '../web/src/screens/object/working-page.ts';

const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }).map((t) => new Date(t).toISOString());

const clock = (name: ResponseClock['name']): fc.Arbitrary<ResponseClock> =>
  fc.record({
    name: fc.constant(name),
    dueAt: fc.option(instant, { nil: null }),
    metAt: fc.constant(null),
    status: fc.constantFrom('due', 'submitted-on-time', 'submitted-late', 'overdue', 'not-started' as const),
    text: fc.constant(''),
  });

const summary: fc.Arbitrary<RequestSummary> = fc.record({
  id: fc.uuid().map((u) => `x-concord-assistance-request--${u}`),
  title: fc.string(),
  requester: fc.constant({ id: 'identity--1', name: 'CIRCL' }),
  urgency: fc.constantFrom(...URGENCIES),
  status: fc.constantFrom(...REQUEST_STATUSES),
  column: fc.constantFrom(...BOARD_COLUMNS),
  skills: fc.constant(['cyber-incident-responder']),
  mode: fc.constant('remote' as const),
  window: fc.constant({ from: '2027-03-01T00:00:00.000Z', until: '2027-03-08T00:00:00.000Z' }),
  offerCount: fc.nat(5),
  created: instant,
  modified: instant,
  clocks: fc.tuple(clock('first-offer'), clock('team-ready'), clock('after-action')),
  exercise: fc.constant(null),
  marking: fc.option(
    fc.record({
      tlp: fc.constantFrom('clear', 'green', 'amber', 'amber+strict', 'red'),
      classifications: fc.constant([]),
      releasableTo: fc.constant([]),
      restricted: fc.constant(false),
    }),
    { nil: null },
  ),
});

test('the panel lists exactly the open requests, the most urgent first, then the nearest deadline', () => {
  fc.assert(
    fc.property(fc.array(summary, { maxLength: 30 }), (rows) => {
      const listed = needingAnswer(rows);
      const waiting = rows.filter((r) => r.status === 'open' && r.column === 'open');
      assert.deepEqual(new Set(listed.map((r) => r.id)), new Set(waiting.map((r) => r.id)));
      assert.equal(listed.length, waiting.length);
      for (let i = 1; i < listed.length; i++) {
        const a = listed[i - 1];
        const b = listed[i];
        if (a === undefined || b === undefined) continue;
        const [ua, ub] = [URGENCIES.indexOf(a.urgency), URGENCIES.indexOf(b.urgency)];
        assert.ok(ua >= ub, 'more urgent first');
        // A running deadline comes before none; among running ones the nearest first.
        if (ua === ub && nextDeadline(b) !== '') assert.ok(nextDeadline(a) !== '' && nextDeadline(a) <= nextDeadline(b));
      }
    }),
  );
});

test('a request waits on its running answer clocks only (the after-action report runs after a deployment)', () => {
  const base: ResponseClock = { name: 'first-offer', dueAt: '2027-01-02T00:00:00.000Z', metAt: null, status: 'due', text: '' };
  const clocks: ResponseClock[] = [
    { ...base, status: 'submitted-on-time', dueAt: '2027-01-01T00:00:00.000Z' },
    { ...base, name: 'team-ready', dueAt: '2027-01-03T00:00:00.000Z', status: 'overdue' },
    { ...base, name: 'after-action', dueAt: '2026-12-01T00:00:00.000Z' },
  ];
  const r = fc.sample(summary, 1)[0];
  assert.ok(r);
  assert.equal(nextDeadline({ ...r, clocks }), '2027-01-03T00:00:00.000Z');
  assert.equal(nextDeadline({ ...r, clocks: [] }), '');
});

test("the panel's banner is the strictest TLP of the requests it loaded", () => {
  fc.assert(
    fc.property(fc.array(summary, { maxLength: 10 }), (rows) => {
      const tlps = rows.flatMap((r) => (r.marking?.tlp ? [r.marking.tlp] : []));
      const banner = bannerOfSummaries(rows);
      if (tlps.length === 0) return assert.equal(banner?.tlp ?? null, null);
      const order = ['clear', 'green', 'amber', 'amber+strict', 'red'];
      const strictest = tlps.reduce((a, b) => (order.indexOf(a) >= order.indexOf(b) ? a : b));
      assert.equal(banner?.tlp, strictest);
    }),
  );
});

test("a response-clock reminder opens its request's page; an incident's notification its incident", () => {
  const reminder = clockReminderEvent(
    { clock: 'first-offer', kind: 'passed', at: '2027-01-02T00:00:00.000Z', dueAt: '2027-01-02T00:00:00.000Z' },
    REQUEST_ID,
    'Ransomware at the water utility',
  );
  assert.equal(notificationPath(reminder), `/assistance/requests/${encodeURIComponent(REQUEST_ID)}`);
  const incident = 'incident--0b6d3a5e-1f4c-4e0a-9a51-6f0f0a7d1c04';
  assert.equal(notificationPath({ incidentId: incident }), `/incidents/${encodeURIComponent(incident)}`);
});

test('an assistance object opened as an object names the page it is worked on', () => {
  const window = { from: '2027-03-01T00:00:00.000Z', until: '2027-03-08T00:00:00.000Z' };
  const toRequest = { page: 'request', id: REQUEST_ID };
  const toDeployment = { page: 'deployment', id: DEPLOYMENT_ID };
  const request = requestObject(
    { ...buildRequestInput(), status: 'open', coordinatorOrg: COORDINATOR },
    { ...stampOf('x'), id: REQUEST_ID },
  );
  const offer = offerObject(
    { requestId: REQUEST_ID, requesterOrg: REQUESTER, experts: [{ profileId: PROFILE_ID, covers: [], window }], status: 'offered' },
    stampOf('x-concord-assistance-offer', 2, OFFERER),
  );
  const decision = decisionObject(
    { requestId: REQUEST_ID, offerId: OFFER_ID, decision: 'accepted', profileIds: [PROFILE_ID] },
    stampOf('x-concord-assistance-decision'),
  );
  const deployment = deploymentObject(
    {
      requestId: REQUEST_ID,
      name: 'Team',
      status: 'active',
      window,
      mode: 'remote',
      members: [{ profileId: PROFILE_ID, orgId: OFFERER, offerId: OFFER_ID, covers: ['cyber-incident-responder'] }],
      startedAt: window.from,
    },
    { ...stampOf('x'), id: DEPLOYMENT_ID },
  );
  const card = memberCardObject(
    { deploymentId: DEPLOYMENT_ID, profileId: PROFILE_ID, name: 'Jana Novak' },
    stampOf('x-concord-deployment-member', 3, OFFERER),
  );
  const note = statusNoteObject({ deploymentId: DEPLOYMENT_ID, day: '2027-03-02', text: 'Imaged', hours: 6 }, stampOf('note'));
  const task = taskObject({ deploymentId: DEPLOYMENT_ID, name: 'Rotate keys' }, stampOf('task'));
  const report = afterActionObject(
    { ...buildAfterAction(), deploymentId: DEPLOYMENT_ID, requestId: REQUEST_ID, name: 'After action' },
    stampOf('report'),
  );
  const profile = profileObject(buildProfile(), stampOf('x-concord-expert-profile', 4, OFFERER));

  assert.deepEqual(workingPageOf(request, undefined), toRequest);
  assert.deepEqual(workingPageOf(offer, undefined), toRequest);
  assert.deepEqual(workingPageOf(decision, undefined), toRequest);
  for (const o of [deployment, card, note, task, report]) assert.deepEqual(workingPageOf(o, OFFERER), toDeployment, o.type);
  // An expert's profile: the roster of its own organisation; a partner's has no page of its own.
  assert.deepEqual(workingPageOf(profile, OFFERER), { page: 'roster' });
  assert.equal(workingPageOf(profile, REQUESTER), null);
  // A note, task or report without a deployment, and any other object, stay where they are.
  for (const type of ['note', 'task', 'report', 'indicator', 'incident'])
    assert.equal(workingPageOf({ id: `${type}--1`, type, object_refs: [DEPLOYMENT_ID] }, OFFERER), null, type);
});
