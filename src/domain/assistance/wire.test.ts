// Rapid response's wire format (issue 18, NOTES.md): every builder's object validates with the
// project's validator, reads back to the fields it was built from, and projects to its row; the
// validator refuses what the definitions forbid, naming the property.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withMarkings } from '../writing/compose.ts';
import { validateObject } from '../stix/validate.ts';
import type { StixObject } from '../stix/types.ts';
import { classificationMarking } from '../markings/concord-markings.ts';
import { EU_SCHEME } from '../markings/classification.ts';
import {
  CONCORD_REQUEST_EXTENSION_ID,
  DECISION_TYPE,
  DEPLOYMENT_TYPE,
  MEMBER_CARD_TYPE,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_TYPE,
} from './api.ts';
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
} from './build.ts';
import {
  afterActionFields,
  assistanceRow,
  decisionFields,
  deploymentFields,
  memberCardFields,
  offerFields,
  profileFields,
  requestFields,
  statusNoteFields,
  taskFields,
} from './read.ts';
import {
  buildAfterAction,
  buildProfile,
  buildRequestInput,
  COORDINATOR,
  DEPLOYMENT_ID,
  INCIDENT,
  OFFER_ID,
  OFFERER,
  PROFILE_ID,
  PROFILE_ID_2,
  REQUEST_ID,
  REQUESTER,
  stampOf,
} from './fixtures.ts';

/** The object as a service stores it: with TLP and a distribution (Concord's object extension). */
const marked = (o: StixObject): StixObject => withMarkings(o, { tlp: 'amber', distribution: 'federation' });

/** Valid, and with no warning but the one an after-action report's own report type earns
 *  (report-type-ov is open, STIX 2.1 §10.22: another value is a warning, not an error). */
function assertValid(o: StixObject): void {
  const result = validateObject(marked(o));
  const warned = o.type === 'report' ? ['$.report_types[0]'] : [];
  assert.deepEqual(
    result.issues.map((i) => i.path),
    warned,
    `${o.type} has issues: ${JSON.stringify(result.issues)}`,
  );
  assert.equal(result.ok, true);
}

/** The error paths of an object the validator refuses. */
function errorPaths(o: StixObject): string[] {
  const result = validateObject(o);
  assert.equal(result.ok, false, `${o.type} should be refused`);
  return result.issues.filter((i) => i.severity === 'error').map((i) => i.path);
}

const request = () => requestObject({ ...buildRequestInput(), status: 'open', coordinatorOrg: COORDINATOR }, stampOf(REQUEST_TYPE));
const forensic = {
  profileId: PROFILE_ID,
  covers: ['digital-forensics-investigator'],
  window: { from: '2026-12-02T08:00:00.000Z', until: '2026-12-09T18:00:00.000Z' },
  note: 'Brings her own kit',
};
const offerInput = {
  requestId: REQUEST_ID,
  requesterOrg: REQUESTER,
  experts: [
    forensic,
    { profileId: PROFILE_ID_2, covers: [], window: { from: '2026-12-03T08:00:00.000Z', until: '2026-12-09T18:00:00.000Z' } },
  ],
  message: 'Two experts from CERT-SI',
  status: 'offered' as const,
};
const deploymentInput = {
  requestId: REQUEST_ID,
  incidentId: INCIDENT,
  name: 'Lille ransomware team',
  status: 'active' as const,
  window: { from: '2026-12-02T08:00:00.000Z', until: '2026-12-09T18:00:00.000Z' },
  mode: 'on-site' as const,
  location: 'Lille',
  members: [{ profileId: PROFILE_ID, orgId: OFFERER, offerId: OFFER_ID, covers: ['digital-forensics-investigator'] }],
  startedAt: '2026-12-02T08:30:00.000Z',
};

test('a request validates as its new SDO and reads back to what was asked (must 1)', () => {
  const o = request();
  assertValid(o);
  assert.deepEqual(o['extensions'], { [CONCORD_REQUEST_EXTENSION_ID]: { extension_type: 'new-sdo' } });
  const input = buildRequestInput();
  const f = requestFields(o);
  assert.deepEqual(f.needs, input.needs);
  assert.deepEqual(f.audience, input.audience);
  assert.equal(f.title, input.title);
  assert.equal(f.incidentId, INCIDENT);
  assert.equal(f.coordinatorOrg, COORDINATOR);
  assert.equal(f.urgency, 'critical');
  assert.equal(f.status, 'open');
  assert.deepEqual([f.firstOfferHours, f.teamReadyHours], [12, 48]);
  assert.equal(f.classification, null, 'no classification marking applied yet');
});

test('a request without targets gets 24 h to a first offer and 72 h to a team (must 5), and reads its classification marking', () => {
  const input = buildRequestInput({ audience: { kind: 'federation' }, needs: { ...buildRequestInput().needs, languages: [] } });
  delete input.firstOfferHours;
  delete input.teamReadyHours;
  const o = requestObject({ ...input, status: 'open', coordinatorOrg: REQUESTER }, stampOf(REQUEST_TYPE));
  assertValid(o);
  assert.equal(o['languages'], undefined, 'an empty list is omitted (STIX 2.1 §2.12)');
  const level = 'RESTREINT UE/EU RESTRICTED';
  const withLevel = { ...o, object_marking_refs: [classificationMarking(EU_SCHEME, level).id] };
  const f = requestFields(withLevel);
  assert.deepEqual([f.firstOfferHours, f.teamReadyHours, f.needs.languages], [24, 72, []]);
  assert.deepEqual(f.classification, { scheme: 'eu', level });
  const row = assistanceRow(o, 'drill-7');
  assert.equal(row?.kind, 'request');
  if (row?.kind !== 'request') return;
  assert.equal(row.record.firstOfferDue, '2026-12-02T09:00:00.000Z');
  assert.equal(row.record.teamReadyDue, '2026-12-04T09:00:00.000Z');
  assert.equal(row.record.orgId, REQUESTER);
  assert.equal(row.record.exercise, 'drill-7');
});

test('offers, decisions and deployments validate and read back (must 4)', () => {
  const offer = offerObject(offerInput, stampOf(OFFER_TYPE, 2, OFFERER));
  assertValid(offer);
  assert.deepEqual(offerFields(offer), {
    ...offerInput,
    experts: offerInput.experts.map((e) => ({ note: null, ...e })),
  });
  const offerRow = assistanceRow(offer, null);
  assert.deepEqual(offerRow?.kind === 'offer' && [offerRow.record.orgId, offerRow.record.profileIds], [
    OFFERER,
    [PROFILE_ID, PROFILE_ID_2],
  ]);

  const decision = {
    requestId: REQUEST_ID,
    offerId: OFFER_ID,
    decision: 'accepted' as const,
    profileIds: [PROFILE_ID],
    reason: 'Forensics covered',
  };
  const d = decisionObject(decision, stampOf(DECISION_TYPE, 3));
  assertValid(d);
  assert.deepEqual(decisionFields(d), decision);
  const declined = decisionObject(
    { requestId: REQUEST_ID, offerId: OFFER_ID, decision: 'declined', profileIds: [] },
    stampOf(DECISION_TYPE, 4),
  );
  assertValid(declined);
  assert.deepEqual(decisionFields(declined).profileIds, []);

  const dep = deploymentObject(deploymentInput, stampOf(DEPLOYMENT_TYPE, 5));
  assertValid(dep);
  assert.deepEqual(deploymentFields(dep), { ...deploymentInput, endedAt: null });
  const row = assistanceRow(dep, null);
  assert.equal(row?.kind, 'deployment');
  if (row?.kind !== 'deployment') return;
  assert.deepEqual(row.record.memberOrgs, [REQUESTER, OFFERER].sort(), "the members' organisations and the requester's");
  assert.deepEqual(row.record.profileIds, [PROFILE_ID]);
  assert.equal(row.record.startedAt, '2026-12-02T08:30:00.000Z');
});

test('profiles carry no name and validate; member cards are the only objects that name an expert (must 2)', () => {
  const p = buildProfile();
  const o = profileObject({ ...p, availability: [...p.availability].reverse() }, stampOf(PROFILE_TYPE, 6, OFFERER));
  assertValid(o);
  assert.deepEqual(profileFields(o), p, 'availability comes back in time order');
  assert.equal(JSON.stringify(o).includes('Ana'), false);
  const row = assistanceRow(o, null);
  assert.deepEqual(row?.kind === 'profile' && [row.record.orgId, row.record.pseudonym], [OFFERER, 'Kestrel-7']);

  const card = { deploymentId: DEPLOYMENT_ID, profileId: PROFILE_ID, name: 'Ana Novak', email: 'ana.novak@cert.example' };
  const c = memberCardObject(card, stampOf(MEMBER_CARD_TYPE, 7, OFFERER));
  assertValid(c);
  assert.deepEqual(memberCardFields(c), { ...card, phone: null });
  const cardRow = assistanceRow(c, null);
  assert.deepEqual(cardRow?.kind === 'work' && [cardRow.record.kind, cardRow.record.deploymentId, cardRow.record.profileId], [
    'member-card',
    DEPLOYMENT_ID,
    PROFILE_ID,
  ]);
});

test("a deployment's status notes, tasks and after-action report validate and project as its work (musts 4 and 6)", () => {
  const note = statusNoteObject(
    { deploymentId: DEPLOYMENT_ID, day: '2026-12-03', text: 'Imaged 14 hosts.', hours: 9.5 },
    stampOf('note', 8, OFFERER),
  );
  assertValid(note);
  assert.deepEqual(statusNoteFields(note), { deploymentId: DEPLOYMENT_ID, day: '2026-12-03', text: 'Imaged 14 hosts.', hours: 9.5 });
  const noteRow = assistanceRow(note, null);
  assert.deepEqual(noteRow?.kind === 'work' && [noteRow.record.kind, noteRow.record.hours, noteRow.record.orgId], [
    'status-note',
    9.5,
    OFFERER,
  ]);

  const task = {
    deploymentId: DEPLOYMENT_ID,
    incidentId: INCIDENT,
    name: 'Image the DCs',
    description: 'All three',
    outcome: 'pending',
    assignee: 'ana',
    due: '2026-12-04T18:00:00.000Z',
  };
  const t = taskObject(task, stampOf('task', 9));
  assertValid(t);
  assert.deepEqual(taskFields(t), task);
  const bare = taskObject({ deploymentId: DEPLOYMENT_ID, name: 'Write up' }, stampOf('task', 10));
  assertValid(bare);
  assert.deepEqual(taskFields(bare), {
    deploymentId: DEPLOYMENT_ID,
    incidentId: null,
    name: 'Write up',
    description: null,
    outcome: 'pending',
    assignee: null,
    due: null,
  });
  assert.equal(assistanceRow(t, null)?.kind, 'work');

  const aa = { ...buildAfterAction(), deploymentId: DEPLOYMENT_ID, requestId: REQUEST_ID, name: 'After action: Lille' };
  const r = afterActionObject(aa, stampOf('report', 11));
  assertValid(r);
  assert.deepEqual(afterActionFields(r), aa);
  assert.deepEqual(r['report_types'], ['after-action-report']);
  assert.deepEqual(r['object_refs'], [DEPLOYMENT_ID, REQUEST_ID]);
  const none = afterActionObject({ ...aa, missingSkills: [] }, stampOf('report', 12));
  assertValid(none);
  assert.deepEqual(afterActionFields(none)?.missingSkills, []);
  const row = assistanceRow(r, null);
  assert.deepEqual(row?.kind === 'work' && [row.record.kind, row.record.deploymentId], ['after-action', DEPLOYMENT_ID]);
});

test('objects that are not rapid response project to no row', () => {
  const note = {
    type: 'note',
    spec_version: '2.1',
    id: 'note--7d1e0f7a-4b8c-4d2e-9f00-000000000099',
    content: 'x',
    object_refs: [INCIDENT],
  };
  assert.equal(assistanceRow(note, null), null);
  assert.equal(assistanceRow({ type: 'task', id: 'task--7d1e0f7a-4b8c-4d2e-9f00-000000000098', outcome: 'pending' }, null), null);
  assert.equal(assistanceRow({ type: 'report', id: 'report--7d1e0f7a-4b8c-4d2e-9f00-000000000097' }, null), null);
  assert.equal(assistanceRow({ type: 'indicator', id: 'indicator--7d1e0f7a-4b8c-4d2e-9f00-000000000096' }, null), null);
});

test("the validator refuses a window that ends before it starts and a skill outside the framework, naming the property (issue 18's bad input)", () => {
  const o = request();
  assert.deepEqual(errorPaths({ ...o, needed_until: '2026-12-01T00:00:00.000Z' }), ['$.needed_until']);
  assert.deepEqual(errorPaths({ ...o, skills: ['cyber-incident-responder', 'wizardry'] }), ['$.skills[1]']);
  assert.deepEqual(errorPaths({ ...o, languages: ['EN'] }), ['$.languages[0]']);
  assert.deepEqual(errorPaths({ ...o, country: 'fr' }), ['$.country']);
  const { [CONCORD_REQUEST_EXTENSION_ID]: _declared, ...others } = marked(o)['extensions'] as Record<string, StixObject[string]>;
  assert.deepEqual(errorPaths({ ...marked(o), extensions: others }), ['$.extensions'], 'a new SDO declares its extension (§7.3.2.2)');
  assert.deepEqual(errorPaths({ ...o, audience_kind: 'community' }), ['$.audience_refs', '$.audience_community']);
  const { clearance_level: _, ...noLevel } = o;
  assert.deepEqual(errorPaths(noLevel), ['$.clearance_scheme']);
});

test('the validator refuses reversed availability, unordered windows, more than 24 hours a day and a started plan', () => {
  const p = profileObject(buildProfile(), stampOf(PROFILE_TYPE));
  const windows = p['availability'] as StixObject['availability'][];
  assert.deepEqual(errorPaths({ ...p, availability: [windows[1] ?? null, windows[0] ?? null] }), ['$.availability[1]']);
  assert.deepEqual(errorPaths({ ...p, availability: [{ from: '2026-12-05T00:00:00.000Z', until: '2026-12-04T00:00:00.000Z' }] }), [
    '$.availability[0].until',
  ]);
  const note = statusNoteObject({ deploymentId: DEPLOYMENT_ID, day: '2026-12-03', text: 'x', hours: 25 }, stampOf('note'));
  assert.deepEqual(errorPaths(note), [`$.extensions['extension-definition--7117fa3b-87d7-53cf-b1f8-310f3e66d2a5'].hours`]);
  const offer = offerObject(
    {
      ...offerInput,
      experts: [{ ...forensic, window: { from: '2026-12-09T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z' } }],
    },
    stampOf(OFFER_TYPE),
  );
  assert.deepEqual(errorPaths(offer), ['$.experts[0].available_until']);
  const planned = deploymentObject({ ...deploymentInput, status: 'planned' }, stampOf(DEPLOYMENT_TYPE));
  assert.deepEqual(errorPaths(planned), ['$.started_at']);
  const wrongRef = offerObject({ ...offerInput, requestId: INCIDENT }, stampOf(OFFER_TYPE));
  assert.deepEqual(errorPaths(wrongRef), ['$.request_ref']);
});
