// Where rapid response's pages are, and who may act on them: kept apart from parts.tsx, which
// loads the screens' stylesheets, so that the object page's header and the notification bell can
// link here without loading them.
import { allowed, reach } from '../../../../src/domain/access/permissions.ts';
import type { Me } from '../../api/session.ts';
import { subjectOf } from '../write/rules.ts';

export const boardPath = '/assistance';
export const askPath = '/assistance/new';
export const rosterPath = '/assistance/roster';
export const requestPath = (id: string): string => `/assistance/requests/${encodeURIComponent(id)}`;
export const offerPath = (id: string): string => `${requestPath(id)}/offer`;
export const editPath = (id: string): string => `${requestPath(id)}/edit`;
export const deploymentPath = (id: string): string => `/assistance/deployments/${encodeURIComponent(id)}`;
export const afterActionPath = (id: string): string => `${deploymentPath(id)}/report`;

/** Whether the user asks for assistance and decides on offers for the organisation. */
export const mayAsk = (me: Me | null | undefined): boolean => (me ? reach(subjectOf(me), 'assistance.request') !== null : false);
/** Whether the user offers the organisation's experts. */
export const mayRespond = (me: Me | null | undefined): boolean => (me ? reach(subjectOf(me), 'assistance.respond') !== null : false);
/** Whether the user reads the organisation's roster (it names people, must 2). */
export const mayReadRoster = (me: Me | null | undefined): boolean => (me ? allowed(subjectOf(me), 'roster.read') : false);
/** Whether the user changes the organisation's roster. */
export const mayManageRoster = (me: Me | null | undefined): boolean => (me ? allowed(subjectOf(me), 'roster.manage') : false);
