// The checks of a sighting to record (issue 17, must 1: "a count of zero, last_seen before
// first_seen … gets a clear error naming the field"), shared by the API and the web form: free of
// node: imports so the browser can run the same rules.
import { InvalidInputError } from '../../errors.ts';
import { isTlp, TLP_LEVELS, type Tlp } from '../markings/tlp.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import { SIGHTING_COUNT_MAX } from '../writing/relations.ts';
import { DISCLOSURES, type Disclosure, type NewSighting, SIGHTING_TYPES, type SightingType } from './api.ts';

/** A NewSighting checked, with its defaults applied (times now, count 1, type sighting). */
export interface CheckedSighting {
  of: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  type: SightingType;
  disclosure: Disclosure | undefined;
  description: string | undefined;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

/**
 * Checks a NewSighting; `at` prefixes the field names of errors (`observed[3].`). Times default to
 * `now`, a missing one to the other; count to 1. Issue 17: a count
 * of zero is refused (a sighting that saw nothing), and STIX 2.1 §5.2 bounds it by 999,999,999
 * and orders last_seen after first_seen.
 */
export function checkNewSighting(s: NewSighting, now: string, at = ''): CheckedSighting {
  for (const field of ['firstSeen', 'lastSeen'] as const) {
    const v = s[field];
    if (v !== undefined && (typeof v !== 'string' || !isStixTimestamp(v)))
      throw new InvalidInputError(`${at}${field} must be a timestamp such as 2026-01-31T12:00:00.000Z`, { field: `${at}${field}` });
  }
  const lastSeen = s.lastSeen ?? s.firstSeen ?? now;
  const firstSeen = s.firstSeen ?? lastSeen;
  if (compareTimestamps(lastSeen, firstSeen) < 0)
    throw new InvalidInputError(`${at}lastSeen must not be before firstSeen (STIX 2.1 §5.2)`, { field: `${at}lastSeen` });
  const count = s.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > SIGHTING_COUNT_MAX)
    throw new InvalidInputError(
      `${at}count must be a whole number from 1 to ${SIGHTING_COUNT_MAX}: a sighting saw something at least once`,
      {
        field: `${at}count`,
      },
    );
  const type = s.type ?? 'sighting';
  if (!oneOf(SIGHTING_TYPES, type))
    throw new InvalidInputError(`${at}type must be one of ${SIGHTING_TYPES.join(', ')}`, { field: `${at}type` });
  if (s.disclosure !== undefined && !oneOf(DISCLOSURES, s.disclosure))
    throw new InvalidInputError(`${at}disclosure must be one of ${DISCLOSURES.join(', ')}`, { field: `${at}disclosure` });
  const description = s.description === undefined || s.description.trim() === '' ? undefined : s.description;
  return { of: s.of, firstSeen, lastSeen, count, type, disclosure: s.disclosure, description };
}

/** The refusal checkNewSighting would give, as a list (empty: fine), for a form that shows
 *  errors next to their fields without catching. */
export function newSightingErrors(s: NewSighting, now: string): { field: string; message: string }[] {
  try {
    checkNewSighting(s, now);
    return [];
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    return [{ field: String(e.details['field'] ?? ''), message: e.message }];
  }
}

/** The TLP and distribution a request chose; a TLP that is not TLP 2.0's is refused naming
 *  `tlp` (the distribution is checked by the labeller, as for every object). */
export function checkMarkings(s: { tlp?: string; distribution?: string }): { tlp?: Tlp; distribution?: string } {
  if (s.tlp !== undefined && !isTlp(s.tlp)) throw new InvalidInputError(`tlp must be one of ${TLP_LEVELS.join(', ')}`, { field: 'tlp' });
  return {
    ...(s.tlp !== undefined && isTlp(s.tlp) ? { tlp: s.tlp } : {}),
    ...(s.distribution !== undefined ? { distribution: s.distribution } : {}),
  };
}
