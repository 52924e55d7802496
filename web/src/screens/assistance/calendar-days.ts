// The days of the roster's availability calendar (issue 18, must 2 and 7): a month as whole weeks,
// Monday first (ISO 8601), and whether an expert's availability windows reach into a day. Days are
// UTC days, as every time the UI shows (format/dates.ts).
import type { Window } from '../../api/assistance.ts';

const DAY_MS = 86_400_000;
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface Available {
  id: string;
  label: string;
  availability: readonly Window[];
}

/** Whether any window overlaps the UTC day starting at `dayStart` (epoch ms). */
export function availableOn(windows: readonly Window[], dayStart: number): boolean {
  const dayEnd = dayStart + DAY_MS;
  return windows.some((w) => Date.parse(w.from) < dayEnd && Date.parse(w.until) > dayStart);
}

/** The days shown for a month: whole weeks, Monday first, from the week of the 1st to the week of the last. */
export function monthGrid(year: number, month: number): { start: number; inMonth: boolean }[][] {
  const first = Date.UTC(year, month, 1);
  const offset = (new Date(first).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const weeks: { start: number; inMonth: boolean }[][] = [];
  const total = Math.ceil((offset + days) / 7) * 7;
  for (let i = 0; i < total; i++) {
    if (i % 7 === 0) weeks.push([]);
    const start = first + (i - offset) * DAY_MS;
    weeks.at(-1)?.push({ start, inMonth: new Date(start).getUTCMonth() === month });
  }
  return weeks;
}
