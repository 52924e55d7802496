// What a requester's coordinators are told of a response clock (issue 18, must 5: "the same due /
// on time / late / overdue states and reminders as incident reports"), pure: the wording of the
// reminders the notification job sends, in the incident reminders' words (incidents/notify.ts),
// as the event the notification service delivers.
import type { IncidentEvent } from '../incidents/notify.ts';
import { hoursText } from '../incidents/notify.ts';
import type { ResponseClock } from './api.ts';

/** A response-clock reminder as reminders.ts dueResponseReminders gives it. */
export interface ClockReminder {
  clock: ResponseClock['name'];
  kind: 'before' | 'passed';
  at: string;
  dueAt: string;
}

/** Each clock's name in words. */
export const CLOCK_NAMES: Readonly<Record<ResponseClock['name'], string>> = {
  'first-offer': 'First offer',
  'team-ready': 'Team on site or online',
  'after-action': 'After-action report',
};

/**
 * The notification a reminder becomes. Before the deadline: "First offer due in 6 h for X"; once
 * it passed: "Deadline exceeded: First offer for X" — the incident reminders' words ("deadline
 * exceeded", never "failed": an offer, a team or a report may still come, late).
 */
export function clockReminderEvent(r: ClockReminder, requestId: string, title: string): IncidentEvent {
  const name = CLOCK_NAMES[r.clock];
  if (r.kind === 'passed') {
    return {
      kind: 'overdue',
      incidentId: requestId,
      title: `Deadline exceeded: ${name} for ${title}`,
      body: `The response target for the ${name.toLowerCase()} passed at ${r.dueAt} (issue 18, must 5). It can still be met late.`,
    };
  }
  const hours = (Date.parse(r.dueAt) - Date.parse(r.at)) / 3_600_000;
  return {
    kind: 'reminder',
    incidentId: requestId,
    title: `${name} due in ${hoursText(hours)} for ${title}`,
    body: `The response target for the ${name.toLowerCase()} is ${r.dueAt}.`,
  };
}
