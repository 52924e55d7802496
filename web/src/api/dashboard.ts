// The dashboard aggregates, peer status, and the live event stream (Server-Sent Events).
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client.ts';

export interface Count {
  key: string;
  count: number;
}

export interface ObjectSummary {
  id: string;
  type: string;
  name: string;
  addedAt?: string;
  count?: number;
}

export interface Dashboard {
  asOf: number;
  total: number;
  byType: Count[];
  byTlp: Count[];
  byClassification: Count[];
  byCountry: Count[];
  activity: { day: string; count: number }[];
  topThreats: ObjectSummary[];
  recent: ObjectSummary[];
}

const DASHBOARD = ['dashboard'] as const;

export function useDashboard() {
  return useQuery({ queryKey: DASHBOARD, queryFn: () => api<Dashboard>('/dashboard'), refetchInterval: 60_000 });
}

/** A peer as the federation API (issue 5) lists it, with its sync state and lag. */
export interface PeerView {
  id: string;
  name?: string;
  url: string;
  disabled?: boolean;
  lag?: { versions: number; seconds: number };
  state?: { lastPullAt: string | null; lastSuccessAt: string | null; lastResult: { ok: boolean; error?: string } | null };
}

/** Peers with lag and errors (node administrators), or null when this node has no federation API. */
export function usePeerStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', '/peers'],
    enabled,
    queryFn: async (): Promise<PeerView[] | null> => {
      try {
        return (await api<{ peers: PeerView[] }>('/peers')).peers;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    refetchInterval: 30_000,
  });
}

export interface LiveState {
  connected: boolean;
  /** Objects reported since the page opened. */
  received: number;
  lastEventAt: string | null;
}

/** Listens to /api/v1/events; each `objects-added` refreshes the dashboard and the lists. */
export function useLiveEvents(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>({ connected: false, received: 0, lastEventAt: null });
  useEffect(() => {
    const source = new EventSource('/api/v1/events');
    source.addEventListener('ready', () => setState((s) => ({ ...s, connected: true })));
    source.addEventListener('objects-added', (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as { count: number };
      setState((s) => ({ connected: true, received: s.received + data.count, lastEventAt: new Date().toISOString() }));
      void client.invalidateQueries({ queryKey: DASHBOARD });
      void client.invalidateQueries({ queryKey: ['objects'] });
    });
    // EventSource reconnects by itself (the server ends streams now and then on purpose).
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => source.close();
  }, [client]);
  return state;
}
