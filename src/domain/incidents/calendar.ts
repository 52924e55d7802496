// Calendar arithmetic for the NIS2 clocks (issue 16, must 3), in UTC: the Directive counts hours
// from a moment (Art. 23(4)(a), (b)) and months from a submission (Art. 23(4)(d), (e)).

const HOUR_MS = 3_600_000;

/** `at` plus `hours` hours. */
export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR_MS);
}

/** Days in a month (0-based `month`, any year, UTC). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `at` plus `months` calendar months, time of day kept. A day that the target month lacks falls
 * on its last day — the end-of-month rule of Regulation 1182/71 art. 3(2)(c), which the EU's own
 * periods follow: 31 January + one month is 28 (or, in a leap year, 29) February, never 3 March.
 */
export function addMonths(at: Date, months: number): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const day = Math.min(at.getUTCDate(), daysInMonth(targetYear, targetMonth));
  return new Date(
    Date.UTC(targetYear, targetMonth, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()),
  );
}
