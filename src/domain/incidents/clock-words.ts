// A stage's clock in words (issue 16, must 3: "each stage is due, submitted on time, submitted
// late or overdue, shown as such everywhere"): the one wording the web UI's clock chip
// (web/src/screens/incidents/clock.tsx), the command line and the notifications use, so an
// overdue stage reads "deadline exceeded" everywhere, never "not delivered" (the complaint about
// NISINP in the issue).
import type { StageClock, StageStatus } from './clocks.ts';

export const STAGE_NAMES: Readonly<Record<StageClock['stage'], string>> = {
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
  'csirt-response': "CSIRT's feedback",
};

/** "Early warning", "Intermediate report 2" (requests are 0-based, people count from 1). */
export function stageName(stage: StageClock['stage'], request?: number): string {
  return STAGE_NAMES[stage] + (request === undefined ? '' : ` ${request + 1}`);
}

export const STATUS_WORDS: Readonly<Record<StageStatus, string>> = {
  due: 'due',
  'submitted-on-time': 'submitted on time',
  'submitted-late': 'submitted late',
  overdue: 'deadline exceeded',
  'not-started': 'not started',
};

/** "3 h 20 min", "2 d 4 h": the span between now and a deadline, unsigned. */
export function span(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** A clock's deadline and standing: a NIS2 stage's, or a rapid-response clock's (issue 18, must 5). */
export type RunningClock = Pick<StageClock, 'dueAt' | 'status'>;

/** The countdown of a clock at `now`: "due in 3 h", "exceeded by 2 d 1 h", or null when none runs. */
export function countdown(c: RunningClock, now: number): string | null {
  if (c.dueAt === null || (c.status !== 'due' && c.status !== 'overdue')) return null;
  const left = Date.parse(c.dueAt) - now;
  return left >= 0 ? `due in ${span(left)}` : `exceeded by ${span(left)}`;
}

/** "deadline exceeded · exceeded by 2 d 1 h": the standing and, while it runs, the countdown. */
export function clockText(c: RunningClock, now: number): string {
  const left = countdown(c, now);
  return left === null ? STATUS_WORDS[c.status] : `${STATUS_WORDS[c.status]} · ${left}`;
}
