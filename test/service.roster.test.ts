// Rosters (issue 18, must 2) on both engines: an organisation keeps its experts with their
// personal details, which never appear in any STIX object the node stores (and so can never be
// shared); partners see a pseudonymous profile, re-versioned when what it says changes and
// revoked when the expert is unpublished or removed; another organisation cannot read the
// roster; bad input is refused naming the field, and nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExpertInput } from '../src/domain/assistance/api.ts';
import { profileFields } from '../src/domain/assistance/read.ts';
import type { Principal } from '../src/domain/identity/principal.ts';
import type { JsonObject } from '../src/domain/stix/types.ts';
import { expertInput } from './helpers/assistance-inputs.ts';
import { refused } from './helpers/errors.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';

for (const engine of ENGINES)
  describe(`rosters on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let coordinator: Principal;
    let analyst: Principal;
    let partner: Principal;
    let orgId = '';

    before(async () => {
      node = await startNode({}, engine);
      const a = await buildPerson(node.services, { roles: ['coordinator'], country: 'FR' });
      const reader = await buildPerson(node.services, { org: a.org, roles: ['analyst'] });
      const b = await buildPerson(node.services, { roles: ['coordinator', 'org-admin'], country: 'DE' });
      orgId = a.org.id;
      coordinator = await node.services.auth.fromToken(a.token);
      analyst = await node.services.auth.fromToken(reader.token);
      partner = await node.services.auth.fromToken(b.token);
    });
    after(() => node.dispose());

    const roster = () => node.services.assistance.roster;

    /** Every version of every object the store holds, as text. */
    async function everything(): Promise<string[]> {
      const out: string[] = [];
      for await (const o of node.store.objects.scan({}, { allVersions: true })) out.push(o.json);
      return out;
    }

    const profileVersions = async (id: string): Promise<JsonObject[]> =>
      (await node.store.objects.versions(id)).map((v) => JSON.parse(v.json) as JsonObject);

    test('an expert is kept with personal details; no stored STIX object carries them', async () => {
      const input = expertInput({ certifications: ['GCFA'], clearances: [] });
      const view = await roster().add(coordinator, input);
      assert.equal(view.name, input.name);
      assert.equal(view.email, input.email);
      assert.match(view.pseudonym, /^Expert [0-9A-F]{8}$/);
      assert.ok(!view.pseudonym.includes(input.name));
      const [profile, ...more] = await profileVersions(view.profileId);
      assert.ok(profile, 'the profile is published');
      assert.equal(more.length, 0);
      assert.deepEqual(profileFields(profile).skills, input.skills);
      assert.equal(profile['created_by_ref'], orgId);
      const label = (await node.store.access.latest([view.profileId])).get(view.profileId);
      assert.deepEqual(label?.distribution, { kind: 'federation' });
      assert.equal(label?.tlp, 'green');
      for (const json of await everything())
        for (const secret of [input.name, input.email, input.phone, view.id])
          assert.ok(secret === undefined || !json.includes(secret), `a stored object carries ${secret}`);
      const audited: string[] = [];
      for await (const entry of node.store.audit.scan()) if (entry.target === view.id) audited.push(JSON.stringify(entry));
      assert.ok(
        audited.some((a) => a.includes('roster.add')),
        'the change is audited',
      );
      assert.ok(!audited.some((a) => a.includes(input.name)), 'by ids, never by the person');
      assert.deepEqual(
        (await roster().list(analyst)).map((e) => e.id),
        [view.id],
        "the organisation's analysts read its roster",
      );
    });

    test('another organisation cannot read the roster; analysts cannot change it', async () => {
      const view = await roster().add(coordinator, expertInput());
      await refused(roster().list(partner, orgId), 'ACCESS_DENIED');
      await refused(roster().get(partner, view.id), 'NOT_FOUND');
      assert.ok(!(await roster().list(partner)).some((e) => e.id === view.id));
      await refused(roster().update(partner, view.id, { name: 'Taken over' }), 'NOT_FOUND');
      await refused(roster().remove(partner, view.id), 'NOT_FOUND');
      await refused(roster().add(analyst, expertInput()), 'ACCESS_DENIED');
      await refused(roster().update(analyst, view.id, { onSite: false }), 'ACCESS_DENIED');
      assert.equal((await roster().get(coordinator, view.id)).name, view.name);
    });

    test('the profile gets a new version when what it says changes, not when a contact does', async () => {
      const view = await roster().add(coordinator, expertInput());
      await roster().update(coordinator, view.id, { phone: '+33 1 00 00 00 00', email: 'new@experts.example.org' });
      assert.equal((await profileVersions(view.profileId)).length, 1, 'personal details are not in the profile');
      const changed = await roster().update(coordinator, view.id, { skills: ['penetration-tester', 'tag:scada'], languages: ['de'] });
      assert.equal(changed.profileId, view.profileId);
      const versions = await profileVersions(view.profileId);
      assert.equal(versions.length, 2);
      const latest = profileFields(versions.at(-1) ?? {});
      assert.deepEqual(latest.skills, ['penetration-tester', 'tag:scada']);
      assert.deepEqual(latest.languages, ['de']);
      assert.equal(latest.pseudonym, view.pseudonym);
    });

    test('unpublished or removed, the profile is revoked; published again, it is a new profile', async () => {
      const view = await roster().add(coordinator, expertInput());
      const hidden = await roster().update(coordinator, view.id, { published: false });
      assert.equal(hidden.published, false);
      assert.equal((await profileVersions(view.profileId)).at(-1)?.['revoked'], true);
      const shown = await roster().update(coordinator, view.id, { published: true });
      assert.notEqual(shown.profileId, view.profileId, 'a revoked object gets no further versions (STIX 2.1 §3.6)');
      assert.equal((await profileVersions(shown.profileId)).length, 1);
      await roster().remove(coordinator, view.id);
      assert.equal((await profileVersions(shown.profileId)).at(-1)?.['revoked'], true);
      await refused(roster().get(coordinator, view.id), 'NOT_FOUND');
      const never = await roster().add(coordinator, expertInput({ published: false }));
      assert.equal((await profileVersions(never.profileId)).length, 0, 'an unpublished expert has no profile');
    });

    test('bad input is refused naming the field, and nothing is stored', async () => {
      const held = (await roster().list(coordinator)).length;
      const objects = (await everything()).length;
      const bad: [Partial<ExpertInput>, string][] = [
        [{ skills: ['cyber-incident-responder', 'wizard'] }, 'skills[1]'],
        [{ availability: [{ from: '2027-05-02T00:00:00.000Z', until: '2027-05-01T00:00:00.000Z' }] }, 'availability[0].until'],
        [{ name: ' ' }, 'name'],
      ];
      for (const [extra, field] of bad) await refused(roster().add(coordinator, expertInput(extra)), 'INVALID_INPUT', field);
      const view = (await roster().list(coordinator))[0];
      assert.ok(view);
      await refused(roster().update(coordinator, view.id, { skills: ['wizard'] }), 'INVALID_INPUT', 'skills[0]');
      assert.equal((await roster().list(coordinator)).length, held);
      assert.equal((await everything()).length, objects);
      assert.deepEqual((await roster().get(coordinator, view.id)).skills, view.skills);
    });
  });
