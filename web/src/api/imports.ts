// Imports (async jobs with progress) and the quarantine.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from './client.ts';
import type { ImportJob, ImportSummary } from '../../../src/domain/imports/types.ts';
import type { QuarantineEntry } from '../../../src/domain/quarantine/types.ts';
export type { ImportJob, ImportSummary, QuarantineEntry };

export function useUpload() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: Blob; filename?: string; tlp?: string; distribution?: string }) =>
      api<ImportJob>(`/imports${qs({ tlp: input.tlp, distribution: input.distribution, filename: input.filename })}`, {
        method: 'POST',
        body: input.file,
        contentType: 'application/json',
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['imports'] }),
  });
}

const running = (j: ImportJob | undefined): boolean => j !== undefined && (j.state === 'queued' || j.state === 'running');

/** One job, polled while it runs. */
export function useJob(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['imports', id],
    queryFn: async () => {
      const job = await api<ImportJob>(`/imports/${id ?? ''}`);
      if (!running(job)) {
        void client.invalidateQueries({ queryKey: ['imports', 'list'] });
        void client.invalidateQueries({ queryKey: ['quarantine'] });
      }
      return job;
    },
    enabled: id !== null,
    refetchInterval: (q) => (running(q.state.data) || q.state.data === undefined ? 400 : false),
  });
}

export function useJobs() {
  return useQuery({ queryKey: ['imports', 'list'], queryFn: async () => (await api<{ jobs: ImportJob[] }>('/imports?limit=20')).jobs });
}

export function useQuarantine(enabled: boolean) {
  return useQuery({
    queryKey: ['quarantine'],
    queryFn: () => api<{ entries: QuarantineEntry[]; next: string | null }>('/quarantine?limit=100'),
    enabled,
  });
}

export function useRetry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      api<{ id: number; outcome: 'stored' | 'quarantined'; summary: ImportSummary }>(`/quarantine/${id}/retry`, { method: 'POST' }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['quarantine'] }),
  });
}
