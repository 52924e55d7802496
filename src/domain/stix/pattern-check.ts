// Indicator patterns (STIX 2.1 §4.7, §9): a `stix` pattern must parse. The parser is the one in
// domain/patterns; this module only turns its error into a validation issue.

import { parsePattern } from '../patterns/parser.ts';
import type { JsonRecord, Reporter } from './reporter.ts';

/** Reports a `pattern-syntax` error (with the column) when a `stix` pattern does not parse. */
export function checkIndicatorPattern(o: JsonRecord, r: Reporter): void {
  const pattern = o['pattern'];
  if (o['pattern_type'] !== 'stix' || typeof pattern !== 'string') return;
  const result = parsePattern(pattern);
  if (result.ok) return;
  const { message, column } = result.error;
  r.error('pattern-syntax', 'STIX 2.1 §9', `pattern does not parse at column ${column}: ${message}`, 'pattern');
}
