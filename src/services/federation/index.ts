// Federation's services (issue 5), built over the store and the services they reuse: the access
// gate (egress), ingestion (ingress), the TAXII collection repository and client.
import type { Principal } from '../../domain/identity/principal.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import type { Tombstone } from '../../domain/federation/types.ts';
import type { OrgService } from '../org.service.ts';
import type { Store } from '../../store/repositories.ts';
import type { AccessGate } from '../access-gate.ts';
import type { AuditSink } from '../audit.service.ts';
import type { Emitter } from '../emitter.ts';
import type { ImportOwner, IngestService } from '../ingest.service.ts';
import { EgressService } from './egress.service.ts';
import { IngressService } from './ingress.service.ts';
import { NodeService, nodeIdentityObject } from './node.service.ts';
import { PeerAuthenticator } from './peer-auth.ts';
import { PeerService } from './peer.service.ts';
import { RetractionService } from './retraction.service.ts';
import { SyncService, type SyncDeps } from './sync.service.ts';
import { WitnessService } from './witness.service.ts';

export interface FederationServices {
  node: NodeService;
  peers: PeerService;
  egress: EgressService;
  ingress: IngressService;
  sync: SyncService;
  retractions: RetractionService;
  peerAuth: PeerAuthenticator;
  /** Audit heads stated to peers, kept for them, checked against them. */
  witness: WitnessService;
  /** The store's head, announced to peers. */
  head(): Promise<number>;
  /** The latest tombstones (retracted objects). */
  tombstones(limit: number): Promise<Tombstone[]>;
  /** The node's STIX identity, for bootstrap to publish. */
  identityObject(): Promise<Record<string, unknown>>;
  /** The enabled organisations this node hosts, as `concord node info` lists them (what a
   *  partner pinning this node names with `peer add --org`). */
  hostedOrgs(): Promise<HostedOrg[]>;
}

/** An organisation a node hosts, as its node information shows it. */
export interface HostedOrg {
  id: string;
  name: string;
  country: string | null;
}

export interface FederationDeps {
  store: Store;
  gate: AccessGate;
  ingest: IngestService;
  schemes: SchemeRegistry;
  audit: AuditSink;
  owner: (principal: Principal) => Promise<ImportOwner>;
  /** Keeps the sharing groups peers' objects are distributed to. */
  groups: Pick<OrgService, 'adoptSharingGroup'>;
  /** Where federation announces what jobs react to (a peer's nudge). */
  emitter: Pick<Emitter, 'emit'>;
  /** Tests: fetch and backoff of the sync client. */
  sync?: Pick<SyncDeps, 'fetch' | 'policy' | 'pageLimit'>;
}

/** Builds the federation services. */
export function buildFederation(deps: FederationDeps): FederationServices {
  const { store } = deps;
  const fed = store.federation;
  const node = new NodeService({ keys: fed.nodeKey });
  const identity = () => node.identity();
  const ownKeyId = async (): Promise<string> => (await identity()).keyId;
  const head = (): Promise<number> => fed.peers.storeHead();
  const retractions = new RetractionService({
    tombstones: fed.tombstones,
    origins: fed.origins,
    access: store.access,
    objects: store.objects,
    orgs: store.orgs,
    audit: deps.audit,
    ingest: deps.ingest,
    owner: deps.owner,
    ownKeyId,
  });
  const ingress = new IngressService({
    ingest: deps.ingest,
    quarantine: store.quarantine,
    origins: fed.origins,
    tombstones: fed.tombstones,
    peers: fed.peers,
    orgs: store.orgs,
    groups: deps.groups,
    retractions,
    node: identity,
  });
  const sync = new SyncService({
    peers: fed.peers,
    witnesses: fed.witnesses,
    ingress,
    audit: deps.audit,
    node: identity,
    emitter: deps.emitter,
    ...deps.sync,
  });
  return {
    node,
    peers: new PeerService({ peers: fed.peers, schemes: deps.schemes, audit: deps.audit, ownKeyId }),
    egress: new EgressService({
      collections: store.collections,
      forms: fed.forms,
      peers: fed.peers,
      orgs: store.orgs,
      gate: deps.gate,
      access: store.access,
      schemes: deps.schemes,
      node: identity,
      head,
    }),
    ingress,
    sync,
    retractions,
    peerAuth: new PeerAuthenticator(fed.peers, fed.nonces),
    witness: new WitnessService({ audit: store.audit, witnesses: fed.witnesses, sync, node: identity }),
    head,
    tombstones: (limit) => fed.tombstones.list(limit),
    async identityObject() {
      return nodeIdentityObject(await identity());
    },
    async hostedOrgs() {
      const orgs = await store.orgs.listOrgs();
      return orgs.filter((o) => o.node === null && !o.disabled).map((o) => ({ id: o.id, name: o.name, country: o.country }));
    },
  };
}
