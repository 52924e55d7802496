// The repositories of rapid response (issue 18): each organisation's roster (migrations/0038),
// private to the node, and the assistance projection (0039), rows derived from the stored
// request, offer, decision, deployment, profile and deployment-work objects. Kept beside
// repositories.ts, which re-exports them.
import type { AccessLabel } from '../domain/access/types.ts';
import type {
  AssistanceRow,
  DecisionRecord,
  DeploymentRecord,
  ExpertRecord,
  OfferRecord,
  ProfileRecord,
  RequestRecord,
  WorkRecord,
} from '../domain/assistance/types.ts';

/** A projected record with the access label of the version it was projected from (null: not
 *  labelled, read by no one). */
export interface Labelled<T> {
  record: T;
  label: AccessLabel | null;
}

/** The board's query: newest activity first, keyset on (modified, id). */
export interface RequestQuery {
  /** Board columns to keep (the caller derives a column from the request, its offers and deployments;
   *  the store keeps `status` in a column so that closed requests need not be read for the others). */
  statuses?: readonly RequestRecord['status'][];
  /** Only requests of this organisation (as requester or coordinator). */
  org?: string;
  after?: { modified: string; id: string };
  limit: number;
}

/** The profiles matching reads: those of organisations other than `excludeOrg`, available at
 *  some point in [from, until] (the caller checks the whole window). */
export interface ProfileQuery {
  excludeOrg?: string;
  orgs?: readonly string[];
  from?: string;
  until?: string;
  limit: number;
}

/** The assistance projection (issue 18; migrations/0039). */
export interface AssistanceRepo {
  /** The last store sequence projected (0 before the first). */
  cursor(): Promise<number>;
  setCursor(seq: number): Promise<void>;
  /** Versions of the projected types stored after `after`, in seq order (`note`, `report` and
   *  `task` included: the projector keeps those carrying an assistance extension). */
  changes(after: number, limit: number): Promise<{ seq: number; id: string; type: string }[]>;
  /** Stores (or replaces) rows, in one transaction. */
  put(rows: readonly AssistanceRow[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  request(id: string): Promise<Labelled<RequestRecord> | undefined>;
  requests(q: RequestQuery): Promise<Labelled<RequestRecord>[]>;
  offersOf(requestIds: readonly string[]): Promise<Labelled<OfferRecord>[]>;
  offer(id: string): Promise<Labelled<OfferRecord> | undefined>;
  decisionsOf(requestIds: readonly string[]): Promise<Labelled<DecisionRecord>[]>;
  deploymentsOf(requestIds: readonly string[]): Promise<Labelled<DeploymentRecord>[]>;
  deployment(id: string): Promise<Labelled<DeploymentRecord> | undefined>;
  /** Deployments whose members include one of these profiles. */
  deploymentsWith(profileIds: readonly string[]): Promise<Labelled<DeploymentRecord>[]>;
  workOf(deploymentIds: readonly string[]): Promise<Labelled<WorkRecord>[]>;
  profile(id: string): Promise<Labelled<ProfileRecord> | undefined>;
  profiles(q: ProfileQuery): Promise<Labelled<ProfileRecord>[]>;
}

/** Each organisation's experts (issue 18, must 2; migrations/0038). Every read names the
 *  organisation: an organisation never reads another's roster. */
export interface RosterRepo {
  add(expert: ExpertRecord): Promise<void>;
  /** Replaces the row; false when no expert of `orgId` has this id. */
  update(orgId: string, expert: ExpertRecord): Promise<boolean>;
  get(orgId: string, id: string): Promise<ExpertRecord | undefined>;
  list(orgId: string): Promise<ExpertRecord[]>;
  /** The node's experts published under these profile ids (any organisation of the node): the
   *  projector uses it to release names and count past deployments. */
  byProfiles(profileIds: readonly string[]): Promise<ExpertRecord[]>;
  remove(orgId: string, id: string): Promise<boolean>;
}

export type { AssistanceRow };
