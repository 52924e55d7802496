// The dashboard's incident panels' data (issue 16, must 9), apart from the panels themselves:
// the dashboard folds their banner into its own while the panels' code loads on demand.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { incidentPanels } from '../../api/incidents.ts';
import { useMe } from '../../api/session.ts';
import { mayReadIncidents } from '../incidents/may.ts';

/** The panels for the last `days`, for readers of incidents only (query key ['incident-panels', days]). */
export function useIncidentPanels(days: number) {
  const readable = mayReadIncidents(useMe().data);
  const query = useQuery({
    queryKey: ['incident-panels', days],
    queryFn: () => incidentPanels(days),
    enabled: readable,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
  return { readable, ...query };
}
