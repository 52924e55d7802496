// One incident and the changes made on its page: every change is sent, then the incident's
// queries are refreshed (useInvalidateIncident), and a refusal is kept with the fields it names.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getIncident, useInvalidateIncident } from '../../../api/incidents.ts';
import { problemFields } from '../problem.ts';

/** The incident page's query: the key every change refreshes. */
export const useIncident = (id: string) => useQuery({ queryKey: ['incident', id], queryFn: () => getIncident(id) });

export interface Action {
  pending: boolean;
  error: Error | null;
  /** The fields the refusal names, each with its message. */
  fields: ReadonlyMap<string, string>;
  /** Sends `send`; true when it succeeded (the incident refreshed). */
  run: (send: () => Promise<unknown>) => Promise<boolean>;
  /** Shows a refusal made in the browser. */
  fail: (e: Error) => void;
  reset: () => void;
}

/** A change to incident `id`; `strip`: the request member the form's fields sit under. */
export function useAction(id: string, strip?: string): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const invalidate = useInvalidateIncident();
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    setFields(new Map());
    try {
      await send();
      await invalidate(id);
      return true;
    } catch (e) {
      setFields(problemFields(e, strip));
      setError(e instanceof Error ? e : new Error(String(e)));
      return false;
    } finally {
      setPending(false);
    }
  };
  return {
    pending,
    error,
    fields,
    run,
    fail: setError,
    reset: () => {
      setError(null);
      setFields(new Map());
    },
  };
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
