// The dashboard aggregates and the live event stream (Server-Sent Events); peer status is peers.ts.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ActivityBucket, Count, Dashboard, ObjectSummary } from '../../../src/domain/dashboard/types.ts';
export type { ActivityBucket, Count, Dashboard, ObjectSummary };

const DASHBOARD = ['dashboard'] as const;

/** Every panel for the last `days` (issue 15, must 7); the previous period's answer stays on
 *  screen while the next one loads. */
export function useDashboard(days: number) {
  return useQuery({
    queryKey: [...DASHBOARD, days],
    queryFn: () => api<Dashboard>(`/dashboard?days=${days}`),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
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
