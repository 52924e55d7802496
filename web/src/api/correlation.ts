// Correlation (issue 17, must 5): the other objects that share an observable value with one
// ("also seen in"), values too common to expand, and the warninglists a value is on.
import { useQuery } from '@tanstack/react-query';
import type { Correlation } from '../../../src/domain/correlation/api.ts';
import { api } from './client.ts';

export type * from '../../../src/domain/correlation/api.ts';

/** "Also seen in" for object `id`: per observable value, the other objects the reader may read. */
export function useCorrelations(id: string, enabled = true) {
  return useQuery({
    queryKey: ['correlations', id],
    queryFn: () => api<Correlation>(`/objects/${encodeURIComponent(id)}/correlations`),
    enabled,
  });
}
