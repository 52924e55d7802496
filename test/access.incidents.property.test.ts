// Incidents under the access policy on every read path (issue 16, must 11): fast-check builds
// random worlds (helpers/incident-world.ts) of CSIRTs, entities in their constituencies and
// outsiders, with incidents, work, reports, answers and shares written through the API; for every
// user, every read path shows an incident, or any part of it, exactly when the issue's rule says
// so (must 2): the entity's users their own organisation's incidents and their CSIRT's answers,
// the CSIRT's users every incident of their constituency, outsiders nothing unless shared.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allowed } from '../src/domain/access/permissions.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import type {
  IncidentDetail,
  IncidentFilter,
  IncidentPage,
  IncidentPanels,
  IncidentRef,
  QuarterlySummary,
} from '../src/domain/incidents/api.ts';
import { buildWorld, hiddenNames, linkedTo, partsFor, partsOf, visibleTo, worldArb, type World } from './helpers/incident-world.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import type { Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';
import type { Obj } from './helpers/stix.ts';

const MISSING = 'incident--00000000-0000-4000-8000-00000000dead';
const PART_TYPES = 'incident,event,task,impact,report,note,relationship';

/** Filters the list is checked with: each against the node's own (unfiltered by access) answer. */
const FILTERS: { query: string; filter: IncidentFilter }[] = [
  { query: 'stageStatus=overdue', filter: { stageStatus: ['overdue'] } },
  { query: 'severity=high', filter: { severity: ['high'] } },
  { query: 'country=DE', filter: { country: ['DE'] } },
  { query: 'crossBorder=true', filter: { crossBorder: true } },
  { query: 'status=new,open', filter: { status: ['new', 'open'] } },
];

const problemShape = (body: string): unknown => {
  const { instance: _i, requestId: _r, detail: _d, title: _t, id: _id, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

/** Every read path for one user, against the model. */
async function checkUser(node: TestNode, world: World, who: Person): Promise<void> {
  // Every answer is kept, to check at the end that none names an incident the user may not read.
  const bodies: [string, string][] = [];
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await node.app.inject({ method: 'GET', url, headers: { ...who.auth, ...headers } });
    bodies.push([url, res.body]);
    return res;
  };
  const name = `${who.user.username} (${who.user.roles.join(',')}) of ${who.org.name}`;
  const seen = visibleTo(world, who.org.id);
  const worldIds = new Set(world.incidents.map((m) => m.id));
  const worldParts = new Set(world.incidents.flatMap((m) => [...m.parts.keys()]));
  const ours = (ids: Iterable<string>) => new Set([...ids].filter((id) => worldIds.has(id) || worldParts.has(id)));

  // The incidents list, every page, then with each filter against the node's own filtered answer.
  const listed = async (query: string): Promise<Set<string>> => {
    const out: string[] = [];
    let after: string | null = null;
    do {
      const res = await get(`/api/v1/incidents?limit=2${query ? `&${query}` : ''}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as IncidentPage;
      out.push(...page.items.map((r) => r.id));
      after = page.next;
    } while (after !== null);
    return new Set(out);
  };
  assert.deepEqual(ours(await listed('')), seen.incidents, `list for ${name}`);
  for (const f of FILTERS) {
    const all = (await node.services.incidents.list(CLI, f.filter, 'newest', { limit: 500 })).items.map((r) => r.id);
    assert.deepEqual(ours(await listed(f.query)), new Set(all.filter((id) => seen.incidents.has(id))), `list ?${f.query} for ${name}`);
  }

  // Each incident's page and prefill: readable ones whole, the others exactly as a missing one.
  const missing = await get(`/api/v1/incidents/${MISSING}`);
  assert.equal(missing.statusCode, 404);
  for (const m of world.incidents) {
    const one = await get(`/api/v1/incidents/${m.id}`);
    const prefill = await get(`/api/v1/incidents/${m.id}/prefill?stage=notification`);
    if (seen.incidents.has(m.id)) {
      assert.equal(one.statusCode, 200, `${name} reads ${m.id}`);
      assert.equal(prefill.statusCode, 200, prefill.body);
      assert.deepEqual(
        new Set(partsOf(one.json() as IncidentDetail).map(([id]) => id)),
        partsFor(m, who.org.id),
        `the parts of ${m.id} for ${name}`,
      );
    } else {
      for (const r of [one, prefill]) {
        assert.equal(r.statusCode, 404, `${name} must not read ${m.id}: ${r.body}`);
        assert.deepEqual(problemShape(r.body), problemShape(missing.body));
      }
    }
  }

  // The CSIRT's inbox: only reports of incidents the user reads.
  const inbox = await get('/api/v1/incidents/inbox');
  assert.equal(inbox.statusCode, 200, inbox.body);
  for (const i of (inbox.json() as { items: { incidentId: string; reportId: string }[] }).items) {
    assert.ok(seen.incidents.has(i.incidentId) && seen.parts.has(i.reportId), `inbox of ${name} names ${i.incidentId}`);
  }

  // Counts: the quarterly summary and the dashboard's incident panels.
  const summary = await get(`/api/v1/incidents/summary?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`);
  if (allowed({ kind: 'user', user: who.user, org: who.org, scope: 'read-write' }, 'incident.summary')) {
    assert.equal(summary.statusCode, 200, summary.body);
    // Art. 23(9) counts what entities notified: incidents of organisations in a constituency
    // (not a CSIRT's own, nor the copies its shares make).
    const notified = world.incidents.filter(
      (m) => seen.incidents.has(m.id) && (world.orgs.find((o) => o.id === m.owner)?.csirtOrg ?? null) !== null,
    );
    assert.equal((summary.json() as QuarterlySummary).incidents, notified.length, `summary count for ${name}`);
  } else assert.equal(summary.statusCode, 403);
  const panels = await get('/api/v1/incidents/panels?days=365');
  assert.equal(panels.statusCode, 200, panels.body);
  const p = panels.json() as IncidentPanels;
  for (const d of p.dueSoon) assert.ok(seen.incidents.has(d.incidentId), `panels of ${name} name ${d.incidentId}`);
  // Every incident of the world became known within the panels' year: the counts are those of
  // the rows the user reads (by sector; by member state affected, else the owner's country).
  const rows = (await node.services.incidents.list(CLI, {}, 'newest', { limit: 500 })).items.filter((r) => seen.incidents.has(r.id));
  const tally = (keys: string[]) => Object.fromEntries([...new Set(keys)].map((k) => [k, keys.filter((x) => x === k).length]));
  assert.deepEqual(
    Object.fromEntries(p.bySector.map((x) => [x.sector, x.count])),
    tally(rows.map((r) => r.sector ?? 'unknown')),
    `panels by sector for ${name}`,
  );
  assert.deepEqual(
    Object.fromEntries(p.byMemberState.map((x) => [x.country, x.count])),
    tally(rows.flatMap((r) => (r.memberStates.length > 0 ? r.memberStates : r.country ? [r.country] : []))),
    `panels by member state for ${name}`,
  );
  for (const id of worldIds) if (!seen.incidents.has(id)) assert.ok(!panels.body.includes(id));

  // The incidents linked to an indicator (lookup results and object pages), and the lookup itself.
  const linkedHere = linkedTo(world, who.org.id, world.indicator.id);
  const refs = await get(`/api/v1/objects/${world.indicator.id}/incidents`);
  assert.equal(refs.statusCode, 200, refs.body);
  assert.deepEqual(new Set((refs.json() as { incidents: IncidentRef[] }).incidents.map((r) => r.id)), linkedHere, `linked for ${name}`);
  const lookup = await get(`/api/v1/lookup?value=${world.indicatorValue}`);
  for (const id of worldIds) if (!seen.incidents.has(id)) assert.ok(!lookup.body.includes(id), `lookup of ${name} names ${id}`);

  // The object list, search, export, dashboard counts and TAXII: every STIX object of the incidents.
  const everything = new Set([...seen.incidents, ...seen.parts]);
  const objects: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/v1/objects?limit=50&include=all&type=${PART_TYPES}${cursor ? `&cursor=${cursor}` : ''}`);
    const page = res.json() as { objects: Obj[]; next: string | null };
    objects.push(...page.objects.map((o) => o.id));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(ours(objects), everything, `object list for ${name}`);
  const searched = ((await get('/api/v1/objects?q=Incident&include=all&limit=500')).json() as { objects: Obj[] }).objects.map((o) => o.id);
  for (const id of ours(searched)) assert.ok(everything.has(id), `search of ${name} finds ${id}`);
  const exported = (JSON.parse((await get(`/api/v1/export?type=${PART_TYPES}`)).body) as { objects: Obj[] }).objects.map((o) => o.id);
  assert.deepEqual(ours(exported), everything, `export for ${name}`);
  const dash = (await get('/api/v1/dashboard?days=90')).json() as { byType: { key: string; count: number }[] };
  const count = (t: string) => dash.byType.find((c) => c.key === t)?.count ?? 0;
  assert.equal(count('incident'), seen.incidents.size, `dashboard incidents for ${name}`);
  const typeOf: Record<string, string> = { event: 'event', task: 'task', impact: 'impact', note: 'note', answer: 'note', report: 'report' };
  const kinds = new Map(
    world.incidents.flatMap((m) => [...m.parts].filter(([id]) => seen.parts.has(id)).map(([id, part]) => [id, part.kind])),
  );
  for (const type of ['event', 'task', 'impact', 'note', 'report']) {
    const expected = [...kinds.values()].filter((k) => typeOf[k] === type).length;
    assert.equal(count(type), expected, `dashboard ${type} count for ${name}`);
  }
  const taxii = await get(`/taxii2/api/collections/${world.collection}/objects/?limit=1000`, {
    accept: 'application/taxii+json;version=2.1',
  });
  assert.equal(taxii.statusCode, 200, taxii.body);
  assert.deepEqual(ours(((taxii.json() as { objects?: Obj[] }).objects ?? []).map((o) => o.id)), everything, `TAXII for ${name}`);

  // Notifications never name an incident the user may not read (must 7).
  const notes = await get('/api/v1/notifications');
  if (notes.statusCode !== 404) {
    assert.equal(notes.statusCode, 200, notes.body);
    for (const n of (notes.json() as { items: { incidentId: string }[] }).items) {
      assert.ok(seen.incidents.has(n.incidentId), `notification of ${name} names ${n.incidentId}`);
    }
  }

  // No answer names an incident the user may not read (a summary shared under another name).
  for (const hidden of hiddenNames(world, who.org.id)) {
    for (const [url, body] of bodies) assert.ok(!body.includes(hidden), `${url} answers ${name} naming "${hidden}"`);
  }
}

for (const engine of ENGINES) {
  // PostgreSQL worlds cost more to build; fewer of them still cover its list and count SQL.
  const runs = engine.name === 'sqlite' ? 6 : 3;
  describe(`incidents under the access policy, every read path (${engine.name})`, { skip: engine.skip }, () => {
    test('each user sees an incident or any part of it exactly when the rule lets them read it', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(worldArb, async (spec) => {
          const node = await startNode({}, engine);
          try {
            const world = await buildWorld(node, spec, ++run);
            for (const who of world.people) await checkUser(node, world, who);
          } finally {
            await node.dispose();
          }
        }),
        { numRuns: runs, endOnFailure: true },
      );
    });
  });
}
