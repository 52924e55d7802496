// What may leave to a peer (issue 5, item 3; DESIGN.md: "The same rule, with the peer's hosted
// organisations and accreditation in place of a user, decides what may leave to a peer"). The
// peer is a Reader built from what it hosts, narrowed by the outbound policy; the decision is the
// access policy's canRead, then the outbound policy and the TLP re-share rules on top.
import { ALERT_TYPE } from '../alerts/api.ts';
import { canRead, inAudience } from './policy.ts';
import type { AccessLabel, Reader } from './types.ts';
import { levelRank, type SchemeRegistry } from '../markings/classification.ts';
import { CONCORD_RETRACTION_TYPE } from '../markings/concord-markings.ts';
import { TLP2_MARKING_IDS, tlpOfMarkingId, tlpRank } from '../markings/tlp.ts';
import type { StixObject } from '../stix/types.ts';
import type { OutboundPolicy, Peer } from '../federation/types.ts';

/** Types that travel whatever the outbound type list: definitions other objects' markings need,
 *  and retractions, which must reach every node that may hold what they withdraw. */
export const ALWAYS_SENT: ReadonlySet<string> = new Set(['marking-definition', CONCORD_RETRACTION_TYPE]);

/** The lower of the accreditation and the outbound ceiling in each scheme; a scheme the ceiling
 *  names but the accreditation lacks stays absent (no clearance). */
export function narrowClearances(
  accreditation: Readonly<Record<string, string>>,
  ceiling: OutboundPolicy['maxClassification'],
  schemes: SchemeRegistry,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [scheme, level] of Object.entries(accreditation)) {
    const max = ceiling?.[scheme];
    const s = schemes.get(scheme);
    if (max === undefined) out[scheme] = level;
    else if (s !== undefined) out[scheme] = levelRank(s, max) < levelRank(s, level) ? max : level;
  }
  return out;
}

/**
 * The reader a peer reads as: its hosted organisations, countries and communities, the sharing
 * groups that count one of its organisations as a member (`sharingGroups`), its accreditation;
 * the outbound policy narrows communities, clearances and exercises.
 */
export function peerReader(peer: Peer, sharingGroups: readonly string[], schemes: SchemeRegistry): Reader {
  const allowed = peer.outbound.communities;
  return {
    orgIds: [...peer.orgs],
    countries: [...peer.countries],
    communities: allowed === undefined ? [...peer.communities] : peer.communities.filter((c) => allowed.includes(c)),
    sharingGroups: [...sharingGroups],
    clearances: narrowClearances(peer.accreditation, peer.outbound.maxClassification, schemes),
    exercises: [...(peer.outbound.exercises ?? [])],
  };
}

/**
 * TLP 2.0 re-sharing (FIRST TLP 2.0; issue 5, item 3): CLEAR and GREEN may be relayed within
 * their audience; AMBER only to organisations already in its audience, never the federation at
 * large; AMBER+STRICT and RED never leave the organisations they name — the owner, or the
 * members of the sharing group they are distributed to.
 */
export function reshareAllowed(reader: Reader, label: AccessLabel): boolean {
  switch (label.tlp) {
    case 'clear':
    case 'green':
      return inAudience(reader, label);
    case 'amber':
      return label.distribution.kind !== 'federation' && inAudience(reader, label);
    case 'amber+strict':
    case 'red': {
      const d = label.distribution;
      return reader.orgIds.includes(label.ownerOrg) || (d.kind === 'sharing-group' && reader.sharingGroups.includes(d.id));
    }
  }
}

/** The outbound policy's own limits: highest TLP and object types. */
export function outboundAllows(outbound: OutboundPolicy, type: string, label: AccessLabel): boolean {
  if (ALWAYS_SENT.has(type)) return true;
  if (outbound.maxTlp !== undefined && tlpRank(label.tlp) > tlpRank(outbound.maxTlp)) return false;
  return outbound.types === undefined || outbound.types.includes(type);
}

/** May this version leave to the peer that reads as `reader` under `outbound`? */
export function mayEgress(reader: Reader, outbound: OutboundPolicy, type: string, label: AccessLabel, schemes: SchemeRegistry): boolean {
  // Alerts are derived on each node from the sightings it holds and reach the same id everywhere
  // (issue 17, must 4): sending them would only race each node's own version.
  if (type === ALERT_TYPE) return false;
  return outboundAllows(outbound, type, label) && canRead(reader, label, schemes) && reshareAllowed(reader, label);
}

/**
 * The object as it leaves: with the TLP 2.0 marking of its label when it has no TLP marking of
 * its own (its label then came from the importer's default), so that the receiver labels it as
 * this node did instead of applying its own defaults.
 */
export function withTlpMarking(o: StixObject, label: AccessLabel): StixObject {
  const refs = Array.isArray(o['object_marking_refs']) ? o['object_marking_refs'].filter((r): r is string => typeof r === 'string') : [];
  if (refs.some((r) => tlpOfMarkingId(r) !== undefined)) return o;
  return { ...o, object_marking_refs: [...refs, TLP2_MARKING_IDS[label.tlp]] };
}

/** The id of the TAXII collection a peer pulls its egress from: its own node key id. */
export function egressCollectionId(peer: Pick<Peer, 'keyId'>): string {
  return peer.keyId;
}

/**
 * Whether `peer` (undefined: the caller is not a peer node) may read egress collection `id`: each
 * peer reads only its own; to anyone else, users included, it does not exist (404, not 403).
 */
export function mayReadEgressCollection<P extends Pick<Peer, 'keyId'>>(peer: P | undefined, id: string): peer is P {
  return peer !== undefined && id === egressCollectionId(peer);
}
