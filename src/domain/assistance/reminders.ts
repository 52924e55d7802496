// When to remind people of a response clock (issue 18, must 5: "the same … reminders as incident
// reports"), pure, as incidents/reminders.ts does for NIS2 deadlines: offsets before each deadline
// and the moment it passes, each reminder with a stable key so the notification job sends it
// once however often it runs.
import { reminderMoments } from '../incidents/reminders.ts';
import type { ResponseClock } from './api.ts';

/** Offsets before a deadline, in hours, per clock; the default applies to clocks not listed. */
export interface ResponseReminderPolicy {
  beforeHours: Readonly<Partial<Record<ResponseClock['name'], readonly number[]>>>;
  defaultBeforeHours: readonly number[];
}

export const DEFAULT_RESPONSE_REMINDERS: ResponseReminderPolicy = {
  beforeHours: { 'first-offer': [6, 1], 'team-ready': [24, 4], 'after-action': [168, 24] },
  defaultBeforeHours: [24],
};

export interface ResponseReminder {
  /** Unique per request, clock and moment: the sender's idempotency key. */
  key: string;
  clock: ResponseClock['name'];
  /** `before`: the deadline is near; `passed`: it has passed without being met. */
  kind: 'before' | 'passed';
  /** When the reminder fell due. */
  at: string;
  dueAt: string;
}

/**
 * The reminders of one request's clocks that fall in (since, now]. Only clocks still waiting
 * (due or overdue) are reminded; an offer, a team ready or a report silences its clock.
 */
export function dueResponseReminders(
  requestId: string,
  all: readonly ResponseClock[],
  policy: ResponseReminderPolicy,
  since: Date,
  now: Date,
): ResponseReminder[] {
  const out: ResponseReminder[] = [];
  for (const c of all) {
    if (c.dueAt === null || (c.status !== 'due' && c.status !== 'overdue')) continue;
    for (const m of reminderMoments(c.dueAt, policy.beforeHours[c.name] ?? policy.defaultBeforeHours, since, now)) {
      out.push({
        key: `${requestId}/${c.name}/${m.kind}/${m.hours}/${c.dueAt}`,
        clock: c.name,
        kind: m.kind,
        at: new Date(m.at).toISOString(),
        dueAt: c.dueAt,
      });
    }
  }
  return out;
}
