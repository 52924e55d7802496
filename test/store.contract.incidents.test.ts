// The store contract for the incident projection (IncidentRepo, issue 16, musts 5 and 9), on
// every engine: rows filtered and keyset-paged in each order, deadlines compared with the time
// of the question, links replaced by what declares them, the cursor and the changes after it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import { type IncidentRecord, stagesOf } from '../src/domain/incidents/project.ts';
import type { IncidentListQuery } from '../src/store/repositories.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const LABEL: AccessLabel = { ownerOrg: 'org-a', tlp: 'amber+strict', distribution: { kind: 'organization' } };
const id = (n: number): string => `incident--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function record(n: number, over: Partial<IncidentRecord> = {}): IncidentRecord {
  const awareAt = over.awareAt ?? `2026-12-0${n}T10:00:00.000Z`;
  const facts = over.facts ?? { awareAt, trustServiceProvider: false };
  const stages = stagesOf(facts);
  const waiting = stages.filter((s) => s.submittedAt === null && s.dueAt !== null).map((s) => s.dueAt as string);
  return {
    id: id(n),
    seq: n,
    ownerOrg: 'org-a',
    csirtOrg: 'csirt',
    name: `Incident ${n}`,
    search: `incident ${n} ransomware`.toLowerCase(),
    status: 'open',
    determination: 'confirmed',
    sector: 'energy',
    subsector: null,
    country: 'DE',
    memberStates: ['DE', 'FR'],
    rsitClass: null,
    rsitType: null,
    severity: 'high',
    significant: true,
    crossBorder: false,
    tsp: false,
    awareAt,
    handledAt: null,
    modified: awareAt,
    facts,
    nextDueAt: waiting.sort()[0] ?? null,
    ...over,
  };
}

contractSuite('store contract: incidents', (ctx) => {
  const repo = () => ctx.store.incidents;
  const put = async (r: IncidentRecord): Promise<void> => repo().put([{ record: r, stages: stagesOf(r.facts) }]);
  const ids = async (q: Partial<IncidentListQuery>): Promise<string[]> =>
    (await repo().list({ filter: {}, sort: 'newest', now: '2026-12-10T00:00:00.000Z', limit: 50, ...q })).map((r) => r.record.id);

  it('stores a row and its stages, replacing them on a new projection', async () => {
    await put(record(1));
    await put(record(1, { name: 'Renamed', status: 'closed' }));
    const got = await repo().get(id(1));
    assert.equal(got?.record.name, 'Renamed');
    assert.equal(got?.record.status, 'closed');
    assert.deepEqual(got?.record.memberStates, ['DE', 'FR']);
    assert.equal(got?.label, null, 'no access label stored for seq 1: read by no one');
    assert.equal((await repo().stages(id(1))).length, 4);
    await repo().remove([id(1)]);
    assert.equal(await repo().get(id(1)), undefined);
    assert.deepEqual(await repo().stages(id(1)), []);
  });

  it('filters, each filter ANDed and its values ORed', async () => {
    await put(record(1));
    await put(record(2, { status: 'closed', severity: 'low', country: 'AT', memberStates: [] }));
    await put(record(3, { sector: 'health', crossBorder: true, ownerOrg: 'org-b', name: 'Phishing wave', search: 'phishing wave' }));
    assert.deepEqual(await ids({ filter: { status: ['closed'] } }), [id(2)]);
    assert.deepEqual(await ids({ filter: { status: ['closed', 'open'], severity: ['high'] } }), [id(3), id(1)]);
    assert.deepEqual(await ids({ filter: { country: ['FR'] } }), [id(3), id(1)], 'a member state affected matches');
    assert.deepEqual(await ids({ filter: { country: ['AT'] } }), [id(2)], "the owner's country matches");
    assert.deepEqual(await ids({ filter: { sector: ['health'] } }), [id(3)]);
    assert.deepEqual(await ids({ filter: { crossBorder: true } }), [id(3)]);
    assert.deepEqual(await ids({ filter: { crossBorder: false } }), [id(2), id(1)]);
    assert.deepEqual(await ids({ filter: { owner: 'org-b' } }), [id(3)]);
    assert.deepEqual(await ids({ filter: { text: 'PHISH' } }), [id(3)]);
    assert.deepEqual(await ids({ filter: { text: '100%' } }), [], 'wildcards are literal');
    assert.deepEqual(await ids({ csirtOrg: 'elsewhere' }), []);
  });

  it('decides overdue and due-soon at the time of the question', async () => {
    // Aware 2026-12-01T10:00: early warning due 12-02T10:00, notification 12-04T10:00.
    await put(record(1));
    // Early warning sent; notification sent late.
    const facts = { awareAt: '2026-12-01T10:00:00.000Z', trustServiceProvider: false, earlyWarningAt: '2026-12-01T12:00:00.000Z' };
    await put(record(2, { awareAt: facts.awareAt, facts }));
    const at = (now: string) => ({ now });
    assert.deepEqual(await ids({ ...at('2026-12-01T11:00:00.000Z'), filter: { stageStatus: ['overdue'] } }), []);
    assert.deepEqual(await ids({ ...at('2026-12-02T11:00:00.000Z'), filter: { stageStatus: ['overdue'] } }), [id(1)]);
    assert.deepEqual(
      await ids({ ...at('2026-12-04T11:00:00.000Z'), filter: { stageStatus: ['overdue'] } }),
      [id(2), id(1)].sort().reverse(),
    );
    assert.deepEqual(await ids({ ...at('2026-12-01T11:00:00.000Z'), filter: { stageStatus: ['submitted-on-time'] } }), [id(2)]);
    assert.deepEqual(await ids({ ...at('2026-12-01T11:00:00.000Z'), filter: { dueWithinHours: 24 } }), [id(1)]);
    assert.deepEqual(await ids({ ...at('2026-12-01T11:00:00.000Z'), filter: { dueWithinHours: 72 } }), [id(2), id(1)]);
    // The final report's month of an entity that never notified starts at the notification's deadline.
    assert.deepEqual(await ids({ ...at('2026-12-03T11:00:00.000Z'), filter: { stageStatus: ['not-started'] } }), [id(2), id(1)]);
    const waiting = await repo().waiting('2026-12-01T11:00:00.000Z');
    assert.deepEqual(waiting.map((w) => w.record.id).sort(), [id(1), id(2)]);
  });

  it('pages by keyset in every order', async () => {
    for (let n = 1; n <= 5; n++) await put(record(n, { modified: `2026-12-0${6 - n}T00:00:00.000Z` }));
    // Incident 5 has no waiting deadline at all: it sorts last by due.
    const all = { awareAt: '2026-12-05T10:00:00.000Z', trustServiceProvider: false };
    await put(
      record(5, {
        facts: {
          ...all,
          earlyWarningAt: all.awareAt,
          notificationAt: all.awareAt,
          finalReportAt: all.awareAt,
          csirtResponseAt: all.awareAt,
        },
        nextDueAt: null,
        modified: '2026-12-01T00:00:00.000Z',
      }),
    );
    for (const sort of ['newest', 'due', 'modified'] as const) {
      const seen: string[] = [];
      let after: IncidentListQuery['after'];
      for (;;) {
        const page = await repo().list({ filter: {}, sort, now: '2026-12-01T00:00:00.000Z', limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.map((r) => r.record.id));
        const last = page.at(-1);
        if (page.length < 2 || last === undefined) break;
        const key = sort === 'due' ? last.record.nextDueAt : sort === 'modified' ? last.record.modified : last.record.awareAt;
        after = { key, id: last.record.id };
      }
      const expected = sort === 'newest' ? [5, 4, 3, 2, 1] : sort === 'modified' ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5];
      assert.deepEqual(seen, expected.map(id), sort);
    }
  });

  it('replaces the links an object declares and finds them from both ends', async () => {
    const link = (incident: number, objectId: string, declaredBy: string, kind: 'report' | 'relationship' = 'report') => ({
      incidentId: id(incident),
      objectId,
      kind,
      relationshipType: kind === 'relationship' ? 'related-to' : null,
      declaredBy,
    });
    assert.deepEqual(await repo().replaceLinks(['report--1'], [link(1, 'report--1', 'report--1')]), [id(1)]);
    assert.deepEqual(
      await repo().replaceLinks(
        ['relationship--1'],
        [link(1, 'indicator--1', 'relationship--1', 'relationship'), link(2, 'indicator--1', 'relationship--1', 'relationship')],
      ),
      [id(1), id(2)],
    );
    assert.deepEqual((await repo().linksTo('indicator--1')).map((l) => l.incidentId).sort(), [id(1), id(2)]);
    // A new version of the relationship ties only incident 2: incident 1 is touched too.
    assert.deepEqual(await repo().replaceLinks(['relationship--1'], [link(2, 'indicator--1', 'relationship--1', 'relationship')]), [
      id(1),
      id(2),
    ]);
    assert.deepEqual(
      (await repo().links([id(1)])).map((l) => l.objectId),
      ['report--1'],
    );
  });

  it('keeps a cursor and lists the projected versions stored after it', async () => {
    assert.equal(await repo().cursor(), 0);
    const stored = await ctx.store.objects.insertBatch([
      buildPrepared({ type: 'indicator' }),
      buildPrepared({ type: 'incident', id: id(1) }),
      buildPrepared({ type: 'note' }),
    ]);
    const seqs = stored.map((s) => (s.status === 'inserted' ? s.seq : 0));
    assert.deepEqual(
      (await repo().changes(0, 10)).map((c) => c.seq),
      [seqs[1], seqs[2]],
    );
    assert.deepEqual(
      (await repo().changes(seqs[1] ?? 0, 10)).map((c) => c.seq),
      [seqs[2]],
    );
    assert.equal(await repo().headSeq(), seqs[2]);
    await repo().setCursor(seqs[2] ?? 0);
    await repo().setCursor(seqs[2] ?? 0);
    assert.equal(await repo().cursor(), seqs[2]);
  });

  it("narrows the list to the reader's audience when asked", async () => {
    const group: AccessLabel = { ownerOrg: 'org-b', tlp: 'amber', distribution: { kind: 'sharing-group', id: 'g-1' } };
    const everyone: AccessLabel = { ownerOrg: 'org-c', tlp: 'clear', distribution: { kind: 'federation' } };
    const stored = await ctx.store.objects.insertBatch(
      [1, 2, 3].map((n) => buildPrepared({ type: 'incident', id: id(n) })),
      [LABEL, group, everyone],
    );
    for (const [n, r] of stored.entries()) await put(record(n + 1, { seq: r.status === 'inserted' ? r.seq : 0 }));
    const seen = (orgs: string[], distributions: string[]) => ids({ audience: { orgs, distributions } });
    assert.deepEqual(await seen(['org-a'], []), [id(1)]);
    assert.deepEqual(await seen(['org-x'], ['sharing-group:g-1', 'federation']), [id(3), id(2)]);
    assert.deepEqual(await seen([], []), []);
  });

  it('groups counts per access label for the panels', async () => {
    const stored = await ctx.store.objects.insertBatch([buildPrepared({ type: 'incident', id: id(1) })], [LABEL]);
    const seq = stored[0]?.status === 'inserted' ? stored[0].seq : 0;
    await put(record(1, { seq }));
    const g = await repo().groups('2026-11-01T00:00:00.000Z');
    const due = await repo().dueSoon('2026-12-01T11:00:00.000Z', '2026-12-02T11:00:00.000Z', 10);
    assert.deepEqual(g.places, [{ label: LABEL, country: 'DE', memberStates: ['DE', 'FR'], sector: 'energy', count: 1 }]);
    assert.deepEqual(g.severities, [{ label: LABEL, day: '2026-12-01', severity: 'high', count: 1 }]);
    assert.deepEqual(
      due.map((d) => [d.stage, d.dueAt]),
      [['early-warning', '2026-12-02T10:00:00.000Z']],
    );
    assert.deepEqual((await repo().get(id(1)))?.label, LABEL);
  });
});
