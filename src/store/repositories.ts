// Repository interfaces: one per capability, implemented once for SQLite (store/sqlite) and
// once for PostgreSQL (store/postgres), held to one contract suite (test/store.contract.test.ts).
// Services depend on these interfaces only; all SQL lives behind them. What they take and return
// is defined by the domain (src/domain/<capability>/types.ts); only the repositories live here.
import type { AccessLabel } from '../domain/access/types.ts';
import type { AuditEntry, AuditFields, AuditHead } from '../domain/audit/chain.ts';
import type { AuditListRequest } from '../domain/audit/types.ts';
import type { Collection, CollectionEntry, CollectionRead, StatusRecord } from '../domain/collections/types.ts';
import type { ActivityGroup, AddedVersion, LabelGroup, PlaceFacts, PlaceGroup } from '../domain/dashboard/types.ts';
import type { HeadStatement } from '../domain/federation/audit-witness.ts';
import type { NodeKeyMaterial } from '../domain/federation/keys.ts';
import type { EgressForm, Origin, Peer, PeerRecord, PeerSyncState, Tombstone } from '../domain/federation/types.ts';
import type { Feed, FeedProgress, FeedPullResult } from '../domain/feeds/types.ts';
import type { FailureState } from '../domain/identity/throttle.ts';
import type { ApiToken, Community, Org, Session, SharingGroup, UserRecord } from '../domain/identity/types.ts';
import type { ImportJob } from '../domain/imports/types.ts';
import type { SavedSearch } from '../domain/explorer/types.ts';
import type { PreparedObject } from '../domain/ingest/prepared.ts';
import type { IncidentRepo, IncidentShareRepo, NotificationRepo } from './incident-repositories.ts';
import type { SightingRepo } from './sighting-repositories.ts';
import type { CorrelationRepo } from './correlation-repositories.ts';
import type { DecayRepo } from './decay-repositories.ts';
import type { AlertRepo } from './alert-repositories.ts';
import type { AssistanceRepo, RosterRepo } from './assistance-repositories.ts';
import type {
  Edge,
  InsertResult,
  LookupHit,
  ObjectFilter,
  Page,
  PageRequest,
  SortOrder,
  SortPosition,
  SortedPage,
  StoredObject,
} from '../domain/objects/types.ts';
import type { Observable } from '../domain/observables/types.ts';
import type { SearchGroup } from '../domain/explorer/types.ts';
import type { NewQuarantineEntry, QuarantineEntry } from '../domain/quarantine/types.ts';
import type { StateVersions } from '../domain/state-changes/types.ts';
import type { IngestSource, NewIngestSource } from '../domain/objects/source.ts';

/** How a batch is written. */
export interface InsertOptions {
  /** One batch of a bulk import, which calls `settled` at its end: the engine may make the
   *  batch's derived rows (refs, observables, search words) readable after the call returns. */
  bulk?: boolean;
}

export interface ObjectRepo {
  /** Stores a batch in one transaction; results are in input order. Updates the latest index.
   *  `labels[i]`, when given and not null, is stored as the access label of the version
   *  `objects[i]` adds, in the same transaction (labels can then never lag their versions). */
  insertBatch(objects: PreparedObject[], labels?: readonly (AccessLabel | null)[], options?: InsertOptions): Promise<InsertResult[]>;
  /** Resolves once what earlier `bulk` batches derived (refs, observables, words) is readable. */
  settled?(): Promise<void>;
  /** Latest versions matching the filter, ordered by `seq` of that version. */
  list(filter: ObjectFilter, page: PageRequest): Promise<Page<StoredObject>>;
  /** Latest versions matching the filter in a sort order, after a keyset position (issue 15, must 5). */
  listSorted(filter: ObjectFilter, order: SortOrder, after: SortPosition | undefined, limit: number): Promise<SortedPage>;
  /** Matching latest versions grouped by type and access labels (with a relationship's ends'),
   *  and by object label: the Explorer's total and facets, decided per group (issue 15, must 5).
   *  At most `maxRows` matching versions, the first in store order (`capped` when more match). */
  searchGroups(filter: ObjectFilter, maxRows: number): Promise<{ groups: SearchGroup[]; byLabel: SearchGroup[]; capped: boolean }>;
  /** Counts latest versions matching the filter. */
  count(filter: ObjectFilter): Promise<number>;
  /** The latest version, or the version with this exact key. */
  get(id: string, version?: string): Promise<StoredObject | undefined>;
  /** Latest versions of these ids (missing ids are left out). */
  getMany(ids: string[]): Promise<StoredObject[]>;
  /** Every version of an object, oldest first. */
  versions(id: string): Promise<StoredObject[]>;
  /** Edges whose source or target is one of `ids`. */
  edges(ids: string[]): Promise<Edge[]>;
  /** Prefix lengths of the IP networks (`kind` ipv4 or ipv6) held as observables. */
  networkPrefixes(kind: 'ipv4' | 'ipv6'): Promise<ReadonlySet<number>>;
  /** Latest objects indexed under any of these observables (exact normalised values). */
  lookup(observables: Observable[]): Promise<LookupHit[]>;
  /** Streams versions in `seq` order: latest only, or every version when `allVersions`. */
  scan(filter: ObjectFilter, options?: { allVersions?: boolean; batchSize?: number }): AsyncIterable<StoredObject>;
}

export interface QuarantineRepo {
  add(entries: NewQuarantineEntry[]): Promise<void>;
  list(page: PageRequest, filter?: { reason?: string; source?: string }): Promise<Page<QuarantineEntry>>;
  get(id: number): Promise<QuarantineEntry | undefined>;
  remove(id: number): Promise<boolean>;
  count(): Promise<number>;
}

export interface ImportRepo {
  create(job: ImportJob): Promise<void>;
  update(id: string, patch: Partial<Omit<ImportJob, 'id' | 'createdAt'>>): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  list(page: PageRequest, filter?: { orgId?: string }): Promise<ImportJob[]>;
}

/** The audit log: appends move the head in the same transaction; reads never write. */
export interface AuditRepo {
  /** Chains `fields` to the head and stores the entry, atomically and safely across processes. */
  append(fields: AuditFields): Promise<AuditEntry>;
  /** Entries newest first (highest seq first). */
  list(request: AuditListRequest): Promise<Page<AuditEntry>>;
  /** The actions that occur in the log, sorted (the audit filter's choices, issue 15 must 9). */
  actions(): Promise<string[]>;
  /** Every entry in ascending seq order, read in batches. */
  scan(options?: { batchSize?: number }): AsyncIterable<AuditEntry>;
  /** The recorded head (last seq and hash; seq 0 and the genesis hash before the first append),
   *  or null when the head row was removed, which only tampering does. */
  head(): Promise<AuditHead | null>;
}

/** The access labels of stored object versions (migrations/0007_object_access.ts). */
export interface AccessRepo {
  /** Stores the labels of newly stored versions. */
  put(rows: { seq: number; label: AccessLabel }[]): Promise<void>;
  /** Labels of these versions; a version without a label is absent from the map. */
  labels(seqs: readonly number[]): Promise<Map<number, AccessLabel>>;
  /** The label of each id's latest version, for the ids that are held (and labelled). */
  latest(ids: readonly string[]): Promise<Map<string, AccessLabel>>;
}

/** Organisations, communities and sharing groups. */
export interface OrgRepo {
  putOrg(org: Org): Promise<void>;
  getOrg(id: string): Promise<Org | undefined>;
  findOrgByName(name: string): Promise<Org | undefined>;
  listOrgs(): Promise<Org[]>;
  putCommunity(c: Community): Promise<void>;
  getCommunity(id: string): Promise<Community | undefined>;
  listCommunities(): Promise<Community[]>;
  putSharingGroup(g: SharingGroup): Promise<void>;
  getSharingGroup(id: string): Promise<SharingGroup | undefined>;
  listSharingGroups(): Promise<SharingGroup[]>;
}

/** Users, API tokens and browser sessions. */
export interface UserRepo {
  /** Inserts or replaces a user (password hash and failure state included). */
  putUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByName(username: string): Promise<UserRecord | undefined>;
  listUsers(filter?: { orgId?: string }): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  setFailureState(userId: string, state: FailureState): Promise<void>;
  addToken(token: ApiToken, hash: string): Promise<void>;
  /** The token whose secret hashes to `hash`, with its owner's id. */
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  getToken(id: string): Promise<ApiToken | undefined>;
  listTokens(filter?: { userId?: string }): Promise<ApiToken[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;
  addSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  removeSession(idHash: string): Promise<void>;
  removeUserSessions(userId: string): Promise<void>;
  removeExpiredSessions(now: string): Promise<number>;
}

/** TAXII collections, the membership of write-target collections and status resources (migrations/0009_collections.ts). */
export interface CollectionRepo {
  create(c: Collection): Promise<void>;
  update(c: Collection): Promise<void>;
  /** Removes the collection and its membership; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** By id, else by alias. */
  find(ref: string): Promise<Collection | undefined>;
  /** Every collection, in a stable order (title, then id). */
  list(): Promise<Collection[]>;
  /** Entries of the collection matching `read`, ordered by position, at most `read.limit`. */
  entries(c: Collection, read: CollectionRead): Promise<CollectionEntry[]>;
  /** Adds stored versions to a write-target collection (already present ones are kept). */
  addMembers(collectionId: string, seqs: number[], addedAt: string): Promise<void>;
  /** Removes these versions from a collection's membership; returns how many were removed. */
  removeMembers(collectionId: string, seqs: number[]): Promise<number>;
  putStatus(s: StatusRecord): Promise<void>;
  getStatus(id: string): Promise<StatusRecord | undefined>;
}

/** TAXII feeds this node pulls from (migrations/0010_feeds.ts). */
export interface FeedRepo {
  /** ConflictError when the name is taken. */
  create(feed: Feed): Promise<void>;
  get(id: string): Promise<Feed | undefined>;
  /** Names are unique (issue 15, must 9). */
  findByName(name: string): Promise<Feed | undefined>;
  /** False when there was none; ConflictError when another feed has the name. */
  rename(id: string, name: string): Promise<boolean>;
  /** Every feed, by name. */
  list(): Promise<Feed[]>;
  /** False when there was none. */
  remove(id: string): Promise<boolean>;
  saveProgress(id: string, progress: FeedProgress): Promise<void>;
  saveResult(id: string, result: FeedPullResult): Promise<void>;
  /**
   * Takes the feed's pull lease until `until` unless another holder's lease runs after `now`:
   * one pull at a time per feed across processes (`concord serve` and `concord feed pull`).
   */
  claim(id: string, holder: string, now: string, until: string): Promise<boolean>;
  /** The current lease holder, for taking over a lease of a dead local process. */
  leaseHolder(id: string): Promise<string | null>;
  /** Gives the lease back, if `holder` still holds it. */
  release(id: string, holder: string): Promise<void>;
}

/** Read-only aggregate queries over objects and their access labels. */
export interface DashboardRepo {
  /** The highest stored seq (0 when empty): the dashboard cache key and the stream's start. */
  maxSeq(): Promise<number>;
  /** Latest versions grouped by type, labels and the day of their own time (issue 15, must 7). */
  labelGroups(): Promise<LabelGroup[]>;
  /** Relationships and sightings (latest) whose end is a latest object of one of `types`, by the
   *  day of their own time. */
  activity(types: readonly string[]): Promise<ActivityGroup[]>;
  /** Sightings per `where_sighted_refs` place and `targets` relationships per target place. */
  places(): Promise<PlaceGroup[]>;
  /** Locations with their country and identities `located-at` locations. */
  placeFacts(): Promise<PlaceFacts>;
  /** Latest versions not owned by `ownerOrg`, newest first, seq below `before` and stored at or
   *  after `addedSince` when given. */
  recent(options: {
    notOwnedBy: string;
    excludeTypes: readonly string[];
    before?: number;
    addedSince?: string;
    limit: number;
  }): Promise<StoredObject[]>;
  /** Labelled versions with seq above `after`, in seq order, at most `limit`. */
  addedSince(after: number, limit: number): Promise<AddedVersion[]>;
}

// Federation (migrations/0011_federation.ts): the node key, peers with their sync state, the origin
// of received objects, the tombstones of retracted ones and the peers' audit heads kept as their witness.

export interface NodeKeyRepo {
  get(): Promise<NodeKeyMaterial | undefined>;
  /** Stores `key` unless a key is held already; returns the key held. Safe across processes. */
  createIfAbsent(key: NodeKeyMaterial, at: string): Promise<NodeKeyMaterial>;
}

export interface PeerRepo {
  create(p: Peer): Promise<void>;
  update(p: Peer): Promise<void>;
  get(id: string): Promise<PeerRecord | undefined>;
  byKeyId(keyId: string): Promise<PeerRecord | undefined>;
  byName(name: string): Promise<PeerRecord | undefined>;
  /** Every peer, by name. */
  list(): Promise<PeerRecord[]>;
  remove(id: string): Promise<boolean>;
  /** Changes sync fields; `cursor` only ever moves forward (a slower process cannot move it back). */
  saveState(id: string, patch: Partial<PeerSyncState>): Promise<void>;
  /** The pull lease, as for feeds: one pull of a peer at a time across processes. */
  claim(id: string, holder: string, now: string, until: string): Promise<boolean>;
  /** The current lease holder, for taking over a lease of a dead local process. */
  leaseHolder(id: string): Promise<string | null>;
  release(id: string, holder: string): Promise<void>;
  /** This node's highest store sequence: the head announced to peers, for their lag. */
  storeHead(): Promise<number>;
}

/** Origins are written with the versions (PreparedObject.originKey); this reads them. */
export interface OriginRepo {
  get(ids: readonly string[]): Promise<Map<string, Origin>>;
}

export interface TombstoneRepo {
  get(ids: readonly string[]): Promise<Map<string, Tombstone>>;
  /**
   * Purges every version of these objects in one transaction: the content of each version is
   * replaced by its bare identity, its label (so no one reads it), references, observables,
   * labels, search words and quarantined copies go, and a tombstone is kept. Version rows stay
   * so that store sequences never go back. Returns how many versions were purged.
   */
  purge(ids: readonly string[], by: string, retractionId: string, at: string): Promise<number>;
  list(limit: number): Promise<Tombstone[]>;
}

export interface EgressFormRepo {
  get(seqs: readonly number[]): Promise<Map<number, EgressForm>>;
  /** Keeps forms not kept yet (a version's form never changes: its label is fixed). */
  put(rows: readonly ({ seq: number } & EgressForm)[]): Promise<void>;
}

/** Peers' audit head statements kept here (domain/federation/audit-witness.ts). */
export interface WitnessRepo {
  /** Keeps `s` unless a statement with a higher seq of the same key is kept already. */
  keep(s: HeadStatement, at: string): Promise<void>;
  get(keyId: string): Promise<HeadStatement | undefined>;
}

/** Nonces of signed node requests already admitted (services/federation/replay-guard.ts). */
export interface NonceRepo {
  /** True when (key, nonce) was not admitted before, by any process; kept until `untilMs`. */
  admit(keyId: string, nonce: string, untilMs: number): Promise<boolean>;
  /** Forgets the nonces whose requests' dates are refused anyway by `nowMs`. */
  forget(nowMs: number): Promise<void>;
}

export interface FederationRepos {
  nodeKey: NodeKeyRepo;
  forms: EgressFormRepo;
  peers: PeerRepo;
  origins: OriginRepo;
  tombstones: TombstoneRepo;
  witnesses: WitnessRepo;
  nonces: NonceRepo;
}

/** An open store: one per process, shared by services. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  objects: ObjectRepo;
  quarantine: QuarantineRepo;
  imports: ImportRepo;
  audit: AuditRepo;
  orgs: OrgRepo;
  access: AccessRepo;
  users: UserRepo;
  collections: CollectionRepo;
  /** TAXII feeds this node pulls from (issue 4). */
  feeds: FeedRepo;
  /** Dashboard aggregates and the change feed of the live stream (issue 6). */
  dashboard: DashboardRepo;
  /** Node key, peers, origins and tombstones (issue 5). */
  federation: FederationRepos;
  /** Which kinds of local state any process changed, for in-process caches (issue 14). */
  state: StateWatch;
  /** Import runs, the sources of stored versions (issue 15, must 3). */
  sources: SourceRepo;
  /** Searches users saved in the Explorer (issue 15, must 5). */
  savedSearches: SavedSearchRepo;
  /** The incident projection (issue 16, migrations/0032). */
  incidents: IncidentRepo;
  /** Each user's in-app notifications and the reminder job's last tick (issue 16, must 7). */
  notifications: NotificationRepo;
  /** Cross-border shares and handovers of incidents (issue 16, must 6). */
  incidentShares: IncidentShareRepo;
  /** The sighting projection (issue 17, migrations/0035). */
  sightings: SightingRepo;
  /** "Also seen in" from the observables index (issue 17, must 5). */
  correlation: CorrelationRepo;
  /** Decay models set by administrators (issue 17, must 6, migrations/0037). */
  decay: DecayRepo;
  /** The alert projection (issue 17, must 4; migrations/0036). */
  alerts: AlertRepo;
  /** The assistance projection (issue 18; migrations/0039). */
  assistance: AssistanceRepo;
  /** Each organisation's experts, personal details included (issue 18, must 2; migrations/0038). */
  roster: RosterRepo;
  close(): Promise<void>;
}

/** Follows the commits of every process on the store. */
export interface StateWatch {
  /**
   * The version of each kind of state. A commit of that kind that ended before this call,
   * by any process, has moved it. On SQLite a cheap read of the counters (at most once per
   * event-loop turn while this process writes nothing); on PostgreSQL an answer from memory,
   * kept by LISTEN/NOTIFY, or a version that matches nothing while not listening.
   */
  versions(): Promise<StateVersions>;
}

/** Import runs: one row per run, each stored version names its run (PreparedObject.sourceId). */
export interface SourceRepo {
  /** Records a run; returns its id. */
  create(source: NewIngestSource, at: string): Promise<number>;
  /** The run that stored each of these versions, when known. */
  ofVersions(seqs: readonly number[]): Promise<Map<number, IngestSource>>;
}

/** Each user's saved searches (issue 15, must 5; migrations/0027). Every call names the user:
 *  a user never reads or deletes another's. */
export interface SavedSearchRepo {
  create(userId: string, search: SavedSearch): Promise<void>;
  /** The user's searches by name. */
  list(userId: string): Promise<SavedSearch[]>;
  /** False when the user has no search with this id. */
  remove(userId: string, id: string): Promise<boolean>;
}

export type * from './incident-repositories.ts';
export type * from './sighting-repositories.ts';
export type * from './correlation-repositories.ts';
export type * from './decay-repositories.ts';
export type * from './alert-repositories.ts';
export type * from './assistance-repositories.ts';
