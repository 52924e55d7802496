// Who holds an object and who may read it (issue 15, must 3: "owner organisation, source,
// distribution and who can see it", so that an analyst can tell why a partner does not see an
// object). The wire type of GET /api/v1/objects/{id}/access, and the pure computation of the
// audience with THE access policy (policy.ts), never a second rule. Free of server imports: the
// web UI imports the types.
import { canSeeWithEnds } from '../access/policy.ts';
import type { AccessLabel, Reader } from '../access/types.ts';
import type { SchemeRegistry } from '../markings/classification.ts';
import type { Tlp } from '../markings/tlp.ts';
import type { IngestSource, SourceKind } from './source.ts';

/** An organisation as the access panel names it. */
export interface OrgRef {
  id: string;
  /** Null when this node does not know the organisation (an owner on a peer it never named). */
  name: string | null;
  country: string | null;
}

/** The import run that stored the version the panel describes (domain/objects/source.ts). */
export interface SourceRun {
  kind: SourceKind;
  /** The uploaded file, the feed's name or URL, the TAXII collection, the peer, the CLI's file. */
  label: string | null;
  /** The upload's import job (GET /api/v1/imports/{id}) or the TAXII add's status; null when the
   *  reader may not follow the owning organisation's imports. */
  jobId: string | null;
  /** The user who wrote it; null for the node itself and feeds, or when hidden (`actorHidden`). */
  actor: string | null;
  /** A user wrote it, whom only the owning organisation's members and the node's administrators
   *  may know: others read "an analyst of <owner>" (issue 15, must 3). */
  actorHidden: boolean;
  at: string;
}

/** Where this node got the object: stored here (an upload, a feed, a TAXII add, a form), or
 *  received from a peer node, named when it is still a peer. `run` is the import run that stored
 *  the latest version; null for versions stored before runs were recorded (migration 0030). */
export type ObjectSource =
  | { kind: 'local'; firstStoredAt: string; run: SourceRun | null }
  | { kind: 'peer'; keyId: string; peer: { id: string; name: string } | null; firstStoredAt: string; run: SourceRun | null };

/** A run as `principal` may see it: `mayKnowWriter`, a member of the owning organisation or a
 *  node administrator, sees who wrote it and its job; others only that someone did. */
export function sourceRun(run: IngestSource, mayKnowWriter: boolean): SourceRun {
  const hidden = !mayKnowWriter && run.actor !== null;
  return {
    kind: run.kind,
    label: run.label,
    jobId: mayKnowWriter ? run.jobId : null,
    actor: hidden ? null : run.actor,
    actorHidden: hidden,
    at: run.createdAt,
  };
}

/** The distribution, named (a sharing group's or community's name rather than its id). */
export interface NamedDistribution {
  kind: 'organization' | 'sharing-group' | 'community' | 'federation';
  /** The group's or community's id; null for organization and federation. */
  id: string | null;
  /** Its name; null when this node does not know it. */
  name: string | null;
}

/** One organisation of this node and whether its members may read the object. */
export interface AudienceEntry {
  org: OrgRef;
  /** The distribution reaches the organisation (before clearance, releasability, exercise). */
  inAudience: boolean;
  /** Enabled members, and those of them the access policy lets read the object (fewer when a
   *  classification needs a clearance some lack, or an exercise some do not take part in). */
  members: number;
  readers: number;
}

/** Whether the object may leave to one peer node (peer-egress.ts). */
export interface PeerEgress {
  id: string;
  name: string;
  mayReceive: boolean;
}

/** GET /api/v1/objects/{id}/access. */
export interface ObjectAccess {
  id: string;
  owner: OrgRef;
  source: ObjectSource;
  tlp: Tlp;
  distribution: NamedDistribution;
  classification: { scheme: string; schemeName: string | null; level: string } | null;
  /** Null: no releasability restriction; [] releasable to no one. */
  releasableTo: string[] | null;
  exercise: string | null;
  /** Organisations hosted on this node, those who may read first. */
  audience: AudienceEntry[];
  /** The syncing peers, and whether each may receive the object. */
  peers: PeerEgress[];
}

/** A member as the audience counts it: enabled or not, and the reader the policy decides for. */
export interface Member {
  disabled: boolean;
  reader: Reader;
}

/**
 * The audience entry of one organisation: whether the distribution reaches it and how many of
 * its enabled members the policy lets read a version labelled `label` of `type` whose ends carry
 * `ends` (a relationship is seen only with both its ends).
 */
export function audienceEntry(
  org: OrgRef,
  members: readonly Member[],
  orgReader: Reader,
  type: string,
  label: AccessLabel,
  ends: readonly (AccessLabel | undefined)[],
  schemes: SchemeRegistry,
): AudienceEntry {
  const enabled = members.filter((m) => !m.disabled);
  const can = (r: Reader): boolean => canSeeWithEnds(r, type, label, ends, schemes);
  // "In the audience": the organisation as a whole, with every clearance it could hold, passes
  // the distribution and releasability; clearance and exercise then decide member by member.
  const inAudience = can({ ...orgReader, clearances: allClearances(schemes), exercises: label.exercise ? [label.exercise] : [] });
  return { org, inAudience, members: enabled.length, readers: enabled.filter((m) => can(m.reader)).length };
}

/** The highest level of every scheme: a reader that no classification stops. */
function allClearances(schemes: SchemeRegistry): Record<string, string> {
  return Object.fromEntries(schemes.all().flatMap((s) => (s.levels.length > 0 ? [[s.id, s.levels[s.levels.length - 1] as string]] : [])));
}

/** Organisations whose members may read first, then by name. */
export function sortAudience(entries: AudienceEntry[]): AudienceEntry[] {
  return [...entries].sort((a, b) => Number(b.readers > 0) - Number(a.readers > 0) || (a.org.name ?? '').localeCompare(b.org.name ?? ''));
}
