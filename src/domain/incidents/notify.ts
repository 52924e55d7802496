// What people are told about an incident, and when (issue 16, must 7), pure: the event every
// incident service publishes after storing a change, and the wording of the deadline reminders
// the reminder job sends. Who receives an event is the NotificationService's business: only the
// users who may read the incident (must 11), never the one who caused it.
import type { Notification } from './api.ts';
import { stageName } from './clock-words.ts';
import type { Stage } from './clocks.ts';
import type { Reminder } from './reminders.ts';

/**
 * Something happened to an incident that its readers should hear of. `actor` is the user who
 * caused it: they already know, so they are not notified.
 */
export interface IncidentEvent {
  kind: Notification['kind'];
  incidentId: string;
  title: string;
  body: string;
  /** User id not to notify. */
  actor?: string;
}

/**
 * A reminder also names the stage and its deadline: the node's webhook carries those (and only
 * those, with the kind and incident id) since the webhook's receiver is the node, not a reader.
 */
export interface ReminderEvent extends IncidentEvent {
  stage: Stage;
  dueAt: string;
}

/** "1 h", "24 h", "7 d": how far before a deadline a reminder falls. */
export function hoursText(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} d`;
  return `${Math.round(hours * 100) / 100} h`;
}

/**
 * The notification a reminder becomes. Before the deadline: "Early warning due in 1 h for X";
 * once it passed: "Deadline exceeded: Early warning for X" — the same words as the clock chip
 * ("deadline exceeded", never "not delivered": the report may still come, late).
 */
export function reminderEvent(r: Reminder, incidentId: string, incidentName: string, rule?: string): ReminderEvent {
  const stage = stageName(r.stage, r.request);
  const why = rule === undefined ? '' : ` (${rule})`;
  if (r.kind === 'passed') {
    return {
      kind: 'overdue',
      incidentId,
      title: `Deadline exceeded: ${stage} for ${incidentName}`,
      body: `The deadline of the ${stage.toLowerCase()} passed at ${r.dueAt} and it was not submitted${why}. It can still be submitted late.`,
      stage: r.stage,
      dueAt: r.dueAt,
    };
  }
  const hours = (Date.parse(r.dueAt) - Date.parse(r.at)) / 3_600_000;
  return {
    kind: 'reminder',
    incidentId,
    title: `${stage} due in ${hoursText(hours)} for ${incidentName}`,
    body: `The ${stage.toLowerCase()} is due at ${r.dueAt}${why}.`,
    stage: r.stage,
    dueAt: r.dueAt,
  };
}
