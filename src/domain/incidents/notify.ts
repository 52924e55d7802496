// What the incident services tell the notification service after they store something (issue 16,
// must 7): the notification service decides who is told, and tells only those who may read the
// incident.
import type { Notification } from './api.ts';

export interface IncidentEvent {
  kind: Notification['kind'];
  incidentId: string;
  title: string;
  body: string;
  /** The user id not to notify: the one who acted. */
  actor?: string;
}
