// Names of content the specification does not define: custom properties (§11.1), custom objects
// (§11.2), custom SCO extensions (§11.3) and the properties an extension definition adds (§7.3.2).

import { type Reporter, type RuleCode, q } from './reporter.ts';
import { hasTypeChars } from './id-format.ts';

const S3_1 = 'STIX 2.1 §3.1';
const S7_3_2 = 'STIX 2.1 §7.3.2';
const S11_1 = 'STIX 2.1 §11.1';
const S11_2 = 'STIX 2.1 §11.2';
const S11_3 = 'STIX 2.1 §11.3';

/** Properties reserved for future use (STIX 2.1 §3.8): never valid, not even as custom names. */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set(['severity', 'username', 'phone_number', 'action']);

/** True when every character of `s` is a-z, 0-9 or underscore. */
function isPropertyChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/** True when `s` starts with a lowercase ASCII letter (§3.1). */
function startsWithLetter(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** How a property the specification does not define got onto the object. */
export type CustomPropertyKind =
  /** A deprecated §11.1 custom property: `x_` prefix recommended. */
  | 'custom'
  /** Defined by an extension definition (top-level property extension or new object type). */
  | 'extension'
  /**
   * Inside an extension instance (§7.3 property extension, §11.3 custom extension). Its content
   * is defined by the extension's schema, and a consumer "MAY ignore that extension and continue
   * processing" (§7.3, §11): bad names there are reported as warnings, not grounds to reject the
   * object. (Widely used producers, e.g. OpenCTI, put `id` and `type` in their extension.)
   */
  | 'extension-content';

function reportBadPropertyName(name: string, kind: CustomPropertyKind, r: Reporter): void {
  const section = kind === 'custom' ? S11_1 : S7_3_2;
  const report = (rule: RuleCode, sec: string, message: string): void =>
    kind === 'extension-content' ? r.warn(rule, sec, message, name) : r.error(rule, sec, message, name);
  if (RESERVED_PROPERTIES.has(name)) {
    report('reserved-property', 'STIX 2.1 §3.8', `${q(name)} is reserved for future use and must not be present`);
  } else if (!isPropertyChars(name)) {
    report('custom-property-name', section, `property name ${q(name)} may only contain a-z, 0-9 and '_'`);
  } else if (name.length < 3 || name.length > 250) {
    report('custom-property-name', section, `property name ${q(name)} must be 3 to 250 characters long`);
  } else {
    report('custom-property-name', S3_1, `property name ${q(name)} must begin with a letter`);
  }
}

/**
 * Checks the name of a property the specification does not define: a-z, 0-9 and underscore,
 * 3–250 characters (§11.1, §7.3.2), starting with a letter (§3.1), not reserved (§3.8); warns
 * about a missing `x_` prefix for deprecated custom properties (§11.1 "SHOULD start with x_").
 */
export function checkCustomPropertyName(name: string, kind: CustomPropertyKind, r: Reporter): void {
  const valid = name.length >= 3 && name.length <= 250 && startsWithLetter(name) && isPropertyChars(name) && !RESERVED_PROPERTIES.has(name);
  if (!valid) return reportBadPropertyName(name, kind, r);
  if (kind === 'custom' && !name.startsWith('x_')) {
    r.warn('custom-property-prefix', S11_1, `custom property ${q(name)} should start with 'x_'`, name);
  }
}

/**
 * Checks the type name of an object the specification does not define (§11.2, §7.3.2): a-z, 0-9
 * and single hyphens, 3–250 characters, starting with a letter (§3.1). Deprecated §11.2 custom
 * objects should use the `x-` prefix; types declared through an extension definition need not.
 * Returns false when the name is unusable.
 */
export function checkCustomTypeName(type: string, viaExtension: boolean, r: Reporter): boolean {
  const section = viaExtension ? S7_3_2 : S11_2;
  if (!hasTypeChars(type, 0, type.length)) {
    r.error(
      'custom-object-type',
      section,
      `type ${q(type)} is not defined by STIX 2.1 and is not a valid custom type name (a-z, 0-9, single '-')`,
      'type',
    );
    return false;
  }
  if (type.length < 3 || type.length > 250) {
    r.error('custom-object-type', section, `custom type ${q(type)} must be 3 to 250 characters long`, 'type');
    return false;
  }
  if (!startsWithLetter(type)) {
    r.error('custom-object-type', S3_1, `type ${q(type)} must begin with a letter`, 'type');
    return false;
  }
  if (!viaExtension && !type.startsWith('x-')) {
    r.warn('custom-object-prefix', S11_2, `custom object type ${q(type)} should start with 'x-'`, 'type');
  }
  return true;
}

/** Checks a custom SCO extension name (§11.3): a-z, 0-9, '-', ending in `-ext`, 3–250 chars. */
export function checkCustomExtensionName(name: string, r: Reporter): boolean {
  if (!hasTypeChars(name, 0, name.length) || !name.endsWith('-ext') || name.length < 3 || name.length > 250) {
    r.error(
      'extension',
      S11_3,
      `${q(name)} is neither an extension-definition id nor a valid custom extension name (a-z, 0-9, '-', ending in '-ext')`,
      name,
    );
    return false;
  }
  if (!name.startsWith('x-')) r.warn('custom-extension-prefix', S11_3, `custom extension ${q(name)} should start with 'x-'`, name);
  return true;
}
