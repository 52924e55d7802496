// Random worlds of rapid response for the access property test (issue 18, must 2 and must 9):
// organisations in and out of community `eu`, each with a coordinator and a roster of experts;
// requests to the community, to named organisations or to the federation; offers by
// organisations that read the request, accepted or declined; deployments of accepted experts
// (whose organisations then release their member cards); some requests withdrawn. Everything is
// written through the services as the users themselves. The model records who may learn what by
// the rule, not by the access policy's code: a request its requester and its audience
// (the coordinator, when another organisation, is one of the audience); an offer (and its
// decision) the offerer, the requester and the coordinator; a deployment, its notes and member
// cards the requester, the coordinator and the members' organisations; an expert's name, email and phone the
// expert's organisation and the organisations of the deployments the expert serves in.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ASSISTANCE_TYPES, type RequestAudience } from '../../src/domain/assistance/api.ts';
import { CLI, type UserPrincipal } from '../../src/domain/identity/principal.ts';
import type { Org } from '../../src/domain/identity/types.ts';
import { expertInput, type Personal, requestInput } from './assistance-inputs.ts';
import type { TestNode } from './node.ts';
import { buildPerson, type Person } from './people.ts';

export const COMMUNITY = 'eu';

export interface AssistanceWorldSpec {
  /** Per organisation: whether it is in community `eu`, and how many experts it keeps. */
  orgs: { eu: boolean; experts: number }[];
  requests: {
    by: number;
    audience: 'community' | 'organizations' | 'federation';
    named: number[];
    /** Another organisation to coordinate, by its distance from the requester in `orgs` (used
     *  when it is in the audience), or null: the requester coordinates. */
    coordinator: number | null;
    withdraw: boolean;
  }[];
  offers: { request: number; by: number; decision: 'accepted' | 'declined' | null }[];
  /** Whether each request with an accepted offer becomes a deployment (and then ends with a note). */
  deploy: boolean[];
}

/** Small worlds: the property is about who learns what, not about volume. */
export const assistanceWorldArb: fc.Arbitrary<AssistanceWorldSpec> = fc.record({
  orgs: fc.array(fc.record({ eu: fc.boolean(), experts: fc.integer({ min: 1, max: 2 }) }), { minLength: 3, maxLength: 4 }),
  requests: fc.array(
    fc.record({
      by: fc.nat(3),
      audience: fc.constantFrom('community' as const, 'organizations' as const, 'federation' as const),
      named: fc.subarray([0, 1, 2, 3], { minLength: 1 }),
      coordinator: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 }),
      withdraw: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  offers: fc.array(
    fc.record({ request: fc.nat(2), by: fc.nat(3), decision: fc.constantFrom('accepted' as const, 'declined' as const, null) }),
    { minLength: 1, maxLength: 5 },
  ),
  deploy: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
});

export interface ModelExpert extends Personal {
  id: string;
  profileId: string;
  org: string;
}
export interface ModelRequest {
  id: string;
  title: string;
  by: string;
  coordinator: string;
  audience: RequestAudience;
  withdrawn: boolean;
}
export interface ModelOffer {
  id: string;
  requestId: string;
  by: string;
  requester: string;
  coordinator: string;
  message: string;
  experts: ModelExpert[];
  decision: 'accepted' | 'declined' | null;
}
export interface ModelDeployment {
  id: string;
  requestId: string;
  requester: string;
  coordinator: string;
  members: ModelExpert[];
}

export interface AssistanceWorld {
  orgs: Org[];
  /** A coordinator of each organisation, in the order of `orgs`. */
  people: Person[];
  experts: ModelExpert[];
  requests: ModelRequest[];
  offers: ModelOffer[];
  deployments: ModelDeployment[];
  /** A TAXII collection of every assistance type, readable by every organisation. */
  collection: string;
}

/** Builds the world the spec describes on `node`. */
export async function buildAssistanceWorld(node: TestNode, spec: AssistanceWorldSpec, run: number): Promise<AssistanceWorld> {
  const cast = await buildCast(node, spec, run);
  const requests = await askRequests(cast, spec);
  const offers = await makeOffers(cast, spec, requests);
  const deployments = await deployAccepted(cast, spec, requests, offers);
  // Withdrawn last: an accepted offer on a withdrawn request is refused (issue 18, bad input).
  for (const [i, r] of spec.requests.entries()) {
    const req = requests[i] as ModelRequest;
    if (!r.withdraw || deployments.some((d) => d.requestId === req.id)) continue;
    await node.services.assistance.requests.update(await cast.as(req.by), req.id, { status: 'withdrawn' });
    req.withdrawn = true;
  }
  await node.services.assistance.requests.catchUp();
  const collection = (await node.services.collections.add(CLI, { title: `Assistance ${run}`, types: [...ASSISTANCE_TYPES], read: ['*'] }))
    .id;
  const { orgs, people, experts } = cast;
  return { orgs, people, experts, requests, offers, deployments, collection };
}

/** The organisations, their coordinators and rosters, and how to act as each. */
interface Cast {
  node: TestNode;
  orgs: Org[];
  people: Person[];
  experts: ModelExpert[];
  orgAt(i: number): Org;
  /** The principal of the organisation's coordinator, fetched afresh (groups change principals). */
  as(orgId: string): Promise<UserPrincipal>;
}

async function buildCast(node: TestNode, spec: AssistanceWorldSpec, run: number): Promise<Cast> {
  const orgs: Org[] = [];
  const people: Person[] = [];
  const experts: ModelExpert[] = [];
  for (const [i, o] of spec.orgs.entries()) {
    const person = await buildPerson(node.services, {
      orgName: `Responder ${run}-${i}-${randomBytes(3).toString('hex')}`,
      communities: o.eu ? [COMMUNITY] : [],
      roles: ['coordinator'],
    });
    orgs.push(person.org);
    people.push(person);
    const p = await principal(node, person);
    for (let k = 0; k < o.experts; k++) {
      const input = expertInput();
      const e = await node.services.assistance.roster.add(p, input);
      const { name, email = '', phone = '' } = input;
      experts.push({ id: e.id, profileId: e.profileId, org: person.org.id, name, email, phone });
    }
  }
  return {
    node,
    orgs,
    people,
    experts,
    orgAt: (i) => orgs[i % orgs.length] as Org,
    as: (orgId) => principal(node, people.find((p) => p.org.id === orgId) as Person),
  };
}

async function askRequests(cast: Cast, spec: AssistanceWorldSpec): Promise<ModelRequest[]> {
  const requests: ModelRequest[] = [];
  for (const r of spec.requests) {
    const by = cast.orgAt(r.by);
    const named = [...new Set(r.named.map((n) => cast.orgAt(n).id))].filter((id) => id !== by.id);
    const audience: RequestAudience =
      r.audience === 'community'
        ? { kind: 'community', id: COMMUNITY }
        : r.audience === 'federation'
          ? { kind: 'federation' }
          : { kind: 'organizations', ids: named.length > 0 ? named : [cast.orgAt(r.by + 1).id] };
    const model: ModelRequest = { id: '', title: '', by: by.id, coordinator: by.id, audience, withdrawn: false };
    // The coordinator must be in the request's audience (it sees the whole picture, must 4).
    const other = r.coordinator === null ? by : cast.orgAt(r.by + r.coordinator);
    if (other.id !== by.id && readsRequest(cast, model, other.id)) model.coordinator = other.id;
    const input = requestInput(audience, model.coordinator === by.id ? {} : { coordinatorOrg: model.coordinator });
    const view = await cast.node.services.assistance.requests.ask(await cast.as(by.id), input);
    requests.push({ ...model, id: view.id, title: input.title });
  }
  await cast.node.services.assistance.requests.catchUp();
  return requests;
}

/** Each organisation that reads a request offers all its experts, once per request (others would
 *  be refused); then the requester decides on each offer as the spec says. */
async function makeOffers(cast: Cast, spec: AssistanceWorldSpec, requests: ModelRequest[]): Promise<ModelOffer[]> {
  const a = cast.node.services.assistance;
  const offers: ModelOffer[] = [];
  const decisions: ['accepted' | 'declined' | null, ModelOffer][] = [];
  for (const o of spec.offers) {
    const req = requests[o.request % requests.length] as ModelRequest;
    const by = cast.orgAt(o.by);
    if (by.id === req.by || !readsRequest(cast, req, by.id) || offers.some((x) => x.requestId === req.id && x.by === by.id)) continue;
    const mine = cast.experts.filter((e) => e.org === by.id);
    const message = `We can help ${randomBytes(4).toString('hex')}`;
    const view = await a.requests.offer(await cast.as(by.id), req.id, { experts: mine.map((e) => ({ expertId: e.id })), message });
    const offer: ModelOffer = {
      id: view.id,
      requestId: req.id,
      by: by.id,
      requester: req.by,
      coordinator: req.coordinator,
      message,
      experts: mine,
      decision: null,
    };
    offers.push(offer);
    decisions.push([o.decision, offer]);
  }
  await a.requests.catchUp();
  for (const [decision, offer] of decisions) {
    if (decision === null) continue;
    await a.requests.decide(await cast.as(offer.requester), offer.id, { decision });
    offer.decision = decision;
  }
  await a.requests.catchUp();
  return offers;
}

/** Deploys the accepted experts of each request the spec says to, starts the deployment and adds
 *  a status note by a member organisation; waits until every member's card is released. */
async function deployAccepted(
  cast: Cast,
  spec: AssistanceWorldSpec,
  requests: ModelRequest[],
  offers: ModelOffer[],
): Promise<ModelDeployment[]> {
  const a = cast.node.services.assistance;
  const out: ModelDeployment[] = [];
  for (const [i, req] of requests.entries()) {
    const accepted = offers.filter((o) => o.requestId === req.id && o.decision === 'accepted');
    if (accepted.length === 0 || spec.deploy[i] !== true) continue;
    const requester = await cast.as(req.by);
    const view = await a.deployments.deploy(requester, req.id, {});
    await a.deployments.update(await cast.as(req.by), view.id, { status: 'active' });
    const member = accepted[0] as ModelOffer;
    await a.deployments.addNote(await cast.as(member.by), view.id, { text: `Day one ${view.id}`, hours: 6 });
    out.push({
      id: view.id,
      requestId: req.id,
      requester: req.by,
      coordinator: req.coordinator,
      members: accepted.flatMap((o) => o.experts),
    });
  }
  // The member cards are written by the experts' organisations once the deployment is stored
  // (the reactor): wait for them as the requester would, on the deployment page.
  for (const d of out) {
    const started = performance.now();
    for (;;) {
      await a.requests.catchUp();
      const view = await a.deployments.get(await cast.as(d.requester), d.id);
      if (view.members.length === d.members.length && view.members.every((m) => m.name !== null)) break;
      assert.ok(performance.now() - started < 15_000, `the member cards of ${d.id} are released: ${JSON.stringify(view.members)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return out;
}

/** The principal of a person's token, as the HTTP layer would build it. */
export function principal(node: TestNode, p: Person): Promise<UserPrincipal> {
  return node.services.auth.fromToken(p.token);
}

export { ASSISTANCE_TYPES };

// ── The model: who may learn what, by the rule ──────────────────────────────────────

/** Whether organisation `org` may read request `r`: its requester and its audience (must 1). */
export function readsRequest(w: Pick<AssistanceWorld, 'orgs'>, r: ModelRequest, org: string): boolean {
  if (org === r.by) return true;
  if (r.audience.kind === 'federation') return true;
  if (r.audience.kind === 'organizations') return r.audience.ids.includes(org);
  const id = r.audience.id;
  return w.orgs.find((o) => o.id === org)?.communities.includes(id) ?? false;
}

/** Whether `org` may read offer `o` and its decision: the offerer, the requester and the
 *  request's coordinator (must 4). */
export function readsOffer(o: ModelOffer, org: string): boolean {
  return org === o.by || org === o.requester || org === o.coordinator;
}

/** The organisations of a deployment: the requester, the coordinator and the members' (must 2, must 4). */
export function deploymentOrgs(d: ModelDeployment): Set<string> {
  return new Set([d.requester, d.coordinator, ...d.members.map((m) => m.org)]);
}

/** Whether `org` may learn expert `e`'s name, email and phone (must 2). */
export function knowsExpert(w: AssistanceWorld, e: ModelExpert, org: string): boolean {
  if (e.org === org) return true;
  return w.deployments.some((d) => d.members.some((m) => m.id === e.id) && deploymentOrgs(d).has(org));
}

/** Whether a deployment `org` is in names offer `o` (one of its experts is a member). */
function namedByDeployment(w: AssistanceWorld, o: ModelOffer, org: string): boolean {
  const ids = new Set(o.experts.map((e) => e.id));
  return w.deployments.some((d) => d.requestId === o.requestId && deploymentOrgs(d).has(org) && d.members.some((m) => ids.has(m.id)));
}

/** What no answer to `org` may carry: the personal details of experts it may not know, and the
 *  ids and unique words of requests, offers and deployments it may not read. */
export function secretsFor(w: AssistanceWorld, org: string): { text: string; what: string }[] {
  const out: { text: string; what: string }[] = [];
  for (const e of w.experts) {
    if (knowsExpert(w, e, org)) continue;
    for (const text of [e.name, e.email, e.phone]) out.push({ text, what: `personal details of expert ${e.id}` });
  }
  for (const r of w.requests) {
    if (!readsRequest(w, r, org))
      out.push({ text: r.id, what: 'a request outside its audience' }, { text: r.title, what: `the title of ${r.id}` });
  }
  for (const o of w.offers) {
    if (readsOffer(o, org)) continue;
    out.push({ text: o.message, what: `the message of ${o.id}` });
    // A deployment names the offer each member came with (members[].offer_ref): its members'
    // organisations learn that id, never the offer itself.
    if (!namedByDeployment(w, o, org)) out.push({ text: o.id, what: "another organisation's offer" });
  }
  for (const d of w.deployments) if (!deploymentOrgs(d).has(org)) out.push({ text: d.id, what: 'a deployment it is not in' });
  return out;
}
