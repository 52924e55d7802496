// Federation (issue 5) as node administrators manage it: this node's identity to give to peers
// (/api/v1/node), and the peers pinned here with their policies, lag and last error (/api/v1/peers).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { useCreate, usePullNow, useRemove, useUpdate } from './admin.ts';
import type { OutboundPolicy, Peer as PinnedPeer, PeerLag, PeerPullResult, PeerSyncState } from '../../../src/domain/federation/types.ts';

export interface NodeIdentity {
  nodeId: string;
  keyId: string;
  /** Ed25519 public key, base64 of the 32 raw bytes: what a peer pins. */
  publicKey: string;
  publicKeyPem: string;
}

export type { OutboundPolicy, PeerPullResult };

/** A peer as the API lists it (services/federation/peer.service.ts PeerView): the pinned peer
 *  with its sync state and lag. */
export interface Peer extends PinnedPeer {
  state: PeerSyncState;
  lag: PeerLag;
}

/** What POST and PATCH take (src/http/federation/schema.ts PeerBody); null clears a limit. */
export interface PeerBody {
  url?: string;
  key?: string;
  name?: string;
  orgs?: string[];
  countries?: string[];
  communities?: string[];
  accreditation?: Record<string, string>;
  outbound?: {
    maxTlp?: string | null;
    maxClassification?: Record<string, string> | null;
    communities?: string[] | null;
    types?: string[] | null;
    exercises?: string[];
  };
  inbound?: { acceptTypes?: string[] | null; allowUnsigned?: boolean };
  sync?: boolean;
  disabled?: boolean;
}

const PATH = '/peers';
export function useNodeIdentity() {
  return useQuery({ queryKey: ['node'], queryFn: () => api<NodeIdentity>('/node'), staleTime: Infinity });
}
/** Peers with lag and errors (node administrators), refreshed every 30 s, and every 2 s while
 *  this node is behind one of them: the lag then counts down page by page as a pull commits
 *  (the sync's progress). The administration list and the dashboard's peer panel share it. */
export function usePeers(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', PATH],
    enabled,
    queryFn: async () => (await api<{ peers: Peer[] }>(PATH)).peers,
    refetchInterval: (q) => ((q.state.data ?? []).some((p) => p.lag.versions > 0 && !p.disabled && p.sync) ? 2000 : 30_000),
  });
}
export const useAddPeer = () => useCreate<PeerBody, Peer>(PATH);
export const useUpdatePeer = () => useUpdate<PeerBody, Peer>(PATH);
export const useRemovePeer = () => useRemove(PATH);

/** Pulls a peer now; resolves to what the pull did. */
export const usePullPeer = () => usePullNow<PeerPullResult>(PATH);
