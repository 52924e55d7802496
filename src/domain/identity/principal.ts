// Who is asking: an authenticated user (by session, API token or HTTP Basic) or the node's own
// command line, which runs with the operator's access to the data directory and so is trusted
// like an administrator (as MISP's console and OpenCTI's platform admin are).
import type { Reader } from '../access/types.ts';
import type { Org, TokenScope, User } from './types.ts';

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

// What a principal may do is decided by one table: domain/access/permissions.ts (authorize).
