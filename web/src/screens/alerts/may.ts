// Whether the rules screen offers changes (issue 17, must 4): the server's own permission table
// (src/domain/access/permissions.ts) asked with the signed-in user's roles, as the incident and
// write screens do. The server decides again on every request (and also requires the coordinator's
// organisation to be in the rule's community); this only hides what would be refused.
import { reach } from '../../../../src/domain/access/permissions.ts';
import type { Me } from '../../api/session.ts';
import { subjectOf } from '../write/rules.ts';

/** Whether the user writes rules: a community's coordinators (for their communities) and node
 *  administrators (for any). */
export const mayManageRules = (me: Me | null | undefined): boolean => (me ? reach(subjectOf(me), 'alert.rule.manage') !== null : false);
