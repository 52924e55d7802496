// Indicator patterns (STIX 2.1 §4.7, §9): a `stix` pattern must parse, and a hash it compares
// against must fit its algorithm, as hash values in objects must (§2.7, §10.7). The parser is the
// one in domain/patterns; this module turns its error and the hash check into validation issues.

import { parsePattern } from '../patterns/parser.ts';
import type { Comparison, ComparisonExpression, ObservationExpression, PatternLiteral } from '../patterns/types.ts';
import { checkHashValue } from './check-value.ts';
import type { JsonRecord, Reporter } from './reporter.ts';

/** Reports a `pattern-syntax` error (with the column) when a `stix` pattern does not parse. */
export function checkIndicatorPattern(o: JsonRecord, r: Reporter): void {
  const pattern = o['pattern'];
  if (o['pattern_type'] !== 'stix' || typeof pattern !== 'string') return;
  const result = parsePattern(pattern);
  if (result.ok) {
    r.push('pattern');
    for (const c of comparisons(result.ast)) checkHashConstants(c, result.columns, r);
    r.pop();
    return;
  }
  const { message, column } = result.error;
  r.error('pattern-syntax', 'STIX 2.1 §9', `pattern does not parse at column ${column}: ${message}`, 'pattern');
}

/** The algorithm a path such as `file:hashes.'SHA-256'` or `…sections[*].hashes.MD5` names, if any. */
function hashAlgorithm(c: Comparison): string | undefined {
  const steps = c.path.steps;
  const last = steps[steps.length - 1];
  return steps.length >= 2 && steps[steps.length - 2] === 'hashes' && typeof last === 'string' ? last : undefined;
}

/**
 * Checks the string constants a hash is compared with for equality (=, != and IN, negated or
 * not). LIKE and MATCHES take patterns, not hashes; ordering a hash is left alone.
 */
function checkHashConstants(c: Comparison, columns: ReadonlyMap<PatternLiteral, number>, r: Reporter): void {
  const algorithm = hashAlgorithm(c);
  if (algorithm === undefined) return;
  let constants: PatternLiteral[];
  if (c.operator === '=' || c.operator === '!=') constants = [c.value];
  else if (c.operator === 'IN' && c.value.kind === 'set') constants = c.value.values;
  else return;
  for (const constant of constants) {
    if (constant.kind !== 'string') continue;
    checkHashValue(algorithm, constant.value, r, `constant at column ${columns.get(constant) ?? '?'}: `);
  }
}

/**
 * Every comparison of a pattern, in source order. Iterative: a long chain of AND/OR/FOLLOWEDBY
 * makes a tree as deep as the chain is long, which recursion on hostile input could not follow.
 */
function comparisons(ast: ObservationExpression): Comparison[] {
  const out: Comparison[] = [];
  const todo: (ObservationExpression | ComparisonExpression)[] = [ast];
  for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
    switch (e.kind) {
      case 'comparison':
        out.push(e);
        break;
      case 'exists':
        break;
      case 'observation':
      case 'qualified':
        todo.push(e.expression);
        break;
      default:
        todo.push(e.right, e.left);
    }
  }
  return out;
}
