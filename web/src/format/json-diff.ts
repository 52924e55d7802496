// A line diff between two versions of an object (issue 15, must 3: "versions with a diff between
// any two"): both printed as canonical pretty JSON (keys sorted at every level, so that a key
// moved by a producer is not a change), then compared line by line with the `diff` package.
import { diffLines } from 'diff';

/** `v` as pretty JSON with the keys of every object sorted. */
export function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (typeof x === 'object' && x !== null)
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
      );
    return x;
  };
  return JSON.stringify(sort(v), null, 2);
}

/** One line of a diff: added in `b`, removed from `a`, or in both. */
export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

/** The lines of `a` and `b` (as canonical JSON), each marked added, removed or the same. */
export function jsonLineDiff(a: unknown, b: unknown): DiffLine[] {
  return diffLines(canonicalJson(a), canonicalJson(b)).flatMap((part) => {
    const kind: DiffLine['kind'] = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const lines = part.value.endsWith('\n') ? part.value.slice(0, -1).split('\n') : part.value.split('\n');
    return lines.map((text) => ({ kind, text }));
  });
}
