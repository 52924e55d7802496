// What the access policy reasons about (DESIGN.md, Markings, distribution and access): the label
// of one object version, stored in columns, and the reader, a user or a peer.

import { InvalidInputError } from '../../errors.ts';
import type { Tlp } from '../markings/tlp.ts';

export type { Tlp } from '../markings/tlp.ts';

/** Who may receive an object: its owner only, a sharing group, a community or the whole federation. */
export type Distribution =
  | { readonly kind: 'organization' }
  | { readonly kind: 'sharing-group'; readonly id: string }
  | { readonly kind: 'community'; readonly id: string }
  | { readonly kind: 'federation' };

/** What the policy needs about one object version. */
export interface AccessLabel {
  /** Id of the organisation that owns (originated) the object on this federation. */
  readonly ownerOrg: string;
  readonly tlp: Tlp;
  readonly distribution: Distribution;
  readonly classification?: { readonly scheme: string; readonly level: string };
  /** Communities or countries; undefined = no releasability restriction, [] = releasable to no one. */
  readonly releasableTo?: readonly string[];
  readonly exercise?: string;
}

/** A user (one organisation) or a peer (its hosted organisations and accreditation). */
export interface Reader {
  readonly orgIds: readonly string[];
  readonly countries: readonly string[];
  readonly communities: readonly string[];
  readonly sharingGroups: readonly string[];
  /** Scheme id → highest level held. */
  readonly clearances: Readonly<Record<string, string>>;
  readonly exercises: readonly string[];
}

/** Every role a user may hold, in one place: a capability that needs a new role adds it here and
 *  gives it its rows in permissions.ts. `admin` administers the node, `org-admin` its own
 *  organisation. */
export const ROLES = ['admin', 'org-admin', 'analyst', 'coordinator', 'viewer'] as const;

/** A user's role on its node. */
export type Role = (typeof ROLES)[number];

/** Who asks to write: the user's organisation and roles. */
export interface Writer {
  readonly orgId: string;
  readonly roles: readonly Role[];
}

// Group and community ids are opaque; they only must not be empty or contain whitespace, so that
// the text form round-trips and fits one column.
const ID_RE = /^\S+$/;

/** Parses `organization`, `sharing-group:<id>`, `community:<id>` or `federation`; throws InvalidInputError. */
export function parseDistribution(text: string): Distribution {
  if (text === 'organization' || text === 'federation') return { kind: text };
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const id = colon < 0 ? '' : text.slice(colon + 1);
  if ((kind === 'sharing-group' || kind === 'community') && ID_RE.test(id)) return { kind, id };
  throw new InvalidInputError(
    `distribution ${JSON.stringify(text)} is not one of 'organization', 'sharing-group:<id>', 'community:<id>', 'federation'`,
    { distribution: text },
  );
}

/** The text form of a distribution, as parseDistribution reads it. */
export function formatDistribution(d: Distribution): string {
  return d.kind === 'sharing-group' || d.kind === 'community' ? `${d.kind}:${d.id}` : d.kind;
}
