// Name rules of the STIX patterning language, shared by the parser (checks) and the formatter
// (quoting): which object types, property names and dictionary keys a path may use.
import { isDigit, isLower } from './chars.ts';

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
