// Who may draw a relationship on the graph (issue 15, must 6): a new relationship is a new
// object owned by the writer's organisation, so the UI asks the server's own permission table
// (object.write) rather than a role list of its own; the server checks again on POST.
import { allowed, type Subject } from '../../../src/domain/access/permissions.ts';
import { ROLES, type Role } from '../../../src/domain/identity/types.ts';
import type { Me } from '../api/session.ts';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Whether the signed-in user may create relationships (a session may always change things). */
export function mayRelate(me: Me | null | undefined): boolean {
  if (!me) return false;
  const subject: Subject = { kind: 'user', user: { roles: me.user.roles.filter(isRole) }, org: { id: me.org.id }, scope: 'read-write' };
  return allowed(subject, 'object.write', { orgId: me.org.id });
}
