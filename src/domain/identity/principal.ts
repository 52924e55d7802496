// Who is asking: an authenticated user (by session, API token or HTTP Basic) or the node's own
// command line, which runs with the operator's access to the data directory and so is trusted
// like an administrator (as MISP's console and OpenCTI's platform admin are).
import type { Reader } from '../access/types.ts';
import type { Org, Role, TokenScope, User } from './types.ts';

/** An authenticated user with what the access policy needs to decide for them. */
export interface UserPrincipal {
  kind: 'user';
  user: User;
  org: Org;
  /** How the request was authenticated; sessions and Basic act with the user's full rights. */
  via: 'session' | 'token' | 'basic';
  /** `read` tokens may not change anything, whatever the user's roles. */
  scope: TokenScope;
  tokenId: string | null;
  reader: Reader;
}

/** The node's command line (`concord org add`, `concord import`, …). */
export interface SystemPrincipal {
  kind: 'system';
  name: string;
}

export type Principal = UserPrincipal | SystemPrincipal;

/** The command line's principal. */
export const CLI: SystemPrincipal = Object.freeze({ kind: 'system', name: 'cli' });

/** The audit log's name for a principal: `user:<id>`, `token:<id>` or `system:<name>`. */
export function actorName(p: Principal): string {
  if (p.kind === 'system') return `system:${p.name}`;
  return p.tokenId !== null ? `user:${p.user.username}/token:${p.tokenId}` : `user:${p.user.username}`;
}

/** Whether the principal holds `role` (the system holds every role). */
export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.kind === 'system' || p.user.roles.some((r) => roles.includes(r));
}

/** Node administration: organisations, communities, every user. */
export function isNodeAdmin(p: Principal): boolean {
  return hasRole(p, 'admin');
}

/** Administration of one organisation's users and sharing groups. */
export function canAdministerOrg(p: Principal, orgId: string): boolean {
  if (isNodeAdmin(p)) return true;
  return p.kind === 'user' && p.org.id === orgId && p.user.roles.includes('org-admin');
}

/** Whether the request may change anything at all: not through a read-only token. */
export function canMutate(p: Principal): boolean {
  return p.kind === 'system' || p.scope === 'read-write';
}

/** Whether the principal may bring objects in (upload, TAXII add): every role but viewer, and
 *  not through a read-only token. The access policy then decides object by object. */
export function canImport(p: Principal): boolean {
  return canMutate(p) && hasRole(p, 'admin', 'org-admin', 'analyst', 'coordinator');
}
