// The store contract for rapid response (issue 18, must 9), on every engine: the assistance
// projection (AssistanceRepo: requests, offers, decisions, deployments, profiles and deployment
// work, each read with the access label of the version it was projected from; the board's
// keyset; matching's profile filters; the projector's cursor and changes) and each
// organisation's roster (RosterRepo), which another organisation never reads.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type {
  AssistanceRow,
  DecisionRecord,
  DeploymentRecord,
  ExpertRecord,
  OfferRecord,
  ProfileRecord,
  RequestRecord,
  WorkRecord,
} from '../src/domain/assistance/types.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { type ContractContext, contractSuite } from './helpers/store-contract.ts';

const ORG_A = 'identity--00000000-0000-4000-8000-00000000000a';
const ORG_B = 'identity--00000000-0000-4000-8000-00000000000b';
const ORG_C = 'identity--00000000-0000-4000-8000-00000000000c';
const LABEL: AccessLabel = { ownerOrg: ORG_A, tlp: 'amber', distribution: { kind: 'community', id: 'eu' } };
const GROUP: AccessLabel = { ownerOrg: ORG_A, tlp: 'red', distribution: { kind: 'sharing-group', id: 'group-1' } };
const T = (h: number): string => new Date(Date.UTC(2026, 11, 7, h)).toISOString();

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const reqId = (n: number): string => `x-concord-assistance-request--${uuid(n)}`;
const offerId = (n: number): string => `x-concord-assistance-offer--${uuid(n)}`;
const decisionId = (n: number): string => `x-concord-assistance-decision--${uuid(n)}`;
const depId = (n: number): string => `x-concord-deployment--${uuid(n)}`;
const profId = (n: number): string => `x-concord-expert-profile--${uuid(n)}`;
const noteId = (n: number): string => `note--${uuid(n)}`;

function request(n: number, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: reqId(n),
    orgId: ORG_A,
    coordinatorOrg: ORG_A,
    title: `Ransomware at hospital ${n}`,
    urgency: 'high',
    status: 'open',
    skills: ['incident-responder', 'tag:windows-forensics'],
    mode: 'either',
    window: { from: T(10), until: T(20) },
    incidentId: null,
    firstOfferDue: T(24),
    teamReadyDue: T(72),
    created: T(1),
    modified: T(n),
    exercise: null,
    ...over,
  };
}

function offer(n: number, requestN: number, over: Partial<OfferRecord> = {}): OfferRecord {
  return {
    id: offerId(n),
    requestId: reqId(requestN),
    orgId: ORG_B,
    status: 'offered',
    profileIds: [profId(1), profId(2)],
    created: T(n),
    modified: T(n),
    ...over,
  };
}

function decision(n: number, requestN: number, over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    id: decisionId(n),
    requestId: reqId(requestN),
    offerId: offerId(n),
    orgId: ORG_A,
    decision: 'accepted',
    profileIds: [profId(1)],
    created: T(n),
    modified: T(n),
    ...over,
  };
}

function deployment(n: number, requestN: number, over: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id: depId(n),
    requestId: reqId(requestN),
    orgId: ORG_A,
    name: `Team ${n}`,
    status: 'planned',
    window: { from: T(10), until: T(20) },
    profileIds: [profId(1)],
    memberOrgs: [ORG_A, ORG_B],
    startedAt: null,
    endedAt: null,
    created: T(n),
    modified: T(n),
    ...over,
  };
}

function profile(n: number, over: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    id: profId(n),
    orgId: ORG_B,
    pseudonym: `Expert ${n}`,
    skills: ['incident-responder'],
    certifications: ['GCFA'],
    languages: ['en', 'de'],
    clearances: [{ scheme: 'eu', level: 'SECRET UE/EU SECRET' }],
    country: 'DE',
    utcOffsetMinutes: 60,
    onSite: true,
    availability: [{ from: T(0), until: T(48) }],
    pastDeployments: 2,
    modified: T(1),
    ...over,
  };
}

function work(n: number, deploymentN: number, over: Partial<WorkRecord> = {}): WorkRecord {
  return {
    id: noteId(n),
    deploymentId: depId(deploymentN),
    kind: 'status-note',
    orgId: ORG_B,
    hours: 7.5,
    profileId: null,
    created: T(n),
    modified: T(n),
    ...over,
  };
}

/** Stores the object version a record was projected from, with its label; returns its seq. */
async function storeVersion(ctx: ContractContext, id: string, modified: string, label: AccessLabel): Promise<number> {
  const type = id.slice(0, id.indexOf('--'));
  const [r] = await ctx.store.objects.insertBatch([buildPrepared({ type, id, modified, created: T(0) })], [label]);
  assert.equal(r?.status, 'inserted');
  return r?.status === 'inserted' ? r.seq : 0;
}

contractSuite('store contract: assistance projection', (ctx) => {
  const repo = () => ctx.store.assistance;
  const requestIds = async (q: Parameters<ReturnType<typeof repo>['requests']>[0]): Promise<string[]> =>
    (await repo().requests(q)).map((r) => r.record.id);

  it('stores each kind with the label of the version it was projected from, and a newer projection replaces it', async () => {
    const rows: AssistanceRow[] = [
      { kind: 'request', record: request(1) },
      { kind: 'offer', record: offer(2, 1) },
      { kind: 'decision', record: decision(2, 1) },
      { kind: 'deployment', record: deployment(3, 1) },
      { kind: 'profile', record: profile(1) },
      { kind: 'work', record: work(4, 3) },
    ];
    for (const r of rows) await storeVersion(ctx, r.record.id, r.record.modified, r.kind === 'request' ? LABEL : GROUP);
    await repo().put(rows);
    assert.deepEqual(await repo().request(reqId(1)), { record: request(1), label: LABEL });
    assert.deepEqual(await repo().offer(offerId(2)), { record: offer(2, 1), label: GROUP });
    assert.deepEqual(await repo().decisionsOf([reqId(1)]), [{ record: decision(2, 1), label: GROUP }]);
    assert.deepEqual(await repo().deployment(depId(3)), { record: deployment(3, 1), label: GROUP });
    assert.deepEqual(await repo().profile(profId(1)), { record: profile(1), label: GROUP });
    assert.deepEqual(await repo().workOf([depId(3)]), [{ record: work(4, 3), label: GROUP }]);

    // The requester closes the request under a new marking: the new version's label comes with it.
    const closed = request(1, { status: 'closed', modified: T(5) });
    const wider: AccessLabel = { ...LABEL, tlp: 'green' };
    await storeVersion(ctx, reqId(1), closed.modified, wider);
    await repo().put([{ kind: 'request', record: closed }]);
    assert.deepEqual(await repo().request(reqId(1)), { record: closed, label: wider });
    assert.equal((await repo().requests({ limit: 10 })).length, 1);

    const ended = deployment(3, 1, { status: 'ended', startedAt: T(11), endedAt: T(19), modified: T(19) });
    await storeVersion(ctx, depId(3), ended.modified, GROUP);
    await repo().put([{ kind: 'deployment', record: ended }]);
    assert.deepEqual((await repo().deployment(depId(3)))?.record, ended);
  });

  it('a record projected from an older version keeps that version’s label', async () => {
    await storeVersion(ctx, reqId(1), T(1), LABEL);
    await storeVersion(ctx, reqId(1), T(2), GROUP);
    await repo().put([{ kind: 'request', record: request(1, { modified: T(1) }) }]);
    assert.deepEqual((await repo().request(reqId(1)))?.label, LABEL);
  });

  it('a row whose object is not stored is read with no label (read by no one)', async () => {
    await repo().put([
      { kind: 'request', record: request(1) },
      { kind: 'profile', record: profile(1) },
    ]);
    assert.equal((await repo().request(reqId(1)))?.label, null);
    assert.equal((await repo().profile(profId(1)))?.label, null);
    assert.equal(await repo().request(reqId(9)), undefined);
    assert.equal(await repo().offer(offerId(9)), undefined);
    assert.equal(await repo().deployment(depId(9)), undefined);
    assert.equal(await repo().profile(profId(9)), undefined);
  });

  it('lists requests newest activity first, by status and organisation, paged by keyset', async () => {
    await repo().put(
      [1, 2, 3, 4, 5, 6].map((n) => ({
        kind: 'request',
        record: request(n, {
          status: n === 6 ? 'closed' : n === 5 ? 'withdrawn' : 'open',
          orgId: n % 2 === 0 ? ORG_B : ORG_A,
          coordinatorOrg: n === 3 ? ORG_C : n % 2 === 0 ? ORG_B : ORG_A,
          // Two requests modified at the same time: the id breaks the tie.
          modified: n === 2 ? T(3) : T(n),
        }),
      })),
    );
    assert.deepEqual(await requestIds({ limit: 10 }), [reqId(6), reqId(5), reqId(4), reqId(3), reqId(2), reqId(1)]);
    assert.deepEqual(await requestIds({ limit: 10, statuses: ['open'] }), [reqId(4), reqId(3), reqId(2), reqId(1)]);
    assert.deepEqual(await requestIds({ limit: 10, statuses: ['closed', 'withdrawn'] }), [reqId(6), reqId(5)]);
    assert.deepEqual(await requestIds({ limit: 10, statuses: [] }), []);
    assert.deepEqual(await requestIds({ limit: 10, org: ORG_B }), [reqId(6), reqId(4), reqId(2)]);
    // As coordinator of another's request.
    assert.deepEqual(await requestIds({ limit: 10, org: ORG_C }), [reqId(3)]);
    assert.deepEqual(await requestIds({ limit: 10, org: ORG_A, statuses: ['open'] }), [reqId(3), reqId(1)]);

    const pages: string[] = [];
    let after: { modified: string; id: string } | undefined;
    for (;;) {
      const page = await repo().requests({ limit: 2, ...(after ? { after } : {}) });
      pages.push(...page.map((r) => r.record.id));
      const last = page.at(-1)?.record;
      if (page.length < 2 || last === undefined) break;
      after = { modified: last.modified, id: last.id };
    }
    assert.deepEqual(pages, [reqId(6), reqId(5), reqId(4), reqId(3), reqId(2), reqId(1)]);
  });

  it('reads the offers, decisions and deployments of requests, and deployments by member', async () => {
    await repo().put([
      { kind: 'request', record: request(1) },
      { kind: 'request', record: request(2) },
      { kind: 'offer', record: offer(1, 1) },
      { kind: 'offer', record: offer(2, 1, { orgId: ORG_C, profileIds: [profId(3)] }) },
      { kind: 'offer', record: offer(3, 2) },
      { kind: 'decision', record: decision(1, 1) },
      { kind: 'decision', record: decision(2, 1, { decision: 'declined', profileIds: [] }) },
      { kind: 'decision', record: decision(3, 2) },
      { kind: 'deployment', record: deployment(1, 1, { profileIds: [profId(1), profId(3)] }) },
      { kind: 'deployment', record: deployment(2, 2, { profileIds: [profId(1)] }) },
    ]);
    const ids = (rows: { record: { id: string } }[]): string[] => rows.map((r) => r.record.id);
    assert.deepEqual(ids(await repo().offersOf([reqId(1)])), [offerId(1), offerId(2)]);
    assert.deepEqual(ids(await repo().offersOf([reqId(1), reqId(2)])), [offerId(1), offerId(2), offerId(3)]);
    assert.deepEqual(await repo().offersOf([]), []);
    assert.deepEqual(ids(await repo().decisionsOf([reqId(1)])), [decisionId(1), decisionId(2)]);
    assert.deepEqual((await repo().decisionsOf([reqId(1)]))[1]?.record.decision, 'declined');
    assert.deepEqual(ids(await repo().deploymentsOf([reqId(2)])), [depId(2)]);
    assert.deepEqual(ids(await repo().deploymentsWith([profId(1)])), [depId(1), depId(2)]);
    assert.deepEqual(ids(await repo().deploymentsWith([profId(3)])), [depId(1)]);
    assert.deepEqual(ids(await repo().deploymentsWith([profId(3), profId(1)])), [depId(1), depId(2)]);
    // A new version without the member: the deployment no longer counts them.
    await repo().put([{ kind: 'deployment', record: deployment(1, 1, { profileIds: [profId(1)], modified: T(8) }) }]);
    assert.deepEqual(ids(await repo().deploymentsWith([profId(3)])), []);
    assert.deepEqual(await repo().deploymentsWith([]), []);
  });

  it('reads a deployment’s work: tasks, notes with their hours, member cards and the report', async () => {
    await repo().put([
      { kind: 'work', record: work(1, 1) },
      { kind: 'work', record: work(2, 1, { kind: 'task', hours: 0 }) },
      { kind: 'work', record: work(3, 1, { kind: 'member-card', hours: 0, profileId: profId(1) }) },
      { kind: 'work', record: work(4, 2, { kind: 'after-action', hours: 0 }) },
    ]);
    const got = (await repo().workOf([depId(1)])).map((r) => r.record);
    assert.deepEqual(got, [
      work(1, 1),
      work(2, 1, { kind: 'task', hours: 0 }),
      work(3, 1, { kind: 'member-card', hours: 0, profileId: profId(1) }),
    ]);
    assert.deepEqual((await repo().workOf([depId(1), depId(2)])).length, 4);
    assert.deepEqual(await repo().workOf([]), []);
  });

  it('filters profiles by organisation and by availability overlapping a span', async () => {
    await repo().put([
      { kind: 'profile', record: profile(1) },
      { kind: 'profile', record: profile(2, { orgId: ORG_A, availability: [{ from: T(0), until: T(5) }] }) },
      {
        kind: 'profile',
        record: profile(3, {
          orgId: ORG_C,
          utcOffsetMinutes: null,
          onSite: false,
          availability: [
            { from: T(0), until: T(2) },
            { from: T(30), until: T(40) },
          ],
        }),
      },
      { kind: 'profile', record: profile(4, { availability: [] }) },
    ]);
    const ids = async (q: Partial<Parameters<ReturnType<typeof repo>['profiles']>[0]>): Promise<string[]> =>
      (await repo().profiles({ limit: 100, ...q })).map((r) => r.record.id);
    assert.deepEqual(await ids({}), [profId(1), profId(2), profId(3), profId(4)]);
    assert.deepEqual(await ids({ excludeOrg: ORG_A }), [profId(1), profId(3), profId(4)]);
    assert.deepEqual(await ids({ orgs: [ORG_A, ORG_C] }), [profId(2), profId(3)]);
    assert.deepEqual(await ids({ orgs: [] }), []);
    assert.deepEqual(await ids({ from: T(10), until: T(20) }), [profId(1)]);
    assert.deepEqual(await ids({ from: T(3), until: T(4) }), [profId(1), profId(2)]);
    // The second window of a profile counts as much as the first.
    assert.deepEqual(await ids({ from: T(35), until: T(50) }), [profId(1), profId(3)]);
    assert.deepEqual(await ids({ from: T(38) }), [profId(1), profId(3)]);
    assert.deepEqual(await ids({ from: T(45) }), [profId(1)]);
    assert.deepEqual(await ids({ until: T(1), excludeOrg: ORG_B }), [profId(2), profId(3)]);
    assert.deepEqual(await ids({ limit: 2 }), [profId(1), profId(2)]);
    const three = await repo().profile(profId(3));
    assert.equal(three?.record.onSite, false);
    assert.equal(three?.record.utcOffsetMinutes, null);
    assert.equal(three?.record.availability.length, 2);
    // A new version with other windows replaces the old ones.
    await repo().put([{ kind: 'profile', record: profile(3, { orgId: ORG_C, availability: [{ from: T(10), until: T(11) }] }) }]);
    assert.deepEqual(await ids({ from: T(35), until: T(50) }), [profId(1)]);
    assert.deepEqual(await ids({ from: T(10), until: T(20) }), [profId(1), profId(3)]);
  });

  it('reads more profiles than one statement writes, each whole', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) =>
      profile(i + 1, { orgId: `identity--${uuid(i % 50)}`, skills: [`tag:s${i}`], availability: [{ from: T(0), until: T(48) }] }),
    );
    await repo().put(many.map((record) => ({ kind: 'profile', record })));
    const all = await repo().profiles({ limit: 10_000, from: T(10), until: T(20) });
    assert.equal(all.length, 1_000);
    assert.deepEqual(all.find((p) => p.record.id === profId(777))?.record, many[776]);
    assert.equal((await repo().profiles({ limit: 10_000, excludeOrg: `identity--${uuid(0)}` })).length, 980);
  });

  it('removes rows of every kind', async () => {
    await repo().put([
      { kind: 'request', record: request(1) },
      { kind: 'offer', record: offer(1, 1) },
      { kind: 'decision', record: decision(1, 1) },
      { kind: 'deployment', record: deployment(1, 1) },
      { kind: 'profile', record: profile(1) },
      { kind: 'work', record: work(1, 1) },
    ]);
    await repo().remove([reqId(1), offerId(1), decisionId(1), depId(1), profId(1), noteId(1)]);
    assert.equal(await repo().request(reqId(1)), undefined);
    assert.equal(await repo().offer(offerId(1)), undefined);
    assert.deepEqual(await repo().decisionsOf([reqId(1)]), []);
    assert.equal(await repo().deployment(depId(1)), undefined);
    assert.deepEqual(await repo().deploymentsWith([profId(1)]), []);
    assert.equal(await repo().profile(profId(1)), undefined);
    assert.deepEqual(await repo().profiles({ limit: 10, from: T(1), until: T(2) }), []);
    assert.deepEqual(await repo().workOf([depId(1)]), []);
    await repo().remove([]);
  });

  it('keeps its cursor and lists the versions of the projected types after it', async () => {
    assert.equal(await repo().cursor(), 0);
    const seqs = [];
    for (const id of [reqId(1), 'indicator--00000000-0000-4000-8000-000000000001', profId(1), noteId(1), `task--${uuid(1)}`])
      seqs.push({ id, seq: await storeVersion(ctx, id, T(1), LABEL) });
    const [req, , prof, note, task] = seqs;
    assert.ok(req && prof && note && task);
    assert.deepEqual(await repo().changes(0, 10), [
      { seq: req.seq, id: req.id, type: 'x-concord-assistance-request' },
      { seq: prof.seq, id: prof.id, type: 'x-concord-expert-profile' },
      { seq: note.seq, id: note.id, type: 'note' },
      { seq: task.seq, id: task.id, type: 'task' },
    ]);
    assert.deepEqual(
      (await repo().changes(prof.seq, 1)).map((c) => c.id),
      [note.id],
    );
    await repo().setCursor(note.seq);
    await repo().setCursor(task.seq);
    assert.equal(await repo().cursor(), task.seq);
    assert.deepEqual(await repo().changes(task.seq, 10), []);
  });
});

function expert(n: number, over: Partial<ExpertRecord> = {}): ExpertRecord {
  return {
    id: `expert-${n}`,
    orgId: ORG_A,
    profileId: profId(n),
    pseudonym: `Expert ${n}`,
    name: `Name ${String.fromCharCode(64 + n)}`,
    email: `e${n}@example.org`,
    phone: null,
    skills: ['incident-responder', 'tag:volatility'],
    certifications: [],
    languages: ['et', 'en'],
    clearances: [{ scheme: 'nato', level: 'NATO SECRET' }],
    country: 'EE',
    utcOffsetMinutes: 120,
    onSite: true,
    availability: [{ from: T(0), until: T(10) }],
    published: false,
    deploymentIds: [],
    created: T(0),
    modified: T(0),
    ...over,
  };
}

contractSuite('store contract: roster', (ctx) => {
  const repo = () => ctx.store.roster;

  it('adds, reads and lists an organisation’s experts, which another organisation never reads', async () => {
    await repo().add(expert(2));
    await repo().add(expert(1));
    await repo().add(expert(3, { orgId: ORG_B }));
    assert.deepEqual(await repo().get(ORG_A, 'expert-1'), expert(1));
    assert.deepEqual(
      (await repo().list(ORG_A)).map((e) => e.id),
      ['expert-1', 'expert-2'],
    );
    assert.deepEqual(await repo().list(ORG_B), [expert(3, { orgId: ORG_B })]);
    assert.equal(await repo().get(ORG_B, 'expert-1'), undefined);
    assert.deepEqual(await repo().list(ORG_C), []);
  });

  it('updates an expert of the organisation only, never moving it to another', async () => {
    await repo().add(expert(1));
    const changed = expert(1, {
      name: 'Renamed',
      phone: '+372 5555 0101',
      availability: [{ from: T(20), until: T(30) }],
      published: true,
      deploymentIds: [depId(1)],
      onSite: false,
      utcOffsetMinutes: null,
      modified: T(5),
    });
    assert.equal(await repo().update(ORG_B, { ...changed, name: 'Hijacked' }), false);
    assert.equal((await repo().get(ORG_A, 'expert-1'))?.name, 'Name A');
    assert.equal(await repo().update(ORG_A, changed), true);
    assert.deepEqual(await repo().get(ORG_A, 'expert-1'), changed);
    assert.equal(await repo().update(ORG_A, { ...changed, orgId: ORG_B }), true);
    assert.equal((await repo().get(ORG_A, 'expert-1'))?.orgId, ORG_A);
    assert.deepEqual(await repo().list(ORG_B), []);
    assert.equal(await repo().update(ORG_A, expert(9)), false);
  });

  it('finds the node’s experts behind published profiles, whichever organisation', async () => {
    await repo().add(expert(1));
    await repo().add(expert(2, { orgId: ORG_B }));
    await repo().add(expert(3));
    assert.deepEqual((await repo().byProfiles([profId(2), profId(1), profId(9)])).map((e) => e.id).sort(), ['expert-1', 'expert-2']);
    assert.deepEqual(await repo().byProfiles([]), []);
  });

  it('one profile id belongs to one expert', async () => {
    await repo().add(expert(1));
    await assert.rejects(repo().add(expert(2, { profileId: profId(1) })));
    assert.deepEqual(
      (await repo().list(ORG_A)).map((e) => e.id),
      ['expert-1'],
    );
  });

  it('removes an expert of the organisation only', async () => {
    await repo().add(expert(1));
    assert.equal(await repo().remove(ORG_B, 'expert-1'), false);
    assert.ok(await repo().get(ORG_A, 'expert-1'));
    assert.equal(await repo().remove(ORG_A, 'expert-1'), true);
    assert.equal(await repo().get(ORG_A, 'expert-1'), undefined);
    assert.equal(await repo().remove(ORG_A, 'expert-1'), false);
  });
});
