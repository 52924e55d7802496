// The authorization matrix (issue 3, item 7): every endpoint the node registers against every
// kind of caller. Missing, expired and revoked credentials get 401; a role that may not act gets
// 403; what the caller may not know exists answers exactly as a missing id does (404, the same
// problem document); oversized bodies get 413. A route without a row here fails the coverage
// test, so a new endpoint cannot ship without a stated policy. TAXII 2.1 routes (/taxii2) answer
// with the TAXII error resource (§3.6.1) instead of a problem document, and are called with the
// TAXII media type in Accept (and Content-Type for a POST), as §3.1 and §5.5 require. A row that
// names the action it exercises (domain/access/permissions.ts) must agree with the permission
// table: the table allows each column it answers 2xx, and refuses each column it answers 403.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { ACTIONS, allowed, permission, type Action, type Subject } from '../src/domain/access/permissions.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { INCIDENT_CORE_EXTENSION_ID } from '../src/domain/incidents/types.ts';
import type { Org, SharingGroup } from '../src/domain/identity/types.ts';
import { generateNodeKey } from '../src/domain/federation/keys.ts';
import { CONCORD_NIS2_EXTENSION_ID as NIS2_EXTENSION } from '../src/domain/incidents/types.ts';
import { secretHash } from '../src/services/secrets.ts';
import { alertObject } from '../src/domain/alerts/alert-object.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, buildRelationship, bundle } from './helpers/stix.ts';
import { buildFeed } from './helpers/feeds.ts';
import { AFTER_ACTION, acceptedRequest, deploymentOf, expertOf, offeredRequest, requestOf } from './helpers/assistance-fixtures.ts';
import { expertInput, requestInput } from './helpers/assistance-inputs.ts';

/** The callers of the matrix, in column order. */
const WHO = ['anonymous', 'viewer', 'coordinator', 'analyst', 'orgAdmin', 'otherOrgAdmin', 'admin', 'readOnly'] as const;
type Who = (typeof WHO)[number];

/** Any 2xx; an exact refusal; or `denied`, either refusal (a caller who already knows the record exists). */
type Expect = 'ok' | 401 | 403 | 404 | 'denied';
type Row = readonly [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect];

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Route {
  method: Method;
  /** The route as Fastify registered it (`/api/v1/orgs/:id`). */
  path: string;
  /** What the row exercises, when a route has more than one row. */
  note?: string;
  /** The action of the permission table the route performs (its role decision). */
  action?: Action;
  /** The action is on something organisation A owns (an own-organisation scope applies). */
  onOrgA?: true;
  /** The URL to call, resolved at each request (a quarantine retry replaces its entry). */
  url: () => string | Promise<string>;
  /** The same call on an id that does not exist: a 404 cell must answer exactly like it. */
  missing?: () => string;
  body?: () => unknown;
  /** For bodies that are not JSON objects (an upload sent as text). */
  contentType?: string;
  expect: Row;
}

const OK = 'ok';
// Shorthands for the commonest rows.
const PUBLIC: Row = [OK, OK, OK, OK, OK, OK, OK, OK];
const ANY_USER: Row = [401, OK, OK, OK, OK, OK, OK, OK];
const NODE_ADMIN: Row = [401, 403, 403, 403, 403, 403, OK, 403];
/** A TAXII collection granted to organisation A: every member reads it; organisation B and the
 *  node administrator (of the operating organisation, not A) may not know it exists. */
const ORG_A_READS: Row = [401, OK, OK, OK, OK, 404, 404, OK];
/** Writing into organisation A's target: a role that may import and a read-write token; the
 *  viewer and the read-only token know the collection (they read it), so they get 403. */
const ORG_A_WRITES: Row = [401, 403, OK, OK, OK, 404, 404, 403];

/** TAXII 2.1 §1.6.8.2: the media type of every TAXII request and response. */
const TAXII = 'application/taxii+json;version=2.1';
const ROOT = '/taxii2/api';
const isTaxii = (url: string): boolean => url.startsWith('/taxii2/');
/** §3.1: Accept on every TAXII request; §5.5: Content-Type on a POST. */
const taxiiHeaders = (method: string, url: string): Record<string, string> =>
  isTaxii(url) ? { accept: TAXII, ...(method === 'POST' ? { 'content-type': TAXII } : {}) } : {};

/** §3.6.1 error resource. */
interface TaxiiError {
  title?: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, unknown>;
}

/** A refusal: its detail, and what must read the same for a hidden record as for a missing one. */
interface Refusal {
  detail: string;
  comparable: string;
}

describe('authorization matrix', () => {
  let node: TestNode;
  let orgB: Org;
  let viewer: Person, coordinator: Person, analyst: Person, orgAdmin: Person, otherOrgAdmin: Person, loginUser: Person;
  let readOnlyToken: string;
  let group: SharingGroup;
  let community: string;
  let victimToken: string;
  let orgJob: string;
  let sharedObject: string;
  let orgObject: string;
  let orgIncident: string;
  let feed: Collection, inbox: Collection;
  let statusId: string;
  let seq = 0;
  const headers = new Map<Who, Record<string, string>>();
  /** Each column's caller as the permission table sees it. */
  const subjects = new Map<Who, Subject>();

  const send = (method: HTTPMethods, url: string, who: Who, body?: unknown, contentType?: string): Promise<LightMyRequestResponse> =>
    node.app.inject({
      method,
      url,
      headers: { ...headers.get(who), ...taxiiHeaders(method, url), ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });

  /** Uploads a bundle through the API and waits for the import; returns the job. */
  async function upload(who: Who, objects: unknown[], query = ''): Promise<{ id: string; summary: { quarantined: number } | null }> {
    const res = await send('POST', `/api/v1/imports${query}`, who, JSON.stringify(bundle(objects)), 'application/json');
    assert.equal(res.statusCode, 202, res.body);
    const { id } = res.json() as { id: string };
    await node.services.imports.idle();
    return (await send('GET', `/api/v1/imports/${id}`, 'admin')).json() as { id: string; summary: { quarantined: number } | null };
  }

  /** A TAXII envelope with one new indicator. */
  const envelope = (): string => JSON.stringify({ objects: [buildIndicator({ name: `taxii ${++seq}` })] });

  /** Adds an envelope to organisation A's inbox as the analyst; returns its settled status. */
  async function addToInbox(body: string): Promise<{ id: string; success_count: number }> {
    const res = await send('POST', `${ROOT}/collections/${inbox.id}/objects/`, 'analyst', body);
    assert.equal(res.statusCode, 202, res.body);
    await node.services.taxii.idle();
    const status = await send('GET', `${ROOT}/status/${(res.json() as { id: string }).id}/`, 'analyst');
    assert.equal(status.statusCode, 200, status.body);
    return status.json() as { id: string; success_count: number };
  }

  /** A fresh object in the inbox (a deletion removes it): its TAXII URL. */
  async function inboxObjectUrl(): Promise<string> {
    const object = buildIndicator({ name: `to delete ${++seq}` });
    assert.equal((await addToInbox(JSON.stringify({ objects: [object] }))).success_count, 1);
    return `${ROOT}/collections/${inbox.id}/objects/${object.id}/`;
  }

  /** A fresh collection for a deletion row. */
  async function freshCollectionUrl(): Promise<string> {
    const c = await node.services.collections.add(CLI, { title: `Matrix collection ${++seq}` });
    return `/api/v1/collections/${c.id}`;
  }

  /** A fresh peer for a deletion row (issue 5). */
  async function freshPeerUrl(): Promise<string> {
    const p = await node.services.federation.peers.add(CLI, {
      url: 'http://127.0.0.1:9',
      key: generateNodeKey().publicKey,
      name: `matrix-peer-${++seq}`,
    });
    return `/api/v1/peers/${p.id}`;
  }

  /** A collection of this node that every user reads, at the address the node listens on: what
   *  the feed rows point at, since adding or pulling a feed reads the peer at once (issue 6). */
  let readable: Promise<string> | undefined;
  function readableCollectionUrl(): Promise<string> {
    readable ??= (async () => {
      const base = await node.app.listen({ host: '127.0.0.1', port: 0 });
      const c = await node.services.collections.add(CLI, { title: 'Matrix feed source', types: ['indicator'], read: ['*'] });
      return `${base}/taxii2/api/collections/${c.id}/`;
    })();
    return readable;
  }
  let feedBody: unknown;
  /** A fresh feed of that collection, read with the administrator's token: its URL. */
  async function freshFeedUrl(): Promise<string> {
    const url = await readableCollectionUrl();
    const id = `matrix${++seq}`;
    await node.store.feeds.create(buildFeed({ id, url, auth: { kind: 'token', token: node.adminToken }, intervalSeconds: 3600 }));
    return `/api/v1/feeds/${id}`;
  }

  /** A fresh object of organisation A for a retraction row; the body names it. */
  let retractTarget = '';
  async function freshRetractionUrl(): Promise<string> {
    const o = buildIndicator({ name: `to retract ${++seq}` });
    assert.equal((await upload('analyst', [o])).summary?.quarantined, 0);
    retractTarget = o.id;
    return '/api/v1/retractions';
  }

  /** A fresh amber object of organisation A (its default markings), written by the node for it. */
  async function freshOrgAObject(): Promise<string> {
    const written = await node.services.write.create(CLI, { object: { type: 'campaign', name: `matrix ${++seq}` } }, analyst.org.id);
    return written.object.id;
  }
  /** One such object that the version and marking rows keep writing to. */
  let writable: Promise<string> | undefined;
  function writableOrgA(): Promise<string> {
    writable ??= freshOrgAObject();
    return writable;
  }

  /** An incident of organisation A, made a CSIRT, with a CSIRT of France to share it with
   *  (issue 16, must 6); made once, shared or handed over again by each caller allowed to. */
  let incidentA: Promise<string> | undefined;
  /** A rule of the community organisation A is in, set by the command line. */
  async function communityRule(): Promise<string> {
    const rule = await node.services.alertRules.create(CLI, {
      name: `Matrix rule ${++seq}`,
      community,
      subjects: ['value'],
      minOrganisations: 2,
      minCountries: 1,
      windowHours: 24,
    });
    return rule.id;
  }

  let alertId: string | undefined;
  /** An alert of that community's rule (TLP:AMBER, the community), loaded as the operating
   *  organisation's: organisation A reads it as a member, organisation B may not know it. */
  async function communityAlert(): Promise<string> {
    if (alertId !== undefined) return alertId;
    const ruleId = await communityRule();
    const facts = {
      id: `x-concord-alert--${uuid()}`,
      ruleId,
      subject: { kind: 'value' as const, key: 'ipv4:198.51.100.7', label: '198.51.100.7' },
      exercise: null,
      objectRefs: [sharedObject],
      sightingRefs: [`sighting--${uuid()}`],
      organisations: 2,
      countries: ['FR'],
      sectors: [],
      sightings: 2,
      firstSeen: '2026-12-07T10:00:00.000Z',
      lastSeen: '2026-12-07T11:00:00.000Z',
    };
    const at = { created: facts.lastSeen, modified: facts.lastSeen, creator: node.org.id, tlp: 'amber' as const, community };
    await node.load([alertObject(facts, at)]);
    const stored = await node.store.objects.get(facts.id);
    assert.ok(stored);
    await node.store.alerts.put([
      {
        ...facts,
        seq: stored.seq,
        community,
        subjectKind: 'value',
        subjectKey: facts.subject.key,
        subjectLabel: facts.subject.label,
        created: facts.lastSeen,
        modified: facts.lastSeen,
      },
    ]);
    alertId = facts.id;
    return alertId;
  }

  // Rapid response (issue 18): organisation A and a third organisation C are in the matrix
  // community; A's request goes to that community (B and the node's organisation may not know
  // it); A answers C's requests with its experts, and C answers A's. Records the calls change
  // (an offer withdrawn, decided; a deployment formed, reported on) are made afresh per call.
  let orgC: Promise<string> | undefined;
  function thirdOrg(): Promise<string> {
    orgC ??= (async () => (await node.services.orgs.addOrg(CLI, { name: 'Matrix responder C', communities: [community] })).id)();
    return orgC;
  }
  const toCommunity = () => ({ kind: 'community' as const, id: community });
  let requestA: Promise<string> | undefined;
  function orgARequest(): Promise<string> {
    requestA ??= (async () => (await requestOf(node.services, analyst.org.id, toCommunity())).id)();
    return requestA;
  }
  let expertA: Promise<string> | undefined;
  function orgAExpert(): Promise<string> {
    expertA ??= (async () => (await expertOf(node.services, analyst.org.id)).id)();
    return expertA;
  }
  /** The expert the offer rows offer: set by their url(), read by their body(). */
  let offered = '';
  async function freshRequestOfC(): Promise<string> {
    offered = await orgAExpert();
    return (await requestOf(node.services, await thirdOrg(), toCommunity())).id;
  }
  let deploymentA: Promise<{ id: string; task: string }> | undefined;
  function orgADeployment(): Promise<{ id: string; task: string }> {
    deploymentA ??= (async () => {
      const d = await deploymentOf(node.services, analyst.org.id, await thirdOrg(), toCommunity());
      const task = await node.services.assistance.deployments.addTask(CLI, d.id, { name: 'Image the controllers' }, analyst.org.id);
      return { id: d.id, task: task.id };
    })();
    return deploymentA;
  }
  const freshDeploymentA = async (status: 'planned' | 'ended'): Promise<string> =>
    (await deploymentOf(node.services, analyst.org.id, await thirdOrg(), toCommunity(), status)).id;

  function orgAIncident(): Promise<string> {
    incidentA ??= (async () => {
      await node.services.orgs.updateOrg(CLI, analyst.org.id, { nis2Role: 'csirt' });
      await node.services.orgs.addOrg(CLI, { name: 'Matrix CSIRT-FR', country: 'FR', nis2Role: 'csirt' });
      const nis2 = { extension_type: 'property-extension', aware_at: '2026-01-05T08:00:00.000Z', member_states_affected: ['FR'] };
      const incident = { type: 'incident', name: `matrix incident ${++seq}`, extensions: { [NIS2_EXTENSION]: nis2 } };
      return (await node.services.write.create(CLI, { object: incident }, analyst.org.id)).object.id;
    })();
    return incidentA;
  }

  async function quarantineUrl(): Promise<string> {
    const page = await node.services.quarantine.list({ limit: 1 });
    assert.ok(page.items[0], 'the fixture keeps one entry in quarantine');
    return `/api/v1/quarantine/${page.items[0].id}`;
  }

  before(async () => {
    node = await startNode();
    analyst = await buildPerson(node.services, { roles: ['analyst'] });
    const orgA = analyst.org;
    viewer = await buildPerson(node.services, { org: orgA, roles: ['viewer'] });
    coordinator = await buildPerson(node.services, { org: orgA, roles: ['coordinator'] });
    orgAdmin = await buildPerson(node.services, { org: orgA, roles: ['org-admin'] });
    loginUser = await buildPerson(node.services, { org: orgA, roles: ['viewer'] });
    otherOrgAdmin = await buildPerson(node.services, { roles: ['org-admin'] });
    orgB = otherOrgAdmin.org;
    readOnlyToken = (await node.services.users.createToken(CLI, { userId: analyst.user.id, name: 'read-only', scope: 'read' })).secret;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    headers.set('viewer', viewer.auth).set('coordinator', coordinator.auth).set('analyst', analyst.auth).set('orgAdmin', orgAdmin.auth);
    headers.set('otherOrgAdmin', otherOrgAdmin.auth).set('admin', bearer(node.adminToken)).set('readOnly', bearer(readOnlyToken));
    const subject = (p: Person, scope: 'read' | 'read-write' = 'read-write'): Subject => ({
      kind: 'user',
      user: { roles: p.user.roles },
      org: { id: p.org.id },
      scope,
    });
    subjects.set('viewer', subject(viewer)).set('coordinator', subject(coordinator)).set('analyst', subject(analyst));
    subjects.set('orgAdmin', subject(orgAdmin)).set('otherOrgAdmin', subject(otherOrgAdmin)).set('readOnly', subject(analyst, 'read'));
    const admin = (await node.services.users.listUsers(CLI)).find((u) => u.username === 'admin');
    assert.ok(admin, 'the node administrator');
    subjects.set('admin', { kind: 'user', user: { roles: admin.roles }, org: { id: admin.orgId }, scope: 'read-write' });

    community = (await node.services.orgs.addCommunity(CLI, { id: 'authz-matrix', name: 'Authz matrix' })).id;
    // Organisation A is in the community whose alert rules its coordinator sets (issue 17, must 4).
    await node.services.orgs.updateOrg(CLI, orgA.id, { communities: [community] });
    group = await node.services.orgs.addSharingGroup(CLI, { name: 'Org A circle', ownerOrg: orgA.id });
    victimToken = (await node.services.users.createToken(CLI, { userId: analyst.user.id, name: 'to be revoked' })).token.id;

    // An object everyone may read, and one only organisation A may read (its default: amber, organisation).
    const indicator = buildIndicator();
    const malware = buildMalware();
    const shared = await upload(
      'admin',
      [indicator, malware, buildRelationship(indicator, 'indicates', malware)],
      '?tlp=clear&distribution=federation',
    );
    assert.equal(shared.summary?.quarantined, 0);
    sharedObject = indicator.id;
    const own = buildIndicator({ name: 'Org A only' });
    const job = await upload('analyst', [own]);
    assert.equal(job.summary?.quarantined, 0);
    orgJob = job.id;
    orgObject = own.id;
    // An incident of organisation A (issue 16): read as its amber object is.
    const incident = {
      type: 'incident',
      spec_version: '2.1',
      id: `incident--${uuid()}`,
      created: own.created,
      modified: own.modified,
      name: 'Org A incident',
    };
    assert.equal((await upload('analyst', [incident])).summary?.quarantined, 0);
    orgIncident = incident.id;
    // A pattern that does not parse is quarantined: the entry the quarantine rows use.
    const bad = await upload('admin', [buildIndicator({ pattern: "[ipv4-addr:value = '" })]);
    assert.equal(bad.summary?.quarantined, 1);

    // TAXII: a saved query readable by organisation A only (it holds A's amber indicator), and a
    // target A reads and writes, with a status created by A's analyst.
    const a = `org:${orgA.id}`;
    feed = await node.services.collections.add(CLI, { title: 'Org A indicators', types: ['indicator'], read: [a] });
    inbox = await node.services.collections.add(CLI, { title: 'Org A inbox', kind: 'target', read: [a], write: [a] });
    statusId = (await addToInbox(envelope())).id;
  });
  after(() => node.dispose());

  const uuid = () => randomUUID();
  const freshBundle = () => JSON.stringify(bundle([buildIndicator({ name: `upload ${++seq}` })]));

  // Each `expect` lists, in WHO order: anonymous, viewer, coordinator, analyst, org-admin (all of
  // organisation A), org-admin of organisation B, node admin, and the analyst's read-only token.

  // Issue 16, incident writes: a fresh incident of organisation A for each call (a report stage is
  // submitted once), and an entity in organisation A's constituency for the CSIRT's answers.
  const freshIncidentA = async (): Promise<string> =>
    (await node.services.incidentWrites.open(CLI, { name: `matrix incident ${++seq}`, awareAt: new Date().toISOString() }, analyst.org.id))
      .row.id;
  let workedIncident: Promise<{ id: string; task: string; impact: string }> | undefined;
  function workedIncidentA(): Promise<{ id: string; task: string; impact: string }> {
    workedIncident ??= (async () => {
      const id = await freshIncidentA();
      await node.services.incidentWrites.addTask(CLI, id, { name: 'matrix task' });
      const d = await node.services.incidentWrites.addImpact(CLI, id, { category: 'availability' });
      const core = (d.incident['extensions'] as Record<string, Record<string, string[]>>)[INCIDENT_CORE_EXTENSION_ID];
      return { id, task: core?.['task_refs']?.[0] ?? '', impact: core?.['impact_refs']?.[0] ?? '' };
    })();
    return workedIncident;
  }
  let constituencyIncident: Promise<string> | undefined;
  function incidentOfConstituencyA(): Promise<string> {
    constituencyIncident ??= (async () => {
      const entity = await node.services.orgs.addOrg(CLI, { name: `Matrix entity ${++seq}`, communities: [] });
      await node.store.orgs.putOrg({ ...entity, nis2Role: 'essential', csirtOrg: analyst.org.id });
      const now = new Date().toISOString();
      const members = [entity.id, analyst.org.id];
      const g = { id: constituencyGroupId(entity.id), name: `Constituency ${seq}`, description: '', ownerOrg: analyst.org.id, members };
      await node.store.orgs.putSharingGroup({ ...g, disabled: false, createdAt: now, updatedAt: now, origin: null });
      node.services.auth.invalidate();
      const opened = await node.services.incidentWrites.open(CLI, { name: 'matrix entity incident', awareAt: now }, entity.id);
      return opened.row.id;
    })();
    return constituencyIncident;
  }

  const routes: Route[] = [
    { method: 'GET', path: '/api/v1/health', url: () => '/api/v1/health', expect: PUBLIC },
    { method: 'GET', path: '/api/docs', url: () => '/api/docs', expect: PUBLIC },
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      url: () => '/api/v1/auth/login',
      body: () => ({ username: loginUser.user.username, password: loginUser.password }),
      expect: PUBLIC,
    },
    { method: 'POST', path: '/api/v1/auth/logout', url: () => '/api/v1/auth/logout', expect: PUBLIC },
    { method: 'GET', path: '/api/v1/auth/me', url: () => '/api/v1/auth/me', expect: ANY_USER },

    { method: 'GET', path: '/api/v1/orgs', url: () => '/api/v1/orgs', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/orgs',
      action: 'org.administer',
      url: () => '/api/v1/orgs',
      body: () => ({ name: `Matrix org ${++seq}` }),
      expect: NODE_ADMIN,
    },
    { method: 'GET', path: '/api/v1/orgs/:id', url: () => `/api/v1/orgs/${orgB.id}`, expect: ANY_USER },
    // Refused before the organisation is looked up, so the 403 reveals nothing.
    {
      method: 'PATCH',
      path: '/api/v1/orgs/:id',
      action: 'org.administer',
      url: () => `/api/v1/orgs/${orgB.id}`,
      body: () => ({ country: 'NL' }),
      expect: NODE_ADMIN,
    },

    { method: 'GET', path: '/api/v1/communities', url: () => '/api/v1/communities', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/communities',
      action: 'community.administer',
      url: () => '/api/v1/communities',
      body: () => ({ id: `matrix-${++seq}` }),
      expect: NODE_ADMIN,
    },
    { method: 'GET', path: '/api/v1/communities/:id', url: () => `/api/v1/communities/${community}`, expect: ANY_USER },
    {
      method: 'PATCH',
      path: '/api/v1/communities/:id',
      action: 'community.administer',
      url: () => `/api/v1/communities/${community}`,
      body: () => ({ description: `rev ${++seq}` }),
      expect: NODE_ADMIN,
    },

    { method: 'GET', path: '/api/v1/sharing-groups', url: () => '/api/v1/sharing-groups', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/sharing-groups',
      action: 'sharing-group.manage',
      onOrgA: true,
      note: 'owned by organisation A',
      url: () => '/api/v1/sharing-groups',
      body: () => ({ name: `Matrix group ${++seq}`, ownerOrg: analyst.org.id }),
      expect: [401, 403, 403, 403, OK, 403, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/sharing-groups/:id',
      url: () => `/api/v1/sharing-groups/${group.id}`,
      missing: () => `/api/v1/sharing-groups/${uuid()}`,
      expect: [401, OK, OK, OK, OK, 404, OK, OK],
    },
    {
      method: 'PATCH',
      path: '/api/v1/sharing-groups/:id',
      action: 'sharing-group.manage',
      onOrgA: true,
      url: () => `/api/v1/sharing-groups/${group.id}`,
      missing: () => `/api/v1/sharing-groups/${uuid()}`,
      body: () => ({ description: `rev ${++seq}` }),
      // Members who are not its administrators know the group: 403 tells them nothing new.
      expect: [401, 403, 403, 403, OK, 404, OK, 403],
    },

    { method: 'GET', path: '/api/v1/users', url: () => '/api/v1/users', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/users',
      action: 'user.administer',
      onOrgA: true,
      note: 'into organisation A',
      url: () => '/api/v1/users',
      body: () => ({ orgId: analyst.org.id, username: `matrix${++seq}`, password: 'a long enough password', roles: ['viewer'] }),
      expect: [401, 403, 403, 403, OK, 403, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/users/:id',
      note: "the analyst's record",
      url: () => `/api/v1/users/${analyst.user.id}`,
      missing: () => `/api/v1/users/${uuid()}`,
      expect: [401, 404, 404, OK, OK, 404, OK, OK],
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/:id',
      note: "the analyst's password",
      url: () => `/api/v1/users/${analyst.user.id}`,
      missing: () => `/api/v1/users/${uuid()}`,
      body: () => ({ password: `a new password number ${++seq}` }),
      expect: [401, 404, 404, OK, OK, 404, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/users/:id',
      note: 'another member of organisation A',
      action: 'user.read',
      onOrgA: true,
      url: () => `/api/v1/users/${loginUser.user.id}`,
      missing: () => `/api/v1/users/${uuid()}`,
      expect: [401, 404, 404, 404, OK, 404, OK, 404],
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/:id',
      note: "another member of organisation A's display name",
      action: 'user.administer',
      onOrgA: true,
      url: () => `/api/v1/users/${loginUser.user.id}`,
      missing: () => `/api/v1/users/${uuid()}`,
      body: () => ({ displayName: `Matrix ${++seq}` }),
      expect: [401, 404, 404, 404, OK, 404, OK, 403],
    },

    { method: 'GET', path: '/api/v1/tokens', url: () => '/api/v1/tokens', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/tokens',
      note: "the analyst's tokens",
      url: () => `/api/v1/tokens?userId=${analyst.user.id}`,
      missing: () => `/api/v1/tokens?userId=${uuid()}`,
      // BUG: UserService.listTokens (src/services/user.service.ts) checks the user with record(),
      // which admits organisation administrators, although the route ("The caller's API tokens
      // (any user's for node administrators)"), the method's own doc comment and revokeToken all
      // limit tokens to their owner and node administrators.
      expect: [401, 404, 404, OK, 'denied', 404, OK, OK],
    },
    {
      method: 'POST',
      path: '/api/v1/tokens',
      url: () => '/api/v1/tokens',
      body: () => ({ name: `matrix ${++seq}` }),
      expect: [401, OK, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'DELETE',
      path: '/api/v1/tokens/:id',
      note: "one of the analyst's tokens",
      url: () => `/api/v1/tokens/${victimToken}`,
      missing: () => `/api/v1/tokens/${uuid()}`,
      expect: [401, 404, 404, OK, 404, 404, OK, 403],
    },

    { method: 'GET', path: '/api/v1/objects', action: 'object.read', url: () => '/api/v1/objects', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/objects/:id',
      action: 'object.read',
      note: 'TLP:CLEAR, federation',
      url: () => `/api/v1/objects/${sharedObject}`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id',
      action: 'object.read',
      note: "organisation A's amber object",
      url: () => `/api/v1/objects/${orgObject}`,
      missing: () => `/api/v1/objects/indicator--${uuid()}`,
      // The node administrator reads data as a member of its own organisation, not as a superuser.
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/versions',
      action: 'object.read',
      url: () => `/api/v1/objects/${sharedObject}/versions`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/neighbourhood',
      action: 'object.read',
      url: () => `/api/v1/objects/${sharedObject}/neighbourhood`,
      expect: ANY_USER,
    },
    { method: 'GET', path: '/api/v1/export', action: 'object.read', url: () => '/api/v1/export', expect: ANY_USER },
    // Decay (issue 17, must 6): models read by every user, set by node administrators; a score
    // of what the caller cannot read answers as a missing object.
    { method: 'GET', path: '/api/v1/decay/models', action: 'object.read', url: () => '/api/v1/decay/models', expect: ANY_USER },
    {
      method: 'PUT',
      path: '/api/v1/decay/models',
      action: 'decay.manage',
      url: () => '/api/v1/decay/models',
      body: () => ({ models: [{ kind: 'url', lifetimeDays: 180 }] }),
      expect: NODE_ADMIN,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/score',
      action: 'object.read',
      note: 'TLP:CLEAR, federation',
      url: () => `/api/v1/objects/${sharedObject}/score`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/score',
      action: 'object.read',
      note: "organisation A's amber indicator",
      url: () => `/api/v1/objects/${orgObject}/score`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/score`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    { method: 'GET', path: '/api/v1/lookup', action: 'object.read', url: () => '/api/v1/lookup?value=198.51.100.7', expect: ANY_USER },
    // A batch lookup is a read sent as POST: read-only tokens may make it.
    {
      method: 'POST',
      path: '/api/v1/lookup',
      action: 'object.read',
      url: () => '/api/v1/lookup',
      body: () => ({ values: ['198.51.100.7', 'evil.example.com'] }),
      expect: ANY_USER,
    },
    // "Also seen in" and warninglists (issue 17, must 5): reads, as the object they are about.
    {
      method: 'GET',
      path: '/api/v1/objects/:id/correlations',
      action: 'object.read',
      note: 'TLP:CLEAR, federation',
      url: () => `/api/v1/objects/${sharedObject}/correlations`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/correlations',
      action: 'object.read',
      note: "organisation A's amber object",
      url: () => `/api/v1/objects/${orgObject}/correlations`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/correlations`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    { method: 'GET', path: '/api/v1/warninglists', action: 'object.read', url: () => '/api/v1/warninglists', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/warninglists/check',
      action: 'object.read',
      url: () => '/api/v1/warninglists/check?value=8.8.8.8',
      expect: ANY_USER,
    },

    {
      method: 'POST',
      path: '/api/v1/imports',
      action: 'object.import',
      url: () => '/api/v1/imports',
      body: freshBundle,
      contentType: 'application/json',
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    { method: 'GET', path: '/api/v1/imports', action: 'import.read', url: () => '/api/v1/imports', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/imports/:id',
      action: 'import.read',
      onOrgA: true,
      note: "organisation A's job",
      url: () => `/api/v1/imports/${orgJob}`,
      missing: () => `/api/v1/imports/${uuid()}`,
      expect: [401, OK, OK, OK, OK, 404, OK, OK],
    },

    { method: 'GET', path: '/api/v1/quarantine', action: 'quarantine.read', url: () => '/api/v1/quarantine', expect: NODE_ADMIN },
    { method: 'GET', path: '/api/v1/audit', action: 'audit.read', url: () => '/api/v1/audit', expect: NODE_ADMIN },
    { method: 'GET', path: '/api/v1/audit/verify', action: 'audit.read', url: () => '/api/v1/audit/verify', expect: NODE_ADMIN },
    { method: 'GET', path: '/api/v1/quarantine/:id', action: 'quarantine.read', url: quarantineUrl, expect: NODE_ADMIN },
    {
      method: 'POST',
      path: '/api/v1/quarantine/:id/retry',
      action: 'quarantine.retry',
      url: async () => `${await quarantineUrl()}/retry`,
      expect: NODE_ADMIN,
    },

    // TAXII collection administration: node administrators only, refused before the lookup.
    {
      method: 'GET',
      path: '/api/v1/collections',
      action: 'collection.settings.read',
      url: () => '/api/v1/collections',
      expect: NODE_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/collections',
      action: 'collection.administer',
      url: () => '/api/v1/collections',
      body: () => ({ title: `Matrix collection ${++seq}` }),
      expect: NODE_ADMIN,
    },
    {
      method: 'GET',
      path: '/api/v1/collections/:id',
      action: 'collection.settings.read',
      url: () => `/api/v1/collections/${feed.id}`,
      expect: NODE_ADMIN,
    },
    {
      method: 'PATCH',
      path: '/api/v1/collections/:id',
      action: 'collection.administer',
      url: () => `/api/v1/collections/${feed.id}`,
      body: () => ({ description: `rev ${++seq}` }),
      expect: NODE_ADMIN,
    },
    {
      method: 'DELETE',
      path: '/api/v1/collections/:id',
      note: 'a fresh collection',
      action: 'collection.administer',
      url: freshCollectionUrl,
      expect: NODE_ADMIN,
    },

    // Federation (issue 5): peers are administered by node administrators; what peer nodes call
    // is authenticated by their node signature, and refused to users.
    { method: 'GET', path: '/api/v1/node', url: () => '/api/v1/node', expect: ANY_USER },
    { method: 'GET', path: '/api/v1/peers', action: 'peer.read', url: () => '/api/v1/peers', expect: NODE_ADMIN },
    {
      method: 'POST',
      path: '/api/v1/peers',
      action: 'peer.manage',
      url: () => '/api/v1/peers',
      body: () => ({ url: 'http://127.0.0.1:9', key: generateNodeKey().publicKey, name: `matrix-new-peer-${++seq}` }),
      expect: NODE_ADMIN,
    },
    { method: 'GET', path: '/api/v1/peers/:id', action: 'peer.read', url: freshPeerUrl, expect: NODE_ADMIN },
    {
      method: 'PATCH',
      path: '/api/v1/peers/:id',
      action: 'peer.manage',
      url: freshPeerUrl,
      body: () => ({ communities: ['eu'] }),
      expect: NODE_ADMIN,
    },
    { method: 'DELETE', path: '/api/v1/peers/:id', note: 'a fresh peer', action: 'peer.manage', url: freshPeerUrl, expect: NODE_ADMIN },
    {
      method: 'POST',
      path: '/api/v1/peers/:id/pull',
      action: 'peer.manage',
      note: "a fresh peer at this node's own address, which refuses its unknown key: the pull's result says so",
      url: async () => {
        const base = new URL(await readableCollectionUrl()).origin;
        const p = await node.services.federation.peers.add(CLI, {
          url: base,
          key: generateNodeKey().publicKey,
          name: `matrix-peer-${++seq}`,
        });
        return `/api/v1/peers/${p.id}/pull`;
      },
      expect: NODE_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/retractions',
      action: 'retraction.create',
      onOrgA: true,
      note: 'a fresh object of organisation A',
      url: freshRetractionUrl,
      body: () => ({ ids: [retractTarget], reason: 'matrix' }),
      expect: [401, 403, 403, OK, OK, 404, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/federation/notify',
      url: () => '/api/v1/federation/notify',
      body: () => ({ node: 'identity--x', head: 1 }),
      expect: [401, 403, 403, 403, 403, 403, 403, 403],
    },
    // Sharing group statements and audit heads go to peer nodes only (their node signature;
    // test/federation.sync.test.ts), never to users, administrators included.
    {
      method: 'POST',
      path: '/api/v1/federation/groups',
      url: () => '/api/v1/federation/groups',
      body: () => ({ ids: [] }),
      expect: [401, 403, 403, 403, 403, 403, 403, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/federation/audit-head',
      url: () => '/api/v1/federation/audit-head',
      body: () => ({}),
      expect: [401, 403, 403, 403, 403, 403, 403, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/federation/witnessed',
      url: () => '/api/v1/federation/witnessed',
      body: () => ({}),
      expect: [401, 403, 403, 403, 403, 403, 403, 403],
    },
    {
      method: 'GET',
      path: '/taxii2/federation/collections/:id/objects/',
      note: "a peer's egress collection",
      url: () => `/taxii2/federation/collections/${'0'.repeat(32)}/objects/`,
      missing: () => `/taxii2/federation/collections/${'1'.repeat(32)}/objects/`,
      expect: [401, 404, 404, 404, 404, 404, 404, 404],
    },

    // The web UI (issue 6): aggregates and banners over what the caller may read, the live
    // stream (ended at once by wait=0), feed administration, and the app's own pages.
    { method: 'GET', path: '/api/v1/dashboard', action: 'dashboard.read', url: () => '/api/v1/dashboard', expect: ANY_USER },
    { method: 'GET', path: '/api/v1/markings', url: () => `/api/v1/markings?ids=${sharedObject},${orgObject}`, expect: ANY_USER },
    { method: 'GET', path: '/api/v1/markings/schemes', url: () => '/api/v1/markings/schemes', expect: ANY_USER },
    { method: 'GET', path: '/api/v1/events', url: () => '/api/v1/events?wait=0', expect: ANY_USER },
    { method: 'GET', path: '/api/v1/feeds', action: 'feed.read', url: () => '/api/v1/feeds', expect: NODE_ADMIN },
    {
      method: 'DELETE',
      path: '/api/v1/feeds/:id',
      action: 'feed.manage',
      note: 'a fresh feed',
      url: async () => {
        const id = `matrix${++seq}`;
        await node.store.feeds.create(buildFeed({ id, url: 'http://127.0.0.1:9/taxii2/api/collections/x/', intervalSeconds: 3600 }));
        return `/api/v1/feeds/${id}`;
      },
      expect: NODE_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/feeds',
      action: 'feed.manage',
      note: "a collection of this node, with the administrator's token",
      url: async () => {
        feedBody = { name: `matrix feed ${++seq}`, url: await readableCollectionUrl(), token: node.adminToken };
        return '/api/v1/feeds';
      },
      body: () => feedBody,
      expect: NODE_ADMIN,
    },
    {
      method: 'POST',
      path: '/api/v1/feeds/:id/pull',
      action: 'feed.manage',
      note: 'a fresh feed',
      url: async () => `${await freshFeedUrl()}/pull`,
      expect: NODE_ADMIN,
    },
    ...['/', '/explore', '/lookup', '/import', '/new', '/incidents', '/incidents/inbox', '/incidents/summary'].map(
      (path): Route => ({ method: 'GET', path, url: () => path, expect: PUBLIC }),
    ),
    { method: 'GET', path: '/objects/:id', url: () => `/objects/${sharedObject}`, expect: PUBLIC },
    { method: 'GET', path: '/objects/:id/graph', url: () => `/objects/${sharedObject}/graph`, expect: PUBLIC },
    { method: 'GET', path: '/admin/:section', url: () => '/admin/orgs', expect: PUBLIC },
    // The incident pages (issue 16): the page is public, its data comes from the incident API.
    { method: 'GET', path: '/incidents/new', url: () => '/incidents/new', expect: PUBLIC },
    { method: 'GET', path: '/incidents/:id', url: () => `/incidents/incident--${uuid()}`, expect: PUBLIC },
    {
      method: 'GET',
      path: '/incidents/:id/report/:stage',
      url: () => `/incidents/incident--${uuid()}/report/early-warning`,
      expect: PUBLIC,
    },
    // The alert screens (issue 17): the pages are public, their data comes from the alert API.
    { method: 'GET', path: '/alerts', url: () => '/alerts', expect: PUBLIC },
    { method: 'GET', path: '/alerts/rules', url: () => '/alerts/rules', expect: PUBLIC },
    { method: 'GET', path: '/alerts/:id', url: () => `/alerts/x-concord-alert--${uuid()}`, expect: PUBLIC },
    // The rapid-response screens (issue 18, must 7): public pages, their data from the assistance API.
    ...['/assistance', '/assistance/new', '/assistance/roster'].map(
      (path): Route => ({ method: 'GET', path, url: () => path, expect: PUBLIC }),
    ),
    ...['', '/offer', '/edit'].map(
      (tail): Route => ({
        method: 'GET',
        path: `/assistance/requests/:id${tail}`,
        url: () => `/assistance/requests/x-concord-assistance-request--${uuid()}${tail}`,
        expect: PUBLIC,
      }),
    ),
    ...['', '/report'].map(
      (tail): Route => ({
        method: 'GET',
        path: `/assistance/deployments/:id${tail}`,
        url: () => `/assistance/deployments/x-concord-deployment--${uuid()}${tail}`,
        expect: PUBLIC,
      }),
    ),
    // Built assets only; any other name is the ordinary not-found problem.
    {
      method: 'GET',
      path: '/assets/:file',
      note: 'a name that is not an asset',
      url: () => '/assets/missing.js',
      expect: [404, 404, 404, 404, 404, 404, 404, 404],
    },

    // TAXII 2.1 (§4, §5): every caller authenticates (§1.6.9); grants decide the collections.
    { method: 'GET', path: '/taxii2/', url: () => '/taxii2/', expect: ANY_USER },
    { method: 'GET', path: '/taxii2/api/', url: () => `${ROOT}/`, expect: ANY_USER },
    {
      method: 'GET',
      path: '/taxii2/api/status/:statusId/',
      note: "a status of organisation A's analyst",
      url: () => `${ROOT}/status/${statusId}/`,
      missing: () => `${ROOT}/status/${uuid()}/`,
      // §4.3: only the creator's organisation sees a status.
      expect: ORG_A_READS,
    },
    // The list itself is open to every user; what it holds is checked below.
    { method: 'GET', path: '/taxii2/api/collections/', url: () => `${ROOT}/collections/`, expect: ANY_USER },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/',
      note: "organisation A's query collection",
      url: () => `${ROOT}/collections/${feed.id}/`,
      missing: () => `${ROOT}/collections/${uuid()}/`,
      expect: ORG_A_READS,
    },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/manifest/',
      note: "organisation A's query collection",
      url: () => `${ROOT}/collections/${feed.id}/manifest/`,
      missing: () => `${ROOT}/collections/${uuid()}/manifest/`,
      expect: ORG_A_READS,
    },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/objects/',
      action: 'object.read',
      note: "organisation A's query collection",
      url: () => `${ROOT}/collections/${feed.id}/objects/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/`,
      expect: ORG_A_READS,
    },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/objects/',
      action: 'object.read',
      note: "organisation A's target",
      url: () => `${ROOT}/collections/${inbox.id}/objects/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/`,
      expect: ORG_A_READS,
    },
    {
      method: 'POST',
      path: '/taxii2/api/collections/:id/objects/',
      action: 'object.import',
      note: "organisation A's target",
      url: () => `${ROOT}/collections/${inbox.id}/objects/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/`,
      body: envelope,
      expect: ORG_A_WRITES,
    },
    {
      method: 'POST',
      path: '/taxii2/api/collections/:id/objects/',
      note: 'a query collection, which nobody writes',
      url: () => `${ROOT}/collections/${feed.id}/objects/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/`,
      body: envelope,
      expect: [401, 403, 403, 403, 403, 404, 404, 403],
    },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/objects/:objectId/',
      note: "organisation A's amber object",
      url: () => `${ROOT}/collections/${feed.id}/objects/${orgObject}/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/${orgObject}/`,
      expect: ORG_A_READS,
    },
    {
      method: 'GET',
      path: '/taxii2/api/collections/:id/objects/:objectId/versions/',
      note: "organisation A's amber object",
      url: () => `${ROOT}/collections/${feed.id}/objects/${orgObject}/versions/`,
      missing: () => `${ROOT}/collections/${uuid()}/objects/${orgObject}/versions/`,
      expect: ORG_A_READS,
    },
    {
      method: 'DELETE',
      path: '/taxii2/api/collections/:id/objects/:objectId/',
      action: 'object.import',
      note: 'a fresh object in the target',
      url: inboxObjectUrl,
      missing: () => `${ROOT}/collections/${uuid()}/objects/indicator--${uuid()}/`,
      // §5.7: can_read and can_write both, else 403 (one of them) or 404 (neither).
      expect: ORG_A_WRITES,
    },

    // The object page's access panel (issue 15, must 3): read through the access gate.
    {
      method: 'GET',
      path: '/api/v1/objects/:id/access',
      action: 'object.read',
      note: 'TLP:CLEAR, federation',
      url: () => `/api/v1/objects/${sharedObject}/access`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/access',
      action: 'object.read',
      note: "organisation A's amber object",
      url: () => `/api/v1/objects/${orgObject}/access`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/access`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    // Writing objects (issue 15, must 4; must 5 bulk). Writers create for their own organisation;
    // coordinators add notes, opinions and sightings; versions are the owner's, and what the
    // caller cannot read answers as missing.
    {
      method: 'POST',
      path: '/api/v1/objects',
      action: 'object.write',
      note: 'an indicator',
      url: () => '/api/v1/objects',
      body: () => ({
        object: {
          type: 'indicator',
          pattern: "[ipv4-addr:value = '203.0.113.1']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00Z',
        },
      }),
      expect: [401, 403, 403, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects',
      action: 'object.annotate',
      note: 'a note on a shared object',
      url: () => '/api/v1/objects',
      body: () => ({ object: { type: 'note', content: `note ${++seq}`, object_refs: [sharedObject] } }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects/check',
      action: 'object.annotate',
      url: () => '/api/v1/objects/check',
      body: () => ({ object: { type: 'malware', name: 'checked', is_family: true } }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects/bulk',
      action: 'object.write',
      note: "each id judged on its own (organisation B's answer says NOT_FOUND)",
      url: () => '/api/v1/objects/bulk',
      body: () => ({ ids: [orgObject], action: { kind: 'labels', add: ['matrix'] } }),
      expect: [401, 403, 403, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects/:id/versions',
      action: 'object.write',
      onOrgA: true,
      note: "organisation A's amber object",
      url: async () => `/api/v1/objects/${await writableOrgA()}/versions`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/versions`,
      body: () => ({ changes: { description: `rev ${++seq}` } }),
      expect: [401, 403, 403, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects/:id/revoke',
      action: 'object.write',
      onOrgA: true,
      note: 'a fresh amber object of organisation A',
      url: async () => `/api/v1/objects/${await freshOrgAObject()}/revoke`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/revoke`,
      expect: [401, 403, 403, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/objects/:id/markings',
      action: 'object.write',
      onOrgA: true,
      note: "organisation A's amber object",
      url: async () => `/api/v1/objects/${await writableOrgA()}/markings`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/markings`,
      body: () => ({ tlp: 'red' }),
      expect: [401, 403, 403, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/relationships',
      action: 'object.write',
      url: () => '/api/v1/relationships',
      body: () => ({ source_ref: sharedObject, target_ref: sharedObject, relationship_type: 'related-to' }),
      expect: [401, 403, 403, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/sightings',
      action: 'object.annotate',
      url: () => '/api/v1/sightings',
      body: () => ({ sighting_of_ref: sharedObject, count: 1 }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    // Sightings (issue 17): recorded for the caller's own organisation, of what it may read.
    {
      method: 'POST',
      path: '/api/v1/sightings',
      action: 'sighting.create',
      note: 'a NewSighting',
      url: () => '/api/v1/sightings',
      body: () => ({ of: sharedObject, count: 1 }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/sightings/batch',
      action: 'sighting.create',
      url: () => '/api/v1/sightings/batch',
      body: () => ({ observed: [{ value: '198.51.100.7' }] }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/sightings',
      action: 'object.read',
      note: 'TLP:CLEAR, federation',
      url: () => `/api/v1/objects/${sharedObject}/sightings`,
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/sightings',
      action: 'object.read',
      note: "organisation A's amber object",
      url: () => `/api/v1/objects/${orgObject}/sightings`,
      missing: () => `/api/v1/objects/indicator--${uuid()}/sightings`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    // Incident writes (issue 16, must 10): organisation A's incident, worked by its own writers;
    // hidden from organisation B and the node administrator's organisation.
    {
      method: 'POST',
      path: '/api/v1/incidents',
      action: 'incident.manage',
      url: () => '/api/v1/incidents',
      body: () => ({ name: `matrix ${++seq}`, awareAt: new Date().toISOString() }),
      expect: [401, 403, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'PATCH',
      path: '/api/v1/incidents/:id',
      action: 'incident.manage',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${(await workedIncidentA()).id}`,
      missing: () => `/api/v1/incidents/incident--${uuid()}`,
      body: () => ({ description: `rev ${++seq}` }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    ...(['events', 'tasks', 'impacts', 'notes'] as const).map(
      (kind): Route => ({
        method: 'POST',
        path: `/api/v1/incidents/:id/${kind}`,
        action: 'incident.manage',
        onOrgA: true,
        url: async () => `/api/v1/incidents/${(await workedIncidentA()).id}/${kind}`,
        missing: () => `/api/v1/incidents/incident--${uuid()}/${kind}`,
        body: () => (kind === 'impacts' ? { category: 'integrity' } : kind === 'notes' ? { content: 'matrix' } : { name: 'matrix' }),
        expect: [401, 403, OK, OK, OK, 404, 404, 403],
      }),
    ),
    {
      method: 'POST',
      path: '/api/v1/incidents/:id/links',
      action: 'incident.manage',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${(await workedIncidentA()).id}/links`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/links`,
      body: () => ({ target: sharedObject }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'PATCH',
      path: '/api/v1/incidents/:id/tasks/:taskId',
      action: 'incident.manage',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${(await workedIncidentA()).id}/tasks/${(await workedIncidentA()).task}`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/tasks/task--${uuid()}`,
      body: () => ({ outcome: 'ongoing' }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'PATCH',
      path: '/api/v1/incidents/:id/impacts/:impactId',
      action: 'incident.manage',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${(await workedIncidentA()).id}/impacts/${(await workedIncidentA()).impact}`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/impacts/impact--${uuid()}`,
      body: () => ({ criticality: ++seq % 100 }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/incidents/:id/reports',
      action: 'incident.manage',
      onOrgA: true,
      note: 'a fresh incident each call',
      url: async () => `/api/v1/incidents/${await freshIncidentA()}/reports`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/reports`,
      body: () => ({ stage: 'early-warning', content: { summary: 'matrix', suspectedMalicious: false, crossBorderImpact: false } }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/incidents/:id/answers',
      action: 'incident.answer',
      onOrgA: true,
      note: 'organisation A is the CSIRT of the incident owner',
      url: async () => `/api/v1/incidents/${await incidentOfConstituencyA()}/answers`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/answers`,
      body: () => ({ kind: 'feedback', content: 'matrix' }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    // Administration by names (issue 15, must 9): feeds are renamed; the audit filter's actions.
    {
      method: 'PATCH',
      path: '/api/v1/feeds/:id',
      action: 'feed.manage',
      note: 'a fresh feed, renamed',
      url: freshFeedUrl,
      body: () => ({ name: `renamed ${++seq}` }),
      expect: NODE_ADMIN,
    },
    { method: 'GET', path: '/api/v1/audit/actions', action: 'audit.read', url: () => '/api/v1/audit/actions', expect: NODE_ADMIN },
    // The Explorer (issue 15, must 5): each user's own saved searches. A search of the analyst
    // is theirs alone: everyone else is answered as for a search that does not exist.
    { method: 'GET', path: '/api/v1/saved-searches', action: 'saved-search.read', url: () => '/api/v1/saved-searches', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/saved-searches',
      action: 'saved-search.manage',
      url: () => '/api/v1/saved-searches',
      body: () => ({ name: 'Sandworm', query: 'q=sandworm' }),
      expect: [401, OK, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'DELETE',
      path: '/api/v1/saved-searches/:id',
      action: 'saved-search.manage',
      note: "a search of organisation A's analyst, made afresh for each caller",
      url: async () => {
        const id = uuid();
        await node.store.savedSearches.create(analyst.user.id, { id, name: 'mine', query: 'q=x', createdAt: new Date().toISOString() });
        return `/api/v1/saved-searches/${id}`;
      },
      missing: () => `/api/v1/saved-searches/${uuid()}`,
      expect: [401, 404, 404, OK, 404, 404, 404, 403],
    },
    // Incident reads (issue 16, musts 5, 8, 9): an incident is read as its STIX object is.
    {
      method: 'GET',
      path: '/api/v1/incidents',
      action: 'incident.read',
      url: () => '/api/v1/incidents?stageStatus=overdue',
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/incidents/:id',
      action: 'incident.read',
      note: "organisation A's amber incident",
      url: () => `/api/v1/incidents/${orgIncident}`,
      missing: () => `/api/v1/incidents/incident--${uuid()}`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'GET',
      path: '/api/v1/incidents/:id/prefill',
      action: 'incident.read',
      url: () => `/api/v1/incidents/${orgIncident}/prefill?stage=notification`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/prefill?stage=notification`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    { method: 'GET', path: '/api/v1/incidents/inbox', action: 'incident.read', url: () => '/api/v1/incidents/inbox', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/incidents/summary',
      action: 'incident.summary',
      url: () => '/api/v1/incidents/summary?from=2026-10-01T00:00:00Z&to=2027-01-01T00:00:00Z&format=csv',
      expect: [401, 403, OK, OK, OK, OK, OK, OK],
    },
    {
      method: 'GET',
      path: '/api/v1/incidents/panels',
      action: 'incident.read',
      url: () => '/api/v1/incidents/panels?days=7',
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/objects/:id/incidents',
      action: 'incident.read',
      url: () => `/api/v1/objects/${sharedObject}/incidents`,
      expect: ANY_USER,
    },
    // Cross-border shares (issue 16, must 6): the CSIRT's coordinators and administrators; who
    // may not read the incident is answered as for an incident that does not exist.
    {
      method: 'POST',
      path: '/api/v1/incidents/:id/share',
      action: 'incident.share',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${await orgAIncident()}/share`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/share`,
      body: () => ({ mode: 'summary', summary: 'Ransomware in the energy sector', memberStates: ['FR'] }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/incidents/:id/handover',
      action: 'incident.share',
      onOrgA: true,
      url: async () => `/api/v1/incidents/${await orgAIncident()}/handover`,
      missing: () => `/api/v1/incidents/incident--${uuid()}/handover`,
      body: () => ({ org: 'Matrix CSIRT-FR' }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    // Incident notifications (issue 16, must 7): each user's own; marking read changes state.
    {
      method: 'GET',
      path: '/api/v1/notifications',
      action: 'notification.read',
      url: () => '/api/v1/notifications?unread=true&limit=5',
      expect: ANY_USER,
    },
    {
      method: 'POST',
      path: '/api/v1/notifications/read',
      action: 'notification.manage',
      url: () => '/api/v1/notifications/read',
      body: () => ({ all: true }),
      expect: [401, OK, OK, OK, OK, OK, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/notifications/stream',
      action: 'notification.read',
      url: () => '/api/v1/notifications/stream?wait=0',
      expect: ANY_USER,
    },
    // Collective-threat alerts and their rules (issue 17, must 4): alerts are read under their
    // label (the rule's community); rules are set by the community's coordinators and node admins.
    { method: 'GET', path: '/api/v1/alerts', action: 'alert.read', url: () => '/api/v1/alerts?limit=5', expect: ANY_USER },
    { method: 'GET', path: '/api/v1/alerts/stream', action: 'alert.read', url: () => '/api/v1/alerts/stream?wait=0', expect: ANY_USER },
    {
      method: 'GET',
      path: '/api/v1/alerts/:id',
      action: 'alert.read',
      url: async () => `/api/v1/alerts/${await communityAlert()}`,
      missing: () => `/api/v1/alerts/x-concord-alert--${uuid()}`,
      // Organisation B is not in the community; the administrator's organisation stored it here.
      expect: [401, OK, OK, OK, OK, 404, OK, OK],
    },
    { method: 'GET', path: '/api/v1/alert-rules', action: 'alert.read', url: () => '/api/v1/alert-rules', expect: ANY_USER },
    {
      method: 'POST',
      path: '/api/v1/alert-rules',
      action: 'alert.rule.manage',
      url: () => '/api/v1/alert-rules',
      body: () => ({
        name: `Three countries ${++seq}`,
        community,
        subjects: ['value'],
        minOrganisations: 3,
        minCountries: 3,
        windowHours: 24,
      }),
      expect: [401, 403, OK, 403, 403, 403, OK, 403],
    },
    {
      method: 'PATCH',
      path: '/api/v1/alert-rules/:id',
      action: 'alert.rule.manage',
      url: async () => `/api/v1/alert-rules/${await communityRule()}`,
      missing: () => `/api/v1/alert-rules/x-concord-alert-rule--${uuid()}`,
      body: () => ({ description: 'Changed by the matrix' }),
      expect: [401, 403, OK, 403, 403, 403, OK, 403],
    },
    {
      method: 'DELETE',
      path: '/api/v1/alert-rules/:id',
      action: 'alert.rule.manage',
      url: async () => `/api/v1/alert-rules/${await communityRule()}`,
      missing: () => `/api/v1/alert-rules/x-concord-alert-rule--${uuid()}`,
      expect: [401, 403, OK, 403, 403, 403, OK, 403],
    }, // Rapid response (issue 18, musts 1 to 8): A's request goes to the matrix community, so
    // organisation B and the node administrator's organisation are answered as for a missing
    // request; asking, deciding and running a deployment are the coordinators' and
    // administrators'; its work is also the analysts'; the roster is read by the organisation's
    // staff (not viewers) and changed by its coordinators and administrators.
    {
      method: 'GET',
      path: '/api/v1/assistance/requests',
      action: 'assistance.read',
      url: () => '/api/v1/assistance/requests?limit=5',
      expect: ANY_USER,
    },
    {
      method: 'GET',
      path: '/api/v1/assistance/requests/stream',
      action: 'assistance.read',
      url: () => '/api/v1/assistance/requests/stream?wait=0',
      expect: ANY_USER,
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/requests',
      action: 'assistance.request',
      note: "to the federation, for the caller's organisation",
      url: () => '/api/v1/assistance/requests',
      body: () => requestInput({ kind: 'federation' }),
      expect: [401, 403, OK, 403, OK, OK, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/assistance/requests/:id',
      action: 'assistance.read',
      note: "organisation A's request to its community",
      url: async () => `/api/v1/assistance/requests/${await orgARequest()}`,
      missing: () => `/api/v1/assistance/requests/x-concord-assistance-request--${uuid()}`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'PATCH',
      path: '/api/v1/assistance/requests/:id',
      action: 'assistance.request',
      onOrgA: true,
      url: async () => `/api/v1/assistance/requests/${await orgARequest()}`,
      missing: () => `/api/v1/assistance/requests/x-concord-assistance-request--${uuid()}`,
      body: () => ({ description: `Revised by the matrix ${++seq}` }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/assistance/requests/:id/proposal',
      action: 'assistance.read',
      url: async () => `/api/v1/assistance/requests/${await orgARequest()}/proposal`,
      missing: () => `/api/v1/assistance/requests/x-concord-assistance-request--${uuid()}/proposal`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/requests/:id/offers',
      action: 'assistance.respond',
      note: 'an expert of organisation A on a fresh request of C',
      url: async () => `/api/v1/assistance/requests/${await freshRequestOfC()}/offers`,
      missing: () => `/api/v1/assistance/requests/x-concord-assistance-request--${uuid()}/offers`,
      body: () => ({ experts: [{ expertId: offered }] }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/offers/:id/withdraw',
      action: 'assistance.respond',
      note: 'a fresh offer of organisation A',
      url: async () => {
        const { offer } = await offeredRequest(node.services, await thirdOrg(), analyst.org.id, toCommunity());
        return `/api/v1/assistance/offers/${offer.id}/withdraw`;
      },
      missing: () => `/api/v1/assistance/offers/x-concord-assistance-offer--${uuid()}/withdraw`,
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/offers/:id/decision',
      action: 'assistance.request',
      note: "C's fresh offer on a fresh request of organisation A",
      url: async () => {
        const { offer } = await offeredRequest(node.services, analyst.org.id, await thirdOrg(), toCommunity());
        return `/api/v1/assistance/offers/${offer.id}/decision`;
      },
      missing: () => `/api/v1/assistance/offers/x-concord-assistance-offer--${uuid()}/decision`,
      body: () => ({ decision: 'accepted' }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/assistance/profiles',
      action: 'assistance.read',
      url: () => '/api/v1/assistance/profiles',
      expect: ANY_USER,
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/requests/:id/deployments',
      action: 'assistance.request',
      note: "a fresh request of organisation A with C's offer accepted",
      url: async () => {
        const { request } = await acceptedRequest(node.services, analyst.org.id, await thirdOrg(), toCommunity());
        return `/api/v1/assistance/requests/${request.id}/deployments`;
      },
      missing: () => `/api/v1/assistance/requests/x-concord-assistance-request--${uuid()}/deployments`,
      body: () => ({}),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/assistance/deployments/:id',
      action: 'assistance.read',
      url: async () => `/api/v1/assistance/deployments/${(await orgADeployment()).id}`,
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}`,
      expect: [401, OK, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'PATCH',
      path: '/api/v1/assistance/deployments/:id',
      action: 'assistance.request',
      onOrgA: true,
      url: async () => `/api/v1/assistance/deployments/${(await orgADeployment()).id}`,
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}`,
      body: () => ({ location: `Control room ${++seq}` }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/deployments/:id/notes',
      action: 'deployment.work',
      url: async () => `/api/v1/assistance/deployments/${(await orgADeployment()).id}/notes`,
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}/notes`,
      body: () => ({ text: `Imaged controller ${++seq}`, hours: 3 }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/deployments/:id/tasks',
      action: 'deployment.work',
      url: async () => `/api/v1/assistance/deployments/${(await orgADeployment()).id}/tasks`,
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}/tasks`,
      body: () => ({ name: `Matrix task ${++seq}` }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'PATCH',
      path: '/api/v1/assistance/deployments/:id/tasks/:taskId',
      action: 'deployment.work',
      url: async () => {
        const d = await orgADeployment();
        return `/api/v1/assistance/deployments/${d.id}/tasks/${d.task}`;
      },
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}/tasks/task--${uuid()}`,
      body: () => ({ due: '2027-03-05T00:00:00.000Z' }),
      expect: [401, 403, OK, OK, OK, 404, 404, 403],
    },
    {
      method: 'POST',
      path: '/api/v1/assistance/deployments/:id/after-action',
      action: 'assistance.request',
      note: 'a fresh ended deployment of organisation A',
      url: async () => `/api/v1/assistance/deployments/${await freshDeploymentA('ended')}/after-action`,
      missing: () => `/api/v1/assistance/deployments/x-concord-deployment--${uuid()}/after-action`,
      body: () => AFTER_ACTION,
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/roster/experts',
      action: 'roster.read',
      url: () => '/api/v1/roster/experts',
      expect: [401, 403, OK, OK, OK, OK, OK, OK],
    },
    {
      method: 'GET',
      path: '/api/v1/roster/experts',
      action: 'roster.read',
      onOrgA: true,
      note: "organisation A's roster, named",
      url: () => `/api/v1/roster/experts?org=${analyst.org.id}`,
      expect: [401, 403, OK, OK, OK, 403, 403, OK],
    },
    {
      method: 'POST',
      path: '/api/v1/roster/experts',
      action: 'roster.manage',
      note: "into the caller's organisation",
      url: () => '/api/v1/roster/experts',
      body: () => expertInput(),
      expect: [401, 403, OK, 403, OK, OK, OK, 403],
    },
    {
      method: 'GET',
      path: '/api/v1/roster/experts/:id',
      action: 'roster.read',
      onOrgA: true,
      url: async () => `/api/v1/roster/experts/${await orgAExpert()}`,
      missing: () => `/api/v1/roster/experts/${uuid()}`,
      expect: [401, 403, OK, OK, OK, 404, 404, OK],
    },
    {
      method: 'PATCH',
      path: '/api/v1/roster/experts/:id',
      action: 'roster.manage',
      onOrgA: true,
      url: async () => `/api/v1/roster/experts/${await orgAExpert()}`,
      missing: () => `/api/v1/roster/experts/${uuid()}`,
      body: () => ({ certifications: [`GCFA ${++seq}`] }),
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
    {
      method: 'DELETE',
      path: '/api/v1/roster/experts/:id',
      action: 'roster.manage',
      onOrgA: true,
      note: 'a fresh expert of organisation A',
      url: async () => `/api/v1/roster/experts/${(await expertOf(node.services, analyst.org.id)).id}`,
      missing: () => `/api/v1/roster/experts/${uuid()}`,
      expect: [401, 403, OK, 403, OK, 404, 404, 403],
    },
  ];

  /** Asserts one cell of a call to `url`; returns what a refusal says. */
  function check(res: LightMyRequestResponse, want: Expect, where: string, url: string): Refusal | undefined {
    const status = res.statusCode;
    const taxii = isTaxii(url);
    // §3.1: every TAXII response, success or error, carries the TAXII media type.
    if (taxii) assert.equal(res.headers['content-type'], TAXII, `${where}: content-type`);
    if (want === OK) {
      assert.ok(status >= 200 && status < 300, `${where}: expected 2xx, got ${status} ${res.body}`);
      return undefined;
    }
    if (want === 'denied') assert.ok(status === 403 || status === 404, `${where}: expected 403 or 404, got ${status} ${res.body}`);
    else assert.equal(status, want, `${where}: expected ${want}, got ${status} ${res.body}`);
    const code = { 401: 'AUTH_REQUIRED', 403: 'ACCESS_DENIED', 404: 'NOT_FOUND' }[status];
    if (status === 401) assert.match(String(res.headers['www-authenticate']), /Bearer/, where);
    if (taxii) {
      // §3.6.1: the error resource, whose http_status is the response's status, as a string.
      const { error_id: _requestId, ...error } = res.json() as TaxiiError;
      assert.equal(error.http_status, String(status), `${where}: http_status`);
      assert.equal(error.error_code, code, where);
      assert.ok(error.title, `${where}: an error resource has a title`);
      // §1.6.9: HTTP Basic is offered to TAXII clients as well as Bearer.
      if (status === 401) assert.match(String(res.headers['www-authenticate']), /Basic/, where);
      return { detail: error.description ?? '', comparable: JSON.stringify(error) };
    }
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, where);
    const problem = res.json() as { code: string; detail: string };
    assert.equal(problem.code, code, where);
    return { detail: problem.detail, comparable: problem.detail };
  }

  test('the matrix has a row for every route the node registers', () => {
    const listed = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const registered = registeredRoutes(node.app.printRoutes({ commonPrefix: false }));
    assert.ok(registered.size > 20, 'printRoutes was parsed');
    for (const [path, methods] of registered) {
      for (const method of methods) {
        // Fastify answers HEAD for every GET route (exposeHeadRoutes); the GET row covers it.
        const key = method === 'HEAD' ? `GET ${path}` : `${method} ${path}`;
        assert.ok(listed.has(key), `no authorization row for ${method} ${path}`);
      }
    }
    for (const key of listed) {
      const [method = '', path = ''] = key.split(' ');
      assert.ok(registered.get(path)?.includes(method), `a row for ${key}, which the node does not register`);
    }
  });

  /** Actions no row of the matrix names, and where their decision is tested instead. */
  const DECIDED_ELSEWHERE: Partial<Record<Action, string>> = {
    'sharing-group.read-all': "'lists show only what the caller may know', below",
    'sharing-group.disable-foreign': 'groups adopted from a peer (test/federation.sync.test.ts)',
    'user.administer-admin': "'an organisation administrator cannot take over a node administrator', below",
    'token.read-any': "the tokens rows, whose owner is always allowed (self), and 'lists show only what the caller may know'",
    'token.administer': 'the tokens rows, whose owner is always allowed (self)',
  };

  test('each row that names an action agrees with the permission table', () => {
    const declared = routes.filter((r) => r.action !== undefined);
    assert.ok(declared.length > 30);
    for (const route of declared) {
      const action = route.action as Action;
      const where = `${route.method} ${route.path}${route.note ? ` (${route.note})` : ''} [${action}]`;
      assert.equal(route.expect[0], 401, `${where}: anonymous callers authenticate first`);
      for (const [i, who] of WHO.entries()) {
        const subject = subjects.get(who);
        if (subject === undefined) continue;
        const may = allowed(subject, action, route.onOrgA ? { orgId: analyst.org.id } : undefined);
        const cell = route.expect[i];
        // 404 is the answer for a record the caller may not know exists, whatever the table says.
        if (cell === OK) assert.ok(may, `${where}: the row lets ${who} in, the table refuses`);
        if (cell === 403) assert.ok(!may, `${where}: the row refuses ${who} (403), the table allows`);
      }
    }
    // Every action the node offers is exercised by a row, or named with where it is tested.
    const named = new Set(declared.map((r) => r.action));
    for (const action of ACTIONS) {
      if (permission(action).planned) continue;
      const elsewhere = DECIDED_ELSEWHERE[action];
      assert.ok(
        named.has(action) !== (elsewhere !== undefined),
        `${action}: ${elsewhere ? 'named by a row and listed as decided elsewhere' : 'no row names it'}`,
      );
    }
  });

  // A row's functions read the fixtures when called, after `before` has made them.
  for (const route of routes) {
    test(`${route.method} ${route.path}${route.note ? ` (${route.note})` : ''}`, async () => {
      for (const [i, who] of WHO.entries()) {
        const want = route.expect[i] as Expect;
        const url = await route.url();
        const body = route.body?.();
        const res = await send(route.method, url, who, body, route.contentType);
        const where = `${route.method} ${url} as ${who}`;
        const refusal = check(res, want, where, url);
        if (who === 'anonymous' && want === 401 && route.method === 'GET') {
          assert.equal((await send('HEAD', url, who)).statusCode, 401, `HEAD ${url} as anonymous`);
        }
        // Not allowed to know it exists: the answer must be the one a missing id gets.
        if (res.statusCode === 404 && route.missing) {
          const missingUrl = route.missing();
          const other = await send(route.method, missingUrl, who, route.body?.());
          const missing = check(other, 404, `${route.method} ${missingUrl} as ${who}`, missingUrl);
          // The two URLs differ only in the ids; the answers may differ only in those ids.
          const parts = (s: string) => s.split(/[/?=&]/);
          const [real, fake] = [parts(url), parts(missingUrl)];
          assert.equal(real.length, fake.length, `${where}: the missing call is the same call on another id`);
          let expected = refusal?.comparable ?? '';
          for (const [i, segment] of real.entries()) {
            const replacement = fake[i] ?? '';
            if (segment !== replacement) expected = expected.replaceAll(segment, replacement);
          }
          assert.equal(expected, missing?.comparable, `${where}: a hidden record must read as a missing one`);
        }
      }
      await node.services.imports.idle();
      await node.services.taxii.idle();
    });
  }

  test('lists show only what the caller may know', async () => {
    const list = async <T>(url: string, who: Who, key: string): Promise<T[]> => {
      const res = await send('GET', url, who);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as Record<string, T[]>)[key] ?? [];
    };
    const groups = async (who: Who) => (await list<{ id: string }>('/api/v1/sharing-groups', who, 'sharingGroups')).map((g) => g.id);
    assert.ok((await groups('viewer')).includes(group.id));
    assert.ok(!(await groups('otherOrgAdmin')).includes(group.id));
    const users = async (who: Who, q = '') => await list<{ id: string; orgId: string }>(`/api/v1/users${q}`, who, 'users');
    assert.deepEqual(
      (await users('viewer')).map((u) => u.id),
      [viewer.user.id],
    );
    const filtered = await users('orgAdmin', `?orgId=${orgB.id}`);
    assert.ok(
      filtered.some((u) => u.id === orgAdmin.user.id),
      'an orgId filter is replaced by their own organisation',
    );
    assert.ok(
      filtered.every((u) => u.orgId === analyst.org.id),
      'an orgId filter cannot widen an org-admin',
    );
    const others = await users('otherOrgAdmin');
    assert.ok(others.some((u) => u.id === otherOrgAdmin.user.id) && others.every((u) => u.orgId === orgB.id));
    assert.ok((await users('admin')).some((u) => u.id === analyst.user.id));
    const tokens = async (who: Who) => (await list<{ userId: string }>('/api/v1/tokens', who, 'tokens')).map((t) => t.userId);
    const own = await tokens('orgAdmin');
    assert.ok(own.length > 0 && own.every((u) => u === orgAdmin.user.id));
    assert.ok((await tokens('admin')).includes(analyst.user.id));
    const jobs = async (who: Who) => (await list<{ id: string }>('/api/v1/imports', who, 'jobs')).map((j) => j.id);
    assert.ok((await jobs('viewer')).includes(orgJob));
    assert.ok(!(await jobs('otherOrgAdmin')).includes(orgJob));
    const objects = async (who: Who) => (await list<{ id: string }>('/api/v1/objects?limit=500', who, 'objects')).map((o) => o.id);
    assert.ok((await objects('viewer')).includes(orgObject));
    assert.ok(!(await objects('otherOrgAdmin')).includes(orgObject));
  });

  test("TAXII collections list only what the caller may read or write, with the caller's rights", async () => {
    const rights = async (who: Who): Promise<Map<string, [boolean, boolean]>> => {
      const res = await send('GET', `${ROOT}/collections/`, who);
      check(res, OK, `collections as ${who}`, `${ROOT}/collections/`);
      const list = (res.json() as { collections?: { id: string; can_read: boolean; can_write: boolean }[] }).collections ?? [];
      return new Map(list.filter((c) => c.id === feed.id || c.id === inbox.id).map((c) => [c.id, [c.can_read, c.can_write]]));
    };
    // Organisation A reads both; only importing roles with a read-write token may write the target.
    const expected: [Who, boolean][] = [
      ['viewer', false],
      ['coordinator', true],
      ['analyst', true],
      ['orgAdmin', true],
      ['readOnly', false],
    ];
    for (const [who, write] of expected) {
      const seen = await rights(who);
      assert.deepEqual(seen.get(feed.id), [true, false], `${who}: the query collection`);
      assert.deepEqual(seen.get(inbox.id), [true, write], `${who}: the target`);
    }
    for (const who of ['otherOrgAdmin', 'admin'] as const)
      assert.equal((await rights(who)).size, 0, `${who} sees neither of organisation A's collections`);
  });

  test('an organisation administrator cannot take over a node administrator of the same organisation', async () => {
    // The node's operating organisation with a second node administrator and an org-admin.
    const { user: nodeAdmin } = await node.services.users.addUser(CLI, {
      orgId: node.org.id,
      username: 'second-admin',
      password: 'the original password',
      roles: ['admin'],
    });
    const local = await buildPerson(node.services, { org: node.org, roles: ['org-admin'] });
    const patch = (body: Record<string, unknown>) =>
      node.app.inject({ method: 'PATCH', url: `/api/v1/users/${nodeAdmin.id}`, headers: local.auth, payload: body });
    // BUG: UserService.updateUser (src/services/user.service.ts) only checks canAdministerOrg on
    // the target's organisation, and checkGrant only stops *granting* `admin`. An org-admin of
    // the operating organisation can therefore reset a node administrator's password (then sign
    // in as them), disable them, or strip their admin role. Changing a holder of `admin` must
    // need a node administrator, as granting it does.
    const reset = await patch({ password: 'taken over by org-admin' });
    assert.equal(reset.statusCode, 403, `password reset of a node administrator: ${reset.body}`);
    assert.equal((await patch({ roles: ['viewer'] })).statusCode, 403, 'demoting a node administrator');
    assert.equal((await patch({ disabled: true })).statusCode, 403, 'disabling a node administrator');
    // The same org-admin still administers an ordinary user of the organisation.
    const member = await buildPerson(node.services, { org: node.org, roles: ['analyst'] });
    const rename = await node.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${member.user.id}`,
      headers: local.auth,
      payload: { displayName: 'Renamed' },
    });
    assert.equal(rename.statusCode, 200, rename.body);
  });

  test('missing, unknown, expired and revoked credentials get 401 everywhere, before any role check', async () => {
    const admin = (await node.services.users.listUsers(CLI)).find((u) => u.username === 'admin');
    assert.ok(admin);
    // An expired read-write token of the node administrator, written as if it had been issued earlier.
    const expiredSecret = `ccd_expired_${uuid()}`;
    const past = new Date(Date.now() - 60_000).toISOString();
    await node.store.users.addToken(
      {
        id: uuid(),
        userId: admin.id,
        name: 'expired',
        scope: 'read-write',
        expiresAt: past,
        revokedAt: null,
        lastUsedAt: null,
        createdAt: past,
      },
      secretHash(expiredSecret),
    );
    const created = await node.api({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'revoke me', scope: 'read-write' } });
    assert.equal(created.statusCode, 201);
    const { token, secret: revokedSecret } = created.json() as { token: { id: string }; secret: string };
    assert.equal(
      (await node.api({ method: 'GET', url: '/api/v1/quarantine', headers: { authorization: `Bearer ${revokedSecret}` } })).statusCode,
      200,
    );
    assert.equal((await node.api({ method: 'DELETE', url: `/api/v1/tokens/${token.id}` })).statusCode, 200);

    const credentials: [string, Record<string, string>, RegExp][] = [
      ['none', {}, /authentication required/],
      ['unknown token', { authorization: 'Bearer ccd_not_a_token' }, /unknown/],
      ['expired token', { authorization: `Bearer ${expiredSecret}` }, /expired/],
      ['revoked token', { authorization: `Bearer ${revokedSecret}` }, /revoked/],
      ['stale session cookie', { cookie: 'concord_session=not-a-session' }, /expired/],
    ];
    // Reads, writes, and admin-only routes: the admin's dead token must not reach a 403 or 2xx.
    const sample: [Method, string, unknown?][] = [
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/objects'],
      ['GET', `/api/v1/users/${analyst.user.id}`],
      ['POST', '/api/v1/tokens', { name: 'x' }],
      ['DELETE', `/api/v1/tokens/${victimToken}`],
      ['POST', '/api/v1/orgs', { name: 'Never made' }],
      ['GET', '/api/v1/quarantine'],
      ['POST', `${await quarantineUrl()}/retry`],
      ['GET', `${ROOT}/collections/${feed.id}/objects/`],
      ['POST', `${ROOT}/collections/${inbox.id}/objects/`, envelope()],
      ['DELETE', `/api/v1/collections/${feed.id}`],
    ];
    for (const [label, h, detail] of credentials) {
      for (const [method, url, body] of sample) {
        const res = await node.app.inject({
          method,
          url,
          headers: { ...h, ...taxiiHeaders(method, url) },
          ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
        });
        const where = `${method} ${url} with ${label}`;
        assert.match(check(res, 401, where, url)?.detail ?? '', detail, where);
      }
      // Public routes stay reachable with dead credentials (a stale cookie must not lock out login).
      assert.equal((await node.app.inject({ method: 'GET', url: '/api/v1/health', headers: h })).statusCode, 200, `health with ${label}`);
    }
  });
});

describe('oversized bodies', () => {
  let small: TestNode;
  before(async () => {
    small = await startNode({ CONCORD_MAX_BODY_BYTES: '2048' });
  });
  after(() => small.dispose());

  test('a JSON body over CONCORD_MAX_BODY_BYTES gets 413 with a problem document', async () => {
    const big = 'x'.repeat(5000);
    const cases: [string, unknown][] = [
      ['/api/v1/lookup', { values: [big] }],
      ['/api/v1/tokens', { name: big }],
      ['/api/v1/communities', { id: 'big', description: big }],
    ];
    for (const [url, payload] of cases) {
      const res = await small.api({ method: 'POST', url, payload: payload as Record<string, unknown> });
      assert.equal(res.statusCode, 413, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal((res.json() as { code: string }).code, 'BODY_TOO_LARGE');
    }
    // The public login route reads its body too; anonymous callers elsewhere are refused before it is read.
    const login = await small.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: big } });
    assert.equal(login.statusCode, 413);
    const anon = await small.app.inject({ method: 'POST', url: '/api/v1/lookup', payload: { values: [big] } });
    assert.equal(anon.statusCode, 401);
  });
});

/** Parses `printRoutes({ commonPrefix: false })` into path → methods. Each tree level is
 *  indented four columns; a child's segment continues its parent's path. */
function registeredRoutes(tree: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = [...(m[1] ?? '')].length / 4;
    const path = (stack[depth - 1] ?? '') + (m[2] ?? '');
    stack[depth] = path;
    stack.length = depth + 1;
    if (m[3]) out.set(path, [...(out.get(path) ?? []), ...m[3].split(',').map((s) => s.trim())]);
  }
  return out;
}
