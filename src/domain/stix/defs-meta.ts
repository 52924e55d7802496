// Property tables of the SROs (STIX 2.1 §5) and the meta objects: language content (§7.1),
// marking definition (§7.2.1) and extension definition (§7.3).

import { SCO_TYPES, SDO_TYPES } from './categories.ts';
import { checkStruct } from './check-value.ts';
import { isLanguageTag, checkTimeOrder } from './common.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { ObjectDef, StructDef } from './schema.ts';
import { compareTimestamps, timestampFractionDigits } from './timestamp.ts';
import { TLP_CREATED, TLP_MARKINGS, TLP_PROPERTIES } from './tlp.ts';
import * as v from './vocab.ts';
import { checkSightingDisclosure } from '../sightings/extension.ts';

const { STRING, BOOLEAN, TIMESTAMP, LIST_OF_STRING, props, listOf, vocab, refTo, formatted } = s;

const S5_1 = 'STIX 2.1 §5.1';
const S5_2 = 'STIX 2.1 §5.2';
const S7_1 = 'STIX 2.1 §7.1';
const S7_2_1 = 'STIX 2.1 §7.2.1';
const S7_3 = 'STIX 2.1 §7.3';

// §5.1 relationship_type: "MUST be in ASCII and is limited to characters a-z, 0-9, and hyphen".
const RELATIONSHIP_TYPE_RE = /^[a-z0-9-]+$/;
// §5.1 source_ref/target_ref: an SDO or SCO, "it cannot point to an SRO, Bundle, Language
// Content, or Marking Definition"; custom object types are SDOs or SCOs of their own.
const SDO_OR_SCO = refTo('an SDO or SCO', [...SDO_TYPES, ...SCO_TYPES], true);

const RELATIONSHIP: ObjectDef = {
  name: 'relationship',
  section: S5_1,
  category: 'sro',
  props: props({
    relationship_type: formatted('made of a-z, 0-9 and hyphens', (x) => RELATIONSHIP_TYPE_RE.test(x)),
    description: STRING,
    source_ref: SDO_OR_SCO,
    target_ref: SDO_OR_SCO,
    start_time: TIMESTAMP,
    stop_time: TIMESTAMP,
  }),
  required: ['relationship_type', 'source_ref', 'target_ref'],
  check: (o, r) => checkTimeOrder(o, 'start_time', 'stop_time', true, S5_1, r),
};

const SIGHTING: ObjectDef = {
  name: 'sighting',
  section: S5_2,
  category: 'sro',
  props: props({
    description: STRING,
    first_seen: TIMESTAMP,
    last_seen: TIMESTAMP,
    count: s.intRange(0, 999_999_999),
    // "This property MUST reference only an SDO."
    sighting_of_ref: refTo('an SDO', SDO_TYPES, true),
    observed_data_refs: listOf(refTo('an observed-data', ['observed-data'])),
    where_sighted_refs: listOf(refTo('an identity or location', ['identity', 'location'])),
    // The §5.2.1 table lists the type as string, but the description ("Default value is false")
    // and the 2.1 schemas make it a boolean.
    summary: BOOLEAN,
  }),
  required: ['sighting_of_ref'],
  check: (o, r) => {
    checkTimeOrder(o, 'first_seen', 'last_seen', false, S5_2, r);
    // Issue 17, must 2: an undisclosed sighting names no organisation.
    checkSightingDisclosure(o, r);
  },
};

// §7.1.1 contents: keys are RFC 5646 language codes; values mirror the translated properties.
function checkContents(o: JsonRecord, r: Reporter): void {
  const contents = o['contents'];
  if (!isRecord(contents)) return;
  r.push('contents');
  let count = 0;
  for (const lang in contents) {
    count++;
    if (!isLanguageTag(lang)) r.error('value-format', S7_1, `${q(lang)} is not an RFC 5646 language code`, lang);
    const translation = contents[lang];
    if (!isRecord(translation)) r.error('type-mismatch', S7_1, 'each language maps to a dictionary of translated properties', lang);
    else if (Object.keys(translation).length === 0) r.error('empty-dictionary', 'STIX 2.1 §2.3', 'dictionaries must not be empty', lang);
  }
  if (count === 0) r.error('empty-dictionary', 'STIX 2.1 §2.3', 'contents must not be empty');
  r.pop();
}

const LANGUAGE_CONTENT: ObjectDef = {
  name: 'language-content',
  section: S7_1,
  category: 'language-content',
  props: props({ object_ref: refTo('a STIX Object', null, true), object_modified: TIMESTAMP, contents: s.dictOf(s.ANY) }),
  required: ['object_ref', 'contents'],
  check: checkContents,
};

const STATEMENT_MARKING: StructDef = {
  name: 'statement marking',
  section: 'STIX 2.1 §7.2.1.3',
  props: props({ statement: STRING }),
  required: ['statement'],
};

const TLP_MARKING: StructDef = { name: 'TLP marking', section: 'STIX 2.1 §7.2.1.4', props: props({ tlp: STRING }), required: ['tlp'] };

function checkTlpMarking(o: JsonRecord, definition: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §7.2.1.4';
  const level = definition['tlp'];
  if (typeof level !== 'string') return;
  const standard = TLP_MARKINGS.get(level);
  if (standard === undefined) return r.error('tlp-marking', S, `${q(level)} is not a TLP level (white, green, amber, red)`, 'definition');
  // "the only instances of TLP marking definitions permitted are those defined here"
  if (o['id'] !== standard.id) r.error('tlp-marking', S, `${standard.name} must use the standard id ${standard.id}`, 'id');
  const created = o['created'];
  if (typeof created === 'string' && timestampFractionDigits(created) >= 0 && compareTimestamps(created, TLP_CREATED) !== 0) {
    r.error('tlp-marking', S, `the standard TLP marking definitions were created ${TLP_CREATED}`, 'created');
  }
  const name = o['name'];
  if (name !== undefined && name !== standard.name) r.error('tlp-marking', S, `the standard name is ${q(standard.name)}`, 'name');
  for (const key in o) {
    if (!TLP_PROPERTIES.has(key)) r.error('tlp-marking', S, `the standard ${standard.name} definition has no ${key}`, key);
  }
}

function checkMarkingDefinition(o: JsonRecord, r: Reporter): void {
  // definition_type and definition: "If the extensions property is not present, this property MUST be present."
  if (o['extensions'] === undefined) {
    for (const name of ['definition_type', 'definition']) {
      if (o[name] === undefined) r.error('required-property', S7_2_1, `${name} is required when extensions is absent`, name);
    }
  }
  const definition = o['definition'];
  const kind = o['definition_type'];
  if (definition !== undefined) {
    r.push('definition');
    if (!isRecord(definition)) r.error('type-mismatch', S7_2_1, 'definition must be a marking object');
    else if (kind === 'statement') checkStruct(STATEMENT_MARKING, definition, r);
    else if (kind === 'tlp') checkStruct(TLP_MARKING, definition, r);
    r.pop();
    if (kind === 'tlp' && isRecord(definition)) checkTlpMarking(o, definition, r);
  }
  // §3.2 object_marking_refs: "MUST NOT contain any references to the same Marking Definition".
  const refs = o['object_marking_refs'];
  if (Array.isArray(refs) && refs.includes(o['id'])) {
    r.error('circular-marking', 'STIX 2.1 §3.2', 'a marking definition must not mark itself', 'object_marking_refs');
  }
  const granular = o['granular_markings'];
  if (Array.isArray(granular) && granular.some((g) => isRecord(g) && g['marking_ref'] === o['id'])) {
    r.error('circular-marking', 'STIX 2.1 §3.2', 'a marking definition must not mark itself', 'granular_markings');
  }
}

const MARKING_DEFINITION: ObjectDef = {
  name: 'marking-definition',
  section: S7_2_1,
  category: 'marking-definition',
  props: props({ name: STRING, definition_type: vocab(v.MARKING_DEFINITION_TYPE), definition: s.ANY }),
  required: [],
  check: checkMarkingDefinition,
};

const EXTENSION_DEFINITION: ObjectDef = {
  name: 'extension-definition',
  section: S7_3,
  category: 'extension-definition',
  props: props({
    name: STRING,
    description: STRING,
    schema: STRING,
    version: STRING,
    extension_types: listOf(vocab(v.EXTENSION_TYPE)),
    extension_properties: LIST_OF_STRING,
  }),
  required: ['name', 'schema', 'version', 'extension_types'],
  check: (o, r) => {
    // "This property MUST only be used when the extension_types property includes a value of
    // toplevel-property-extension."
    const types = o['extension_types'];
    if (o['extension_properties'] !== undefined && !(Array.isArray(types) && types.includes('toplevel-property-extension'))) {
      r.error('property-dependency', S7_3, 'extension_properties requires a toplevel-property-extension', 'extension_properties');
    }
  },
};

/** SRO and meta object definitions. */
export const META_DEFS: readonly ObjectDef[] = [RELATIONSHIP, SIGHTING, LANGUAGE_CONTENT, MARKING_DEFINITION, EXTENSION_DEFINITION];
