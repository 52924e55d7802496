// The signed-in user's notifications about incidents (/api/v1/notifications, issue 16, must 7):
// the list with its unread count, marking read, and the live stream that refreshes them. While
// the stream is down the list is polled instead.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Notification } from '../../../src/domain/incidents/api.ts';
import { api } from './client.ts';
export type { Notification };

/** The query key every incident change refreshes too (api/incidents.ts useInvalidateIncident). */
const KEY = ['notifications'] as const;
/** Polled this often while the live stream is not connected. */
const POLL_MS = 20_000;
/** Also polled, rarely, while it is: the stream brings new notifications, not what was marked
 *  read in another tab or window. */
const LIVE_POLL_MS = 120_000;

export interface NotificationPage {
  items: Notification[];
  unread: number;
}

/** The newest notifications (only unread ones with `unread`), with the unread count. */
export const listNotifications = (opts: { unread?: boolean; limit?: number } = {}): Promise<NotificationPage> =>
  api<NotificationPage>(`/notifications?limit=${opts.limit ?? 20}${opts.unread ? '&unread=true' : ''}`);

/** Marks these, or all, of the user's notifications read. */
export const markNotificationsRead = (which: { ids: string[] } | { all: true }): Promise<void> =>
  api<void>('/notifications/read', { method: 'POST', json: which });

/** The newest notifications, polled while `live` is false. */
export function useNotifications(live: boolean, limit = 10) {
  return useQuery({
    queryKey: [...KEY, limit],
    queryFn: () => listNotifications({ limit }),
    refetchInterval: live ? LIVE_POLL_MS : POLL_MS,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Listens to /api/v1/notifications/stream; each `notification` refreshes the list. True while connected. */
export function useNotificationStream(): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('ready', () => setConnected(true));
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: KEY });
    });
    // EventSource reconnects by itself; meanwhile the list is polled.
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [client]);
  return connected;
}
