// The audit log with its filters (issue 15, must 9): pages of entries newest first, loaded one
// keyset page at a time ("Load more"), and the actions that occur in it for the "what" filter.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from './admin.ts';
import { api, qs } from './client.ts';

/** The filters as GET /api/v1/audit takes them (http/audit/schema.ts); all optional. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  target?: string;
  q?: string;
}

export const AUDIT_FILTERS = ['actor', 'action', 'since', 'until', 'target', 'q'] as const;

/** The filters of a URL query (the audit screen keeps them there). */
export function auditFiltersOf(query: URLSearchParams): AuditFilters {
  const f: AuditFilters = {};
  for (const k of AUDIT_FILTERS) {
    const v = query.get(k)?.trim();
    if (v) f[k] = v;
  }
  return f;
}

interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

/** Entries matching `filters`, page after page (`pageSize` each). */
export function useAuditPages(filters: AuditFilters, enabled: boolean, pageSize = 100) {
  return useInfiniteQuery({
    queryKey: ['admin', '/audit', filters],
    enabled,
    queryFn: ({ pageParam }) => api<AuditPage>(`/audit${qs({ ...filters, limit: pageSize, before: pageParam })}`),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The actions that occur in the log, sorted. */
export function useAuditActions(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', '/audit/actions'],
    enabled,
    queryFn: async () => (await api<{ actions: string[] }>('/audit/actions')).actions,
  });
}
