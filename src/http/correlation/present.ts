// The JSON of the warninglist routes: a list as GET /api/v1/warninglists shows it. A
// Correlation (domain/correlation/api.ts) is already the answer of its route.
import type { LoadedList } from '../../domain/correlation/warninglist-matcher.ts';

/** One loaded list: what it is, what it applies to, how many entries it holds. */
export function presentList(l: LoadedList): Record<string, unknown> {
  return {
    id: l.id,
    name: l.name,
    type: l.type,
    version: l.version,
    description: l.description,
    matchingAttributes: l.matchingAttributes,
    entries: l.entries,
    ...(l.skipped > 0 ? { skipped: l.skipped } : {}),
  };
}
