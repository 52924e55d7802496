// Rapid response's rosters, matching, deployments and the reactor that releases member cards
// (issue 18, musts 2, 3, 4, 6), built from what buildAssistance (assistance.ts) is given. One
// factory, so that the wiring of the requests part need not know these services' dependencies.
import { profileKey } from '../domain/assistance/pseudonym.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { Store } from '../store/repositories.ts';
import type { AccessGate } from './access-gate.ts';
import { AssistanceGroups } from './assistance-groups.ts';
import { AssistanceReactor } from './assistance-reactor.ts';
import type { AuditSink } from './audit.service.ts';
import { DeploymentService } from './deployment.service.ts';
import { DeploymentViews } from './deployment-view.ts';
import { ExpertProfiles } from './expert-profiles.ts';
import type { FederationServices } from './federation/index.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';
import { MatchingService } from './matching.service.ts';
import { derivedKey } from './node-keys.ts';
import { OrgDirectory } from './org-directory.ts';
import { RosterService } from './roster.service.ts';
import type { WriteService } from './write.service.ts';

/** What the deploy services are built from (a part of buildAssistance's deps). */
export interface DeployDeps {
  store: Pick<Store, 'assistance' | 'roster' | 'objects' | 'access' | 'orgs' | 'state'>;
  gate: AccessGate;
  schemes: SchemeRegistry;
  audit: AuditSink;
  write: Pick<WriteService, 'storeAll' | 'validate'>;
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  federation: Pick<FederationServices, 'node'>;
  /** Forgets cached principals (a new sharing group changes who reads what). */
  invalidate: () => void;
  /** The assistance projection's catch-up (assistance-projector.ts). */
  catchUp: () => Promise<void>;
  log: { error(obj: object, msg: string): void };
  now?: () => Date;
}

/** The deploy part's services. */
export interface DeployServices {
  roster: RosterService;
  matching: MatchingService;
  deployments: DeploymentService;
  /** Wire to the projector: `projector.onProjected((rows) => reactor.projected(rows))`. */
  reactor: AssistanceReactor;
}

/** Builds rosters, matching, deployments and the reactor. */
export function buildDeploy(deps: DeployDeps): DeployServices {
  const { store, gate, schemes, audit, write, owner, catchUp } = deps;
  const clock = deps.now === undefined ? {} : { now: deps.now };
  // The profile-id key is derived from the node's key pair (pseudonym.ts), once.
  const nodeProfileKey = derivedKey(deps.federation.node, profileKey);
  const profiles = new ExpertProfiles({ objects: store.objects, access: store.access, write, profileKey: nodeProfileKey, ...clock });
  const directory = new OrgDirectory({ orgs: store.orgs, state: store.state });
  const roster = new RosterService({ roster: store.roster, orgs: store.orgs, schemes, profiles, audit, owner, catchUp, ...clock });
  const matching = new MatchingService({
    assistance: store.assistance,
    objects: store.objects,
    orgs: store.orgs,
    directory,
    schemes,
    owner: (p) => owner(p),
  });
  const groups = new AssistanceGroups({ orgs: store.orgs, audit, invalidate: deps.invalidate, ...clock });
  const views = new DeploymentViews({ assistance: store.assistance, objects: store.objects, gate, directory, schemes, ...clock });
  const reactor = new AssistanceReactor({
    assistance: store.assistance,
    roster: store.roster,
    localOrgs: async () => (await store.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id),
    objects: store.objects,
    write,
    profiles,
    catchUp,
    log: (err) => deps.log.error({ err }, 'assistance reaction failed'),
    ...clock,
  });
  const deployments = new DeploymentService({
    assistance: store.assistance,
    objects: store.objects,
    access: store.access,
    orgs: store.orgs,
    gate,
    owner,
    groups,
    views,
    write,
    catchUp,
    reacted: () => reactor.idle(),
    ...clock,
  });
  return { roster, matching, deployments, reactor };
}
