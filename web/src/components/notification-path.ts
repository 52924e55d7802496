// Where a notification leads (issue 16, must 7; issue 18, must 5): the page of what it is about.
// Response-clock reminders of rapid response travel the incident notification path with the
// assistance request's id in `incidentId` (domain/assistance/notify.ts), so the id's type decides.
import { REQUEST_TYPE } from '../../../src/domain/assistance/api.ts';

/** The page a notification about `incidentId` opens: the request page for an assistance request
 *  (screens/assistance/parts.tsx requestPath, which loads on demand and so is not imported by the
 *  header), else the incident page. */
export function notificationPath(n: { incidentId: string }): string {
  const id = encodeURIComponent(n.incidentId);
  return n.incidentId.startsWith(`${REQUEST_TYPE}--`) ? `/assistance/requests/${id}` : `/incidents/${id}`;
}
