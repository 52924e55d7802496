// Indicator decay (issue 17, must 6): an indicator's score and why, and the node's models per
// indicator kind, which node administrators change (decay.manage).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecayModel, DecayScore } from '../../../src/domain/decay/api.ts';
import { api } from './client.ts';

export type * from '../../../src/domain/decay/api.ts';
export { DECAY_KINDS } from '../../../src/domain/decay/api.ts';

/** Indicator `id`'s score (`enabled` false for other objects: only indicators decay). */
export function useScore(id: string, enabled = true) {
  return useQuery({
    queryKey: ['score', id],
    queryFn: () => api<DecayScore>(`/objects/${encodeURIComponent(id)}/score`),
    enabled,
  });
}

const MODELS = ['decay-models'] as const;

export function useDecayModels() {
  return useQuery({
    queryKey: MODELS,
    queryFn: async () => (await api<{ models: DecayModel[] }>('/decay/models')).models,
  });
}

/** Saves the models; every score is read anew (a changed model applies to every indicator at once). */
export function useSaveDecayModels() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (models: DecayModel[]) =>
      (await api<{ models: DecayModel[] }>('/decay/models', { method: 'PUT', json: { models } })).models,
    onSuccess: async (models) => {
      client.setQueryData(MODELS, models);
      await Promise.all([['score'], ['lookup'], ['lookup-many']].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
