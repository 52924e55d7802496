// What happened to an incident that its people should hear of (issue 16, must 7): the write and
// share services publish these after storing; the notification service turns them into each
// user's notifications.
import type { Notification } from './api.ts';

export interface IncidentEvent {
  kind: Notification['kind'];
  incidentId: string;
  title: string;
  body: string;
  /** The user id not to notify (who did it). */
  actor?: string;
}
