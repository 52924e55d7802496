// The incident screens' reads through react-query, under the query keys web/src/api/incidents.ts
// names (['incidents', …], ['incident-inbox'], ['incident-panels']), so that a change made on the
// incident page (useInvalidateIncident) refreshes them.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  incidentInbox,
  incidentPanels,
  incidentSummary,
  incidentsOfObject,
  listIncidents,
  type IncidentFilter,
  type IncidentSort,
} from '../../api/incidents.ts';

export const PAGE_SIZE = 50;

/** The list, page by page ("more" asks for the next); the previous list stays while a new filter loads. */
export function useIncidentList(filter: IncidentFilter, sort: IncidentSort) {
  return useInfiniteQuery({
    queryKey: ['incidents', 'list', filter, sort],
    queryFn: ({ pageParam }) => listIncidents(filter, sort, PAGE_SIZE, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The CSIRT's inbox: reports of its constituency not yet answered. */
export const useInbox = () => useQuery({ queryKey: ['incident-inbox'], queryFn: incidentInbox, refetchInterval: 60_000 });

/** The quarterly summary of [from, to). */
export const useSummary = (from: string, to: string) =>
  useQuery({ queryKey: ['incidents', 'summary', from, to], queryFn: () => incidentSummary(from, to), placeholderData: keepPreviousData });

/** The dashboard's incident panels for its period; `enabled` false for readers without incidents. */
export const usePanels = (days: number, enabled: boolean) =>
  useQuery({
    queryKey: ['incident-panels', days],
    queryFn: () => incidentPanels(days),
    enabled,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });

/** The incidents an object is linked to, as far as the reader may see them. */
export const useIncidentsOf = (objectId: string, enabled = true) =>
  useQuery({ queryKey: ['incidents', 'of', objectId], queryFn: () => incidentsOfObject(objectId), enabled, retry: false });
