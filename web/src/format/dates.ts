// Every date the UI shows, in one form: ISO 8601 (issue 15, must 10). A day is yyyy-mm-dd; a time
// is yyyy-mm-dd HH:MM with its time zone, always UTC, the zone STIX timestamps are written in
// (STIX 2.1 §3.2) and the one allied teams in different countries share. Never the browser's
// locale: "03/04/2026" reads as two different days on either side of the Atlantic.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parse(value: string | number | Date): Date | undefined {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The day of `value` (an ISO timestamp, epoch milliseconds or a Date) as yyyy-mm-dd in UTC; `empty`
 *  when there is no value, and the value itself when it is not a date (shown, never hidden). */
export function formatDate(value: string | number | Date | null | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  const d = parse(value);
  if (!d) return String(value);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The time of `value` as yyyy-mm-dd HH:MM UTC (with `seconds`, HH:MM:SS); `empty` when there is
 *  none, and the value itself when it is not a date. */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  options: { seconds?: boolean; empty?: string } = {},
): string {
  const empty = options.empty ?? '—';
  if (value === null || value === undefined || value === '') return empty;
  const d = parse(value);
  if (!d) return String(value);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${options.seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${formatDate(d)} ${time} UTC`;
}

/** Whether `text` is a day as the UI writes it (yyyy-mm-dd, a real calendar day): what a date
 *  field accepts. */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCDate() === Number(m[3]) && d.getUTCMonth() + 1 === Number(m[2]);
}
