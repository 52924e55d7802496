// Federation's vocabulary (DESIGN.md, Federation; issue 5): peers with what they host, their
// accreditation, and the outbound and inbound policies an administrator sets for them.
import type { FeedPullResult } from '../feeds/types.ts';
import type { Tlp } from '../markings/tlp.ts';

/** What this node sends a peer, on top of the access policy (issue 5, item 2). Absent fields do
 *  not narrow, except `exercises`: exercise data leaves only for the exercises listed. */
export interface OutboundPolicy {
  /** The highest TLP sent. */
  readonly maxTlp?: Tlp;
  /** Scheme id → the highest level sent in that scheme (narrows the peer's accreditation). */
  readonly maxClassification?: Readonly<Record<string, string>>;
  /** Only community audiences among these (narrows the peer's communities). */
  readonly communities?: readonly string[];
  /** Only these object types (marking definitions and retractions always go). */
  readonly types?: readonly string[];
  readonly exercises?: readonly string[];
}

/** What this node accepts from a peer (issue 5, item 2). */
export interface InboundPolicy {
  /** Only these object types; absent: every type. */
  readonly acceptTypes?: readonly string[];
  /** Accept objects without a provenance signature, or signed by a node whose key is not
   *  pinned here; they are then owned by the peer's node identity. */
  readonly allowUnsigned: boolean;
}

/** A peer node as pinned by an administrator. */
export interface Peer {
  /** Local short id (`peer show <id>`). */
  readonly id: string;
  readonly name: string;
  /** Base URL of the peer node (`http://host:port`). */
  readonly url: string;
  /** Ed25519 public key, base64 of the 32 raw bytes. */
  readonly publicKey: string;
  /** Fingerprint of the key (keys.ts). */
  readonly keyId: string;
  /** The peer's node STIX identity id, derived from its key. */
  readonly nodeId: string;
  /** Organisation (identity) ids the peer hosts, its countries and communities. */
  readonly orgs: readonly string[];
  readonly countries: readonly string[];
  readonly communities: readonly string[];
  /** Scheme id → the highest level the peer is accredited for. */
  readonly accreditation: Readonly<Record<string, string>>;
  readonly outbound: OutboundPolicy;
  readonly inbound: InboundPolicy;
  /** False: the key is pinned (to verify what others relay from it) but nothing is exchanged. */
  readonly sync: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What one pull from a peer did: a feed pull's counts, plus what was refused without keeping it. */
export interface PeerPullResult extends FeedPullResult {
  /** Objects refused without keeping them: retracted ids, this node's own objects coming back. */
  dropped: number;
}

/** Where the pull from a peer has got and how far behind it is (issue 5, item 5). */
export interface PeerSyncState {
  /** The peer's egress position committed here (its store sequence, opaque text). */
  cursor: string | null;
  /** The peer's head as last announced (notification or response), same unit as the cursor. */
  peerHead: string | null;
  /** When the peer last announced a head beyond the cursor; null when caught up. */
  behindSince: string | null;
  lastPullAt: string | null;
  lastSuccessAt: string | null;
  lastResult: PeerPullResult | null;
}

/** The lag shown by `peer status` and the API. */
export interface PeerLag {
  /** Versions the peer's store holds beyond the cursor (an upper bound: some may not be for us). */
  versions: number;
  /** Seconds since the peer announced what is not pulled yet; 0 when caught up. */
  seconds: number;
}

/** The lag of a sync state at `now`. */
export function lagOf(s: PeerSyncState, now: number): PeerLag {
  const head = s.peerHead === null ? 0 : Number(s.peerHead);
  const cursor = s.cursor === null ? 0 : Number(s.cursor);
  const versions = Math.max(0, head - cursor);
  const seconds = versions > 0 && s.behindSince !== null ? Math.max(0, Math.round((now - Date.parse(s.behindSince)) / 1000)) : 0;
  return { versions, seconds };
}

/** An empty pull result. */
export function emptyPeerPull(startedAt: string): PeerPullResult {
  return {
    ok: true,
    pages: 0,
    objects: 0,
    accepted: 0,
    unchanged: 0,
    quarantined: 0,
    dropped: 0,
    reasons: {},
    startedAt,
    finishedAt: startedAt,
  };
}

/** A peer with its sync state. */
export interface PeerRecord extends Peer {
  state: PeerSyncState;
}

/** The node an object came from: the key id its first received version was signed with. */
export interface Origin {
  keyId: string;
}

/** A retracted object: its content is gone, this row stays. */
export interface Tombstone {
  objectId: string;
  retractedAt: string;
  /** Key id of the node that retracted it. */
  retractedBy: string;
  retractionId: string;
}

/** The signed form in which this node sends a version it originated (migrations/0012). */
export interface EgressForm {
  /** The node key that signed it. */
  keyId: string;
  json: string;
}
