// Repositories of who uses a node (issue 3, item 1). Kept beside types.ts so that the object
// store's interface stays readable; both engines share one Kysely implementation.
import type { ApiToken, Community, Org, Session, SharingGroup, UserRecord } from '../domain/identity/types.ts';
import type { FailureState } from '../domain/identity/throttle.ts';

/** Organisations, communities and sharing groups. */
export interface OrgRepo {
  putOrg(org: Org): Promise<void>;
  getOrg(id: string): Promise<Org | undefined>;
  findOrgByName(name: string): Promise<Org | undefined>;
  listOrgs(): Promise<Org[]>;
  putCommunity(c: Community): Promise<void>;
  getCommunity(id: string): Promise<Community | undefined>;
  listCommunities(): Promise<Community[]>;
  putSharingGroup(g: SharingGroup): Promise<void>;
  getSharingGroup(id: string): Promise<SharingGroup | undefined>;
  listSharingGroups(): Promise<SharingGroup[]>;
}

/** Users, API tokens and browser sessions. */
export interface AccountRepo {
  /** Inserts or replaces a user (password hash and failure state included). */
  putUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByName(username: string): Promise<UserRecord | undefined>;
  listUsers(filter?: { orgId?: string }): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  setFailureState(userId: string, state: FailureState): Promise<void>;
  addToken(token: ApiToken, hash: string): Promise<void>;
  /** The token whose secret hashes to `hash`, with its owner's id. */
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  getToken(id: string): Promise<ApiToken | undefined>;
  listTokens(filter?: { userId?: string }): Promise<ApiToken[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;
  addSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  removeSession(idHash: string): Promise<void>;
  removeUserSessions(userId: string): Promise<void>;
  removeExpiredSessions(now: string): Promise<number>;
}
