// Federation as the store keeps it (migrations/0011_federation.ts): the node key, peers with
// their sync state, the origin of received objects, the tombstones of retracted ones and the
// peers' audit heads kept as their witness.
import type { HeadStatement } from '../domain/federation/audit-witness.ts';
import type { NodeKeyMaterial } from '../domain/federation/keys.ts';
import type { Peer, PeerSyncState } from '../domain/federation/types.ts';

export type { NodeKeyMaterial } from '../domain/federation/keys.ts';
export type { Peer, PeerSyncState } from '../domain/federation/types.ts';

export interface NodeKeyRepo {
  get(): Promise<NodeKeyMaterial | undefined>;
  /** Stores `key` unless a key is held already; returns the key held. Safe across processes. */
  createIfAbsent(key: NodeKeyMaterial, at: string): Promise<NodeKeyMaterial>;
}

/** A peer with its sync state. */
export interface PeerRecord extends Peer {
  state: PeerSyncState;
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

/** The node an object came from: the key id its first received version was signed with. */
export interface Origin {
  keyId: string;
}

/** Origins are written with the versions (PreparedObject.originKey); this reads them. */
export interface OriginRepo {
  get(ids: readonly string[]): Promise<Map<string, Origin>>;
}

/** A retracted object: its content is gone, this row stays. */
export interface Tombstone {
  objectId: string;
  retractedAt: string;
  /** Key id of the node that retracted it. */
  retractedBy: string;
  retractionId: string;
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

/** The signed form in which this node sends a version it originated (migrations/0012). */
export interface EgressForm {
  /** The node key that signed it. */
  keyId: string;
  json: string;
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
