// One NIS2 stage's clock as every incident screen shows it (issue 16, must 3): the stage, its
// standing in words (an overdue stage reads "deadline exceeded", never "not delivered") and the
// time left or past. The standing is the server's (domain/incidents/clocks.ts); the words are the
// domain's (clock-words.ts, shared with the command line and the notifications); only the
// countdown is computed here, from the deadline and the browser's clock.
import type { StageClock } from '../../api/incidents.ts';
import { countdown, STAGE_NAMES, STATUS_WORDS, stageName } from '../../../../src/domain/incidents/clock-words.ts';

export { STAGE_NAMES, STATUS_WORDS };

/** A stage's clock as a chip: stage, standing and countdown; the deadline in the title. */
export function ClockChip({ clock, now = Date.now(), short = false }: { clock: StageClock; now?: number; short?: boolean }) {
  const name = stageName(clock.stage, clock.request);
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
