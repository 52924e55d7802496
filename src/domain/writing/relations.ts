// Relationships and sightings as the write API composes them (issue 15, must 4): the SRO bodies
// of STIX 2.1 §5.1 and §5.2 from a RelateRequest or SightRequest, with the checks the
// specification states for their fields. Pure.
import { InvalidInputError } from '../../errors.ts';
import { RELATIONSHIP_TYPES } from '../stix/relationship-suggestions.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import type { RelateRequest, SightRequest } from './types.ts';

/** Relationship types STIX 2.1 defines: the common ones (§4.1) and those of Appendix B's table,
 *  the same list the RelateForm offers (domain/stix/relationship-suggestions.ts). */
export const STIX_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(RELATIONSHIP_TYPES);

// §5.1: relationship_type "MUST be in ASCII and is limited to characters a-z, 0-9, and hyphen";
// words joined by single hyphens keep custom types readable beside the suggested ones.
const RELATIONSHIP_TYPE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** 'stix' for a type STIX defines, 'custom' for another lower-case hyphenated one; throws
 *  INVALID_INPUT naming `relationship_type` otherwise. */
export function relationshipKind(type: string): 'stix' | 'custom' {
  if (STIX_RELATIONSHIP_TYPES.has(type)) return 'stix';
  if (type.length >= 3 && type.length <= 250 && RELATIONSHIP_TYPE_RE.test(type)) return 'custom';
  throw new InvalidInputError(
    `relationship_type "${type}" is not a STIX relationship type, and a custom one must be lower-case words joined by hyphens (STIX 2.1 §5.1), e.g. "uses" or "shares-infrastructure-with"`,
    { field: 'relationship_type' },
  );
}

/** The body of a relationship (STIX 2.1 §5.1) from a RelateRequest, before the producer's fields. */
export function relationshipBody(r: RelateRequest): { type: 'relationship' } & Record<string, unknown> {
  relationshipKind(r.relationship_type);
  return {
    type: 'relationship',
    relationship_type: r.relationship_type,
    source_ref: r.source_ref,
    target_ref: r.target_ref,
    ...(r.description !== undefined && r.description !== '' ? { description: r.description } : {}),
  };
}

/** STIX 2.1 §5.2: count "MUST be an integer between 0 and 999,999,999 inclusive". */
export const SIGHTING_COUNT_MAX = 999_999_999;

const isId = (v: string, types: readonly string[]): boolean => types.some((t) => v.startsWith(`${t}--`));

/** The body of a sighting (STIX 2.1 §5.2) from a SightRequest; throws INVALID_INPUT naming the field. */
export function sightingBody(s: SightRequest): { type: 'sighting' } & Record<string, unknown> {
  for (const [i, ref] of (s.where_sighted_refs ?? []).entries()) {
    // §5.2: where_sighted_refs "MUST be of type identity or location".
    if (!isId(ref, ['identity', 'location']))
      throw new InvalidInputError(`where_sighted_refs[${i}] must be an identity or location id (STIX 2.1 §5.2)`, {
        field: `where_sighted_refs[${i}]`,
      });
  }
  for (const [i, ref] of (s.observed_data_refs ?? []).entries()) {
    if (!isId(ref, ['observed-data']))
      throw new InvalidInputError(`observed_data_refs[${i}] must be an observed-data id (STIX 2.1 §5.2)`, {
        field: `observed_data_refs[${i}]`,
      });
  }
  for (const field of ['first_seen', 'last_seen'] as const) {
    const v = s[field];
    if (v !== undefined && !isStixTimestamp(v))
      throw new InvalidInputError(`${field} must be a STIX timestamp such as 2026-01-31T12:00:00.000Z`, { field });
  }
  // §5.2: "If this property and the first_seen property are both defined, then this property
  // MUST be greater than or equal to the timestamp in the first_seen property."
  if (s.first_seen !== undefined && s.last_seen !== undefined && compareTimestamps(s.last_seen, s.first_seen) < 0)
    throw new InvalidInputError('last_seen must not be before first_seen (STIX 2.1 §5.2)', { field: 'last_seen' });
  if (s.count !== undefined && (!Number.isInteger(s.count) || s.count < 0 || s.count > SIGHTING_COUNT_MAX))
    throw new InvalidInputError(`count must be an integer from 0 to ${SIGHTING_COUNT_MAX} (STIX 2.1 §5.2)`, { field: 'count' });
  const optional = (k: keyof SightRequest, v: unknown) => (v === undefined || (Array.isArray(v) && v.length === 0) ? {} : { [k]: v });
  return {
    type: 'sighting',
    sighting_of_ref: s.sighting_of_ref,
    ...optional('where_sighted_refs', s.where_sighted_refs),
    ...optional('observed_data_refs', s.observed_data_refs),
    ...optional('first_seen', s.first_seen),
    ...optional('last_seen', s.last_seen),
    ...optional('count', s.count),
    ...optional('description', s.description === '' ? undefined : s.description),
  };
}

/** The properties naming objects a write must be able to read, by type: an annotation's subject,
 *  a relationship's ends (issue 3, item 5: one annotates, or relates, only what one can see). */
export const MUST_READ: Readonly<Record<string, readonly string[]>> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  note: ['object_refs'],
  opinion: ['object_refs'],
};
