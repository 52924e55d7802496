// Rapid response on every read path (issue 18, must 2 and must 9): fast-check builds random worlds
// (helpers/assistance-world.ts) of organisations with rosters, requests to random audiences,
// offers accepted or declined, deployments with their member cards; for every organisation's
// coordinator, no read path — the board, the request page, the proposal, the profiles, the
// deployment page, the roster, one object with its versions, access panel and neighbourhood, the
// Explorer list and search, the STIX and CSV exports, TAXII objects and manifest, the dashboard,
// the notifications, through the services and through the REST routes — shows a request outside
// its audience, an offer to anyone but its offerer, requester and coordinator, or an expert's
// name, email or phone to anyone but the expert's organisation and the organisations of the
// deployments the expert serves in; nor does a peer's egress page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OFFER_TYPE, REQUEST_TYPE } from '../src/domain/assistance/api.ts';
import { generateNodeKey } from '../src/domain/federation/keys.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { ConcordError } from '../src/errors.ts';
import { ASSISTANCE_ROUTES as R } from './helpers/assistance-nodes.ts';
import {
  ASSISTANCE_TYPES,
  type AssistanceWorld,
  type AssistanceWorldSpec,
  assistanceWorldArb,
  buildAssistanceWorld,
  deploymentOrgs,
  knowsExpert,
  principal,
  readsOffer,
  readsRequest,
  secretsFor,
} from './helpers/assistance-world.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import type { Person } from './helpers/people.ts';
import { ENGINES } from './helpers/store-engines.ts';
import type { Obj } from './helpers/stix.ts';

const TYPES = ASSISTANCE_TYPES.join(',');

type Listed = { objects: Obj[]; total?: { count: number } };

/** Every answer one reader got, by where it came from: searched at the end for secrets. */
type Bodies = [string, string][];

/** A service call's answer as text, or the error's code when it refused (NOT_FOUND: hidden). */
async function answer(bodies: Bodies, where: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    const out = await call();
    bodies.push([where, JSON.stringify(out)]);
    return out;
  } catch (e) {
    if (!(e instanceof ConcordError)) throw e;
    // A refusal names what was asked for (the missing-object 404 echoes the id): its code is the answer.
    bodies.push([where, e.code]);
    return e;
  }
}

const isNotFound = (x: unknown): boolean => x instanceof ConcordError && x.code === 'NOT_FOUND';

/** A problem body without what names the request (its URL, id and wording): what a 404 for
 *  something hidden must share with a 404 for something that does not exist. */
const problemShape = (body: string): unknown => {
  const { instance: _i, requestId: _r, detail: _d, title: _t, id: _id, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

/** A GET as `who`, its answer kept for the final search unless it is a 404, which must look
 *  exactly like the missing object's (it names the id asked for, nothing else). */
async function getter(node: TestNode, who: Person, bodies: Bodies) {
  const missing = await node.app.inject({
    method: 'GET',
    url: '/api/v1/objects/x-concord-assistance-request--00000000-0000-4000-8000-00000000dead',
    headers: who.auth,
  });
  assert.equal(missing.statusCode, 404);
  return async (url: string, headers: Record<string, string> = {}) => {
    const res = await node.app.inject({ method: 'GET', url, headers: { ...who.auth, ...headers } });
    if (res.statusCode === 404) assert.deepEqual(problemShape(res.body), problemShape(missing.body), `${url}: ${res.body}`);
    else bodies.push([url, res.body]);
    return res;
  };
}

/** The rapid-response read paths of the services, for one reader. */
async function checkScreens(node: TestNode, w: AssistanceWorld, who: Person, bodies: Bodies): Promise<void> {
  const a = node.services.assistance;
  const p = await principal(node, who);
  const me = who.org.id;
  const name = `the coordinator of ${who.org.name}`;
  const board = (await answer(bodies, 'the board', () => a.requests.board(p, { limit: 100 }))) as { items: { id: string }[] };
  assert.deepEqual(
    new Set(board.items.map((r) => r.id)),
    new Set(w.requests.filter((r) => readsRequest(w, r, me)).map((r) => r.id)),
    `the board of ${name}`,
  );
  for (const r of w.requests) {
    const view = await answer(bodies, `the page of ${r.id}`, () => a.requests.get(p, r.id));
    if (!readsRequest(w, r, me)) {
      assert.ok(isNotFound(view), `${name} reads ${r.id} outside its audience`);
      assert.ok(isNotFound(await answer(bodies, `the proposal for ${r.id}`, () => a.matching.propose(p, r.id))), `proposal of ${r.id}`);
      continue;
    }
    assert.ok(!(view instanceof Error), `${name} reads ${r.id}: ${String(view)}`);
    const offers = (view as { offers: { id: string }[] }).offers.map((o) => o.id);
    const mine = w.offers.filter((o) => o.requestId === r.id && readsOffer(o, me)).map((o) => o.id);
    assert.deepEqual(new Set(offers), new Set(mine), `the offers of ${r.id} that ${name} reads`);
    await answer(bodies, `the proposal for ${r.id}`, () => a.matching.propose(p, r.id, { own: r.by !== me }));
  }
  await answer(bodies, 'the profiles', () => a.matching.profiles(p, { limit: 1000 }));
  for (const d of w.deployments) {
    const view = await answer(bodies, `the deployment ${d.id}`, () => a.deployments.get(p, d.id));
    if (!deploymentOrgs(d).has(me)) {
      assert.ok(isNotFound(view), `${name} reads deployment ${d.id}`);
      continue;
    }
    // The members' organisations and the requester read the released names (must 2).
    const members = (view as { members: { profileId: string; name: string | null }[] }).members;
    for (const e of d.members) assert.equal(members.find((m) => m.profileId === e.profileId)?.name, e.name, `${name} reads ${e.id}'s card`);
  }
  const roster = (await answer(bodies, 'the roster', () => a.roster.list(p))) as { id: string }[];
  assert.deepEqual(new Set(roster.map((e) => e.id)), new Set(w.experts.filter((e) => e.org === me).map((e) => e.id)), `roster of ${name}`);
  const others = w.orgs.find((o) => o.id !== me);
  if (others)
    assert.ok(
      await a.roster.list(p, others.id).then(
        () => false,
        () => true,
      ),
      `${name} reads another roster`,
    );
}

/** Which of the world's objects (by id) `org` may read: what one object and every list answer. */
async function readable(node: TestNode, w: AssistanceWorld, org: string): Promise<{ all: Set<string>; hidden: Set<string> }> {
  const all = new Set<string>();
  const hidden = new Set<string>();
  const put = (id: string, ok: boolean) => (ok ? all : hidden).add(id);
  for (const r of w.requests) put(r.id, readsRequest(w, r, org));
  for (const o of w.offers) put(o.id, readsOffer(o, org));
  const reqIds = w.requests.map((r) => r.id);
  for (const d of (await node.store.assistance.decisionsOf(reqIds)).map((x) => x.record)) {
    const o = w.offers.find((x) => x.id === d.offerId);
    if (o) put(d.id, readsOffer(o, org));
  }
  for (const d of w.deployments) put(d.id, deploymentOrgs(d).has(org));
  for (const x of (await node.store.assistance.workOf(w.deployments.map((d) => d.id))).map((y) => y.record)) {
    const d = w.deployments.find((y) => y.id === x.deploymentId);
    if (d) put(x.id, deploymentOrgs(d).has(org));
  }
  // Pseudonymous profiles are published to the federation (must 2): every organisation reads them.
  for (const e of w.experts) put(e.profileId, true);
  return { all, hidden };
}

/** The generic read paths, through HTTP as the reader. */
async function checkObjects(node: TestNode, w: AssistanceWorld, who: Person, bodies: Bodies): Promise<void> {
  const me = who.org.id;
  const name = `the coordinator of ${who.org.name}`;
  const get = await getter(node, who, bodies);
  const { all, hidden } = await readable(node, w, me);
  const ours = (ids: Iterable<string>) => new Set([...ids].filter((id) => all.has(id) || hidden.has(id)));
  for (const id of [...all, ...hidden]) {
    const one = await get(`/api/v1/objects/${id}`);
    assert.equal(one.statusCode, all.has(id) ? 200 : 404, `${name} GET /objects/${id}: ${one.body.slice(0, 300)}`);
    // Around a readable object: its versions, access panel and graph (an offer's request_ref, a
    // card's deployment_ref are edges: the graph must not walk to what the reader may not read).
    for (const around of ['versions', 'access', 'neighbourhood']) {
      const res = await get(`/api/v1/objects/${id}/${around}`);
      assert.equal(res.statusCode, all.has(id) ? 200 : 404, `${name} GET /objects/${id}/${around}: ${res.body.slice(0, 300)}`);
    }
  }
  const listed: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/v1/objects?type=${TYPES}&include=all&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as { objects: Obj[]; next: string | null };
    listed.push(...page.objects.map((o) => o.id));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(ours(listed), all, `the Explorer list of ${name}`);
  const searched = (await get('/api/v1/objects?q=Ransomware&include=all&limit=500')).json() as { objects: Obj[] };
  for (const id of ours(searched.objects.map((o) => o.id))) assert.ok(all.has(id), `search of ${name} finds ${id}`);
  // Searching for an expert's name finds nothing, not even a count, for whom may not know it.
  for (const e of w.experts.filter((x) => !knowsExpert(w, x, me))) {
    const tag = e.name.split(' ')[1] ?? e.name;
    const found = (await get(`/api/v1/objects?q=${encodeURIComponent(tag)}&include=all&limit=50`)).json() as Listed;
    assert.equal(found.objects.length, 0, `${name} finds ${e.id} by name`);
    assert.equal(found.total?.count ?? 0, 0, `${name} counts ${e.id} by name`);
  }
  const exported = JSON.parse((await get(`/api/v1/export?type=${TYPES}`)).body) as { objects: Obj[] };
  assert.deepEqual(ours(exported.objects.map((o) => o.id)), all, `the STIX export of ${name}`);
  await get(`/api/v1/export?type=${TYPES}&format=csv`);
  const taxii = { accept: 'application/taxii+json;version=2.1' };
  const objects = await get(`/taxii2/api/collections/${w.collection}/objects/?limit=1000`, taxii);
  assert.equal(objects.statusCode, 200, objects.body);
  assert.deepEqual(ours(((objects.json() as { objects?: Obj[] }).objects ?? []).map((o) => o.id)), all, `TAXII of ${name}`);
  await get(`/taxii2/api/collections/${w.collection}/manifest/?limit=1000`, taxii);
  const dash = (await get('/api/v1/dashboard?days=30')).json() as { byType: { key: string; count: number }[] };
  const count = (t: string) => dash.byType.find((c) => c.key === t)?.count ?? 0;
  assert.equal(count(REQUEST_TYPE), w.requests.filter((r) => readsRequest(w, r, me)).length, `dashboard requests of ${name}`);
  assert.equal(count(OFFER_TYPE), w.offers.filter((o) => readsOffer(o, me)).length, `dashboard offers of ${name}`);
  const notes = await get('/api/v1/notifications');
  assert.ok([200, 404].includes(notes.statusCode), notes.body);
}

/** The same screens through the REST routes (what the web UI and the command line read): the
 *  presenters must not add what the services keep back. */
async function checkRoutes(node: TestNode, w: AssistanceWorld, who: Person, bodies: Bodies): Promise<void> {
  const me = who.org.id;
  const inject = await getter(node, who, bodies);
  const get = async (url: string) => (await inject(url)).statusCode;
  assert.equal(await get(`${R.requests}?limit=100`), 200, bodies.at(-1)?.[1] ?? '');
  for (const r of w.requests) {
    const want = readsRequest(w, r, me) ? 200 : 404;
    assert.equal(await get(R.request(r.id)), want, `GET ${R.request(r.id)} for ${who.org.name}`);
    const proposal = await get(`${R.proposal(r.id)}${r.by === me ? '' : '?own=true'}`);
    if (want === 404) assert.equal(proposal, 404, `the proposal for ${r.id}`);
  }
  assert.equal(await get(`${R.profiles}?limit=200`), 200, bodies.at(-1)?.[1] ?? '');
  for (const d of w.deployments) assert.equal(await get(R.deployment(d.id)), deploymentOrgs(d).has(me) ? 200 : 404);
  assert.equal(await get(R.roster), 200, bodies.at(-1)?.[1] ?? '');
  for (const e of w.experts) assert.equal(await get(R.expert(e.id)), e.org === me ? 200 : 404, `GET ${R.expert(e.id)}`);
}

/** Every answer a reader got carries none of the secrets the model keeps from it. */
function checkBodies(w: AssistanceWorld, who: Person, bodies: Bodies): void {
  for (const s of secretsFor(w, who.org.id))
    for (const [where, body] of bodies) assert.ok(!body.includes(s.text), `${where} tells ${who.org.name} ${s.what} ("${s.text}")`);
  // The positive side: each expert's organisation reads its expert's name on its roster.
  for (const e of w.experts.filter((x) => knowsExpert(w, x, who.org.id) && x.org === who.org.id))
    assert.ok(
      bodies.some(([where, body]) => where === 'the roster' && body.includes(e.name)),
      `${who.org.name} reads its roster`,
    );
}

/** A peer hosting an organisation in none of the world's audiences: only the pseudonymous
 *  profiles and the requests to the federation leave for it; no name ever does. */
async function checkEgress(node: TestNode, w: AssistanceWorld): Promise<void> {
  const org = 'identity--1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
  const added = await node.services.federation.peers.add(CLI, {
    url: 'http://127.0.0.1:9',
    key: generateNodeKey().publicKey,
    name: 'peer',
    orgs: [org],
  });
  const peer = await node.services.federation.peers.get(CLI, added.id);
  const page = await node.services.federation.egress.page(peer, 0, 5000);
  const text = page.objects.join('\n');
  for (const e of w.experts) for (const s of [e.name, e.email, e.phone]) assert.ok(!text.includes(s), `the egress page carries "${s}"`);
  const sent = new Set(page.objects.map((t) => (JSON.parse(t) as Obj).id));
  const want = new Set([
    ...w.requests.filter((r) => r.audience.kind === 'federation').map((r) => r.id),
    ...w.experts.map((e) => e.profileId),
  ]);
  const theirs = [...w.requests.map((r) => r.id), ...w.offers.map((o) => o.id), ...w.deployments.map((d) => d.id), ...want];
  assert.deepEqual(new Set(theirs.filter((id) => sent.has(id))), want, 'what leaves for a peer outside every audience');
}

/** A world that holds every case at once, run before the random ones: each audience, a
 *  coordinator other than the requester (who offers too), an organisation outside the community,
 *  accepted and declined offers, two deployments (one coordinated by another organisation), and a
 *  request withdrawn after an offer was accepted. */
const EVERY_CASE: AssistanceWorldSpec = {
  orgs: [
    { eu: true, experts: 2 },
    { eu: true, experts: 1 },
    { eu: false, experts: 1 },
    { eu: true, experts: 1 },
  ],
  requests: [
    { by: 0, audience: 'community', named: [1], coordinator: 1, withdraw: false },
    { by: 1, audience: 'organizations', named: [2, 3], coordinator: 1, withdraw: true },
    { by: 2, audience: 'federation', named: [0], coordinator: null, withdraw: false },
  ],
  offers: [
    { request: 0, by: 3, decision: 'accepted' },
    { request: 0, by: 2, decision: 'accepted' },
    { request: 0, by: 1, decision: 'declined' },
    { request: 1, by: 3, decision: 'accepted' },
    { request: 2, by: 0, decision: 'accepted' },
    { request: 2, by: 3, decision: 'declined' },
  ],
  deploy: [true, false, true],
};

for (const engine of ENGINES) {
  const runs = engine.name === 'sqlite' ? 5 : 2;
  describe(`rapid response on every read path (${engine.name})`, { skip: engine.skip }, () => {
    test('no read path shows a request outside its audience, an offer to a third party, or an expert’s name outside a deployment', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(assistanceWorldArb, async (spec) => {
          const node = await startNode({}, engine);
          try {
            const world = await buildAssistanceWorld(node, spec, ++run);
            for (const who of world.people) {
              const bodies: Bodies = [];
              await checkScreens(node, world, who, bodies);
              await checkRoutes(node, world, who, bodies);
              await checkObjects(node, world, who, bodies);
              checkBodies(world, who, bodies);
            }
            await checkEgress(node, world);
          } finally {
            await node.dispose();
          }
        }),
        { numRuns: runs, endOnFailure: true, examples: [[EVERY_CASE]] },
      );
    });
  });
}
