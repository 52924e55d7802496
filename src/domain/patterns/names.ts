// Name rules of the STIX patterning language, shared by the parser (checks) and the formatter
// (quoting): which object types, property names and dictionary keys a path may use.
import { isDigit, isLower } from './chars.ts';
import { PatternFailure } from './lexer.ts';

/** Type names: a-z, 0-9 and `-`, no `--`, starting with a letter, 3–250 long (STIX 2.1 §3.1, §11.2.1). */
export function isTypeName(s: string): boolean {
  if (s.length < 3 || s.length > 250 || !isLower(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2d ? s.charCodeAt(i - 1) === 0x2d : !isLower(c) && !isDigit(c)) return false;
  }
  return true;
}

/**
 * Property names: a-z, 0-9 and `_`, starting with a letter, 3–250 long (STIX 2.1 §3.1,
 * §11.1.1). `id` is the one name the specification itself defines shorter (§3.2).
 */
export function isPropertyName(s: string): boolean {
  if (s.length < 3 || s.length > 250 || !isLower(s.charCodeAt(0))) return s === 'id';
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLower(c) && !isDigit(c) && c !== 0x5f) return false;
  }
  return true;
}

/**
 * A step after the first is a nested property name or a dictionary key, which the parser cannot
 * tell apart without the object's schema, so it applies the wider dictionary-key rule: ASCII
 * letters, digits, `-` and `_`, at most 250 long (STIX 2.1 §2.3).
 */
export function isDictionaryKey(s: string): boolean {
  if (s.length < 1 || s.length > 250) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLower(c) && !isDigit(c) && c !== 0x5f && c !== 0x2d && !(c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

// ---- the rules with their messages, as the parser reports a name that breaks one ----

export interface NameRule {
  test: (name: string) => boolean;
  label: string;
  rule: string;
}

export function badName(rule: NameRule, name: string, column: number): never {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  throw new PatternFailure(`invalid ${rule.label} '${shown}' at column ${column}: ${rule.rule}`, column);
}

export const TYPE_RULE: NameRule = {
  test: isTypeName,
  label: 'object type',
  rule: 'type names use lower-case letters, digits and single hyphens, start with a letter and are 3 to 250 characters long (STIX 2.1 §3.1, §11.2.1)',
};
export const PROPERTY_RULE: NameRule = {
  test: isPropertyName,
  label: 'property name',
  rule: 'property names use lower-case letters, digits and underscores, start with a letter and are 3 to 250 characters long (STIX 2.1 §3.1)',
};
export const KEY_RULE: NameRule = {
  test: isDictionaryKey,
  label: 'property name or dictionary key',
  rule: 'names and keys use ASCII letters, digits, hyphens and underscores and are 1 to 250 characters long (STIX 2.1 §2.3)',
};
