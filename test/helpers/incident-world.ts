// Random worlds of NIS2 incidents for the access property test (issue 16, must 11): CSIRTs,
// entities in random CSIRTs' constituencies (or none), outsider organisations, users with random
// roles, incidents opened by entities and CSIRTs with random work, reports, answers and shares,
// all written through the REST API as the users themselves. The model records who may read what
// by the rule (must 2), not by the access policy's code: the owner and its CSIRT read an
// incident and all its work; the recipients of a share read what was shared; nobody else anything.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Org } from '../../src/domain/identity/types.ts';
import type { IncidentDetail, ShareView } from '../../src/domain/incidents/api.ts';
import { ROLES, type Role } from '../../src/domain/access/types.ts';
import type { TestNode } from './node.ts';
import { buildPerson, type Person } from './people.ts';
import { buildIndicator, type Obj } from './stix.ts';

const CSIRT_COUNTRIES = ['FR', 'DE'] as const;
const WORK_KINDS = ['event', 'task', 'impact', 'note', 'report', 'answer', 'link'] as const;
type WorkKind = (typeof WORK_KINDS)[number];

export interface WorldSpec {
  /** Per entity: the index of its CSIRT, or null (in no constituency yet). */
  entities: (number | null)[];
  csirts: number;
  outsiders: number;
  /** Extra users: [org index, role]. */
  extraUsers: [number, Role][];
  incidents: { opener: number; hoursAgo: number; memberStates: string[]; severity: 'low' | 'high'; crossBorder: boolean }[];
  work: { incident: number; user: number; kind: WorkKind }[];
  shares: { incident: number; user: number; mode: 'whole' | 'summary'; states: string[] }[];
}

/** Small worlds: the property is about who sees what, not about volume. */
export const worldArb: fc.Arbitrary<WorldSpec> = fc
  .record({
    csirts: fc.integer({ min: 1, max: 2 }),
    entities: fc.array(fc.option(fc.nat(1), { freq: 4 }), { minLength: 1, maxLength: 3 }),
    outsiders: fc.integer({ min: 1, max: 2 }),
    extraUsers: fc.array(fc.tuple(fc.nat(6), fc.constantFrom(...ROLES)), { maxLength: 3 }),
    incidents: fc.array(
      fc.record({
        opener: fc.nat(6),
        hoursAgo: fc.integer({ min: 1, max: 900 }),
        memberStates: fc.subarray([...CSIRT_COUNTRIES]),
        severity: fc.constantFrom('low' as const, 'high' as const),
        crossBorder: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    work: fc.array(fc.record({ incident: fc.nat(3), user: fc.nat(20), kind: fc.constantFrom(...WORK_KINDS) }), { maxLength: 8 }),
    shares: fc.array(
      fc.record({
        incident: fc.nat(3),
        user: fc.nat(20),
        mode: fc.constantFrom('whole' as const, 'summary' as const),
        states: fc.subarray([...CSIRT_COUNTRIES], { minLength: 1 }),
      }),
      { maxLength: 2 },
    ),
  })
  .map((w) => ({ ...w, entities: w.entities.map((c) => (c === null ? null : c % w.csirts)) }));

/** What the model knows of one incident (or a summary shared in its stead). */
export interface ModelIncident {
  id: string;
  owner: string;
  /** Organisations that may read it and all its work (must 2, must 6). */
  readers: Set<string>;
  /** Its work items' ids (events, tasks, impacts, notes, reports, answers, link relationships). */
  parts: Set<string>;
  /** Objects it is linked to. */
  linked: Set<string>;
  stagesDone: string[];
}

export interface World {
  orgs: Org[];
  csirts: Org[];
  people: Person[];
  incidents: ModelIncident[];
  /** A TLP:CLEAR indicator every reader may read, which incidents link to. */
  indicator: Obj;
  indicatorValue: string;
  /** A TAXII collection of the incident types every user may read (TAXII shows what each may). */
  collection: string;
}

const ago = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

/** Every id an IncidentDetail names as part of the incident. */
export function partsOf(d: IncidentDetail): string[] {
  return [
    ...[d.events, d.tasks, d.impacts, d.notes].flatMap((xs) => xs.map((x) => x.id)),
    ...d.reports.map((r) => r.id),
    ...d.answers.map((a) => a.id),
    ...d.links.map((l) => l.relationshipId),
  ];
}

async function addOrgs(node: TestNode, spec: WorldSpec, run: number): Promise<{ orgs: Org[]; csirts: Org[] }> {
  const s = node.services.orgs;
  const csirts: Org[] = [];
  for (let i = 0; i < spec.csirts; i++) {
    const country = CSIRT_COUNTRIES[i] ?? 'FR';
    csirts.push(await s.addOrg(CLI, { name: `CSIRT-${country} ${run}`, country, nis2Role: 'csirt' }));
  }
  const entities: Org[] = [];
  for (const [i, c] of spec.entities.entries()) {
    const csirt = c === null ? undefined : csirts[c];
    entities.push(
      await s.addOrg(CLI, {
        name: `Entity ${i} ${run}`,
        country: csirt?.country ?? 'BE',
        nis2Role: i % 2 === 0 ? 'essential' : 'important',
        sectors: ['energy/electricity'],
        ...(csirt ? { csirtOrg: csirt.id } : {}),
      }),
    );
  }
  const outsiders: Org[] = [];
  for (let i = 0; i < spec.outsiders; i++) outsiders.push(await s.addOrg(CLI, { name: `Outsider ${i} ${run}`, country: 'FR' }));
  return { orgs: [...csirts, ...entities, ...outsiders], csirts };
}

/** Builds the world through the REST API as its users; returns the model of who reads what. */
export async function buildWorld(node: TestNode, spec: WorldSpec, run: number): Promise<World> {
  const { orgs, csirts } = await addOrgs(node, spec, run);
  const people: Person[] = [];
  // Every organisation has an analyst (opens, works, reports, answers); every CSIRT a coordinator (shares).
  for (const org of orgs) people.push(await buildPerson(node.services, { org, roles: ['analyst'] }));
  for (const org of csirts) people.push(await buildPerson(node.services, { org, roles: ['coordinator'] }));
  for (const [o, role] of spec.extraUsers)
    people.push(await buildPerson(node.services, { org: orgs[o % orgs.length] as Org, roles: [role] }));
  const value = `198.51.${run % 250}.${(run * 7) % 250}`;
  const indicator = buildIndicator({ name: `linked ${run}`, pattern: `[ipv4-addr:value = '${value}']` });
  const owner = await node.services.importOwner(CLI, { tlp: 'clear', distribution: 'federation' });
  const imported = await node.services.ingest.importStream([JSON.stringify([indicator])], { source: 'test', owner });
  assert.equal(imported.quarantined, 0, JSON.stringify(imported));
  const types = ['incident', 'event', 'task', 'impact', 'report', 'note', 'relationship'];
  const collection = (await node.services.collections.add(CLI, { title: `Incidents ${run}`, types, read: ['*'] })).id;
  const world: World = { orgs, csirts, people, incidents: [], indicator, indicatorValue: value, collection };
  await openIncidents(node, world, spec);
  for (const w of spec.work) await doWork(node, world, w);
  for (const sh of spec.shares) await doShare(node, world, sh);
  return world;
}

const post = (node: TestNode, who: Person, url: string, payload: unknown) =>
  node.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as object });

/** Incidents opened by entities and CSIRTs (an outsider's opener index falls on an entity or CSIRT). */
async function openIncidents(node: TestNode, world: World, spec: WorldSpec): Promise<void> {
  const openers = world.orgs.filter((o) => o.nis2Role !== null);
  for (const [i, inc] of spec.incidents.entries()) {
    const org = openers[inc.opener % openers.length] as Org;
    const who = world.people.find((p) => p.org.id === org.id) as Person;
    const res = await post(node, who, '/api/v1/incidents', {
      name: `Incident ${i} of ${org.name}`,
      awareAt: ago(inc.hoursAgo),
      ...(org.nis2Role === 'csirt' ? {} : { sector: 'energy', subsector: 'electricity' }),
      memberStates: inc.memberStates,
      severity: inc.severity,
      crossBorder: inc.crossBorder,
      significant: true,
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json() as IncidentDetail;
    const readers = new Set([org.id, ...(org.csirtOrg === null ? [] : [org.csirtOrg])]);
    world.incidents.push({ id: d.row.id, owner: org.id, readers, parts: new Set(partsOf(d)), linked: new Set(), stagesDone: [] });
  }
}

const REPORTS: Record<string, object> = {
  'early-warning': { summary: 'What happened', suspectedMalicious: true, crossBorderImpact: false },
  notification: {
    summary: 'What happened',
    suspectedMalicious: true,
    crossBorderImpact: false,
    initialAssessment: 'Contained',
    severity: 'high',
    impact: 'Two substations',
  },
};

function workRequest(kind: WorkKind, m: ModelIncident, world: World): { path: string; body: object } | undefined {
  switch (kind) {
    case 'event':
      return { path: 'events', body: { name: 'Something happened', startTime: ago(2) } };
    case 'task':
      return { path: 'tasks', body: { name: 'Do something' } };
    case 'impact':
      return { path: 'impacts', body: { category: 'availability', criticality: 50 } };
    case 'note':
      return { path: 'notes', body: { content: 'A note' } };
    case 'link':
      return { path: 'links', body: { target: world.indicator.id, relationshipType: 'related-to' } };
    case 'answer':
      return { path: 'answers', body: { kind: 'feedback', content: 'Our feedback' } };
    default: {
      const stage = ['early-warning', 'notification'].find((s) => !m.stagesDone.includes(s));
      return stage === undefined ? undefined : { path: 'reports', body: { stage, content: REPORTS[stage] } };
    }
  }
}

/** One piece of work by a random user: stored when the user may do it, refused without a hint otherwise. */
async function doWork(node: TestNode, world: World, w: WorldSpec['work'][number]): Promise<void> {
  const m = world.incidents[w.incident % world.incidents.length] as ModelIncident;
  const who = world.people[w.user % world.people.length] as Person;
  const req = workRequest(w.kind, m, world);
  if (req === undefined) return;
  const res = await post(node, who, `/api/v1/incidents/${m.id}/${req.path}`, req.body);
  if (!m.readers.has(who.org.id)) {
    assert.ok(
      [403, 404].includes(res.statusCode),
      `${who.user.username} of ${who.org.name} wrote to an incident it may not read: ${res.body}`,
    );
    assert.ok(!res.body.includes('Incident '), 'a refusal does not name the incident');
    return;
  }
  if (res.statusCode !== 201) {
    assert.ok([400, 403, 409, 422].includes(res.statusCode), res.body);
    return;
  }
  const d = res.json() as IncidentDetail;
  for (const id of partsOf(d)) m.parts.add(id);
  if (w.kind === 'link') m.linked.add(world.indicator.id);
  if (w.kind === 'report') m.stagesDone.push((req.body as { stage: string }).stage);
}

/** A cross-border share by a random user; recipients read what was shared (must 6). */
async function doShare(node: TestNode, world: World, sh: WorldSpec['shares'][number]): Promise<void> {
  const m = world.incidents[sh.incident % world.incidents.length] as ModelIncident;
  const who = world.people[sh.user % world.people.length] as Person;
  const body = { mode: sh.mode, memberStates: sh.states, ...(sh.mode === 'summary' ? { summary: 'A summary for our peers' } : {}) };
  const res = await post(node, who, `/api/v1/incidents/${m.id}/share`, body);
  if (res.statusCode !== 201) {
    assert.ok([400, 403, 404, 409, 422].includes(res.statusCode), res.body);
    if (!m.readers.has(who.org.id)) assert.ok(!res.body.includes('Incident '), 'a refusal does not name the incident');
    return;
  }
  assert.ok(m.readers.has(who.org.id), 'only a reader of the incident may share it');
  const view = res.json() as ShareView;
  const recipients = view.recipients.map((r) => r.org);
  if (view.mode === 'whole') {
    for (const r of recipients) m.readers.add(r);
    return;
  }
  world.incidents.push({
    id: view.sharedObject,
    owner: who.org.id,
    readers: new Set([who.org.id, ...recipients]),
    parts: new Set(),
    linked: new Set(),
    stagesDone: [],
  });
}

/** The incidents and parts `org` may read, by the model. */
export function visibleTo(world: World, org: string): { incidents: Set<string>; parts: Set<string> } {
  const mine = world.incidents.filter((m) => m.readers.has(org));
  return { incidents: new Set(mine.map((m) => m.id)), parts: new Set(mine.flatMap((m) => [...m.parts])) };
}
