// STIX 2.1 validation of single objects and of bundle envelopes. Objects of a bundle are
// validated one by one by the caller as they stream in; validateBundle checks only §8 itself.

import { checkOneOf, checkTimestamp, checkValue } from './check-value.ts';
import { CATEGORY_RULES, COMMON_NAMES, COMMON_PROPERTIES, S3_2 } from './common.ts';
import { checkCustomPropertyName, checkCustomTypeName, type CustomPropertyKind } from './custom.ts';
import { SDO_DEFS } from './defs-sdo.ts';
import { SCO_DEFS } from './defs-sco.ts';
import { META_DEFS } from './defs-meta.ts';
import { SUITE_SDO_DEFS } from './defs-incident-sdo.ts';
import { ALERT_SDO_DEFS } from '../alerts/defs.ts';
import { ASSISTANCE_SDO_DEFS } from '../assistance/defs-work.ts';
import { NEW_SCO, NEW_SDO, NEW_SRO, TOPLEVEL_PROPERTIES, checkExtensions, extensionFlags } from './extensions.ts';
import { idType, isIdOfType, isStixId } from './id-format.ts';
import { checkSelectors } from './markings.ts';
import { Reporter, describe, isRecord, type JsonRecord, q } from './reporter.ts';
import type { Category, ObjectDef } from './schema.ts';
import { compareTimestamps } from './timestamp.ts';
import type { ValidationResult } from './types.ts';

const S2_9 = 'STIX 2.1 §2.9';
const S8 = 'STIX 2.1 §8';
const S11_2 = 'STIX 2.1 §11.2';

/** Every object type the specification defines, keyed by type name. */
export const OBJECT_DEFS: ReadonlyMap<string, ObjectDef> = new Map(
  [...SDO_DEFS, ...SCO_DEFS, ...META_DEFS].map((def) => [def.name, def] as const),
);

/** Types defined by extension-definitions whose property tables Concord knows (issue 16, must 1;
 *  issue 17, must 4: the alert rule and alert; issue 18: rapid response's six SDOs). */
const EXTENSION_DEFS: ReadonlyMap<string, ObjectDef> = new Map(
  [...SUITE_SDO_DEFS, ...ALERT_SDO_DEFS, ...ASSISTANCE_SDO_DEFS].map((def) => [def.name, def] as const),
);

const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  sdo: 'SDOs',
  sro: 'SROs',
  sco: 'SCOs',
  'language-content': 'language-content objects',
  'marking-definition': 'marking-definition objects',
  'extension-definition': 'extension-definition objects',
};

// One reporter for all calls: validation is synchronous and never re-entered.
const reporter = new Reporter();

function checkId(o: JsonRecord, type: string, r: Reporter): void {
  const id = o['id'];
  if (id === undefined) return; // reported as a missing required property
  if (typeof id !== 'string') return r.error('type-mismatch', S2_9, `expected an identifier string, found ${describe(id)}`, 'id');
  if (isIdOfType(id, type)) return;
  if (!isStixId(id)) return r.error('identifier-format', S2_9, `${q(id)} is not an identifier of the form ${type}--<UUID>`, 'id');
  r.error('identifier-type-mismatch', S2_9, `id is for type '${idType(id) ?? ''}' but the object's type is ${q(type)}`, 'id');
}

/** Common properties with special rules: spec_version, created/modified (below), extensions. */
function checkCommon(o: JsonRecord, key: string, type: string, def: ObjectDef | undefined, category: Category, r: Reporter): void {
  if (CATEGORY_RULES[category].forbidden.has(key)) {
    r.error('forbidden-property', S3_2, `${key} must not be used on ${CATEGORY_LABEL[category]}`, key);
    return;
  }
  const value = o[key];
  if (key === 'spec_version') {
    if (value !== '2.1') r.error('spec-version', S3_2, `spec_version must be '2.1', found ${JSON.stringify(value)}`, key);
  } else if (key === 'extensions') {
    checkExtensions({ type, category, predefined: def?.extensions }, value, r);
  } else if (key !== 'created' && key !== 'modified') {
    const spec = COMMON_PROPERTIES.get(key);
    if (spec === undefined) return;
    r.push(key);
    checkValue(spec, value, r, S3_2);
    r.pop();
  }
}

/** Checks every property present; returns how many are not common properties. */
function checkProperties(
  o: JsonRecord,
  type: string,
  def: ObjectDef | undefined,
  category: Category,
  kind: CustomPropertyKind,
  r: Reporter,
): number {
  let specific = 0;
  for (const key in o) {
    if (key === 'type' || key === 'id') continue;
    const spec = def?.props.get(key);
    if (def !== undefined && spec !== undefined) {
      specific++;
      r.push(key);
      checkValue(spec, o[key], r, def.section);
      r.pop();
    } else if (COMMON_NAMES.has(key)) {
      checkCommon(o, key, type, def, category, r);
    } else {
      specific++;
      checkCustomPropertyName(key, kind, r);
    }
  }
  return specific;
}

function checkRequired(o: JsonRecord, def: ObjectDef | undefined, category: Category, r: Reporter): void {
  for (const name of CATEGORY_RULES[category].required) {
    if (o[name] === undefined) r.error('required-property', S3_2, `${name} is required on ${CATEGORY_LABEL[category]}`, name);
  }
  if (def === undefined) return;
  for (const name of def.required) {
    if (o[name] === undefined) r.error('required-property', def.section, `${def.name} requires ${q(name)}`, name);
  }
}

const VERSION_KEYS = ['created', 'modified'] as const;

/** created/modified: timestamps with at least millisecond precision, modified ≥ created (§3.2). */
function checkVersioning(o: JsonRecord, category: Category, r: Reporter): void {
  const forbidden = CATEGORY_RULES[category].forbidden;
  let valid = 0;
  for (const key of VERSION_KEYS) {
    const value = o[key];
    if (value === undefined || forbidden.has(key)) continue;
    r.push(key);
    const digits = checkTimestamp(value, r, S3_2);
    if (digits >= 0 && digits < 3) r.error('timestamp-precision', S3_2, `${key} must have at least millisecond precision`);
    if (digits >= 0) valid++;
    r.pop();
  }
  const created = o['created'];
  const modified = o['modified'];
  if (valid === 2 && typeof created === 'string' && typeof modified === 'string' && compareTimestamps(modified, created) < 0) {
    r.error('modified-before-created', S3_2, 'modified must be later than or equal to created', 'modified');
  }
}

/** Category of an object type the specification does not define (§7.3 extension types, §11.2). */
function customCategory(o: JsonRecord, flags: number): Category {
  if (flags & NEW_SCO) return 'sco';
  if (flags & NEW_SRO) return 'sro';
  if (flags & NEW_SDO) return 'sdo';
  // A deprecated §11.2 custom object: versioned like an SDO when it carries created/modified.
  return o['created'] !== undefined || o['modified'] !== undefined ? 'sdo' : 'sco';
}

function checkObject(o: unknown, r: Reporter): void {
  if (!isRecord(o)) return r.error('type-mismatch', S3_2, `a STIX Object is a JSON object, found ${describe(o)}`);
  const type = o['type'];
  if (typeof type !== 'string') {
    if (type === undefined) r.error('required-property', S3_2, 'type is required', 'type');
    else r.error('type-mismatch', S3_2, `type must be a string, found ${describe(type)}`, 'type');
    return;
  }
  if (type === 'bundle') return r.error('type-mismatch', S8, 'a bundle is not a STIX Object; validate it with validateBundle', 'type');
  const def = OBJECT_DEFS.get(type) ?? EXTENSION_DEFS.get(type);
  const flags = extensionFlags(o);
  let category: Category;
  if (def !== undefined) {
    category = def.category;
  } else {
    if (!checkCustomTypeName(type, (flags & (NEW_SDO | NEW_SCO | NEW_SRO)) !== 0, r)) return;
    category = customCategory(o, flags);
  }
  const kind: CustomPropertyKind = def === undefined || (flags & TOPLEVEL_PROPERTIES) !== 0 ? 'extension' : 'custom';
  checkId(o, type, r);
  const specific = checkProperties(o, type, def, category, kind, r);
  checkRequired(o, def, category, r);
  checkVersioning(o, category, r);
  if (def?.oneOf !== undefined) checkOneOf(o, def.oneOf, r, def.section);
  if (def?.check !== undefined) def.check(o, r);
  if (def === undefined && specific === 0) r.error('custom-object', S11_2, 'a custom object must have one or more properties of its own');
  if (o['granular_markings'] !== undefined) checkSelectors(o, r);
}

function internalError(r: Reporter, e: unknown): void {
  // Validation must never throw on input; a defect here quarantines the object instead.
  r.error('internal-error', 'STIX 2.1', `validation failed: ${e instanceof Error ? e.message : String(e)}`);
}

/** Validates one STIX 2.1 object (SDO, SCO, SRO, meta or custom object) without following references. */
export function validateObject(obj: unknown): ValidationResult {
  return run(checkObject, obj);
}

/** Runs one check with the shared reporter; a defect in a check becomes an issue, not a throw. */
function run(check: (value: unknown, r: Reporter) => void, value: unknown): ValidationResult {
  const r = reporter;
  r.begin();
  try {
    check(value, r);
  } catch (e) {
    internalError(r, e);
  }
  return r.finish();
}

function checkBundle(b: unknown, r: Reporter): void {
  if (!isRecord(b)) return r.error('type-mismatch', S8, `a bundle is a JSON object, found ${describe(b)}`);
  for (const key in b) {
    const value = b[key];
    if (key === 'type') {
      if (value !== 'bundle') r.error('enum', S8, `type must be 'bundle', found ${JSON.stringify(value)}`, key);
    } else if (key === 'id') {
      if (typeof value !== 'string') r.error('type-mismatch', S2_9, `expected an identifier string, found ${describe(value)}`, key);
      else if (!isIdOfType(value, 'bundle')) {
        const rule = isStixId(value) ? 'identifier-type-mismatch' : 'identifier-format';
        r.error(rule, S2_9, `${q(value)} is not an identifier of the form bundle--<UUID>`, key);
      }
    } else if (key === 'objects') {
      if (!Array.isArray(value)) r.error('type-mismatch', S8, `objects must be a list, found ${describe(value)}`, key);
      else if (value.length === 0) r.error('empty-list', 'STIX 2.1 §2.12', 'objects must not be empty; omit it instead', key);
    } else if (key === 'spec_version') {
      // STIX 2.0 bundles carried spec_version; a 2.1 bundle has none (§3.2 table: N/A).
      r.warn('forbidden-property', S8, 'bundles have no spec_version in STIX 2.1 (a STIX 2.0 bundle?)', key);
    } else {
      checkCustomPropertyName(key, 'custom', r);
    }
  }
  if (b['type'] === undefined) r.error('required-property', S8, 'type is required', 'type');
  if (b['id'] === undefined) r.error('required-property', S8, 'id is required', 'id');
}

/** Validates a bundle envelope (STIX 2.1 §8): type, id and the objects list, not the objects in it. */
export function validateBundle(bundle: unknown): ValidationResult {
  return run(checkBundle, bundle);
}
