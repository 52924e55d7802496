// Where a notification leads (issue 16, must 7; issue 18, must 5): the page of what it is about.
// Response-clock reminders of rapid response travel the incident notification path with the
// assistance request's id in `incidentId` (domain/assistance/notify.ts), so the id's type decides.
import { REQUEST_TYPE } from '../../../src/domain/assistance/api.ts';
import { requestPath } from '../screens/assistance/paths.ts';

/** The page a notification about `incidentId` opens: the request page for an assistance request,
 *  else the incident page. */
export function notificationPath(n: { incidentId: string }): string {
  return n.incidentId.startsWith(`${REQUEST_TYPE}--`) ? requestPath(n.incidentId) : `/incidents/${encodeURIComponent(n.incidentId)}`;
}
