// Who may read from and write to a collection (TAXII 2.1 §1.6.9 leaves access control to the
// community; §5.2.1 can_read/can_write report it). A grant is `*` (every authenticated user),
// `org:<id>` or `community:<id>`; an empty list grants nobody.
import { InvalidInputError } from '../../errors.ts';
import type { Reader } from './types.ts';

/** Checks and normalises a list of grants (duplicates dropped, order kept). */
export function checkGrants(field: string, grants: readonly string[]): string[] {
  for (const g of grants) {
    if (g !== '*' && !/^(org|community):\S+$/.test(g)) {
      throw new InvalidInputError(`${field}: "${g}" is not a grant; use *, org:<id> or community:<id>`, { field });
    }
  }
  return [...new Set(grants)];
}

/** Whether `reader` (a user's organisation and its communities) holds one of `grants`. */
export function granted(grants: readonly string[], reader: Reader): boolean {
  return grants.some((g) => {
    if (g === '*') return true;
    if (g.startsWith('org:')) return reader.orgIds.includes(g.slice(4));
    if (g.startsWith('community:')) return reader.communities.includes(g.slice(10));
    return false;
  });
}

/** A collection as far as its rights go. */
export interface GrantedCollection {
  kind: 'query' | 'target';
  read: readonly string[];
  write: readonly string[];
}

/**
 * TAXII 2.1 §5.2.1 can_read/can_write of `c` for `reader` (null: the node's command line, which
 * reads all). Writing needs a target collection, a write grant, and `mayImport` (a role that may
 * import, through a token that may change things: permissions.ts, object.import).
 */
export function collectionRights(c: GrantedCollection, reader: Reader | null, mayImport: boolean): { canRead: boolean; canWrite: boolean } {
  if (reader === null) return { canRead: true, canWrite: c.kind === 'target' };
  return { canRead: granted(c.read, reader), canWrite: c.kind === 'target' && mayImport && granted(c.write, reader) };
}
