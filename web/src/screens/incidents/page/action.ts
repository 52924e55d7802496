// One incident and the changes made on its page: every change is sent, then the incident's
// queries are refreshed (useInvalidateIncident), and a refusal is kept with the fields it names.
import { useQuery } from '@tanstack/react-query';
import { getIncident, useInvalidateIncident } from '../../../api/incidents.ts';
import { type Action, useChange } from '../../../components/useChange.ts';
import { problemFields } from '../problem.ts';

/** The incident page's query: the key every change refreshes. */
export const useIncident = (id: string) => useQuery({ queryKey: ['incident', id], queryFn: () => getIncident(id) });

export type { Action };

/** A change to incident `id`; `strip`: the request member the form's fields sit under. */
export function useAction(id: string, strip?: string): Action {
  const invalidate = useInvalidateIncident();
  return useChange(
    () => invalidate(id),
    (e) => problemFields(e, strip),
  );
}

/** A string property of a STIX object, or undefined. */
export const prop = (o: Record<string, unknown>, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** The versions of each work item, oldest first, grouped by id (an impact changes over time). */
export function versionsById(items: readonly { id: string; object: Record<string, unknown> }[]): Map<string, typeof items> {
  const out = new Map<string, (typeof items)[number][]>();
  for (const w of items) out.set(w.id, [...(out.get(w.id) ?? []), w]);
  for (const list of out.values()) list.sort((a, b) => (prop(a.object, 'modified') ?? '').localeCompare(prop(b.object, 'modified') ?? ''));
  return out;
}
