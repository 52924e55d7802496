// Sightings (issue 17, musts 1–3): one recorded from an object page or a lookup ("we saw this"),
// a batch of observed values, and an object's sightings as the reader may know them. Types are
// the domain's views (src/domain/sightings/api.ts); screens call these through react-query.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BatchResult, NewSighting, SightingAggregate, SightingBatch, SightingView } from '../../../src/domain/sightings/api.ts';
import { api } from './client.ts';
import type { Stix } from './objects.ts';

export type * from '../../../src/domain/sightings/api.ts';
export { DISCLOSURES, SIGHTING_TYPES } from '../../../src/domain/sightings/api.ts';

const one = (id: string): string => `/objects/${encodeURIComponent(id)}`;

/** The sightings of object `id` (its series, where, by whom as far as the reader may know). */
export function useSightings(id: string, enabled = true) {
  return useQuery({
    queryKey: ['sightings', id],
    queryFn: () => api<SightingAggregate>(`${one(id)}/sightings`),
    enabled,
  });
}

/** What recording one answers: the STIX sighting stored and the caller's view of it. */
export interface Recorded {
  object: Stix;
  sighting: SightingView;
}

export const recordSighting = (s: NewSighting) => api<Recorded>('/sightings', { method: 'POST', json: s });
/** The sightings of each of `ids` (a lookup's matches), in their order. */
export function useSightingsOf(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: ['sightings', id], queryFn: () => api<SightingAggregate>(`${one(id)}/sightings`) })),
  });
}

export const recordBatch = (b: SightingBatch) => api<BatchResult>('/sightings/batch', { method: 'POST', json: b });

/** The queries a sighting of `of` changes: every sightings aggregate shown (an observable's
 *  counts its indicators'), its score, its page's graph, lookups. */
export const sightingQueries = (of: string): (readonly unknown[])[] => [
  ['sightings'],
  ['score', of],
  ['neighbourhood', of],
  ['lookup'],
  ['lookup-many'],
];

/** Records a sighting and refreshes what it changed. */
export function useRecordSighting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: recordSighting,
    onSuccess: async (_v, s) => {
      await Promise.all(sightingQueries(s.of).map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
