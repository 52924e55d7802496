// A sighting as Concord writes it (issue 17, musts 1 and 2): a STIX 2.1 `sighting` (§5.2) in its
// disclosed form. With `organization` it names the sighting organisation (created_by_ref,
// where_sighted_refs); otherwise it names no organisation anywhere, and partners learn only what
// the extension keeps: the country and sectors (`country-sector`) or nothing (`anonymous`).
// Pure: the clock, the id source and the node's token key are passed in.
import { createHmac } from 'node:crypto';
import { withMarkings } from '../writing/compose.ts';
import type { JsonValue, StixObject } from '../stix/types.ts';
import type { Tlp } from '../markings/tlp.ts';
import { KNOWN_TYPES, SDO_TYPES } from '../stix/categories.ts';
import { CONCORD_SIGHTING_EXTENSION_ID, type ConcordSightingExtension, type Disclosure } from './api.ts';
import type { CheckedSighting } from './check.ts';

export { type CheckedSighting, checkNewSighting } from './check.ts';

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
