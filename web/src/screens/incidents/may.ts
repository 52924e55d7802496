// Which incident actions the screens offer (issue 16, must 2): the server's own permission table
// (src/domain/access/permissions.ts) asked with the signed-in user's roles, as the write screens
// do (screens/write/rules.ts). The server decides again on every request; this only hides what
// would be refused.
import { allowed, reach } from '../../../../src/domain/access/permissions.ts';
import type { Me } from '../../api/session.ts';
import { subjectOf } from '../write/rules.ts';

/** Whether the user reads incidents at all (the list, the dashboard's incident panels). */
export const mayReadIncidents = (me: Me | null | undefined): boolean => (me ? allowed(subjectOf(me), 'incident.read') : false);

/** Whether the user opens incidents for their organisation (analysts, coordinators, administrators). */
export const mayOpenIncident = (me: Me | null | undefined): boolean => (me ? reach(subjectOf(me), 'incident.manage') !== null : false);

const isCsirt = (me: Me): boolean => me.org.nis2Role === 'csirt';

/** Whether the user answers reports of a constituency: a CSIRT's users who hold incident.answer
 *  (an entity has no constituency, so no inbox). */
export const mayAnswer = (me: Me | null | undefined): boolean =>
  me ? isCsirt(me) && reach(subjectOf(me), 'incident.answer') !== null : false;

/** Whether the user compiles the quarterly summary (NIS2 Art. 23(9): the single point of contact's,
 *  so a CSIRT's users, or node administrators over the whole node). */
export function maySummarise(me: Me | null | undefined): boolean {
  const scope = me ? reach(subjectOf(me), 'incident.summary') : null;
  return me !== null && me !== undefined && (scope === 'node' || (scope !== null && isCsirt(me)));
}
