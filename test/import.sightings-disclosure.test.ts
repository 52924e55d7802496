// The disclosure is checked at the boundary (issue 17, must 2): an imported sighting that says it
// hides its organisation but names one (created_by_ref, an identity in where_sighted_refs), or an
// anonymous one that carries a country or sectors, is refused through the upload path with the
// property named, and nothing of it is stored; a sighting that names its organisation as
// `organization` goes in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Org } from '../src/domain/identity/types.ts';
import type { Disclosure } from '../src/domain/sightings/api.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from '../src/domain/sightings/api.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { disclosedSighting } from './helpers/sighting-world.ts';
import { buildIndicator, type Obj } from './helpers/stix.ts';

describe('imported sightings keep to their disclosure', () => {
  let node: TestNode;
  let analyst: Person;
  let org: Org;

  before(async () => {
    node = await startNode();
    analyst = await buildPerson(node.services, { country: 'EE', roles: ['analyst'] });
    org = analyst.org;
  });
  after(() => node.dispose());

  /** Uploads a bundle as the analyst; the finished job's summary. */
  async function upload(objects: Obj[]): Promise<{ accepted: number; quarantined: number; reasons: Record<string, number> }> {
    const bundle = { type: 'bundle', id: 'bundle--6f0c2f4e-9d1b-4a57-8c3e-1b2a3c4d5e6f', objects };
    const res = await node.app.inject({
      method: 'POST',
      url: '/api/v1/imports?tlp=green&distribution=federation',
      headers: { ...analyst.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(bundle),
    });
    assert.equal(res.statusCode, 202, res.body);
    const id = (res.json() as { id: string }).id;
    for (let i = 0; i < 200; i++) {
      const job = (await node.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: analyst.auth })).json() as {
        state: string;
        summary: { accepted: number; quarantined: number; reasons: Record<string, number> } | null;
      };
      if (job.state === 'failed') assert.fail(JSON.stringify(job));
      if (job.state === 'done' && job.summary) return job.summary;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not finish');
  }

  const held = async (id: string): Promise<number> =>
    (await node.app.inject({ method: 'GET', url: `/api/v1/objects/${id}`, headers: analyst.auth })).statusCode;

  test('a hidden sighting that names an organisation, or an anonymous one with a place, is refused', async () => {
    const indicator = buildIndicator({ name: 'imported and sighted' });
    assert.equal((await upload([indicator])).accepted, 1);
    const as = (d: Disclosure, extra: Record<string, unknown> = {}, ext: Record<string, unknown> = {}): Obj => {
      const o = disclosedSighting(indicator.id, org, d);
      const exts = o['extensions'] as Record<string, Record<string, unknown>>;
      return { ...o, ...extra, extensions: { [CONCORD_SIGHTING_EXTENSION_ID]: { ...exts[CONCORD_SIGHTING_EXTENSION_ID], ...ext } } };
    };
    const bad = [
      as('anonymous', { created_by_ref: org.id }),
      as('country-sector', { where_sighted_refs: [org.id] }),
      as('anonymous', {}, { country: 'EE' }),
    ];
    for (const o of bad) {
      const s = await upload([o]);
      assert.deepEqual([s.accepted, s.quarantined], [0, 1], `${JSON.stringify(o)} is refused`);
      assert.equal(await held(o.id), 404, 'nothing of it is stored');
    }
    const entries = (await node.services.quarantine.list({ limit: 100 })).items.filter((e) => bad.some((o) => o.id === e.objectId));
    assert.equal(entries.length, bad.length);
    for (const e of entries) assert.equal(e.reason, 'STIX_INVALID');
    const named = as('organization');
    assert.equal((await upload([named])).accepted, 1, 'a sighting naming its organisation as organization goes in');
    assert.equal(await held(named.id), 200);
  });
});
