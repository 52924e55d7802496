// Writing objects (issue 15, must 4): one function per endpoint of the write API, typed by the
// domain's wire types. Screens call them from mutations and invalidate what they change.
import { useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  BulkRequest,
  BulkResult,
  CheckResult,
  CreateObjectRequest,
  MarkingInput,
  RelateRequest,
  ReviseObjectRequest,
  WriteResult,
} from '../../../src/domain/writing/types.ts';

export type * from '../../../src/domain/writing/types.ts';

const post = <T>(path: string, json: unknown): Promise<T> => api<T>(path, { method: 'POST', json });
const one = (id: string): string => `/objects/${encodeURIComponent(id)}`;

export const createObject = (r: CreateObjectRequest) => post<WriteResult>('/objects', r);
export const checkObject = (r: CreateObjectRequest) => post<CheckResult>('/objects/check', r);
export const reviseObject = (id: string, r: ReviseObjectRequest) => post<WriteResult>(`${one(id)}/versions`, r);
export const revokeObject = (id: string) => post<WriteResult>(`${one(id)}/revoke`, {});
export const changeMarkings = (id: string, r: MarkingInput) => post<WriteResult>(`${one(id)}/markings`, r);
export const relate = (r: RelateRequest) => post<WriteResult>('/relationships', r);
export const bulk = (r: BulkRequest) => post<BulkResult>('/objects/bulk', r);

/** The queries a write to object `id` changes: its page, versions, graph, access panel, and every list. */
export const objectQueries = (id: string): (readonly unknown[])[] => [
  ['object', id],
  ['versions', id],
  ['neighbourhood', id],
  ['object-access', id],
  ['objects'],
  // Issue 17: a new version or a revocation changes the object's sightings and score.
  ['sightings', id],
  ['score', id],
];

/** Refreshes what a write to `ids` changed (each one's page, versions and graph, and the lists). */
export function useInvalidateObjects(): (...ids: string[]) => Promise<void> {
  const client = useQueryClient();
  return async (...ids) => {
    const keys = ids.length === 0 ? [['objects']] : ids.flatMap(objectQueries);
    await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
}
