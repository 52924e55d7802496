// An expert's published identity (issue 18, must 2): partners see a pseudonymous profile whose
// id and pseudonym say nothing of the person. The id is deterministic per expert (a new version
// of the profile keeps it) but derived with a key only this node holds, so that no one can link
// it to the roster row, the name, or the same person's profile published by another node.
// Pure: the node's key is passed in.
import { createHmac } from 'node:crypto';
import { uuidV5 } from '../stix/ids.ts';
import { PROFILE_TYPE } from './api.ts';

/**
 * The key of profile ids, derived from the node's private key (its PKCS#8 DER bytes) by
 * HMAC-SHA256 with a fixed label, as the sighter-token key is (sightings/build.ts sighterKey):
 * nothing new to keep or back up, and the label separates this use from signing and tokens.
 */
export function profileKey(nodePrivateKeyDer: Buffer): Buffer {
  return createHmac('sha256', nodePrivateKeyDer).update('concord:expert-profile:v1').digest();
}

/**
 * The profile id of expert `expertId` (a roster row's id): UUIDv5 (RFC 4122 §4.3) of the expert
 * id in a namespace that is the node's secret key. `generation` counts publications after an
 * unpublished (revoked) profile: STIX 2.1 §3.6 gives a revoked object no further versions, so a
 * profile published again is a new object.
 */
export function profileIdOf(key: Buffer, expertId: string, generation = 0): string {
  const name = generation === 0 ? expertId : `${expertId}\u0000${generation}`;
  return `${PROFILE_TYPE}--${uuidV5(key.subarray(0, 16), name)}`;
}

/** The pseudonym partners see ("Expert 7F3A2C9B"): from the profile id, so every node shows the
 *  same one without a lookup; eight hex digits keep
 *  10,000 experts apart (a collision among them has odds of about 1 in 100). */
export function pseudonymOf(profileId: string): string {
  const uuid = profileId.slice(profileId.indexOf('--') + 2).replaceAll('-', '');
  return `Expert ${uuid.slice(0, 8).toUpperCase()}`;
}
