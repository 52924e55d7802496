// Reading back the small JSON columns the repositories write (lists and maps of strings). They
// were written from typed values, but a row edited by hand must not put a non-string into a
// domain object, so entries of the wrong type are dropped.

/** A JSON array of strings. */
export function stringArray(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** A JSON object whose values are strings. */
export function stringMap(text: string): Record<string, string> {
  const v: unknown = JSON.parse(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
