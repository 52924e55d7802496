// Concord's own new SDO types (issue 17: alerts; issue 18: rapid response): each declared by an
// extension-definition Concord publishes (STIX 2.1 §7.3), so an instance carries
// extensions[<its definition id>] with extension_type 'new-sdo' (§7.3.2.2). One helper builds
// their ObjectDefs for validate.ts and their entries of the extension registry.
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import { formatted, props } from './schema.ts';
import type { ObjectDef, Spec } from './schema.ts';

/** An ISO 3166-1 alpha-2 country code; upper case keeps it apart from a community id. */
export const COUNTRY_CODE: Spec = formatted('an ISO 3166-1 alpha-2 code in upper case', (v) => /^[A-Z]{2}$/.test(v));
/** A community id (lower case). */
export const COMMUNITY_ID: Spec = formatted('a community id', (v) => /^[a-z0-9][a-z0-9._-]{0,127}$/.test(v));

/** A Concord new SDO's definition: its property table and the extension-definition it declares. */
export interface ConcordSdoDef extends ObjectDef {
  readonly extensionId: string;
}

/** "As a new SDO extension it must follow … section 7.3.2.2": the object declares its extension. */
function checkDeclared(o: JsonRecord, def: ConcordSdoDef, r: Reporter): void {
  const id = def.extensionId;
  const extensions = o['extensions'];
  const ext = isRecord(extensions) ? extensions[id] : undefined;
  if (ext === undefined) {
    r.error('required-property', def.section, `${def.name} requires extensions[${q(id)}] with extension_type 'new-sdo'`, 'extensions');
  } else if (isRecord(ext) && ext['extension_type'] !== 'new-sdo') {
    r.push('extensions');
    r.push(id);
    r.error('extension', def.section, `the ${def.name} extension must have extension_type 'new-sdo'`, 'extension_type');
    r.pop();
    r.pop();
  }
}

/** The definition of a Concord new SDO `type` declared by `extensionId`; `more` checks across properties. */
export function concordSdoDef(
  at: { type: string; extensionId: string; section: string },
  table: Record<string, Spec>,
  required: string[],
  more?: (o: JsonRecord, r: Reporter) => void,
): ConcordSdoDef {
  const def: ConcordSdoDef = {
    name: at.type,
    section: at.section,
    category: 'sdo',
    extensionId: at.extensionId,
    props: props(table),
    required,
    check(o, r) {
      checkDeclared(o, def, r);
      more?.(o, r);
    },
  };
  return def;
}
