// Who uses a node (issue 3, item 1): organisations, communities, sharing groups, users, API
// tokens and browser sessions. Local-only state, kept as plain rows (DESIGN.md principle 1);
// an organisation is also published as a STIX identity.

import type { Role } from '../access/types.ts';
import type { Disclosure } from '../sightings/api.ts';

/** Roles a user holds; `admin` administers the node, `org-admin` their own organisation. */
export { ROLES, type Role } from '../access/types.ts';

/** An organisation: a STIX identity (`identity--…`) hosted on this node or on a peer. */
export interface Org {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** Community ids the organisation belongs to (`nato`, `eu`, …). */
  communities: string[];
  /** Null when hosted on this node; otherwise the id of the peer node that hosts it. */
  node: string | null;
  /** Markings applied to what its users create or import without markings of their own. */
  defaultTlp: string;
  defaultDistribution: string;
  /** What the organisation is under NIS2 (issue 16, must 2): a CSIRT, an essential or an
   *  important entity (Art. 3), or null (neither). */
  nis2Role: Nis2Role | null;
  /** NIS2 Annex I/II sectors of an entity: `sector` or `sector/subsector` keys (nis2-sectors.ts). */
  sectors: string[];
  /** For an entity: the CSIRT organisation whose constituency it is in (it reports there). */
  csirtOrg: string | null;
  /** What partners learn of who sighted, for its sightings that choose nothing (issue 17, must 2). */
  sightingDisclosure: Disclosure;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An organisation's place under NIS2: a CSIRT, or an essential or important entity (Art. 3). */
export type Nis2Role = 'csirt' | 'essential' | 'important';
export const NIS2_ROLES: readonly Nis2Role[] = ['csirt', 'essential', 'important'];

/** A named community of organisations (`nato`, `eu`, a national CSIRT network). */
export interface Community {
  id: string;
  name: string;
  description: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A named set of organisations, possibly hosted on other nodes, that objects can be shared to. */
export interface SharingGroup {
  id: string;
  name: string;
  description: string;
  /** The organisation that manages the group. */
  ownerOrg: string;
  members: string[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Null for this node's groups; for a group received with a peer's objects, the key id of
   *  the node that manages it (federation: it is read-only here but for disabling). */
  origin: string | null;
}

/** A user as the rest of Concord sees it: never with the password hash. */
export interface User {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Highest level held per classification scheme id. */
  clearances: Record<string, string>;
  /** Exercises the user takes part in. */
  exercises: string[];
  disabled: boolean;
  /** The password was set by someone else (a one-time password): the user must choose a new one
   *  before doing anything else with a session or HTTP Basic. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A user as stored, with what authentication needs. */
export interface UserRecord extends User {
  passwordHash: string | null;
  failedLogins: number;
  lastFailedAt: string | null;
  lockedUntil: string | null;
}

export type TokenScope = 'read' | 'read-write';

/** An API token's metadata; the secret is shown once at creation and only its hash is kept. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scope: TokenScope;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** A browser session; the cookie holds the secret, the store its hash. */
export interface Session {
  idHash: string;
  userId: string;
  /** Synchroniser token the browser echoes in `X-CSRF-Token` on every unsafe request. */
  csrf: string;
  expiresAt: string;
  createdAt: string;
}
