// The `extensions` common property (STIX 2.1 §3.2): extension-definition instances (§7.3),
// predefined SCO extensions (§3.10) and deprecated custom SCO extensions (§11.3).

import { KNOWN_TYPES } from './categories.ts';
import { checkStruct } from './check-value.ts';
import { checkCustomExtensionName, checkCustomPropertyName } from './custom.ts';
import { PREDEFINED_EXTENSION_NAMES } from './defs-sco-ext.ts';
import { KNOWN_EXTENSIONS, checkKnownExtension } from './extension-registry.ts';
import { isIdOfType } from './id-format.ts';
import { describe, isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import type { Category, StructDef } from './schema.ts';
import { EXTENSION_TYPE } from './vocab.ts';

const S3_2 = 'STIX 2.1 §3.2';
const S7_3 = 'STIX 2.1 §7.3';
const EXTENSION_DEFINITION_PREFIX = 'extension-definition--';

/** Bit flags for the extension types an object declares. */
export const NEW_SDO = 1;
export const NEW_SCO = 2;
export const NEW_SRO = 4;
export const TOPLEVEL_PROPERTIES = 8;

const FLAG_OF: Readonly<Record<string, number>> = {
  'new-sdo': NEW_SDO,
  'new-sco': NEW_SCO,
  'new-sro': NEW_SRO,
  'toplevel-property-extension': TOPLEVEL_PROPERTIES,
};

/** The extension types declared in `o.extensions`, as flags (no issues reported). */
export function extensionFlags(o: JsonRecord): number {
  const extensions = o['extensions'];
  if (!isRecord(extensions)) return 0;
  let flags = 0;
  for (const key in extensions) {
    const ext = extensions[key];
    if (!isRecord(ext)) continue;
    const kind = ext['extension_type'];
    if (typeof kind === 'string') flags |= FLAG_OF[kind] ?? 0;
  }
  return flags;
}

/** What the extension check needs to know about the object carrying `extensions`. */
export interface ExtensionHost {
  readonly type: string;
  readonly category: Category;
  readonly predefined: ReadonlyMap<string, StructDef> | undefined;
}

function checkDefinitionInstance(host: ExtensionHost, key: string, ext: unknown, r: Reporter): void {
  if (!isIdOfType(key, 'extension-definition')) {
    r.error('extension', S7_3, `${q(key)} is not a valid extension-definition identifier`);
  }
  if (!isRecord(ext)) return r.error('type-mismatch', S3_2, `expected an extension object, found ${describe(ext)}`);
  const kind = ext['extension_type'];
  // "When this extension facility is used the extension_type property MUST be present."
  if (kind === undefined) {
    r.error('required-property', S3_2, 'extensions defined by an extension-definition require extension_type', 'extension_type');
  } else if (typeof kind !== 'string' || !EXTENSION_TYPE.values.has(kind)) {
    r.error('closed-vocabulary', EXTENSION_TYPE.section, `'${String(kind)}' is not a value of extension-type-enum`, 'extension_type');
  } else if (kind.startsWith('new-') && KNOWN_TYPES.has(host.type)) {
    // "This extension mechanism MUST NOT be used to redefine existing standardized objects"
    r.error('extension', S7_3, `${kind} cannot be declared on the standard type ${host.type}`, 'extension_type');
  }
  // Known extensions (the Incident Extension Suite, Concord's NIS2; issue 16, must 1) are checked
  // against their property tables; others only by property name.
  const known = KNOWN_EXTENSIONS.get(key);
  if (known !== undefined) return checkKnownExtension(known, host.type, ext, r);
  for (const name in ext) {
    if (name !== 'extension_type') checkCustomPropertyName(name, 'extension-content', r);
  }
}

/** Checks a deprecated custom SCO extension (§11.3); the reporter path is at `extensions`. */
function checkCustomExtension(key: string, ext: unknown, r: Reporter): void {
  if (!checkCustomExtensionName(key, r)) return;
  if (!isRecord(ext)) return r.error('type-mismatch', 'STIX 2.1 §11.3', `expected an extension object, found ${describe(ext)}`, key);
  r.push(key);
  let count = 0;
  for (const name in ext) {
    count++;
    checkCustomPropertyName(name, 'extension-content', r);
  }
  if (count === 0) r.error('extension', 'STIX 2.1 §11.3', 'a custom extension must have one or more properties');
  r.pop();
}

/** Checks the `extensions` dictionary of an object; the reporter path is at the object. */
export function checkExtensions(host: ExtensionHost, value: unknown, r: Reporter): void {
  if (!isRecord(value)) return r.error('type-mismatch', S3_2, `expected a dictionary, found ${describe(value)}`, 'extensions');
  r.push('extensions');
  let count = 0;
  for (const key in value) {
    count++;
    const ext = value[key];
    const predefined = host.predefined?.get(key);
    const viaDefinition = key.startsWith(EXTENSION_DEFINITION_PREFIX);
    if (!viaDefinition && predefined === undefined && !PREDEFINED_EXTENSION_NAMES.has(key) && host.category === 'sco') {
      checkCustomExtension(key, ext, r);
      continue;
    }
    r.push(key);
    if (viaDefinition) {
      checkDefinitionInstance(host, key, ext, r);
    } else if (predefined !== undefined) {
      checkStruct(predefined, ext, r);
    } else if (PREDEFINED_EXTENSION_NAMES.has(key)) {
      r.error('extension', 'STIX 2.1 §3.10', `${key} is not a predefined extension of ${host.type}`);
    } else {
      // §11.3: "custom extensions can only be used with SCOs"; others use §7.3 definitions.
      r.error('extension', 'STIX 2.1 §11.3', `${q(key)} is not an extension-definition id; custom extensions exist only on SCOs`);
    }
    r.pop();
  }
  if (count === 0) r.error('empty-dictionary', 'STIX 2.1 §2.3', 'extensions must not be empty');
  r.pop();
}
