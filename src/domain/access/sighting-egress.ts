// Where a sighting leaves its organisation (issue 17, must 2: "the choice is enforced where the
// sighting leaves the organisation (REST, TAXII, federation, counts, alerts), by the access
// policy module"). A sighting is written in its disclosed form (sightings/api.ts): with a
// disclosure other than `organization` its STIX content names no organisation. What still knows
// the organisation is the access label (its ownerOrg, so that the organisation manages its own
// sightings) and, before this module, the signed provenance (origin_org). These rules decide what
// of the owner a reader, a count or a peer is told; the read decision itself stays canRead's.
import { CONCORD_SIGHTING_EXTENSION_ID, DISCLOSURES, type Disclosure } from '../sightings/api.ts';
import type { JsonValue } from '../stix/types.ts';
import { discloses } from './sighting-disclosure.ts';
import type { AccessLabel, Reader } from './types.ts';

/** The owner a reader is shown for an object whose organisation is not disclosed to it: no
 *  organisation, on this node or any other (the Explorer names it "undisclosed"). */
export const UNDISCLOSED_OWNER = 'undisclosed';

/** What the rules read of an object: its type and (for a sighting) its extensions. */
export type Disclosed = { readonly type: string; readonly [property: string]: JsonValue | undefined };

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The disclosure a sighting declares in Concord's sighting extension; undefined for any other
 * type. A sighting without the extension names its sighter itself (STIX 2.1 §5.2
 * `where_sighted_refs`, `created_by_ref`): `organization`. An extension whose disclosure is not
 * one Concord knows fails closed, as `anonymous`.
 */
export function sightingDisclosure(o: Disclosed): Disclosure | undefined {
  if (o.type !== 'sighting') return undefined;
  const exts = o['extensions'];
  const ext = isObject(exts) ? exts[CONCORD_SIGHTING_EXTENSION_ID] : undefined;
  if (!isObject(ext)) return 'organization';
  const d = ext['disclosure'];
  return (DISCLOSURES as readonly JsonValue[]).includes(d ?? null) ? (d as Disclosure) : 'anonymous';
}

/** True when the object is a sighting whose organisation partners must not learn (must 2). */
export function hidesOrganisation(o: Disclosed): boolean {
  const d = sightingDisclosure(o);
  // The one rule of what partners learn under each disclosure (sighting-disclosure.ts).
  return d !== undefined && !discloses(d).org;
}

/**
 * The `origin_org` an object's signed provenance states (DESIGN.md, Federation): its owner
 * organisation, except for a sighting that does not disclose its organisation, which the node
 * signs in its own name (`nodeId`, its identity) so that the organisation never leaves in the
 * signature.
 */
export function provenanceOwner(o: Disclosed, ownerOrg: string, nodeId: string): string {
  return hidesOrganisation(o) ? nodeId : ownerOrg;
}

/**
 * Ingress's reading of a signed object's origin (issue 5, item 4): `node` when it names its
 * origin node as its organisation — a sighting hiding its organisation, or what the node issued
 * in its own name (a retraction of such a sighting) — then the receiver holds it owned by that
 * node; `hidden-named` when a sighting hiding its organisation names one anyway (refused: its
 * origin broke the disclosure); `organisation` otherwise, to be checked against the
 * organisations the origin node hosts.
 */
export function provenanceOrigin(o: Disclosed, p: { originOrg: string; originNode: string }): 'node' | 'hidden-named' | 'organisation' {
  if (p.originOrg === p.originNode) return 'node';
  return hidesOrganisation(o) ? 'hidden-named' : 'organisation';
}

/**
 * The label as `reader` may be shown it (the marking chips, the owner column and facet, the
 * access panel): the same label, except that a sighting hiding its organisation shows an
 * UNDISCLOSED_OWNER to everyone outside that organisation. The organisation itself still sees
 * itself. The policy decided on the real label before; this is only what is told.
 */
export function disclosedLabel(reader: Reader, o: Disclosed, label: AccessLabel): AccessLabel {
  if (reader.orgIds.includes(label.ownerOrg) || !hidesOrganisation(o)) return label;
  return { ...label, ownerOrg: UNDISCLOSED_OWNER };
}

/**
 * The owner a count may attribute a group of versions of `type` to without reading them (the
 * Explorer's owner facet counts groups of type and label): a sighting's disclosure is in its
 * content, so another organisation's sightings count as UNDISCLOSED_OWNER, whatever each says.
 */
export function groupOwner(reader: Reader | null, type: string, label: AccessLabel): string {
  if (reader === null || type !== 'sighting' || reader.orgIds.includes(label.ownerOrg)) return label.ownerOrg;
  return UNDISCLOSED_OWNER;
}
