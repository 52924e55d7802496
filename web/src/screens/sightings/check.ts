// The values of the sighting form as the request they make, checked with the API's own rules
// (src/domain/sightings/check.ts: "a count of zero, last_seen before first_seen … gets a clear
// error naming the field", issue 17) before sending, so the error shows next to its field. Field
// names are NewSighting's, as the API names them.
import { newSightingErrors } from '../../../../src/domain/sightings/check.ts';
import type { Disclosure, NewSighting, SightingType } from '../../../../src/domain/sightings/api.ts';
import { normalizeTime } from '../../../../src/domain/writing/draft.ts';

/** The form's values, as typed. */
export interface SightingValues {
  type: SightingType;
  count: string;
  firstSeen: string;
  lastSeen: string;
  disclosure: Disclosure;
}

/** The request the values make (empty times left out: the server takes now; a typed day or
 *  "yyyy-mm-dd HH:MM" completed to a UTC timestamp), and the error of the field at fault. */
export function sightingOf(of: string, v: SightingValues, now: string): { request: NewSighting; errors: Map<string, string> } {
  const request: NewSighting = { of, type: v.type, disclosure: v.disclosure };
  const count = v.count.trim();
  // A count that is not a whole number is sent on as NaN for the check to name, as the API would.
  if (count !== '') request.count = /^\d+$/.test(count) ? Number(count) : Number.NaN;
  for (const key of ['firstSeen', 'lastSeen'] as const) if (v[key].trim() !== '') request[key] = normalizeTime(v[key]);
  return { request, errors: new Map(newSightingErrors(request, now).map((e) => [e.field, e.message])) };
}
