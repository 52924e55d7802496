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

/** The models in force (one per kind) and Concord's defaults (GET /decay/models). */
export interface DecayModels {
  models: DecayModel[];
  defaults: DecayModel[];
}

export function useDecayModels() {
  return useQuery({ queryKey: MODELS, queryFn: () => api<DecayModels>('/decay/models') });
}

/** Saves the models; every score is read anew (a changed model applies to every indicator at once). */
export function useSaveDecayModels() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (models: DecayModel[]) => api<DecayModels>('/decay/models', { method: 'PUT', json: { models } }),
    onSuccess: async (saved) => {
      client.setQueryData(MODELS, saved);
      await Promise.all([['score'], ['lookup'], ['lookup-many']].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
