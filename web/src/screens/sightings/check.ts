// The checks of a new sighting the API makes (issue 17: "a count of zero, last_seen before
// first_seen … gets a clear error naming the field"), run in the browser before sending so each
// error shows next to its field. Field names are NewSighting's, as the API names them.
import { normalizeTime } from '../../../../src/domain/writing/draft.ts';
import type { Disclosure, NewSighting, SightingType } from '../../../../src/domain/sightings/api.ts';

/** The form's values, as typed. */
export interface SightingValues {
  type: SightingType;
  count: string;
  firstSeen: string;
  lastSeen: string;
  disclosure: Disclosure;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The request the values make (empty times left out: the server takes now), and each field's error. */
export function sightingOf(of: string, v: SightingValues): { request: NewSighting; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const request: NewSighting = { of, type: v.type, disclosure: v.disclosure };
  const count = v.count.trim();
  if (count !== '') {
    // STIX 2.1 §5.2 bounds count at 999,999,999; a sighting of nothing is refused (issue 17).
    if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 999_999_999)
      errors.set('count', 'count must be a whole number from 1 to 999,999,999');
    else request.count = Number(count);
  }
  for (const key of ['firstSeen', 'lastSeen'] as const) {
    const t = v[key].trim();
    if (t === '') continue;
    const iso = normalizeTime(t);
    if (!RFC3339.test(iso) || Number.isNaN(Date.parse(iso))) errors.set(key, `${key} must be a time in UTC, e.g. 2026-12-07T14:00:00Z`);
    else request[key] = iso;
  }
  // STIX 2.1 §5.2: last_seen is not before first_seen.
  if (request.firstSeen && request.lastSeen && Date.parse(request.lastSeen) < Date.parse(request.firstSeen))
    errors.set('lastSeen', 'lastSeen must not be before firstSeen');
  return { request, errors };
}
