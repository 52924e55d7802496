// One NIS2 stage's clock as every incident screen shows it (issue 16, must 3): the stage, its
// standing in words (an overdue stage reads "deadline exceeded", never "not delivered") and the
// time left or past. The standing is the server's (domain/incidents/clocks.ts); only the countdown
// is computed here, from the deadline and the browser's clock.
import type { StageClock, StageStatus } from '../../api/incidents.ts';

export const STAGE_NAMES: Readonly<Record<StageClock['stage'], string>> = {
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
  'csirt-response': "CSIRT's feedback",
};

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

/** The countdown of a stage at `now`: "due in 3 h", "exceeded by 2 d 1 h", or null when none runs. */
export function countdown(c: StageClock, now: number): string | null {
  if (c.dueAt === null || (c.status !== 'due' && c.status !== 'overdue')) return null;
  const left = Date.parse(c.dueAt) - now;
  return left >= 0 ? `due in ${span(left)}` : `exceeded by ${span(left)}`;
}

/** A stage's clock as a chip: stage, standing and countdown; the deadline in the title. */
export function ClockChip({ clock, now = Date.now(), short = false }: { clock: StageClock; now?: number; short?: boolean }) {
  const name = STAGE_NAMES[clock.stage] + (clock.request === undefined ? '' : ` ${clock.request + 1}`);
  const left = countdown(clock, now);
  const title = [name, STATUS_WORDS[clock.status], clock.dueAt ? `deadline ${clock.dueAt}` : null, clock.rule].filter(Boolean).join(' · ');
  return (
    <span className={`clock clock-${clock.status}`} title={title} data-stage={clock.stage} data-status={clock.status}>
      {short ? null : <span className="clock-stage">{name}: </span>}
      <span className="clock-status">{STATUS_WORDS[clock.status]}</span>
      {left === null ? null : <span className="clock-left"> · {left}</span>}
    </span>
  );
}
