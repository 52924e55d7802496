// What another process commits is known at once (issue 14): two store instances on one database
// (two connections to one SQLite file, two pools on one PostgreSQL database) stand for a running
// node and a `concord import` or a second `serve` process beside it. On SQLite a change is
// effective at the next request; on PostgreSQL once its NOTIFY arrives, which `soon` allows
// for (a few milliseconds): without the change neither would ever happen before a restart.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '../src/config.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { buildServices, type Services } from '../src/services/index.ts';
import type { StateVersions } from '../src/domain/state-changes/types.ts';
import type { Store } from '../src/store/repositories.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { ENGINES, type Engine } from './helpers/store-engines.ts';
import { buildIndicator, type Obj } from './helpers/stix.ts';

/** Runs `check` now on SQLite; on PostgreSQL again until it holds, for up to 2 s. */
async function soon(engine: Engine, check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (engine.name === 'sqlite' || Date.now() > deadline) throw e;
      await sleep(10);
    }
  }
}

for (const engine of ENGINES) {
  describe(`changes committed by another process, on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let other: Store;
    let beside: Services;
    let cleared: Person;

    before(async () => {
      node = await startNode({}, engine);
      other = await node.location.open();
      beside = buildServices(other, parseConfig({ dataDir: node.dataDir }, { CONCORD_LOG_LEVEL: 'silent' }));
      cleared = await buildPerson(node.services, { org: node.org, clearances: { nato: 'NATO SECRET' } });
    });
    after(async () => {
      await beside.settle();
      await other.close();
      await node.dispose();
    });

    const get = (who: { authorization: string } | { cookie: string }, url: string) => node.app.inject({ method: 'GET', url, headers: who });

    test('the store counts the commits of each kind of state, whichever instance made them', async () => {
      const before: StateVersions = await node.store.state.versions();
      // On PostgreSQL the first call starts listening; versions are stable once it listens.
      let settled = before;
      await soon(engine, async () => {
        settled = await node.store.state.versions();
        assert.deepEqual(await node.store.state.versions(), settled);
      });
      await beside.orgs.addCommunity(CLI, { id: `watch-${process.pid}`, name: 'Watched' });
      await soon(engine, async () => assert.notEqual((await node.store.state.versions()).directory, settled.directory));
      const now = await node.store.state.versions();
      assert.equal(now.markings, settled.markings, 'a community is not a marking');
      assert.equal(now.users, settled.users);
    });

    test('a marking-definition imported beside the running node is known to it at once', async () => {
      const secret = classificationMarking(NATO_SCHEME, 'NATO SECRET');
      const obj = buildIndicator({
        object_marking_refs: [TLP2_MARKING_IDS.green],
        description: 'Source: a liaison officer in the SOC',
        granular_markings: [{ marking_ref: secret.id, selectors: ['description'] }],
      });
      await node.load([obj]);
      const unknown = await get(cleared.auth, `/api/v1/objects/${obj.id}`);
      assert.equal(unknown.statusCode, 200);
      assert.equal(unknown.headers['concord-withheld'], 'description', 'an unknown marking fails closed');
      const summary = await beside.ingest.importStream([JSON.stringify([secret])], {
        source: 'cli',
        owner: await beside.importOwner(CLI),
      });
      assert.equal(summary.accepted, 1);
      await soon(engine, async () => {
        const known = await get(cleared.auth, `/api/v1/objects/${obj.id}`);
        assert.equal((known.json() as Obj)['description'], 'Source: a liaison officer in the SOC');
        assert.equal(known.headers['concord-withheld'], undefined);
      });
    });

    test('an organisation renamed beside the running node is renamed for its users at once', async () => {
      const person = await buildPerson(node.services);
      assert.equal((await get(person.auth, '/api/v1/auth/me')).json().org.name, person.org.name);
      await beside.orgs.updateOrg(CLI, person.org.id, { name: `Renamed CSIRT ${process.pid}` });
      await soon(engine, async () =>
        assert.equal((await get(person.auth, '/api/v1/auth/me')).json().org.name, `Renamed CSIRT ${process.pid}`),
      );
    });

    test('a user disabled or a token revoked beside the running node is refused at once', async () => {
      const disabled = await buildPerson(node.services);
      const revoked = await buildPerson(node.services);
      assert.equal((await get(disabled.auth, '/api/v1/auth/me')).statusCode, 200);
      assert.equal((await get(revoked.auth, '/api/v1/auth/me')).statusCode, 200);
      await beside.users.updateUser(CLI, disabled.user.id, { disabled: true });
      const [token] = await beside.users.listTokens(CLI, revoked.user.id);
      await beside.users.revokeToken(CLI, token?.id ?? '');
      await soon(engine, async () => {
        assert.equal((await get(disabled.auth, '/api/v1/auth/me')).statusCode, 401);
        assert.equal((await get(revoked.auth, '/api/v1/auth/me')).statusCode, 401);
      });
    });

    test('a session ended beside the running node is refused at once', async () => {
      const person = await buildPerson(node.services);
      const login = await node.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: person.user.username, password: person.password },
      });
      assert.equal(login.statusCode, 200);
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      assert.equal((await get({ cookie }, '/api/v1/auth/me')).statusCode, 200);
      await beside.auth.logout(cookie.slice(cookie.indexOf('=') + 1));
      await soon(engine, async () => assert.equal((await get({ cookie }, '/api/v1/auth/me')).statusCode, 401));
    });

    test('a member removed from a sharing group beside the running node stops reading at once', async () => {
      const member = await buildPerson(node.services);
      const group = await node.services.orgs.addSharingGroup(CLI, {
        name: `Watched group ${process.pid}`,
        ownerOrg: node.org.id,
        members: [node.org.id, member.org.id],
      });
      const obj = buildIndicator({ object_marking_refs: [TLP2_MARKING_IDS.amber] });
      const owner = await node.services.importOwner(CLI, { tlp: 'amber', distribution: `sharing-group:${group.id}` });
      await node.services.ingest.importStream([JSON.stringify([obj])], { source: 'test', owner });
      assert.equal((await get(member.auth, `/api/v1/objects/${obj.id}`)).statusCode, 200);
      await beside.orgs.updateSharingGroup(CLI, group.id, { members: [node.org.id] });
      await soon(engine, async () => assert.equal((await get(member.auth, `/api/v1/objects/${obj.id}`)).statusCode, 404));
    });
  });
}
