// Rapid response's services (issue 18): built here and spread into the services (index.ts). The
// projector follows the store (every commit, whatever stored it); the request and offer services
// read its rows and write through the write path; roster, matching, deployments and the reactor
// that follows the projector are built by assistance-deploy.ts.
import { authorize } from '../domain/access/permissions.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { Store } from '../store/repositories.ts';
import type { AccessGate } from './access-gate.ts';
import type { AssistanceServices, BoardPage, BoardQuery, RequestsApi } from './assistance.api.ts';
import { AssistanceOfferService } from './assistance-offer.service.ts';
import { buildDeploy } from './assistance-deploy.ts';
import { AssistanceGroups } from './assistance-groups.ts';
import { AssistanceProjector } from './assistance-projector.ts';
import { AssistanceRequestService } from './assistance-request.service.ts';
import { OrgDirectory } from './org-directory.ts';
import type { AuditService } from './audit.service.ts';
import type { Emitter } from './emitter.ts';
import type { FederationServices } from './federation/index.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import type { MarkingCatalog } from './markings.service.ts';
import type { WaitingRequest } from './notification.service.ts';
import type { LogRelay } from './webhook.ts';
import type { WriteService } from './write.service.ts';
import type { DecisionInput, NewOffer, NewRequest, OfferView, RequestUpdate, RequestView } from '../domain/assistance/api.ts';

/** What rapid response is built from (index.ts passes it; part "deploy" builds from it too). */
export interface AssistanceDeps {
  store: Store;
  gate: AccessGate;
  schemes: SchemeRegistry;
  markings: MarkingCatalog;
  audit: AuditService;
  write: WriteService;
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  federation: FederationServices;
  emitter: Emitter;
  log: LogRelay;
  /** Forgets cached principals: a new sharing group changes who reads what. */
  invalidate: () => void;
  /** The clock (tests pin it). */
  now?: () => Date;
}

/** Rapid response's services, with what index.ts needs to settle them. */
export interface Assistance extends AssistanceServices {
  /** Finishes the projection (and what it wakes), then starts none: before the store closes. */
  settle(): Promise<void>;
  /** Open requests with a response clock due or overdue (the reminder job's input; system use). */
  waitingRequests(): Promise<WaitingRequest[]>;
}

/** RequestsApi: the request and offer services over one projector. */
class Requests implements RequestsApi {
  private readonly projector: AssistanceProjector;
  private readonly requests: AssistanceRequestService;
  private readonly offers: AssistanceOfferService;

  constructor(projector: AssistanceProjector, requests: AssistanceRequestService, offers: AssistanceOfferService) {
    this.projector = projector;
    this.requests = requests;
    this.offers = offers;
  }

  board(p: Principal, q: BoardQuery): Promise<BoardPage> {
    return this.requests.board(p, q);
  }
  get(p: Principal, id: string): Promise<RequestView> {
    return this.requests.get(p, id);
  }
  ask(p: Principal, input: NewRequest, orgId?: string): Promise<RequestView> {
    return this.requests.ask(p, input, orgId);
  }
  update(p: Principal, id: string, input: RequestUpdate): Promise<RequestView> {
    return this.requests.update(p, id, input);
  }
  offer(p: Principal, requestId: string, input: NewOffer, orgId?: string): Promise<OfferView> {
    return this.offers.offer(p, requestId, input, orgId);
  }
  withdrawOffer(p: Principal, offerId: string): Promise<OfferView> {
    return this.offers.withdrawOffer(p, offerId);
  }
  decide(p: Principal, offerId: string, input: DecisionInput): Promise<OfferView> {
    return this.offers.decide(p, offerId, input);
  }
  catchUp(): Promise<void> {
    return this.projector.catchUp();
  }
  onChanged(listener: (requestIds: string[]) => void): () => void {
    return this.projector.onChanged(listener);
  }
  subscribe(p: Principal, listener: (requestIds: string[]) => void): () => void {
    authorize(p, 'assistance.read');
    return this.projector.onChanged((ids) => {
      this.requests.readable(p, ids).then(
        (readable) => readable.length > 0 && listener(readable),
        () => undefined, // the next change sends the picture again; a stream is no place for a 500
      );
    });
  }
  close(): Promise<void> {
    return this.projector.close();
  }
}

/** Builds rapid response's services and keeps its projection up to date. */
export function buildAssistance(deps: AssistanceDeps): Assistance {
  const { store, gate, schemes, markings, audit, write, owner, emitter, log, invalidate } = deps;
  const projector = new AssistanceProjector({
    assistance: store.assistance,
    objects: store.objects,
    access: store.access,
    log: (err) => log.error({ err }, 'assistance listener failed'),
  });
  // Whatever stored the objects (the API, imports, TAXII adds, federation pulls), the projection follows.
  emitter.on(
    'objects-committed',
    () => void projector.catchUp().catch((err: unknown) => log.error({ err }, 'assistance projection failed')),
  );
  const catchUp = () => projector.catchUp();
  const groups = new AssistanceGroups({ orgs: store.orgs, audit, invalidate, ...(deps.now ? { now: deps.now } : {}) });
  const shared = {
    directory: new OrgDirectory({ orgs: store.orgs, state: store.state }),
    assistance: store.assistance,
    objects: store.objects,
    orgs: store.orgs,
    gate,
    schemes,
    markings,
    write,
    owner,
    groups,
    catchUp,
    ...(deps.now ? { now: deps.now } : {}),
  };
  const requestService = new AssistanceRequestService(shared);
  const requests = new Requests(projector, requestService, new AssistanceOfferService({ ...shared, roster: store.roster }));
  const { roster, matching, deployments, reactor } = buildDeploy({ ...deps, catchUp });
  // The reactor releases member cards and counts past deployments from what the projector puts.
  projector.onProjected((rows) => reactor.projected(rows));
  return {
    requests,
    matching,
    deployments,
    roster,
    waitingRequests: () => requestService.waiting(),
    async settle() {
      // The reactor writes member cards and profiles, which the projector must then project.
      await projector.catchUp().catch(() => {});
      await reactor.idle().catch(() => {});
      await projector.catchUp().catch(() => {});
      await reactor.close();
      await projector.close();
    },
  };
}
