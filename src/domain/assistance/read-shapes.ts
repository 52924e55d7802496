// Reading the properties of a validated STIX object (issue 18's readers): a missing or
// mistyped property reads as '' / null / [] instead of throwing, since validation has already
// refused what the definitions forbid (defs.ts, defs-work.ts).
import type { JsonObject, JsonValue } from '../stix/types.ts';

/** A text property, '' when absent. */
export const str = (o: JsonObject, k: string): string => {
  const v = o[k];
  return typeof v === 'string' ? v : '';
};
/** An optional text property, null when absent. */
export const opt = (o: JsonObject, k: string): string | null => {
  const v = o[k];
  return typeof v === 'string' ? v : null;
};
/** A number property, null when absent. */
export const num = (o: JsonObject, k: string): number | null => {
  const v = o[k];
  return typeof v === 'number' ? v : null;
};
/** The strings of a list, [] when absent (STIX omits empty lists, §2.12). */
export const strings = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
/** The objects of a list, [] when absent. */
export const records = (v: JsonValue | undefined): JsonObject[] =>
  Array.isArray(v) ? v.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
/** The value when it is one of `values`, else the first (validation refuses anything else). */
export const pick = <T extends string>(values: readonly [T, ...T[]], v: JsonValue | undefined): T =>
  values.find((x) => x === v) ?? values[0];
/** Distinct, sorted. */
export const unique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
