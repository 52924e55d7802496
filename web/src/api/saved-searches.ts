// The signed-in user's saved Explorer searches (/api/v1/saved-searches, issue 15, must 5).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { SavedSearch } from '../../../src/domain/explorer/types.ts';
export type { SavedSearch };

const KEY = ['saved-searches'] as const;

export function useSavedSearches() {
  return useQuery({ queryKey: KEY, queryFn: async () => (await api<{ searches: SavedSearch[] }>('/saved-searches')).searches });
}

export function useSaveSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) => api<SavedSearch>('/saved-searches', { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteSearch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/saved-searches/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
