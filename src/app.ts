// The composition root: builds the store, the services and the HTTP server, and passes each
// service only the repositories it uses (CONVENTIONS.md, Wiring).
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { NotFoundError } from './errors.ts';
import { sendProblem } from './http/problem.ts';
import { objectRoutes } from './http/objects/routes.ts';
import { objectAccessRoutes } from './http/objects/access.ts';
import { writeRoutes } from './http/objects/write.routes.ts';
import { incidentWriteRoutes } from './http/incidents/write.routes.ts';
import { searchRoutes } from './http/search/routes.ts';
import { savedSearchRoutes } from './http/saved-searches/routes.ts';
import { incidentRoutes } from './http/incidents/routes.ts';
import { incidentShareRoutes } from './http/incidents/share.routes.ts';
import { sightingRoutes } from './http/sightings/routes.ts';
import { installAuth } from './http/auth/plugin.ts';
import { authRoutes } from './http/auth/routes.ts';
import { orgRoutes } from './http/admin/org.routes.ts';
import { userRoutes } from './http/admin/user.routes.ts';
import { auditRoutes } from './http/audit/routes.ts';
import { lookupRoutes } from './http/lookup/routes.ts';
import { correlationRoutes } from './http/correlation/routes.ts';
import { importRoutes } from './http/imports/routes.ts';
import { quarantineRoutes } from './http/quarantine/routes.ts';
import { collectionRoutes } from './http/taxii/collection.routes.ts';
import { taxiiRoutes } from './http/taxii/routes.ts';
import { peerRoutes } from './http/federation/peer.routes.ts';
import { egressRoutes, notifyRoutes } from './http/federation/routes.ts';
import { dashboardRoutes } from './http/dashboard/routes.ts';
import { eventRoutes } from './http/events/routes.ts';
import { feedRoutes } from './http/feeds/routes.ts';
import { sendNotFoundPage, uiRoutes, wantsPage } from './http/ui/plugin.ts';
import { feedPullJob } from './jobs/feed-pull.job.ts';
import { peerSyncJob } from './jobs/peer-sync.job.ts';
import { incidentRemindersJob } from './jobs/incident-reminders.job.ts';
import { notificationRoutes } from './http/notifications/routes.ts';
import { decayRoutes } from './http/decay/routes.ts';
import { alertRoutes } from './http/alerts/routes.ts';
import { assistanceRoutes } from './http/assistance/routes.ts';
import { deploymentRoutes } from './http/assistance/deployment.routes.ts';
import { rosterRoutes } from './http/assistance/roster.routes.ts';
import { JobRunner } from './jobs/runner.ts';
import { buildServices, type Services } from './services/index.ts';
import { openStore } from './store/index.ts';
import type { Store } from './store/repositories.ts';

export interface BuildAppOptions {
  config: Config;
  /** An already open store (tests); otherwise one is opened from the config. */
  store?: Store;
  logger?: boolean;
  /** How often the reminder job runs (default one minute; tests run it faster). */
  reminderTickMs?: number;
}

export type { Services };

export interface ConcordApp {
  app: FastifyInstance;
  store: Store;
  services: Services;
  /** The node's background jobs; `concord serve` starts them (tests may not). */
  jobs: JobRunner;
  /** Stops the jobs (aborting running pulls) and the server, waits for running imports, closes
   *  the store. */
  close(): Promise<void>;
}

/** Builds a ready-to-listen Concord node (fastify's `buildApp(opts)` testing pattern). */
export async function buildApp(opts: BuildAppOptions): Promise<ConcordApp> {
  const { config } = opts;
  const store =
    opts.store ?? (await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
  const services = buildServices(store, config);
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Warninglists load in the background, logging counts and any list skipped (issue 17, must 5).
  void services.warninglists.load(app.log);

  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((req, reply) =>
    wantsPage(req) ? sendNotFoundPage(reply) : sendProblem(new NotFoundError(`${req.method} ${req.url}`), req, reply),
  );
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Concord API',
        version: '1',
        description:
          'Threat-intelligence sharing under TLP, classification and releasability rules. Errors are application/problem+json with a stable `code`.',
      },
    },
  });

  await app.register(cookie);
  await app.register(
    async (api) => {
      installAuth(api, services.auth);
      api.get(
        '/health',
        { config: { public: true }, schema: { summary: 'Liveness and the database engine in use', tags: ['node'] } },
        async () => ({ status: 'ok', database: store.dialect }),
      );
      await api.register(authRoutes(services.auth));
      await api.register(orgRoutes(services.orgs));
      await api.register(userRoutes(services.users));
      await api.register(auditRoutes(services.audit, () => services.federation.witness.check(), services.auditView));
      await api.register(objectRoutes(services.objects, services.schemes));
      await api.register(lookupRoutes(services.objects, services.schemes, services.decay, services.sightings));
      await api.register(quarantineRoutes(services.quarantine));
      await api.register(importRoutes(services.imports, services.importOwner, config.maxUploadBytes));
      await api.register(collectionRoutes(services.collections));
      await api.register(peerRoutes(services.federation));
      await api.register(dashboardRoutes(services.dashboard, services.schemes));
      await api.register(eventRoutes(services.events, services.auth));
      await api.register(feedRoutes(services.feeds));
      await api.register(objectAccessRoutes(services.objectAccess));
      await api.register(writeRoutes(services.write));
      await api.register(incidentWriteRoutes(services.incidentWrites));
      await api.register(searchRoutes(services.objects, services.search, services.schemes, services.decay));
      await api.register(savedSearchRoutes(services.savedSearches));
      await api.register(incidentRoutes(services.incidents));
      await api.register(notificationRoutes(services.notifications, services.auth));
      await api.register(incidentShareRoutes(services.incidentShares));
      await api.register(sightingRoutes(services.sightings, services.write));
      await api.register(correlationRoutes(services.correlation, services.warninglists));
      await api.register(decayRoutes(services.decay));
      await api.register(alertRoutes(services.alerts, services.alertRules, services.auth));
      const assistance = services.assistance;
      await api.register(assistanceRoutes(assistance.requests, assistance.matching, services.auth));
      await api.register(deploymentRoutes(assistance.deployments));
      await api.register(rosterRoutes(assistance.roster));
    },
    { prefix: '/api/v1' },
  );
  // TAXII 2.1 (issue 4): its own error resource and media types; Basic and Bearer (§1.6.9).
  await app.register(
    async (taxii) => {
      installAuth(taxii, services.auth);
      await taxii.register(
        taxiiRoutes(services.taxii, {
          title: `Concord (${config.orgName})`,
          description: 'TAXII 2.1 server of a Concord node',
          maxContentLength: config.maxBodyBytes,
        }),
      );
    },
    { prefix: '/taxii2' },
  );
  // Federation (issue 5): what peer nodes call, authenticated by their node signature.
  await app.register(notifyRoutes(services.federation, services.auth), { prefix: '/api/v1/federation' });
  await app.register(egressRoutes(services.federation, services.auth), { prefix: '/taxii2/federation' });
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  // The web UI (issue 6), on the same origin as the API its session cookie is for.
  await app.register(async (ui) => uiRoutes(ui));
  // Background work (issue 14): TAXII feeds pulled on their interval (issue 4, item 3); peers
  // pulled when nudged and on an interval, and nudged after commits (issue 5).
  const jobs = new JobRunner({ log: app.log });
  jobs.add(feedPullJob({ feeds: services.feeds, log: app.log }));
  jobs.add(peerSyncJob({ federation: services.federation, emitter: services.emitter, log: app.log }));
  // NIS2 deadline reminders (issue 16, must 7); background notification work logs with the server.
  services.notifyLog.target = app.log;
  const reminderTick = opts.reminderTickMs === undefined ? {} : { tickMs: opts.reminderTickMs };
  jobs.add(incidentRemindersJob({ notifications: services.notifications, log: app.log, ...reminderTick }));

  return {
    app,
    store,
    services,
    jobs,
    async close() {
      await jobs.stop();
      await app.close();
      await services.imports.idle();
      await services.taxii.idle();
      await services.webhook?.idle();
      await services.incidents.close();
      await services.sightings.close();
      await services.alertEvaluator.close();
      await store.close();
    },
  };
}
