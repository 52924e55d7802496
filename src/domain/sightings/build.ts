// A sighting as Concord writes it (issue 17, musts 1 and 2): a STIX 2.1 `sighting` (§5.2) in its
// disclosed form. With `organization` it names the sighting organisation (created_by_ref,
// where_sighted_refs); otherwise it names no organisation anywhere, and partners learn only what
// the extension keeps: the country and sectors (`country-sector`) or nothing (`anonymous`).
// Pure: the clock, the id source and the node's token key are passed in.
import { createHmac } from 'node:crypto';
import { InvalidInputError } from '../../errors.ts';
import { withMarkings } from '../writing/compose.ts';
import { SIGHTING_COUNT_MAX } from '../writing/relations.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import type { JsonValue, StixObject } from '../stix/types.ts';
import type { Tlp } from '../markings/tlp.ts';
import { KNOWN_TYPES, SDO_TYPES } from '../stix/categories.ts';
import {
  CONCORD_SIGHTING_EXTENSION_ID,
  type ConcordSightingExtension,
  type Disclosure,
  DISCLOSURES,
  type NewSighting,
  SIGHTING_TYPES,
  type SightingType,
} from './api.ts';

/** The sighting organisation as the builder needs it. Its id is its STIX identity id. */
export interface Sighter {
  id: string;
  country: string | null;
  sectors: readonly string[];
}

/** What building needs from outside. */
export interface BuildContext {
  now: string;
  uuid: () => string;
  /** The node's token key (sighterKey). */
  tokenKey: Buffer;
}

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

/**
 * The key of sighter tokens, derived from the node's private key (its PKCS#8 DER bytes) by
 * HMAC-SHA256 with a fixed label, so that nothing new has to be kept or backed up: a node that
 * keeps its key keeps its tokens. The label separates this use from signing.
 */
export function sighterKey(nodePrivateKeyDer: Buffer): Buffer {
  return createHmac('sha256', nodePrivateKeyDer).update('concord:sighter-token:v1').digest();
}

/** Whether a sighting may name an object of `type`: STIX 2.1 §5.2 sighting_of_ref "MUST
 *  reference only an SDO" (custom object types are SDOs of their own). */
export function sightable(type: string): boolean {
  return SDO_TYPES.has(type) || !KNOWN_TYPES.has(type);
}

/**
 * The sighter token (must 2): HMAC-SHA256 of the organisation id and what was sighted, keyed by
 * the node's token key, in hex. The same organisation sighting the same object gets the same
 * token (rules count distinct sighters); tokens of different objects cannot be linked, and
 * without the node's key no one can tell which organisation a token stands for.
 */
export function sighterToken(key: Buffer, orgId: string, sightingOfRef: string): string {
  return createHmac('sha256', key).update(`${orgId}\u0000${sightingOfRef}`).digest('hex');
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

/** The extension content for `disclosure`: the token whenever the organisation is not named,
 *  the country and sectors unless anonymous. */
export function extensionFor(s: CheckedSighting, disclosure: Disclosure, org: Sighter, tokenKey: Buffer): ConcordSightingExtension {
  const place =
    disclosure === 'anonymous'
      ? {}
      : { ...(org.country ? { country: org.country } : {}), ...(org.sectors.length > 0 ? { sectors: [...org.sectors] } : {}) };
  return {
    extension_type: 'property-extension',
    sighting_type: s.type,
    disclosure,
    ...(disclosure === 'organization' ? {} : { sighter_token: sighterToken(tokenKey, org.id, s.of) }),
    ...place,
  };
}

/** The STIX sighting in its disclosed form, with the writer's markings. */
export function buildSighting(
  s: CheckedSighting,
  disclosure: Disclosure,
  org: Sighter,
  ctx: BuildContext,
  markings: { tlp?: Tlp; distribution?: string } = {},
): StixObject {
  const named: Record<string, JsonValue> = disclosure === 'organization' ? { created_by_ref: org.id, where_sighted_refs: [org.id] } : {};
  const object: StixObject = {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${ctx.uuid()}`,
    created: ctx.now,
    modified: ctx.now,
    ...named,
    sighting_of_ref: s.of,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    count: s.count,
    ...(s.description === undefined ? {} : { description: s.description }),
    extensions: { [CONCORD_SIGHTING_EXTENSION_ID]: { ...extensionFor(s, disclosure, org, ctx.tokenKey) } },
  };
  return withMarkings(object, markings);
}
