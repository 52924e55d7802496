// The observables an indicator's STIX pattern contains (STIX 2.1 §9), found by the same parser
// and extraction the ingest indexes them with (src/domain/patterns, src/domain/observables), so
// that each one the page lists is one the lookup finds the indicator by.
import { observablesFromPattern } from '../../../src/domain/observables/extract.ts';
import type { Observable } from '../../../src/domain/observables/types.ts';
import { parsePattern } from '../../../src/domain/patterns/parser.ts';

/** The observables of a pattern of `patternType` (STIX patterns only), or why there are none. */
export function patternObservables(pattern: string, patternType = 'stix'): { observables: Observable[]; error: string | null } {
  if (patternType !== 'stix') return { observables: [], error: null };
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return { observables: [], error: `${parsed.error.message} (column ${parsed.error.column})` };
  return { observables: observablesFromPattern(parsed.ast), error: null };
}
