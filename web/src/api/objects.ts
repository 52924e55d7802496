// Objects: search (cursor pages), one object, its versions, its neighbourhood, each with markings.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs } from './client.ts';
import type { ObjectMarking } from '../../../src/domain/markings/banner.ts';
import type { Facets, Total } from '../../../src/domain/explorer/types.ts';
export type { FacetCount, Facets, Total } from '../../../src/domain/explorer/types.ts';

/** A STIX object as the API returns it. */
export type Stix = { id: string; type: string; name?: string; modified?: string; created?: string } & Record<string, unknown>;

export interface SearchFilters {
  q?: string;
  type?: string;
  tlp?: string;
  owner?: string;
  label?: string;
  added_after?: string;
  added_before?: string;
  /** Hidden kinds to show (`deprecated,revoked,system`); absent: all three hidden (issue 15, must 5). */
  include?: string;
  /** `relevance`, or `modified`/`created`/`name`/`type`, descending with a leading `-`. */
  sort?: string;
}

/** The query keys of a search, in URL order: the Explorer's URL, its export and saved searches use them. */
export const FILTER_KEYS = ['q', 'type', 'tlp', 'owner', 'label', 'added_after', 'added_before', 'include', 'sort'] as const;

export interface Page {
  objects: Stix[];
  next: string | null;
  /** Each listed object's marking, computed by the server from its access label. */
  markings: Record<string, ObjectMarking>;
  /** The owner organisation's name of each listed object, by object id. */
  owners?: Record<string, string>;
  /** First page only: what the reader may see of the whole search (issue 15, must 5). */
  total?: Total;
  facets?: Facets;
  /** Relevance order: false when it ranks only the first matches. */
  ranked?: { complete: boolean };
}

/** Search results, loaded page by page as the table scrolls (keyset cursors, never offsets).
 *  The total and facets come from useSearchSummary, so the rows never wait for the counting. */
export function useSearch(filters: SearchFilters, pageSize = 200) {
  return useInfiniteQuery({
    queryKey: ['objects', filters],
    queryFn: ({ pageParam }) => api<Page>(`/objects${qs({ ...filters, limit: pageSize, cursor: pageParam, summary: 'false' })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The total and facets of a search under the access policy (issue 15, must 5): the first page
 *  of one row, with its summary. */
export function useSearchSummary(filters: SearchFilters) {
  return useQuery({
    queryKey: ['objects', 'summary', filters],
    queryFn: () => api<Page>(`/objects${qs({ ...filters, limit: 1 })}`),
    placeholderData: keepPreviousData,
  });
}

export function useObject(id: string, version?: string) {
  return useQuery({
    queryKey: ['object', id, version ?? null],
    queryFn: () => api<Stix>(`/objects/${encodeURIComponent(id)}${qs({ version })}`),
  });
}

export interface Version {
  version: string | null;
  added_at: string;
  object: Stix;
  /** The version's own marking (absent for versions read without a reader). */
  marking?: ObjectMarking;
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: ['versions', id],
    queryFn: () => api<{ id: string; versions: Version[] }>(`/objects/${encodeURIComponent(id)}/versions`),
  });
}

export interface Edge {
  source: string;
  property: string;
  target: string;
}

export interface Neighbourhood {
  root: string;
  objects: Stix[];
  edges: Edge[];
  missing: string[];
  truncated: boolean;
  markings: Record<string, ObjectMarking>;
}

/** Fetches one neighbourhood (the graph view calls it per expanded node). */
export const fetchNeighbourhood = (id: string, depth = 1): Promise<Neighbourhood> =>
  api<Neighbourhood>(`/objects/${encodeURIComponent(id)}/neighbourhood${qs({ depth })}`);

export function useNeighbourhood(id: string) {
  return useQuery({ queryKey: ['neighbourhood', id], queryFn: () => fetchNeighbourhood(id) });
}

export type { ObjectMarking };
// Screens fold the markings their objects carry with the server's own function (issue 15,
// must 1); no screen asks GET /markings, whose id list in the URL grows with the rows.
export { bannerOf, type BannerMarks } from '../../../src/domain/markings/banner.ts';

/** A display name for an object. */
export function displayName(o: Stix | undefined): string {
  if (!o) return '';
  for (const k of ['name', 'value', 'pattern', 'relationship_type', 'display_name']) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return o.id;
}
