// THE access policy (DESIGN.md, Principles 2: "There is no second implementation of 'may this
// user/peer see this object'"). Every read path — REST, TAXII, search, graph, lookup, counts,
// exports, streams, federation — asks canRead / canSeeRelationship; every write asks the write
// rules below. Pure: labels and readers in, decisions out.

import { DistributionInconsistentError, ForbiddenError } from '../../errors.ts';
import { type SchemeRegistry, levelRank } from '../markings/classification.ts';
import { type Tlp, tlpRank } from '../markings/tlp.ts';
import { rolesFor } from './permissions.ts';
import { type AccessLabel, type Distribution, type Reader, type Role, type Writer, formatDistribution } from './types.ts';

/** True when the reader's organisation is in the label's audience (its distribution). */
export function inAudience(reader: Reader, label: AccessLabel): boolean {
  const d = label.distribution;
  if (d.kind === 'federation') return true;
  // The owner is always in its own object's audience, whatever the distribution.
  if (reader.orgIds.includes(label.ownerOrg)) return true;
  if (d.kind === 'sharing-group') return reader.sharingGroups.includes(d.id);
  if (d.kind === 'community') return reader.communities.includes(d.id);
  return false;
}

/**
 * True when the reader's clearance in the label's scheme is at least its level. No clearance in
 * that scheme, an unknown scheme or an unknown level is a denial: the policy fails closed.
 */
export function hasClearance(reader: Reader, classification: AccessLabel['classification'], schemes: SchemeRegistry): boolean {
  if (classification === undefined) return true;
  const scheme = schemes.get(classification.scheme);
  if (scheme === undefined || !Object.hasOwn(reader.clearances, scheme.id)) return false;
  const held = levelRank(scheme, reader.clearances[scheme.id] ?? '');
  const needed = levelRank(scheme, classification.level);
  return needed >= 0 && held >= needed;
}

/**
 * True when one of the reader's countries or communities is in the releasability set (when set).
 * Applied to the owner too: "REL TO" binds everyone, and one rule is simplest and safest.
 */
export function isReleasableTo(reader: Reader, releasableTo: AccessLabel['releasableTo']): boolean {
  if (releasableTo === undefined) return true;
  return reader.countries.some((c) => releasableTo.includes(c)) || reader.communities.some((c) => releasableTo.includes(c));
}

/** True when the label has no exercise or the reader takes part in it (exercise data stays apart). */
export function takesPart(reader: Reader, exercise: AccessLabel['exercise']): boolean {
  return exercise === undefined || reader.exercises.includes(exercise);
}

/**
 * May this reader read the object version labelled `label`? DESIGN.md: audience (distribution),
 * clearance ≥ level, releasability (when set), exercise participation (when set). The owner
 * organisation needs clearance too: clearance belongs to the user, not to the organisation.
 */
export function canRead(reader: Reader, label: AccessLabel, schemes: SchemeRegistry): boolean {
  return (
    inAudience(reader, label) &&
    hasClearance(reader, label.classification, schemes) &&
    isReleasableTo(reader, label.releasableTo) &&
    takesPart(reader, label.exercise)
  );
}

/** "A relationship is visible only when it and both its ends are" (DESIGN.md); a missing end is not visible. */
export function canSeeRelationship(
  reader: Reader,
  relLabel: AccessLabel,
  sourceLabel: AccessLabel | undefined,
  targetLabel: AccessLabel | undefined,
  schemes: SchemeRegistry,
): boolean {
  if (sourceLabel === undefined || targetLabel === undefined) return false;
  return canRead(reader, relLabel, schemes) && canRead(reader, sourceLabel, schemes) && canRead(reader, targetLabel, schemes);
}

/** Properties naming the ends whose visibility an object's depends on: a relationship's source
 *  and target, a sighting's sighting_of_ref (what was sighted). */
export const VISIBILITY_ENDS: Readonly<Record<string, readonly string[]>> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
};

/**
 * Whether `reader` may see an object of `type` labelled `label` whose ends (VISIBILITY_ENDS, in
 * order) carry `endLabels`: canRead for a type without ends, canSeeRelationship otherwise (a
 * sighting's one end stands for both). The one rule every read path and count applies.
 */
export function canSeeWithEnds(
  reader: Reader,
  type: string,
  label: AccessLabel,
  endLabels: readonly (AccessLabel | undefined)[],
  schemes: SchemeRegistry,
): boolean {
  const ends = VISIBILITY_ENDS[type];
  if (ends === undefined) return canRead(reader, label, schemes);
  const [a, b] = endLabels;
  return canSeeRelationship(reader, label, a, ends.length === 1 ? label : b, schemes);
}

// Width of each distribution kind, for the TLP bound only: a sharing group is an explicit list,
// narrower in intent than a community (DESIGN.md).
const DISTRIBUTION_WIDTH: Readonly<Record<Distribution['kind'], number>> = {
  organization: 0,
  'sharing-group': 1,
  community: 2,
  federation: 3,
};

// The widest distribution each TLP allows (DESIGN.md; FIRST TLP 2.0): RED and AMBER+STRICT stay
// within the organisation or an explicit sharing group, AMBER may reach a community, GREEN and
// CLEAR the federation.
const WIDEST: Readonly<Record<Tlp, number>> = { red: 1, 'amber+strict': 1, amber: 2, green: 3, clear: 3 };

/** True when the TLP permits the distribution: the TLP is an upper bound on the audience. */
export function distributionAllowed(tlp: Tlp, distribution: Distribution): boolean {
  return DISTRIBUTION_WIDTH[distribution.kind] <= WIDEST[tlp];
}

/** Returns the label when its TLP permits its distribution; else throws DistributionInconsistentError. */
export function checkLabel(label: AccessLabel): AccessLabel {
  if (!distributionAllowed(label.tlp, label.distribution)) {
    throw new DistributionInconsistentError(label.tlp, formatDistribution(label.distribution));
  }
  return label;
}

/** True when `next` may reach an organisation `old` does not (membership is not known here). */
function audienceWidens(old: Distribution, next: Distribution): boolean {
  if (formatDistribution(old) === formatDistribution(next)) return false;
  return next.kind !== 'organization' && old.kind !== 'federation';
}

function classificationLowers(old: AccessLabel['classification'], next: AccessLabel['classification'], schemes: SchemeRegistry): boolean {
  if (old === undefined) return false;
  if (next === undefined || next.scheme !== old.scheme) return true;
  if (next.level === old.level) return false;
  const scheme = schemes.get(old.scheme);
  if (scheme === undefined) return true; // cannot prove the change is not a lowering
  const from = levelRank(scheme, old.level);
  const to = levelRank(scheme, next.level);
  return from < 0 || to < 0 || to < from;
}

function releasabilityWidens(old: AccessLabel['releasableTo'], next: AccessLabel['releasableTo']): boolean {
  if (old === undefined) return false;
  return next === undefined || next.some((x) => !old.includes(x));
}

/**
 * True when `next` is less restrictive than `old` in any dimension: lower TLP, wider or different
 * audience, lower or different-scheme classification, wider or removed releasability, removed or
 * changed exercise. A change that cannot be proven harmless counts as lowering.
 */
export function isLowering(old: AccessLabel, next: AccessLabel, schemes: SchemeRegistry): boolean {
  return (
    old.ownerOrg !== next.ownerOrg ||
    tlpRank(next.tlp) < tlpRank(old.tlp) ||
    audienceWidens(old.distribution, next.distribution) ||
    classificationLowers(old.classification, next.classification, schemes) ||
    releasabilityWidens(old.releasableTo, next.releasableTo) ||
    (old.exercise !== undefined && next.exercise !== old.exercise)
  );
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** True when two labels restrict in exactly the same way. */
export function sameRestriction(a: AccessLabel, b: AccessLabel): boolean {
  return (
    a.ownerOrg === b.ownerOrg &&
    a.tlp === b.tlp &&
    formatDistribution(a.distribution) === formatDistribution(b.distribution) &&
    a.classification?.scheme === b.classification?.scheme &&
    a.classification?.level === b.classification?.level &&
    sameSet(a.releasableTo, b.releasableTo) &&
    a.exercise === b.exercise
  );
}

/** Roles that may create and revise objects of their organisation (issue 3, item 5; the table's
 *  object.write row). */
export const WRITING_ROLES: ReadonlySet<Role> = new Set<Role>(rolesFor('object.write'));
/** Roles that may add sightings, notes and opinions (the table's object.annotate row). */
const ANNOTATING_ROLES: ReadonlySet<Role> = new Set<Role>(rolesFor('object.annotate'));

/** Object types a coordinator may add: annotations of others' objects (issue 3, item 5). */
export const ANNOTATION_TYPES: ReadonlySet<string> = new Set(['sighting', 'note', 'opinion']);

function hasWritingRole(user: Writer): boolean {
  return user.roles.some((r) => WRITING_ROLES.has(r));
}

/**
 * May `user` create an object (`existing` undefined) or a new version or revocation of it? Only
 * members of the owning organisation with a writing role; a coordinator only for annotation types
 * (`type`); a viewer never. DESIGN.md, Federation: only the originator publishes new versions.
 */
export function canWriteVersion(user: Writer, existing: AccessLabel | undefined, type?: string): boolean {
  if (!hasWritingRole(user) && !(type !== undefined && canAnnotate(user, type))) return false;
  return existing === undefined || existing.ownerOrg === user.orgId;
}

/**
 * May `user` add a sighting, note or opinion? Writing roles and coordinators may; the caller also
 * checks canRead on the annotated object, since one annotates only what one can see.
 */
export function canAnnotate(user: Writer, type: string): boolean {
  return ANNOTATION_TYPES.has(type) && user.roles.some((r) => ANNOTATING_ROLES.has(r));
}

/**
 * Classifies a marking change between versions. Lowering is allowed only to the owner
 * organisation (throws ForbiddenError otherwise); the caller audits every 'lower'.
 */
export function markingChange(
  user: Pick<Writer, 'orgId'>,
  old: AccessLabel,
  next: AccessLabel,
  schemes: SchemeRegistry,
): 'same' | 'raise' | 'lower' {
  if (isLowering(old, next, schemes)) {
    if (user.orgId !== old.ownerOrg) {
      throw new ForbiddenError('only the owning organisation may lower the markings of an object', { ownerOrg: old.ownerOrg });
    }
    return 'lower';
  }
  return sameRestriction(old, next) ? 'same' : 'raise';
}
