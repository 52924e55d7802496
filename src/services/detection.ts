// Collective detection's services (issue 17): sightings and their projection, warninglists and
// correlation, decay scores, alert rules and the evaluator that raises alerts from the sightings
// a node holds. Built here and spread into the services (index.ts), which stays one reading.
import type { Config } from '../config.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { sighterKey } from '../domain/sightings/build.ts';
import type { Store } from '../store/repositories.ts';
import type { AccessGate } from './access-gate.ts';
import { AlertEvaluator } from './alert-evaluator.ts';
import { AlertRuleService } from './alert-rule.service.ts';
import { AlertService } from './alert.service.ts';
import type { AuditService } from './audit.service.ts';
import { CorrelationService } from './correlation.service.ts';
import { DecayService } from './decay.service.ts';
import type { Emitter } from './emitter.ts';
import type { FederationServices } from './federation/index.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { IngestService } from './ingest.service.ts';
import type { ImportOwner } from './labeller.ts';
import { ObjectService } from './object.service.ts';
import { SightingService } from './sighting.service.ts';
import { derivedKey } from './node-keys.ts';
import type { WarninglistService } from './warninglist.service.ts';
import type { LogRelay } from './webhook.ts';
import type { WriteService } from './write.service.ts';

/** Collective detection's services. */
export interface Detection {
  /** Sightings: one, a batch of observed values, aggregates per reader (issue 17, musts 1–3). */
  sightings: SightingService;
  /** The MISP warninglists the node was pointed at, matched in memory (issue 17, must 5). */
  warninglists: WarninglistService;
  /** "Also seen in" from the observables index, with the correlation limit (issue 17, must 5). */
  correlation: CorrelationService;
  /** Decay models and indicator scores computed when read (issue 17, must 6). */
  decay: DecayService;
  /** Collective-threat alerts as each reader may read them, and their live stream (issue 17, must 4). */
  alerts: AlertService;
  /** Alert rules, set per community by its coordinators (issue 17, must 4). */
  alertRules: AlertRuleService;
  /** Raises and updates this node's alerts from the sightings it holds (issue 17, must 4). */
  alertEvaluator: AlertEvaluator;
}

/** What detection is built from: the store and the services it composes. */
export interface DetectionDeps {
  store: Store;
  config: Config;
  gate: AccessGate;
  schemes: SchemeRegistry;
  audit: AuditService;
  write: WriteService;
  ingest: IngestService;
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  federation: FederationServices;
  emitter: Emitter;
  log: LogRelay;
  /** Loaded once in the background (index.ts): the lookup flags values on them too. */
  warninglists: WarninglistService;
}

/** Builds collective detection's services and keeps its projection and alerts up to date. */
export function buildDetection(deps: DetectionDeps): Detection {
  const { store, config, gate, schemes, audit, write, ingest, owner, federation, emitter, log, warninglists } = deps;
  // The batch's matching is the lookup's: same normalisation, same access filter.
  const lookups = new ObjectService({ objects: store.objects, gate, audit, scanRows: config.listScanRows });
  const sightings = new SightingService({
    sightings: store.sightings,
    objects: store.objects,
    access: store.access,
    orgs: store.orgs,
    gate,
    schemes,
    write,
    owner: owner,
    lookup: (p, values, kind) => lookups.lookup(p, values, kind),
    ingest,
    audit,
    // The sighter-token key is derived from the node's key pair (domain/sightings/build.ts), once.
    tokenKey: derivedKey(federation.node, sighterKey),
    log: (err) => log.error({ err }, 'sighting listener failed'),
  });
  // Whatever stored the sightings (the API, imports, TAXII adds, feeds, peers), the projection follows.
  emitter.on('objects-committed', () => void sightings.catchUp().catch((err: unknown) => log.error({ err }, 'sighting projection failed')));
  const decay = new DecayService({ decay: store.decay, objects: store.objects, sightings: store.sightings, gate, schemes, audit });
  const alerts = new AlertService({ alerts: store.alerts, objects: store.objects, sightings: store.sightings, schemes, gate });
  const alertEvaluator = new AlertEvaluator({
    objects: store.objects,
    access: store.access,
    alerts: store.alerts,
    sightings: store.sightings,
    write,
    nodeId: async () => (await federation.node.identity()).nodeId,
    raised: (ids) => void alerts.raised(ids).catch((err: unknown) => log.error({ err }, 'alert stream failed')),
    // A rule never fires on a warninglisted value (must 5): evaluations wait for the lists to load.
    warninglisted: (observables) => warninglists.match(observables),
    listsReady: () => warninglists.ready(),
  });
  // After each sighting catch-up, the subjects of the objects whose sightings changed.
  sightings.onProjected(
    (ofIds) => void alertEvaluator.sightingsChanged(ofIds).catch((err: unknown) => log.error({ err }, 'alert evaluation failed')),
  );
  const alertRules = new AlertRuleService({
    objects: store.objects,
    access: store.access,
    orgs: store.orgs,
    schemes,
    write,
    owner: (p) => owner(p),
    changed: () => void alertEvaluator.committed().catch((err: unknown) => log.error({ err }, 'alert evaluation failed')),
  });
  // Rules from peers arrive as any object does: a changed set of rules is evaluated again.
  emitter.on(
    'objects-committed',
    () => void alertEvaluator.committed().catch((err: unknown) => log.error({ err }, 'alert evaluation failed')),
  );
  const correlation = new CorrelationService({
    correlation: store.correlation,
    objects: store.objects,
    gate,
    warninglists,
    schemes,
    limit: config.correlationLimit,
    scanRows: config.listScanRows,
  });
  return { sightings, warninglists, correlation, decay, alerts, alertRules, alertEvaluator };
}
