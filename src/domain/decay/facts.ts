// What decay reads of a stored indicator: the kind of its pattern's main observable (the first
// positive comparison the observables index would take from it, observables/extract.ts) and
// the time its age counts from. Pure.
import { observablesFromPattern } from '../observables/extract.ts';
import type { ObservableKind } from '../observables/types.ts';
import { parsePattern } from '../patterns/parser.ts';
import type { StixObject } from '../stix/types.ts';
import type { DecayKind } from './api.ts';
import type { DecayFacts } from './model.ts';

/** The decay kind of an observable kind; kinds without a model of their own use `default`. */
export function decayKindOf(kind: ObservableKind): DecayKind {
  if (kind.startsWith('hash:')) return 'hash';
  switch (kind) {
    case 'ipv4':
    case 'ipv6':
    case 'domain':
    case 'url':
    case 'email':
    case 'file-name':
      return kind;
    default:
      return 'default';
  }
}

/** The kind of an indicator's pattern: that of its first indexed observable; `default` for a
 *  pattern in another language (STIX 2.1 §4.7 pattern_type), one that does not parse, or one
 *  naming no indexed observable. */
export function patternKind(indicator: StixObject): DecayKind {
  const pattern = indicator['pattern'];
  const language = indicator['pattern_type'];
  if (typeof pattern !== 'string' || (language !== undefined && language !== 'stix')) return 'default';
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return 'default';
  const [first] = observablesFromPattern(parsed.ast);
  return first ? decayKindOf(first.kind) : 'default';
}

/** Decay's facts of an indicator; undefined for any other type (only indicators decay). */
export function indicatorFacts(object: StixObject): DecayFacts | undefined {
  if (object.type !== 'indicator') return undefined;
  const from = object['valid_from'] ?? object['created'];
  const until = object['valid_until'];
  return {
    kind: patternKind(object),
    validFrom: typeof from === 'string' ? from : '',
    ...(typeof until === 'string' ? { validUntil: until } : {}),
  };
}
