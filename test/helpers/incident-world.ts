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

// Two or three CSIRTs: FR, DE and a second French one (a state may have several, Art. 10(1)),
// so that a share always has somebody to reach.
const CSIRT_COUNTRIES = ['FR', 'DE', 'FR'] as const;
const STATES = ['FR', 'DE'];
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
  work: { incident: number; actor: Actor; kind: WorkKind }[];
  shares: { incident: number; actor: Actor; mode: 'whole' | 'summary'; states: string[] }[];
}

/** Who acts: the incident's owner, the owner's CSIRT (its analyst for work, its coordinator
 *  for shares), or any user of the world (mostly someone who may not). */
export type Actor = 'owner' | 'csirt' | number;
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { arbitrary: fc.constant<Actor>('owner'), weight: 2 },
  { arbitrary: fc.constant<Actor>('csirt'), weight: 2 },
  { arbitrary: fc.nat(20), weight: 1 },
);

/** Small worlds: the property is about who sees what, not about volume. */
export const worldArb: fc.Arbitrary<WorldSpec> = fc
  .record({
    csirts: fc.integer({ min: 2, max: 3 }),
    entities: fc.array(fc.option(fc.nat(2), { freq: 4 }), { minLength: 1, maxLength: 3 }),
    outsiders: fc.integer({ min: 1, max: 2 }),
    extraUsers: fc.array(fc.tuple(fc.nat(6), fc.constantFrom(...ROLES)), { maxLength: 3 }),
    incidents: fc.array(
      fc.record({
        opener: fc.nat(6),
        hoursAgo: fc.integer({ min: 1, max: 900 }),
        memberStates: fc.subarray(STATES),
        severity: fc.constantFrom('low' as const, 'high' as const),
        crossBorder: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    work: fc.array(fc.record({ incident: fc.nat(3), actor: actorArb, kind: fc.constantFrom(...WORK_KINDS) }), { maxLength: 8 }),
    shares: fc.array(
      fc.record({
        incident: fc.nat(3),
        actor: actorArb,
        mode: fc.constantFrom('whole' as const, 'summary' as const),
        states: fc.subarray(STATES, { minLength: 1 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((w) => ({ ...w, entities: w.entities.map((c) => (c === null ? null : c % w.csirts)) }));

/** The kinds of an incident's parts, as its page lists them. */
export type PartKind = 'event' | 'task' | 'impact' | 'note' | 'report' | 'answer' | 'link';

/** One part of an incident: what it is, which object a link points at, who may read it. */
export interface ModelPart {
  kind: PartKind;
  target?: string;
  readers: Set<string>;
}

/** What the model knows of one incident (or the CSIRT's incident derived from one to share it). */
export interface ModelIncident {
  id: string;
  name: string;
  owner: string;
  /** Organisations that may read the incident (must 2, must 6). */
  readers: Set<string>;
  /** Its parts by id (events, tasks, impacts, notes, reports, answers, link relationships). */
  parts: Map<string, ModelPart>;
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

/** Every part an IncidentDetail names, with its kind (and a link's target). */
export function partsOf(d: IncidentDetail): [string, PartKind, string?][] {
  return [
    ...d.events.map((x): [string, PartKind] => [x.id, 'event']),
    ...d.tasks.map((x): [string, PartKind] => [x.id, 'task']),
    ...d.impacts.map((x): [string, PartKind] => [x.id, 'impact']),
    ...d.notes.map((x): [string, PartKind] => [x.id, 'note']),
    ...d.reports.map((x): [string, PartKind] => [x.id, 'report']),
    ...d.answers.map((x): [string, PartKind] => [x.id, 'answer']),
    ...d.links.map((l): [string, PartKind, string] => [l.relationshipId, 'link', l.objectId]),
  ];
}

/** Records the parts of `d` the model does not know yet, readable by `readers`. */
function learn(m: ModelIncident, d: IncidentDetail, readers: (kind: PartKind, target?: string) => Set<string>): void {
  for (const [id, kind, target] of partsOf(d)) {
    if (!m.parts.has(id)) m.parts.set(id, { kind, ...(target === undefined ? {} : { target }), readers: readers(kind, target) });
  }
}

async function addOrgs(node: TestNode, spec: WorldSpec, run: number): Promise<{ orgs: Org[]; csirts: Org[] }> {
  const s = node.services.orgs;
  const csirts: Org[] = [];
  for (let i = 0; i < spec.csirts; i++) {
    const country = CSIRT_COUNTRIES[i] ?? 'FR';
    csirts.push(await s.addOrg(CLI, { name: `CSIRT-${country}${i > 1 ? i : ''} ${run}`, country, nis2Role: 'csirt' }));
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

/** The user acting as `actor` on `m`: an analyst (work) or coordinator (shares) of the side named. */
function actorOf(world: World, m: ModelIncident, actor: Actor, role: 'analyst' | 'coordinator'): Person {
  if (typeof actor === 'number') return world.people[actor % world.people.length] as Person;
  const owner = world.orgs.find((o) => o.id === m.owner) as Org;
  const org = actor === 'owner' || owner.csirtOrg === null ? owner.id : owner.csirtOrg;
  const of = world.people.filter((p) => p.org.id === org);
  return of.find((p) => p.user.roles.includes(role)) ?? (of[0] as Person);
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
      ...(inc.memberStates.length > 0 ? { memberStates: inc.memberStates } : {}),
      severity: inc.severity,
      crossBorder: inc.crossBorder,
      significant: true,
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json() as IncidentDetail;
    const readers = new Set([org.id, ...(org.csirtOrg === null ? [] : [org.csirtOrg])]);
    const m: ModelIncident = { id: d.row.id, name: d.row.name, owner: org.id, readers, parts: new Map(), stagesDone: [] };
    learn(m, d, () => new Set(readers));
    world.incidents.push(m);
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
  const who = actorOf(world, m, w.actor, 'analyst');
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
  // Work is distributed as its incident is (constituency.ts): its readers are the incident's.
  learn(m, res.json() as IncidentDetail, () => new Set(m.readers));
  if (w.kind === 'report') m.stagesDone.push((req.body as { stage: string }).stage);
}

/** A cross-border share by a random user; recipients read what was shared (must 6). */
async function doShare(node: TestNode, world: World, sh: WorldSpec['shares'][number]): Promise<void> {
  const m = world.incidents[sh.incident % world.incidents.length] as ModelIncident;
  const who = actorOf(world, m, sh.actor, 'coordinator');
  // A summary carries a name of its own: the original's (which names the entity) must not travel.
  const summary = { summary: 'A summary for our peers', name: `Summary ${world.incidents.length} of an incident` };
  const body = { mode: sh.mode, memberStates: sh.states, ...(sh.mode === 'summary' ? summary : {}) };
  const res = await post(node, who, `/api/v1/incidents/${m.id}/share`, body);
  if (res.statusCode !== 201) {
    assert.ok([400, 403, 404, 409, 422].includes(res.statusCode), res.body);
    if (!m.readers.has(who.org.id)) assert.ok(!res.body.includes('Incident '), 'a refusal does not name the incident');
    return;
  }
  assert.ok(m.readers.has(who.org.id), 'only a reader of the incident may share it');
  const view = res.json() as ShareView;
  const recipients = view.recipients.map((r) => r.org);
  const page = async (id: string): Promise<IncidentDetail> => {
    const r = await node.app.inject({ method: 'GET', url: `/api/v1/incidents/${id}`, headers: who.auth });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as IncidentDetail;
  };
  if (view.sharedObject === m.id) {
    // The CSIRT's own incident, shared whole: it and the CSIRT's work on it now go to the
    // recipients too (a marking change by their owner); reports and links stay where they were.
    for (const r of recipients) m.readers.add(r);
    for (const part of m.parts.values())
      if (['event', 'task', 'impact', 'note'].includes(part.kind)) for (const r of recipients) part.readers.add(r);
    return;
  }
  // Otherwise the CSIRT publishes its own incident derived from the entity's (STIX 2.1 §3.6: only
  // a creator versions an object), for the CSIRT, the recipients and, whole, the entity; what ties
  // the two is read only by who reads both.
  const readers = new Set([who.org.id, ...recipients, ...(view.mode === 'whole' ? [m.owner] : [])]);
  const shown = await page(view.sharedObject);
  const derived: ModelIncident = {
    id: view.sharedObject,
    name: shown.row.name,
    owner: who.org.id,
    readers,
    parts: new Map(),
    stagesDone: [],
  };
  if (view.mode === 'summary') assert.equal(derived.name, summary.name);
  const both = () => new Set([...m.readers].filter((o) => readers.has(o)));
  learn(derived, shown, (kind) => (kind === 'link' ? both() : new Set(readers)));
  learn(m, await page(m.id), both);
  world.incidents.push(derived);
}

/** Names of incidents `org` may not read that no incident it reads carries: no answer may hold them. */
export function hiddenNames(world: World, org: string): string[] {
  const shown = new Set(world.incidents.filter((m) => m.readers.has(org)).map((m) => m.name));
  return [...new Set(world.incidents.filter((m) => !m.readers.has(org)).map((m) => m.name))].filter((n) => !shown.has(n));
}

/** The parts of `m` that `org` may read. */
export function partsFor(m: ModelIncident, org: string): Set<string> {
  return new Set([...m.parts].flatMap(([id, p]) => (p.readers.has(org) ? [id] : [])));
}

/** The incidents and parts `org` may read, by the model. */
export function visibleTo(world: World, org: string): { incidents: Set<string>; parts: Set<string> } {
  const mine = world.incidents.filter((m) => m.readers.has(org));
  return { incidents: new Set(mine.map((m) => m.id)), parts: new Set(mine.flatMap((m) => [...partsFor(m, org)])) };
}

/** The incidents `org` reads linked to `target` by a link it reads too (lookup results, must 5). */
export function linkedTo(world: World, org: string, target: string): Set<string> {
  const linked = world.incidents.filter(
    (m) => m.readers.has(org) && [...m.parts.values()].some((p) => p.kind === 'link' && p.target === target && p.readers.has(org)),
  );
  return new Set(linked.map((m) => m.id));
}
