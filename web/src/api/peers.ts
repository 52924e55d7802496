// Federation (issue 5) as node administrators manage it: this node's identity to give to peers
// (/api/v1/node), and the peers pinned here with their policies, lag and last error (/api/v1/peers).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { useCreate, useRemove, useUpdate } from './admin.ts';

export interface NodeIdentity {
  nodeId: string;
  keyId: string;
  /** Ed25519 public key, base64 of the 32 raw bytes: what a peer pins. */
  publicKey: string;
  publicKeyPem: string;
}

export interface PeerPullResult {
  ok: boolean;
  objects: number;
  accepted: number;
  quarantined: number;
  error?: string;
  finishedAt: string;
}

export interface OutboundPolicy {
  maxTlp?: string;
  maxClassification?: Record<string, string>;
  communities?: string[];
  types?: string[];
  exercises?: string[];
}

export interface Peer {
  id: string;
  name: string;
  url: string;
  publicKey: string;
  keyId: string;
  nodeId: string;
  orgs: string[];
  countries: string[];
  communities: string[];
  accreditation: Record<string, string>;
  outbound: OutboundPolicy;
  inbound: { acceptTypes?: string[]; allowUnsigned: boolean };
  sync: boolean;
  disabled: boolean;
  lag: { versions: number; seconds: number };
  state: { lastPullAt: string | null; lastSuccessAt: string | null; lastResult: PeerPullResult | null };
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
/** Peers with lag and errors, refreshed every 30 s as the dashboard's peer panel is. Its own key
 *  under ['admin', '/peers'], which the dashboard's peer status (another shape) uses: a change
 *  here refreshes both. */
export function usePeers(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', PATH, 'full'],
    enabled,
    queryFn: async () => (await api<{ peers: Peer[] }>(PATH)).peers,
    refetchInterval: 30_000,
  });
}
export const useAddPeer = () => useCreate<PeerBody, Peer>(PATH);
export const useUpdatePeer = () => useUpdate<PeerBody, Peer>(PATH);
export const useRemovePeer = () => useRemove(PATH);
