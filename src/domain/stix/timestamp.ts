// STIX timestamps (STIX 2.1 §3.2): RFC 3339, UTC, upper-case `T` and `Z`, any sub-second
// precision. Stored version keys are normalised to a fixed width so that text order is time
// order in both SQLite and PostgreSQL.

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** True when `s` is a valid STIX timestamp (format and calendar). */
export function isStixTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/**
 * Fixed-width version key: `YYYY-MM-DDTHH:MM:SS.fffffffffZ` (nine fraction digits), so that
 * `2020-01-01T00:00:00Z` and `2020-01-01T00:00:00.000Z` are the same version, as §3.2 makes them.
 * Precision past nanoseconds is cut. Returns undefined for an invalid timestamp.
 */
export function versionKey(s: string): string | undefined {
  const m = TIMESTAMP.exec(s);
  if (!m || !isStixTimestamp(s)) return undefined;
  const frac = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  return `${s.slice(0, 19)}.${frac}Z`;
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
