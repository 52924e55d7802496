// The roster's availability calendar (issue 18, must 2 and 7): a month as a grid of weeks
// (Monday first, ISO 8601), each day listing the experts available at some time that day, from
// their availability windows. Days are UTC days, as every time the UI shows (format/dates.ts).
import { useState } from 'react';
import { availableOn, MONTHS, monthGrid, WEEKDAYS, type Available } from './calendar-days.ts';

export function AvailabilityCalendar({ experts, initial = Date.now() }: { experts: readonly Available[]; initial?: number }) {
  const [at, setAt] = useState(() => ({ year: new Date(initial).getUTCFullYear(), month: new Date(initial).getUTCMonth() }));
  const move = (d: number): void =>
    setAt(({ year, month }) => ({ year: year + Math.floor((month + d) / 12), month: (((month + d) % 12) + 12) % 12 }));
  const title = `${MONTHS[at.month]} ${at.year}`;
  return (
    <div className="availability" data-testid="availability-calendar">
      <div className="calendar-head">
        <button type="button" className="ghost small" onClick={() => move(-1)} aria-label="Previous month">
          ‹
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button type="button" className="ghost small" onClick={() => move(1)} aria-label="Next month">
          ›
        </button>
      </div>
      <table className="calendar" aria-label={`Availability in ${title}`}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(at.year, at.month).map((week) => (
            <tr key={week[0]?.start}>
              {week.map((day) => {
                const free = experts.filter((e) => availableOn(e.availability, day.start));
                const date = new Date(day.start).toISOString().slice(0, 10);
                return (
                  <td
                    key={day.start}
                    className={day.inMonth ? '' : 'out'}
                    data-day={date}
                    title={free.map((e) => e.label).join(', ') || 'nobody available'}
                  >
                    <span className="day">{new Date(day.start).getUTCDate()}</span>
                    {day.inMonth &&
                      free.slice(0, 3).map((e) => (
                        <span key={e.id} className="avail">
                          {e.label}
                        </span>
                      ))}
                    {day.inMonth && free.length > 3 && <span className="muted">+{free.length - 3}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
