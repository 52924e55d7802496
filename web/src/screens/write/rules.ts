// Which write actions the UI offers (issue 15, must 4, "under the write rules"): the server's own
// permission table (src/domain/access/permissions.ts), asked with the signed-in user's roles. The
// server decides again on every write; this only hides what would be refused.
import { allowed, reach, type Subject } from '../../../../src/domain/access/permissions.ts';
import { ROLES, type Role } from '../../../../src/domain/access/types.ts';
import type { Stix } from '../../api/objects.ts';
import type { Me } from '../../api/session.ts';

/** The user as the permission table sees them (a browser session may change what it may). */
export function subjectOf(me: Me): Subject {
  const roles = me.user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return { kind: 'user', user: { roles }, org: { id: me.org.id }, scope: 'read-write' };
}

/** The organisation that owns an object as far as the object itself says: its creator's identity
 *  (organisations are STIX identities). The access panel's answer (the owner the server holds)
 *  is preferred where it has loaded; the server refuses others either way. */
export const ownerOf = (o: Stix): string | undefined => (typeof o['created_by_ref'] === 'string' ? o['created_by_ref'] : undefined);

/** Whether the user creates objects of their organisation (analysts, administrators). */
export const mayCreate = (me: Me): boolean => reach(subjectOf(me), 'object.write') !== null;

/** Whether the user adds sightings, notes and opinions (coordinators too). */
export const mayAnnotate = (me: Me): boolean => allowed(subjectOf(me), 'object.annotate');

/** Whether the user publishes new versions of `o`, revokes it or changes its markings: only the
 *  owning organisation's writers (issue 3, item 5). */
export function mayEdit(me: Me, o: Stix, owner: string | undefined = ownerOf(o)): boolean {
  return owner !== undefined && allowed(subjectOf(me), 'object.write', { orgId: owner }) && o['revoked'] !== true;
}

/** Whether the user may open the New object screen at all. */
export const mayWrite = (me: Me): boolean => mayCreate(me) || mayAnnotate(me);

/** Whether the user records sightings for their organisation (issue 17, must 1). */
export const maySight = (me: Me): boolean => allowed(subjectOf(me), 'sighting.create');
