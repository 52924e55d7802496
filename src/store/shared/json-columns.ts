// Reading back the small JSON columns the repositories write (lists and maps of strings, and the
// clearances and time windows of rapid response). They were written from typed values, but a row
// edited by hand must not put a non-string into a domain object, so entries of the wrong type
// are dropped.
import type { Clearance, Window } from '../../domain/assistance/api.ts';
import { isRecord } from '../../domain/stix/reporter.ts';

/** The strings of a parsed JSON value that is a list (none otherwise). */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

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

/** The `{scheme, level}` clearances of a parsed JSON value. */
export function clearances(v: unknown): Clearance[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((c) =>
    isRecord(c) && typeof c['scheme'] === 'string' && typeof c['level'] === 'string' ? [{ scheme: c['scheme'], level: c['level'] }] : [],
  );
}

/** The `{from, until}` windows of a parsed JSON value. */
export function windows(v: unknown): Window[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((w) =>
    isRecord(w) && typeof w['from'] === 'string' && typeof w['until'] === 'string' ? [{ from: w['from'], until: w['until'] }] : [],
  );
}
