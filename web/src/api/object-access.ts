// Who holds an object and who may read it (GET /objects/{id}/access; issue 15, must 3).
import { useQuery } from '@tanstack/react-query';
import type { ObjectAccess } from '../../../src/domain/objects/access.ts';
import { api } from './client.ts';

export type { AudienceEntry, ObjectAccess, SourceRun } from '../../../src/domain/objects/access.ts';

export function useObjectAccess(id: string) {
  return useQuery({
    queryKey: ['object-access', id],
    queryFn: () => api<ObjectAccess>(`/objects/${encodeURIComponent(id)}/access`),
  });
}
