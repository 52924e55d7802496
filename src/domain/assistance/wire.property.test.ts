// Properties of rapid response's wire format (issue 18): for any well-formed request and expert
// profile, the builder's object validates and reads back to the same fields, so what one node
// writes every other node reads the same (DESIGN.md, Federation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validateObject } from '../stix/validate.ts';
import { withMarkings } from '../writing/compose.ts';
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPE,
  ECSF_PROFILES,
  MODES,
  type NewRequest,
  type Needs,
  OFFER_STATUSES,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_TYPE,
  URGENCIES,
  type Window,
} from './api.ts';
import { deploymentObject, offerObject, profileObject, requestObject } from './build.ts';
import { COORDINATOR, OFFER_ID, OFFERER, REQUEST_ID, REQUESTER, stampOf } from './fixtures.ts';
import { deploymentFields, offerFields, profileFields, requestFields } from './read.ts';

const skill = fc.oneof(
  fc.constantFrom(...ECSF_PROFILES.map((p) => p.id)),
  fc.stringMatching(/^[a-z0-9][a-z0-9 ._:/-]{0,20}$/).map((t) => `tag:${t}`),
);
const language = fc.stringMatching(/^[a-z]{2}$/);
const country = fc.stringMatching(/^[A-Z]{2}$/);
const text = fc.string({ minLength: 1, maxLength: 40 });
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') });
const window: fc.Arbitrary<Window> = fc
  .tuple(instant, fc.integer({ min: 1, max: 90 * 86_400_000 }))
  .map(([from, length]) => ({ from: new Date(from).toISOString(), until: new Date(from + length).toISOString() }));

/** Drops the optional keys the generator left undefined (a reader omits what is absent). */
function present<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const needs: fc.Arbitrary<Needs> = fc
  .record({
    skills: fc.uniqueArray(skill, { minLength: 1, maxLength: 8 }),
    languages: fc.uniqueArray(language, { maxLength: 4 }),
    mode: fc.constantFrom(...MODES),
    location: fc.option(text, { nil: undefined }),
    country: fc.option(country, { nil: undefined }),
    window,
    clearance: fc.option(fc.constant({ scheme: 'nato', level: 'NATO SECRET' }), { nil: undefined }),
    teamSize: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    utcOffsetMinutes: fc.option(fc.integer({ min: -720, max: 840 }), { nil: undefined }),
  })
  .map(present);

const identity = fc.uuid({ version: 4 }).map((u) => `identity--${u}`);
const audience: fc.Arbitrary<NewRequest['audience']> = fc.oneof(
  fc.constant({ kind: 'federation' as const }),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/).map((id) => ({ kind: 'community' as const, id })),
  fc.uniqueArray(identity, { minLength: 1, maxLength: 5 }).map((ids) => ({ kind: 'organizations' as const, ids })),
);

const request: fc.Arbitrary<NewRequest> = fc
  .record({
    title: text,
    description: text,
    affectedEntity: fc.option(text, { nil: undefined }),
    needs,
    urgency: fc.constantFrom(...URGENCIES),
    audience,
    firstOfferHours: fc.integer({ min: 1, max: 240 }),
    teamReadyHours: fc.integer({ min: 1, max: 240 }),
  })
  .map(present);

const valid = (o: Record<string, unknown>): boolean => {
  const result = validateObject(
    withMarkings({ type: String(o['type']), id: String(o['id']), ...o }, { tlp: 'green', distribution: 'federation' }),
  );
  return result.ok && result.issues.length === 0;
};

test('property: every well-formed request validates and reads back to what was asked', () => {
  fc.assert(
    fc.property(request, (r) => {
      const o = requestObject({ ...r, status: 'open', coordinatorOrg: COORDINATOR }, stampOf(REQUEST_TYPE));
      assert.ok(valid(o), JSON.stringify(validateObject(o).issues));
      const f = requestFields(o);
      assert.deepEqual(f.needs, r.needs);
      assert.deepEqual(f.audience, r.audience);
      assert.deepEqual(
        [f.title, f.description, f.affectedEntity, f.urgency],
        [r.title, r.description, r.affectedEntity ?? null, r.urgency],
      );
      assert.deepEqual([f.firstOfferHours, f.teamReadyHours], [r.firstOfferHours, r.teamReadyHours]);
    }),
    { numRuns: 200 },
  );
});

test('property: every profile validates, names no one, and reads back with its availability in time order', () => {
  const profile = fc.record({
    pseudonym: text,
    skills: fc.uniqueArray(skill, { minLength: 1, maxLength: 6 }),
    certifications: fc.uniqueArray(text, { maxLength: 3 }),
    languages: fc.uniqueArray(language, { maxLength: 3 }),
    clearances: fc.constant(null).map(() => [{ scheme: 'eu', level: 'SECRET UE/EU SECRET' }]),
    country,
    utcOffsetMinutes: fc.option(fc.integer({ min: -720, max: 840 }), { nil: null }),
    onSite: fc.boolean(),
    availability: fc.array(window, { maxLength: 5 }),
    pastDeployments: fc.nat(50),
  });
  fc.assert(
    fc.property(profile, (p) => {
      const o = profileObject(p, stampOf(PROFILE_TYPE, 1, OFFERER));
      assert.ok(valid(o), JSON.stringify(validateObject(o).issues));
      const sorted = [...p.availability].sort((a, b) => a.from.localeCompare(b.from) || a.until.localeCompare(b.until));
      assert.deepEqual(profileFields(o), { ...p, availability: sorted });
      assert.equal(o['created_by_ref'], OFFERER);
      assert.notEqual(o['created_by_ref'], REQUESTER);
    }),
    { numRuns: 200 },
  );
});

const profileId = fc.uuid({ version: 4 }).map((u) => `${PROFILE_TYPE}--${u}`);

test('property: every offer and the deployment made of it validate and read back', () => {
  const expert = fc.record({
    profileId,
    covers: fc.uniqueArray(skill, { maxLength: 4 }),
    window,
    note: fc.option(text, { nil: undefined }),
  });
  const offer = fc.record({
    experts: fc.uniqueArray(expert, { minLength: 1, maxLength: 5, selector: (e) => e.profileId }),
    message: fc.option(text, { nil: undefined }),
    status: fc.constantFrom(...OFFER_STATUSES),
  });
  fc.assert(
    fc.property(offer, identity, fc.constantFrom(...DEPLOYMENT_STATUSES), (o, org, status) => {
      const input = { requestId: REQUEST_ID, requesterOrg: REQUESTER, ...present(o), experts: o.experts.map(present) };
      const built = offerObject(input, stampOf(OFFER_TYPE, 2, org));
      assert.ok(valid(built), JSON.stringify(validateObject(built).issues));
      const read = offerFields(built);
      assert.deepEqual(
        read.experts,
        input.experts.map((e) => ({ ...e, note: e.note ?? null })),
      );
      assert.deepEqual([read.message, read.status], [o.message ?? null, o.status]);

      const first = o.experts[0]?.window ?? { from: '2027-01-01T00:00:00.000Z', until: '2027-01-02T00:00:00.000Z' };
      const members = o.experts.map((e) => ({ profileId: e.profileId, orgId: org, offerId: OFFER_ID, covers: e.covers }));
      const deployment = {
        requestId: REQUEST_ID,
        name: 'Team',
        status,
        window: first,
        mode: 'remote' as const,
        members,
        ...(status === 'planned' ? {} : { startedAt: first.from }),
        ...(status === 'ended' ? { endedAt: first.until } : {}),
      };
      const d = deploymentObject(deployment, stampOf(DEPLOYMENT_TYPE, 3));
      assert.ok(valid(d), JSON.stringify(validateObject(d).issues));
      assert.deepEqual(deploymentFields(d), { incidentId: null, location: null, startedAt: null, endedAt: null, ...deployment });
    }),
    { numRuns: 150 },
  );
});
