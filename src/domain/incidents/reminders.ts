// When to remind people of a NIS2 deadline (issue 16, must 7), pure: a node configures how long
// before each deadline to remind (e.g. 12 h and 1 h before the 24-hour early warning), and a
// reminder is also due the moment a deadline passes. The job that sends them asks, at each tick,
// which reminders fell due since the last tick; each has a stable key, so a reminder is sent once
// however often the job runs or restarts.
import type { StageClock } from './clocks.ts';

/** Offsets before a deadline, in hours, per stage; the default applies to stages not listed. */
export interface ReminderPolicy {
  beforeHours: Readonly<Partial<Record<StageClock['stage'], readonly number[]>>>;
  defaultBeforeHours: readonly number[];
}

export const DEFAULT_REMINDERS: ReminderPolicy = {
  beforeHours: { 'early-warning': [12, 1], notification: [24, 4], 'csirt-response': [6], final: [168, 24] },
  defaultBeforeHours: [24],
};

export interface Reminder {
  /** Unique per incident, stage (and request) and moment: the sender's idempotency key. */
  key: string;
  stage: StageClock['stage'];
  request?: number;
  /** `before`: the deadline is near; `passed`: it has passed without the report. */
  kind: 'before' | 'passed';
  /** When the reminder fell due. */
  at: string;
  dueAt: string;
}

/** One moment a clock reminds at: `hours` before its deadline, or (`passed`, 0) when it passes. */
export interface ReminderMoment {
  kind: Reminder['kind'];
  at: number;
  hours: number;
}

/**
 * The moments in (since, now] at which a clock due at `dueAt` reminds: each offset before the
 * deadline, and the deadline itself. The response clocks of issue 18 (assistance/reminders.ts)
 * remind the same way.
 */
export function reminderMoments(dueAt: string, beforeHours: readonly number[], since: Date, now: Date): ReminderMoment[] {
  const due = Date.parse(dueAt);
  const moments: ReminderMoment[] = beforeHours.map((h) => ({ kind: 'before', at: due - h * 3_600_000, hours: h }));
  moments.push({ kind: 'passed', at: due, hours: 0 });
  // A reminder before the deadline is pointless once the deadline has passed at `now`.
  return moments.filter((m) => m.at > since.getTime() && m.at <= now.getTime() && !(m.kind === 'before' && now.getTime() >= due));
}

/**
 * The reminders of one incident's clocks that fall in (since, now]. Only stages still waiting
 * (due or overdue) are reminded; a submitted report silences its stage.
 */
export function dueReminders(incidentId: string, all: readonly StageClock[], policy: ReminderPolicy, since: Date, now: Date): Reminder[] {
  const out: Reminder[] = [];
  for (const c of all) {
    if (c.dueAt === null || (c.status !== 'due' && c.status !== 'overdue')) continue;
    const stage = c.request === undefined ? c.stage : `${c.stage}[${c.request}]`;
    for (const m of reminderMoments(c.dueAt, policy.beforeHours[c.stage] ?? policy.defaultBeforeHours, since, now)) {
      out.push({
        key: `${incidentId}/${stage}/${m.kind}/${m.hours}/${c.dueAt}`,
        stage: c.stage,
        ...(c.request === undefined ? {} : { request: c.request }),
        kind: m.kind,
        at: new Date(m.at).toISOString(),
        dueAt: c.dueAt,
      });
    }
  }
  return out;
}
