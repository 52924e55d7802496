// Reading back the small JSON columns the repositories write (lists and maps of strings, and the
// clearances and time windows of rapid response). They were written from typed values, but a row
// edited by hand must not put a non-string into a domain object, so entries of the wrong type
// are dropped.
import type { Clearance, Window } from '../../domain/assistance/api.ts';
import { isRecord } from '../../domain/stix/reporter.ts';

const isString = (s: unknown): s is string => typeof s === 'string';

const isClearance = (c: unknown): c is Clearance => isRecord(c) && typeof c['scheme'] === 'string' && typeof c['level'] === 'string';

const isWindow = (w: unknown): w is Window => isRecord(w) && typeof w['from'] === 'string' && typeof w['until'] === 'string';

// The parsed list itself when every entry is well formed (the usual case: no copy, which counts
// when matching reads ten thousand profiles), else its well-formed entries.
const listOf =
  <T>(ok: (v: unknown) => v is T) =>
  (v: unknown): T[] => {
    if (!Array.isArray(v)) return [];
    return v.every(ok) ? v : v.filter(ok);
  };

/** The strings of a parsed JSON value that is a list (none otherwise). */
export const strings: (v: unknown) => string[] = listOf(isString);

/** The `{scheme, level}` clearances of a parsed JSON value. */
export const clearances: (v: unknown) => Clearance[] = listOf(isClearance);

/** The `{from, until}` windows of a parsed JSON value. */
export const windows: (v: unknown) => Window[] = listOf(isWindow);

/** A JSON array of strings. */
export function stringArray(text: string): string[] {
  return strings(JSON.parse(text));
}

/** A JSON object whose values are strings. */
export function stringMap(text: string): Record<string, string> {
  const v: unknown = JSON.parse(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
