// STIX timestamps (STIX 2.1 §3.2): RFC 3339, UTC, upper-case `T` and `Z`, any sub-second
// precision. Stored version keys are normalised to a fixed width so that text order is time
// order in both SQLite and PostgreSQL.

/** True when `s` is a valid STIX timestamp (format and calendar). */
export function isStixTimestamp(s: string): boolean {
  return timestampFractionDigits(s) >= 0;
}

/**
 * Fixed-width version key: `YYYY-MM-DDTHH:MM:SS.fffffffffZ` (nine fraction digits), so that
 * `2020-01-01T00:00:00Z` and `2020-01-01T00:00:00.000Z` are the same version, as §3.2 makes them.
 * Precision past nanoseconds is cut. Returns undefined for an invalid timestamp.
 */
export function versionKey(s: string): string | undefined {
  const digits = timestampFractionDigits(s);
  if (digits < 0) return undefined;
  if (digits === 9) return s;
  const frac = digits === 0 ? '' : s.slice(20, 20 + Math.min(digits, 9));
  return `${s.slice(0, 19)}.${frac.padEnd(9, '0')}Z`;
}

/** Shortens a version key back to a readable STIX timestamp (trailing zeros dropped, ms kept). */
export function displayTimestamp(key: string): string {
  const m = /^(.{19})\.(\d{9})Z$/.exec(key);
  if (!m) return key;
  let frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length < 3) frac = frac.padEnd(3, '0');
  return `${m[1]}.${frac}Z`;
}

/** The current time as a STIX timestamp with millisecond precision. */
export function nowTimestamp(now: Date = new Date()): string {
  return now.toISOString();
}

// Allocation-free variants for the validation hot path (STIX 2.1 §2.16): the regular expression
// above allocates its match array, which matters at tens of thousands of objects per second.

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Number of sub-second digits of a valid STIX timestamp (0 when there is no fraction), or -1 when
 * `s` is not a valid timestamp. Accepts exactly what {@link isStixTimestamp} accepts.
 */
export function timestampFractionDigits(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */) return -1;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */) return -1;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
  const hi = twoDigits(s, 0);
  const lo = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return -1;
  if (minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
  if (day > daysInMonth(hi * 100 + lo, month)) return -1;
  if (n === 20) return 0;
  // "if no digits are provided, the decimal place MUST NOT be present" (§2.16.1)
  if (s.charCodeAt(19) !== 46 || n === 21) return -1;
  for (let i = 20; i < n - 1; i++) if (digitAt(s, i) < 0) return -1;
  return n - 21;
}

/**
 * Orders two valid STIX timestamps by the instant they denote: negative, zero or positive.
 * Trailing zeros in the fraction do not matter (`…:00Z` equals `…:00.000Z`).
 */
export function compareTimestamps(a: string, b: string): number {
  if (a === b) return 0;
  for (let i = 0; i < 19; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  // Fractions: compare digit by digit, a missing digit counting as zero.
  const na = a.length - 1;
  const nb = b.length - 1;
  for (let i = 20; i < na || i < nb; i++) {
    const da = i < na ? a.charCodeAt(i) : 48;
    const db = i < nb ? b.charCodeAt(i) : 48;
    if (da !== db) return da - db;
  }
  return 0;
}

/**
 * Milliseconds since the epoch of a STIX timestamp, without parsing a Date: matching reads tens
 * of thousands of availability windows per request (issue 18, must 10), where `Date.parse` is
 * the largest cost. Any other text falls back to `Date.parse` (NaN when unreadable).
 */
export function timestampMillis(s: string): number {
  const digits = timestampFractionDigits(s);
  const year = digits < 0 ? -1 : twoDigits(s, 0) * 100 + twoDigits(s, 2);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100) return Date.parse(s);
  let ms = 0;
  for (let i = 0; i < 3; i++) ms = ms * 10 + (i < digits ? digitAt(s, 20 + i) : 0);
  return Date.UTC(year, twoDigits(s, 5) - 1, twoDigits(s, 8), twoDigits(s, 11), twoDigits(s, 14), twoDigits(s, 17), ms);
}
