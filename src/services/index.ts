// Builds the services every entry point (HTTP, CLI, jobs) shares, each with only the
// repositories it uses. Kept apart from app.ts so that CLI commands do not load the HTTP stack.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { buildSchemeRegistry, type SchemeRegistry } from '../domain/markings/classification.ts';
import { concordPublishedObjects } from '../domain/markings/concord-markings.ts';
import type { Org } from '../domain/identity/types.ts';
import { InvalidInputError } from '../errors.ts';
import type { Store } from '../store/repositories.ts';
import { AuditService } from './audit.service.ts';
import { AuditView } from './audit-view.ts';
import { AuthService } from './auth.service.ts';
import { bootstrapNode, type BootstrapResult } from './bootstrap.service.ts';
import { ImportService } from './import.service.ts';
import { IngestService } from './ingest.service.ts';
import { OrgService } from './org.service.ts';
import { QuarantineService } from './quarantine.service.ts';
import { ObjectService } from './object.service.ts';
import { SearchService } from './search.service.ts';
import { SavedSearchService } from './saved-search.service.ts';
import { UserService } from './user.service.ts';
import { MarkingCatalog } from './markings.service.ts';
import { AccessGate } from './access-gate.ts';
import { CollectionService } from './collection.service.ts';
import { TaxiiService } from './taxii.service.ts';
import { FeedService } from './feed.service.ts';
import { buildFederation, type FederationServices } from './federation/index.ts';
import { Emitter } from './emitter.ts';
import { DashboardService } from './dashboard.service.ts';
import { EventsService } from './events.service.ts';
import { importOwner, operatingOrg, type OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import { CLI, type Principal } from '../domain/identity/principal.ts';
import { ObjectAccessService } from './object-access.service.ts';
import { IncidentShareService } from './incident-share.service.ts';
import { WriteService } from './write.service.ts';
import { IncidentWriteService } from './incident-write.service.ts';
import { IncidentService } from './incident.service.ts';
import { NotificationService } from './notification.service.ts';
import { LogRelay, Webhook } from './webhook.ts';
import { WarninglistService } from './warninglist.service.ts';
import { buildDetection, type Detection } from './detection.ts';
import type { AssistanceServices } from './assistance.api.ts';
import { buildAssistance } from './assistance.ts';

/** The services every entry point (HTTP, CLI, jobs) shares; collective detection's are Detection's. */
export interface Services extends Detection {
  ingest: IngestService;
  objects: ObjectService;
  quarantine: QuarantineService;
  imports: ImportService;
  audit: AuditService;
  /** The audit log as each administrator may read it: object ids only to who may read them (issue 14). */
  auditView: AuditView;
  orgs: OrgService;
  users: UserService;
  auth: AuthService;
  schemes: SchemeRegistry;
  markings: MarkingCatalog;
  /** TAXII collections as administrators configure them (issue 4). */
  collections: CollectionService;
  /** The TAXII 2.1 server's reads and writes (issue 4). */
  taxii: TaxiiService;
  /** TAXII 2.1 feeds this node pulls from (issue 4). */
  feeds: FeedService;
  /** Node identity, peers, signed egress and ingress, sync, retraction (issue 5). */
  federation: FederationServices;
  /** The node's events (emitter.ts): commits, peers' nudges; jobs listen (issues 5, 14). */
  emitter: Emitter;
  /** Situational-awareness aggregates and marking banners, per reader (issue 6). */
  dashboard: DashboardService;
  /** Live `objects-added` events, per reader (issue 6). */
  events: EventsService;
  /** Who an import by `principal` writes as. */
  importOwner(principal: Principal, overrides?: OwnerOverrides): Promise<ImportOwner>;
  /** Creates the built-in communities, the operating organisation and the first administrator. */
  bootstrap(): Promise<BootstrapResult>;
  /** Finishes the projections and evaluations that writes started, then starts none: run before
   *  the store closes, so that they hold what was stored and none is cut off mid-way. */
  settle(): Promise<void>;
  /** Owner, source, distribution and audience of an object, for its page (issue 15, must 3). */
  objectAccess: ObjectAccessService;
  /** Writing objects through the API and the command line (issue 15, must 4). */
  write: WriteService;
  /** Writing incidents, their work, NIS2 reports and CSIRT answers (issue 16). */
  incidentWrites: IncidentWriteService;
  /** The Explorer's search: orders, relevance, totals, facets, CSV (issue 15, must 5). */
  search: SearchService;
  /** Each user's saved Explorer searches (issue 15, must 5). */
  savedSearches: SavedSearchService;
  /** Incidents as each reader may read them, from the incident projection (issue 16). */
  incidents: IncidentService;
  /** Each user's notifications about incidents, live and by webhook; NIS2 reminders (issue 16, must 7). */
  notifications: NotificationService;
  /** Where background notification work logs; app.ts points it at the server's logger. */
  notifyLog: LogRelay;
  /** The node's webhook, when configured: `idle()` waits for posts under way. */
  webhook: Webhook | undefined;
  /** Cross-border shares and handovers of incidents (issue 16, must 6). */
  incidentShares: IncidentShareService;
  /** Rapid response: assistance requests, offers, matching, deployments, rosters (issue 18). */
  assistance: AssistanceServices;
}

/** The STIX identity an organisation is published as. */
function identityOf(org: Org): Record<string, unknown> {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: org.id,
    created: org.createdAt,
    modified: org.updatedAt,
    name: org.name,
    identity_class: 'organization',
  };
}

/** What the node itself publishes to everyone: TLP:CLEAR, federation, owned by `orgId`. */
function publicOwner(orgId: string, actor: string): ImportOwner {
  return { orgId, tlp: 'clear', distribution: { kind: 'federation' }, actor };
}

function clearanceChecker(schemes: SchemeRegistry): (c: Record<string, string>) => Record<string, string> {
  return (c) => {
    for (const [scheme, level] of Object.entries(c)) {
      const s = schemes.get(scheme);
      if (!s)
        throw new InvalidInputError(
          `unknown classification scheme "${scheme}"; known: ${schemes
            .all()
            .map((x) => x.id)
            .join(', ')}`,
          { field: `clearances.${scheme}` },
        );
      if (!s.levels.includes(level))
        throw new InvalidInputError(`"${level}" is not a level of ${s.name}: ${s.levels.join(' < ')}`, { field: `clearances.${scheme}` });
    }
    return { ...c };
  };
}

/** Builds the services over an open store. */
export function buildServices(store: Store, config: Config): Services {
  const audit = new AuditService({ audit: store.audit });
  const schemes = buildSchemeRegistry(config.classificationSchemes);
  const markings = new MarkingCatalog({ objects: store.objects, state: store.state });
  const emitter = new Emitter();
  const ingest = new IngestService({
    objects: store.objects,
    quarantine: store.quarantine,
    labels: { access: store.access, audit, schemes, markings },
    onStored: () => emitter.emit('objects-committed', { head: null }),
    // Objects claiming a node's provenance are checked as a peer's would be, on every way in
    // (imports, TAXII add, feeds, retries; issue 14). `federation` is built below, before any import.
    provenance: (objects, from) => federation.ingress.receiveImported(objects, from),
    tombstones: store.federation.tombstones,
    sources: store.sources,
  });
  // The operating organisation is created on first need (a first `concord import` before any
  // `concord serve`); `serve` then adds the administrator to it.
  const operating = async (): Promise<Org> =>
    (await operatingOrg(store.orgs, config.orgName)) ??
    orgs.addOrg(CLI, { name: config.orgName, ...(config.orgCountry ? { country: config.orgCountry } : {}) });
  const auth = new AuthService({ users: store.users, orgs: store.orgs, audit, state: store.state });
  const invalidate = (): void => auth.invalidate();
  const publishIdentity = async (org: Org): Promise<void> => {
    // An organisation's identity is public within the federation: peers must be able to name it.
    await ingest.importStream([JSON.stringify(identityOf(org))], {
      source: `org:${org.id}`,
      owner: publicOwner(org.id, 'system:directory'),
    });
  };
  const orgs = new OrgService({ orgs: store.orgs, audit, publishIdentity, invalidate });
  const users = new UserService({
    users: store.users,
    orgs: store.orgs,
    audit,
    checkClearances: clearanceChecker(schemes),
    invalidate,
  });
  const gate = new AccessGate({ access: store.access, schemes, markings, audit });
  const collections = new CollectionService({ collections: store.collections, audit });
  const ownerOf = (p: Principal, o: OwnerOverrides = {}): Promise<ImportOwner> => importOwner(store.orgs, p, o, operating);
  const federation = buildFederation({ store, gate, ingest, schemes, audit, owner: ownerOf, groups: orgs, emitter });
  const write = new WriteService({ objects: store.objects, access: store.access, gate, ingest, markings, schemes, audit, owner: ownerOf });
  const incidents = new IncidentService({
    incidents: store.incidents,
    objects: store.objects,
    access: store.access,
    orgs: store.orgs,
    state: store.state,
    gate,
    schemes,
    shares: (p, id) => incidentShares.shares(p, id),
  });
  const notifyLog = new LogRelay();
  // Loaded once, in the background: app.ts starts it with the server's logger, commands with theirs.
  const warninglists = new WarninglistService({ dir: config.warninglistsDir });
  // Whatever stored the objects (imports, TAXII adds, federation pulls), the projection follows.
  emitter.on(
    'objects-committed',
    () => void incidents.catchUp().catch((err: unknown) => notifyLog.error({ err }, 'incident projection failed')),
  );
  const webhook =
    config.webhookUrl !== undefined && config.webhookSecret !== undefined
      ? new Webhook({ url: config.webhookUrl, secret: config.webhookSecret, log: notifyLog })
      : undefined;
  const notifications = new NotificationService({
    notifications: store.notifications,
    users: store.users,
    orgs: store.orgs,
    access: store.access,
    schemes,
    reminders: config.reminders,
    waiting: () => incidents.waiting(),
    waitingRequests: () => assistance.waitingRequests(),
    log: notifyLog,
    ...(webhook === undefined ? {} : { webhook: (p) => webhook.send(p) }),
  });
  const incidentShares = new IncidentShareService({
    objects: store.objects,
    access: store.access,
    gate,
    orgs: store.orgs,
    shares: store.incidentShares,
    write,
    audit,
    invalidate,
    notify: (e) => notifications.publish(e),
    catchUp: () => incidents.catchUp(),
  });
  const assistance = buildAssistance({
    store,
    gate,
    schemes,
    markings,
    audit,
    write,
    owner: ownerOf,
    federation,
    emitter,
    log: notifyLog,
    invalidate,
  });
  const detection = buildDetection({
    store,
    config,
    gate,
    schemes,
    audit,
    write,
    ingest,
    owner: ownerOf,
    federation,
    emitter,
    log: notifyLog,
    warninglists,
  });
  return {
    ...detection,
    incidents,
    ingest,
    objects: new ObjectService({
      objects: store.objects,
      gate,
      audit,
      scanRows: config.listScanRows,
      served: (items) => federation.egress.servedForms(items),
      warninglists,
      correlationLimit: config.correlationLimit,
    }),
    quarantine: new QuarantineService({
      quarantine: store.quarantine,
      ingest,
      owner: ownerOf,
      peerRetry: (entry) => federation.ingress.retry(entry),
    }),
    imports: new ImportService({ imports: store.imports, ingest, audit, spoolDir: join(config.dataDir, 'uploads') }),
    audit,
    auditView: new AuditView({ audit, gate }),
    orgs,
    users,
    auth,
    schemes,
    markings,
    collections,
    feeds: new FeedService({ feeds: store.feeds, ingest, audit, owner: (o) => ownerOf(CLI, o) }),
    taxii: new TaxiiService({
      collections,
      repo: store.collections,
      objects: store.objects,
      quarantine: store.quarantine,
      ingest,
      gate,
      owner: ownerOf,
      keepScoring: (p, items, min) => detection.decay.keep(p, items, min),
    }),
    dashboard: new DashboardService({
      dashboard: store.dashboard,
      objects: store.objects,
      access: store.access,
      gate,
      schemes,
      orgs: store.orgs,
    }),
    events: new EventsService({ dashboard: store.dashboard, schemes }),
    federation,
    emitter,
    importOwner: ownerOf,
    write,
    incidentWrites: new IncidentWriteService({
      objects: store.objects,
      access: store.access,
      gate,
      orgs: store.orgs,
      users: store.users,
      write,
      owner: ownerOf,
      incidents,
      notify: (e) => notifications.publish(e),
    }),
    search: new SearchService({
      objects: store.objects,
      gate,
      audit,
      orgs: store.orgs,
      access: store.access,
      schemes,
      changes: store.dashboard,
      scanRows: config.listScanRows,
    }),
    savedSearches: new SavedSearchService({ savedSearches: store.savedSearches }),
    notifications,
    notifyLog,
    webhook,
    incidentShares,
    assistance,
    async settle() {
      // Each may wake the next: sightings raise alerts, which are stored objects like any other.
      await detection.sightings.catchUp().catch(() => {});
      await detection.alertEvaluator.idle().catch(() => {});
      await incidents.catchUp().catch(() => {});
      await assistance.settle();
      await Promise.all([detection.alertEvaluator.close(), detection.sightings.close(), incidents.close()]);
    },
    async bootstrap() {
      const result = await bootstrapNode(
        { orgs: store.orgs, users: store.users, orgService: orgs, userService: users },
        { orgName: config.orgName, orgCountry: config.orgCountry },
      );
      // Concord's identity, its extension-definitions and the TLP 2.0 definitions, so that every
      // marking and extension Concord emits resolves here and on peers (issue 3, item 2).
      await ingest.importStream([JSON.stringify(concordPublishedObjects())], {
        source: 'concord',
        owner: publicOwner(result.org.id, 'system:bootstrap'),
      });
      // The node's key pair (created now on a new node) and its STIX identity (issue 5, item 1).
      await ingest.importStream([JSON.stringify([await federation.identityObject()])], {
        source: 'federation',
        owner: publicOwner(result.org.id, 'system:bootstrap'),
      });
      return result;
    },
    objectAccess: new ObjectAccessService({
      objects: store.objects,
      gate,
      access: store.access,
      orgs: store.orgs,
      users: store.users,
      peers: store.federation.peers,
      origins: store.federation.origins,
      sources: store.sources,
      schemes,
    }),
  };
}
