// The reactor (issue 18, musts 2 and 6) on its own, over the narrow repositories it reads: it
// releases each local expert's member card once, counts a reported deployment once, and the first
// projection a process sees makes it look at every deployment naming this node's experts, so a
// release a stopped process left undone is done after a restart (DESIGN.md principle 3).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentRecord, ExpertRecord, WorkRecord } from '../src/domain/assistance/types.ts';
import type { AccessLabel } from '../src/domain/access/types.ts';
import { buildProfile } from '../src/domain/assistance/fixtures.ts';
import { memberCardFields } from '../src/domain/assistance/read.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { AssistanceReactor, memberCardId } from '../src/services/assistance-reactor.ts';

const ORG = 'identity--8f1d2f5e-6a0e-4c39-9b40-4f1f3c1d2a10';
const REQUESTER = 'identity--2b7c1a3d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const PROFILE = 'x-concord-expert-profile--3f0e9a44-5b1c-5d2e-8f3a-4b5c6d7e8f90';
const AT = '2027-03-01T00:00:00.000Z';

/** A local expert: the published facts of objects' fixture, with the person and the row's ids. */
const { pastDeployments: _past, ...facts } = buildProfile({ pseudonym: 'Expert 3F0E9A44' });
const expert: ExpertRecord = {
  ...facts,
  id: 'e1',
  orgId: ORG,
  profileId: PROFILE,
  name: 'Ada Responder',
  email: 'ada@cert.example.org',
  phone: null,
  published: true,
  deploymentIds: [],
  created: AT,
  modified: AT,
};

const deployment: DeploymentRecord = {
  id: 'x-concord-deployment--6c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  requestId: 'x-concord-assistance-request--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  orgId: REQUESTER,
  name: 'Water utility response',
  status: 'ended',
  window: { from: AT, until: '2027-03-08T00:00:00.000Z' },
  profileIds: [PROFILE],
  memberOrgs: [ORG, REQUESTER],
  startedAt: AT,
  endedAt: '2027-03-08T00:00:00.000Z',
  created: AT,
  modified: AT,
};
const label: AccessLabel = { ownerOrg: REQUESTER, tlp: 'amber', distribution: { kind: 'sharing-group', id: 'g-team' } };

/** A node holding the deployment, its report (when `reported`) and one local expert. */
function world(reported: boolean) {
  const stored = new Map<string, StixObject>();
  const writes: { object: StixObject; orgId: string; distribution: unknown }[] = [];
  let row = { ...expert };
  const published: ExpertRecord[] = [];
  const work: WorkRecord[] = reported
    ? [
        {
          id: 'report--x',
          deploymentId: deployment.id,
          kind: 'after-action',
          orgId: REQUESTER,
          hours: 0,
          profileId: null,
          created: AT,
          modified: AT,
        },
      ]
    : [];
  const reactor = new AssistanceReactor({
    assistance: {
      deployment: async (id) => (id === deployment.id ? { record: deployment, label } : undefined),
      workOf: async () => work.map((record) => ({ record, label })),
      deploymentsWith: async (ids) => (ids.includes(PROFILE) ? [{ record: deployment, label }] : []),
    },
    roster: {
      byProfiles: async (ids) => (ids.includes(row.profileId) ? [row] : []),
      list: async (org) => (org === ORG ? [row] : []),
      update: async (_org, next) => {
        row = next;
        return true;
      },
    },
    localOrgs: async () => [ORG],
    objects: {
      get: async (id) =>
        stored.has(id) ? { seq: 1, id, type: 'x', version: AT, addedAt: AT, json: JSON.stringify(stored.get(id)) } : undefined,
    },
    write: {
      storeAll: async (_p, items, owner) => {
        for (const { object } of items) {
          stored.set(object.id, object);
          writes.push({ object, orgId: owner.orgId, distribution: owner.distribution });
        }
        return [];
      },
    },
    profiles: { publish: async (_p, e) => void published.push(e) },
    log: (err) => assert.fail(String(err)),
  });
  return { reactor, writes, published, row: () => row };
}

describe('the assistance reactor', () => {
  test('the first projection after a start releases the card a stopped process left undone, once', async () => {
    const w = world(false);
    w.reactor.projected([]);
    await w.reactor.idle();
    assert.equal(w.writes.length, 1);
    const [card] = w.writes;
    assert.equal(card?.object.id, memberCardId(deployment.id, PROFILE));
    assert.equal(card?.orgId, ORG, "written by the expert's organisation");
    assert.deepEqual(card?.distribution, label.distribution, "to the deployment's group");
    assert.equal(memberCardFields(card?.object ?? { type: 'x', id: 'x' }).name, expert.name);
    w.reactor.projected([{ kind: 'deployment', record: deployment }]);
    await w.reactor.react([deployment.id]);
    assert.equal(w.writes.length, 1, 'released once');
  });

  test('a reported deployment counts once in the past deployments, and the profile says so', async () => {
    const w = world(true);
    await w.reactor.react([deployment.id]);
    await w.reactor.react([deployment.id]);
    assert.deepEqual(w.row().deploymentIds, [deployment.id]);
    assert.equal(w.published.length, 1);
    assert.deepEqual(w.published[0]?.deploymentIds, [deployment.id]);
  });
});
