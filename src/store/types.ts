// Repository interfaces: one per capability, implemented once for SQLite (store/sqlite) and
// once for PostgreSQL (store/postgres), held to one contract suite (test/store.contract.test.ts).
// Services depend on these interfaces only; all SQL lives behind them.
import type { AccountRepo, OrgRepo } from './identity.types.ts';
import type { AccessRepo } from './access.types.ts';
import type { CollectionRepo } from './collection.types.ts';
import type { FeedRepo } from './feed.types.ts';
import type { FederationRepos } from './federation.types.ts';
import type { StatsRepo } from './stats.types.ts';
import type { StateWatch } from './state-changes.types.ts';
import type { ImportJob, QuarantineEntry } from './import.types.ts';
import type { Observable } from '../domain/observables/types.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { PreparedObject } from '../domain/ingest/prepared.ts';

// What the store keeps is defined by the domain; re-exported for the store's callers.
export type { ImportJob, ImportJobState, ImportSummary, QuarantineEntry } from './import.types.ts';
export type { PreparedObject, Ref } from '../domain/ingest/prepared.ts';
export type { AccountRepo, OrgRepo } from './identity.types.ts';
export type { AccessRepo } from './access.types.ts';

/** A stored version as read back. */
export interface StoredObject {
  /** Monotonic store sequence of this version; the basis of cursors. */
  seq: number;
  id: string;
  type: string;
  version: string;
  /** When this version was stored, ISO 8601 with milliseconds, never decreasing with `seq`. */
  addedAt: string;
  json: string;
}

/** What happened to one object of a batch. */
export type InsertResult =
  | { status: 'inserted'; seq: number }
  /** The same (id, version) is already held; the caller compares contents. */
  | { status: 'exists'; existingJson: string };

/** Filters of the object list; every field narrows (AND). */
export interface ObjectFilter {
  ids?: string[];
  types?: string[];
  createdByRefs?: string[];
  /** An object matches when it has any of these labels. */
  labels?: string[];
  /** Version keys (fixed width) bounding `modified`; inclusive. */
  modifiedFrom?: string;
  modifiedTo?: string;
  /** ISO timestamps bounding `addedAt`; inclusive from, exclusive to. */
  addedFrom?: string;
  addedTo?: string;
  revoked?: boolean;
  /** Full-text query: every word must occur in the object's search text. */
  text?: string;
  /** TLP 2.0 levels of the version's access label (`clear`, `green`, …); any of them matches. */
  tlps?: string[];
}

/** Keyset pagination over `seq`, ascending. */
export interface PageRequest {
  after?: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` to get the next page; null on the last page. */
  next: number | null;
}

/** A relationship or reference edge between two objects' latest versions. */
export interface Edge {
  source: string;
  property: string;
  target: string;
}

/** An object matched by an observable lookup, and which value matched it. */
export interface LookupHit {
  observable: Observable;
  object: StoredObject;
  /** The version's access label, read in the same statement (null: not labelled, read by no one). */
  label: AccessLabel | null;
}

/** Object versions: write, query, graph, lookup, export. */
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

export type NewQuarantineEntry = Omit<QuarantineEntry, 'id' | 'receivedAt'>;

export interface QuarantineRepo {
  add(entries: NewQuarantineEntry[]): Promise<void>;
  list(page: PageRequest, filter?: { reason?: string; source?: string }): Promise<Page<QuarantineEntry>>;
  get(id: number): Promise<QuarantineEntry | undefined>;
  remove(id: number): Promise<boolean>;
  count(): Promise<number>;
}

export interface JobRepo {
  create(job: ImportJob): Promise<void>;
  update(id: string, patch: Partial<Omit<ImportJob, 'id' | 'createdAt'>>): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  list(page: PageRequest, filter?: { orgId?: string }): Promise<ImportJob[]>;
}

/** An open store: one per process, shared by services. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  objects: ObjectRepo;
  quarantine: QuarantineRepo;
  jobs: JobRepo;
  audit: AuditRepo;
  orgs: OrgRepo;
  access: AccessRepo;
  accounts: AccountRepo;
  collections: CollectionRepo;
  /** TAXII feeds this node pulls from (issue 4). */
  feeds: FeedRepo;
  /** Dashboard aggregates and the change feed of the live stream (issue 6). */
  stats: StatsRepo;
  /** Node key, peers, origins and tombstones (issue 5). */
  federation: FederationRepos;
  /** Which kinds of local state any process changed, for in-process caches (issue 14). */
  state: StateWatch;
  close(): Promise<void>;
}

/** One entry of the append-only, hash-chained audit log (domain/audit/chain.ts). */
export type { AuditEntry, AuditFields, AuditHead } from '../domain/audit/chain.ts';
import type { AuditEntry, AuditFields, AuditHead } from '../domain/audit/chain.ts';

/** Filters and keyset page of the audit list, newest first; `after` is a seq from `next`. */
export interface AuditListRequest {
  after?: number;
  limit: number;
  action?: string;
  actor?: string;
}

/** The audit log: appends move the head in the same transaction; reads never write. */
export interface AuditRepo {
  /** Chains `fields` to the head and stores the entry, atomically and safely across processes. */
  append(fields: AuditFields): Promise<AuditEntry>;
  /** Entries newest first (highest seq first). */
  list(request: AuditListRequest): Promise<Page<AuditEntry>>;
  /** Every entry in ascending seq order, read in batches. */
  scan(options?: { batchSize?: number }): AsyncIterable<AuditEntry>;
  /** The recorded head (last seq and hash; seq 0 and the genesis hash before the first append),
   *  or null when the head row was removed, which only tampering does. */
  head(): Promise<AuditHead | null>;
}
