// Observable lookup: one value (GET /lookup) or a pasted list (POST /lookup, 1,000 values a
// request). Values are recognised in the browser with the domain's recogniser first, so only
// observables are sent, refanged.
import { useQuery } from '@tanstack/react-query';
import type { Observable, ObservableKind } from '../../../src/domain/observables/types.ts';
import type { Recognized } from '../../../src/domain/observables/recognize.ts';
import { api, qs } from './client.ts';
import type { ObjectMarking, Stix } from './objects.ts';
import type { DecayScore } from '../../../src/domain/decay/api.ts';
import type { WarninglistHit } from '../../../src/domain/correlation/api.ts';
import type { SightingSummary } from '../../../src/domain/sightings/api.ts';

export { recognize, splitValues } from '../../../src/domain/observables/recognize.ts';
export type { Recognized };

/** One object a value matched, with the indexed value that matched it (a containing network, say). */
export interface LookupMatch {
  matched: Observable;
  object: Stix;
  /** The object's marking summary (absent only for the node's own command line). */
  marking?: ObjectMarking;
  /** How many other objects carry the matched value (issue 17, must 5; absent on older nodes). */
  correlation?: { objects: number; tooCommon: boolean };
  /** An indicator's decay score and why (must 6); null for other objects. */
  score?: DecayScore | null;
  /** Its true sightings the reader may see and the latest (must 3); null for an observable,
   *  which STIX does not sight (its page counts those of its indicators). */
  sightings?: SightingSummary | null;
}

/** What one value matched, as the API answers. */
export interface LookupResult {
  value: string;
  kind: ObservableKind | null;
  normalized: string | null;
  matches: LookupMatch[];
  /** The warninglists the value is on (must 5): such a value is not correlated. */
  warninglists?: WarninglistHit[];
}

/** The API's batch limit (src/http/lookup/routes.ts). */
const BATCH = 1000;

/** The lookup of one recognised value. */
export function useLookup(value: Recognized | undefined) {
  return useQuery({
    queryKey: ['lookup', value?.kind, value?.value],
    queryFn: () => api<LookupResult>(`/lookup${qs({ value: value?.value, kind: value?.kind })}`),
    enabled: value !== undefined,
  });
}

/** The lookup of many recognised values, in batches the API accepts; results in the values' order. */
export function useLookupMany(values: readonly Recognized[]) {
  return useQuery({
    queryKey: ['lookup-many', values.map((v) => `${v.kind}|${v.value}`)],
    queryFn: async () => {
      const out: LookupResult[] = [];
      for (let i = 0; i < values.length; i += BATCH) {
        const batch = values.slice(i, i + BATCH).map((v) => v.value);
        out.push(...(await api<{ results: LookupResult[] }>('/lookup', { method: 'POST', json: { values: batch } })).results);
      }
      return out;
    },
    enabled: values.length > 0,
  });
}
