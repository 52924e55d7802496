// Sends NIS2 deadline reminders while `concord serve` runs (issue 16, must 7): every minute the
// notification service looks for the reminders that fell due since its last run (reminders.ts)
// and stores each once per recipient; the last run is kept in the store, so a restart resumes
// where it stopped and a second process finds the reminders stored already.
import type { JobLog, PeriodicJob } from './runner.ts';

/** What the job needs of the notification service. */
export interface ReminderSender {
  remind(now: Date): Promise<number>;
}

/** Sends due reminders every `tickMs` (default one minute). */
export function incidentRemindersJob(deps: { notifications: ReminderSender; log: JobLog; tickMs?: number }): PeriodicJob {
  const { notifications, log } = deps;
  return {
    name: 'incident-reminders',
    everyMs: deps.tickMs ?? 60_000,
    async tick() {
      try {
        const sent = await notifications.remind(new Date());
        if (sent > 0) log.info({ notifications: sent }, `incident reminders: ${sent} notifications stored`);
      } catch (e) {
        // The next tick starts from the last run that completed: nothing falls through.
        log.error({ err: e }, 'incident reminders failed');
      }
    },
  };
}
