// Random worlds of sightings for the access property test (issue 17, must 2 and must 9):
// organisations in random countries and sectors, an indicator everyone reads, and sightings of it
// by random organisations with each disclosure, stored as the sightings service writes them (in
// their disclosed form, sightings/api.ts) and owned by their organisation. The model records what
// a reader may learn of each sighting's sighter by the rule, not by the policy's code.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CLI } from '../../src/domain/identity/principal.ts';
import type { Org } from '../../src/domain/identity/types.ts';
import { type BatchResult, CONCORD_SIGHTING_EXTENSION_ID, DISCLOSURES, type Disclosure } from '../../src/domain/sightings/api.ts';
import type { TestNode } from './node.ts';
import { buildPerson, type Person } from './people.ts';
import { buildIndicator, type Obj } from './stix.ts';

const COUNTRIES = ['FR', 'DE', 'EE', 'BE'];
const SECTORS = ['energy', 'health', 'banking', 'transport'];

export interface SightingWorldSpec {
  orgs: { country: number; sectors: number[] }[];
  /** How each is recorded: the sighting API, a batch of observed values, or an import. */
  sightings: { by: number; disclosure: Disclosure; tlp: 'clear' | 'green'; via: Via }[];
}

type Via = 'api' | 'batch' | 'import';

/** Small worlds: the property is about what each reader learns, not about volume. */
export const sightingWorldArb: fc.Arbitrary<SightingWorldSpec> = fc.record({
  orgs: fc.array(fc.record({ country: fc.nat(COUNTRIES.length - 1), sectors: fc.subarray([0, 1, 2, 3], { maxLength: 2 }) }), {
    minLength: 2,
    maxLength: 4,
  }),
  sightings: fc.array(
    fc.record({
      by: fc.nat(3),
      disclosure: fc.constantFrom(...DISCLOSURES),
      tlp: fc.constantFrom('clear' as const, 'green' as const),
      via: fc.constantFrom<Via>('api', 'batch', 'import'),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

export interface ModelSighting {
  id: string;
  owner: Org;
  disclosure: Disclosure;
  country: string | null;
  sectors: string[];
}

export interface SightingWorld {
  orgs: Org[];
  people: Person[];
  indicator: Obj;
  sightings: ModelSighting[];
  collection: string;
}

/** The sighting as the sightings service writes it (the disclosed form). */
export function disclosedSighting(of: string, org: Org, disclosure: Disclosure): Obj {
  const now = new Date().toISOString();
  const ext: Record<string, unknown> = {
    extension_type: 'property-extension',
    sighting_type: 'sighting',
    disclosure,
    sighter_token: randomBytes(32).toString('hex'),
  };
  if (disclosure === 'country-sector') {
    if (org.country) ext['country'] = org.country;
    if (org.sectors.length > 0) ext['sectors'] = [...org.sectors];
  }
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${randomUUID()}`,
    created: now,
    modified: now,
    sighting_of_ref: of,
    first_seen: now,
    last_seen: now,
    count: 1,
    ...(disclosure === 'organization' ? { created_by_ref: org.id, where_sighted_refs: [org.id] } : {}),
    extensions: { [CONCORD_SIGHTING_EXTENSION_ID]: ext },
  };
}

/** Builds the world: organisations with a viewer each, the indicator, the sightings. */
export async function buildSightingWorld(node: TestNode, spec: SightingWorldSpec, run: number): Promise<SightingWorld> {
  const orgs: Org[] = [];
  for (const [i, o] of spec.orgs.entries()) {
    const sectors = [...new Set(o.sectors.map((s) => SECTORS[s] ?? 'energy'))];
    // Unique names: an answer naming a hidden sighter is found by its name.
    const name = `Sighter ${run}-${i}-${randomBytes(3).toString('hex')}`;
    orgs.push(await node.services.orgs.addOrg(CLI, { name, country: COUNTRIES[o.country] ?? 'FR', sectors }));
  }
  const people: Person[] = [];
  for (const org of orgs) people.push(await buildPerson(node.services, { org, roles: ['analyst'] }));
  const value = `198.51.100.${run % 250}`;
  const indicator = buildIndicator({ name: `sighted ${run}`, pattern: `[ipv4-addr:value = '${value}']` });
  const publicOwner = await node.services.importOwner(CLI, { tlp: 'clear', distribution: 'federation' });
  await node.services.ingest.importStream([JSON.stringify([indicator])], { source: 'test', owner: publicOwner });
  const sightings: ModelSighting[] = [];
  for (const s of spec.sightings) {
    const owner = orgs[s.by % orgs.length] as Org;
    const who = people.find((p) => p.org.id === owner.id) as Person;
    const id = await record(node, who, s, indicator.id, value);
    const cs = s.disclosure === 'country-sector';
    sightings.push({ id, owner, disclosure: s.disclosure, country: cs ? owner.country : null, sectors: cs ? owner.sectors : [] });
  }
  await node.services.sightings.catchUp();
  const collection = (await node.services.collections.add(CLI, { title: `Sightings ${run}`, types: ['sighting'], read: ['*'] })).id;
  return { orgs, people, indicator, sightings, collection };
}

/** Records one sighting as `who` the way the spec says; its id. */
async function record(node: TestNode, who: Person, s: SightingWorldSpec['sightings'][number], of: string, value: string): Promise<string> {
  const markings = { tlp: s.tlp, distribution: 'federation' };
  if (s.via === 'import') {
    const o = disclosedSighting(of, who.org, s.disclosure);
    const as = await node.services.importOwner(CLI, { orgId: who.org.id, ...markings });
    const stored = await node.services.ingest.importStream([JSON.stringify([o])], { source: 'test', owner: as });
    assert.equal(stored.quarantined, 0, JSON.stringify(stored));
    return o.id;
  }
  const batch = s.via === 'batch';
  const res = await node.app.inject({
    method: 'POST',
    url: batch ? '/api/v1/sightings/batch' : '/api/v1/sightings',
    headers: who.auth,
    payload: batch ? { observed: [{ value }], disclosure: s.disclosure, ...markings } : { of, disclosure: s.disclosure, ...markings },
  });
  assert.ok([200, 201].includes(res.statusCode), res.body);
  const id = batch ? (res.json() as BatchResult).results[0]?.sightings[0] : (res.json() as { object: Obj }).object.id;
  assert.ok(id, res.body);
  return id;
}

/** Whether `reader` (an organisation id) may learn who sighted `s`: its own, or disclosed. */
export function knowsSighter(s: ModelSighting, reader: string): boolean {
  return s.owner.id === reader || s.disclosure === 'organization';
}

/** Whether `reader` may learn where `s` was sighted (country and sectors). */
export function knowsPlace(s: ModelSighting, reader: string): boolean {
  return s.owner.id === reader || s.disclosure !== 'anonymous';
}

/** What no answer about `s` may carry to `reader`: its organisation's id and name. */
export function secretsOf(s: ModelSighting, reader: string): string[] {
  return knowsSighter(s, reader) ? [] : [s.owner.id, s.owner.name];
}
