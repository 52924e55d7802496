// Property tables of the 19 STIX Domain Objects (STIX 2.1 §4.1–§4.19).

import { SCO_TYPES } from './categories.ts';
import { checkOneOf } from './check-value.ts';
import { KILL_CHAIN_PHASE, checkDependency, checkExclusive, checkTimeOrder } from './common.ts';
import { checkIndicatorPattern } from './pattern-check.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { ObjectDef, Spec } from './schema.ts';
import * as v from './vocab.ts';

const { STRING, LIST_OF_STRING, TIMESTAMP, BOOLEAN, props, listOf, vocab, refTo, struct } = s;

const ALIASES = LIST_OF_STRING;
const KILL_CHAIN_PHASES = listOf(struct(KILL_CHAIN_PHASE));
const ANY_OBJECT_REFS = listOf(refTo('a STIX Object', null, true));
const SOFTWARE = refTo('a software SCO', ['software']);
const MOTIVATION = vocab(v.ATTACK_MOTIVATION);
const RESOURCE_LEVEL = vocab(v.ATTACK_RESOURCE_LEVEL);

function sdo(type: string, n: number, table: Record<string, Spec>, required: string[], check?: ObjectDef['check']): ObjectDef {
  const base = { name: type, section: `STIX 2.1 §4.${n}`, category: 'sdo' as const, props: props(table), required };
  return check === undefined ? base : { ...base, check };
}

/** Reports external references whose external_id does not match `re` for a given source_name. */
function checkExternalIds(o: JsonRecord, source: string, re: RegExp, what: string, section: string, r: Reporter): void {
  const refs = o['external_references'];
  if (!Array.isArray(refs)) return;
  for (let i = 0; i < refs.length; i++) {
    const ref: unknown = refs[i];
    if (!isRecord(ref) || ref['source_name'] !== source) continue;
    const id = ref['external_id'];
    if (typeof id === 'string' && !re.test(id)) {
      r.push('external_references');
      r.push(i);
      r.error('external-id-format', section, `external_id ${q(id)} of a ${q(source)} reference must be ${what}`, 'external_id');
      r.pop();
      r.pop();
    }
  }
}

const seen = (section: string) => (o: JsonRecord, r: Reporter) => checkTimeOrder(o, 'first_seen', 'last_seen', false, section, r);

// §4.10: at least one of region, country, or latitude and longitude; coordinates go together.
function checkLocation(o: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §4.10';
  if (o['region'] === undefined && o['country'] === undefined && (o['latitude'] === undefined || o['longitude'] === undefined)) {
    r.error('required-one-of', S, 'a location needs region, country, or latitude and longitude');
  }
  checkDependency(o, 'latitude', 'longitude', S, r);
  checkDependency(o, 'longitude', 'latitude', S, r);
  checkDependency(o, 'precision', 'latitude', S, r);
}

// §4.14: exactly one of objects (deprecated container) and object_refs; object_refs holds SCOs
// and SROs, at least one SCO.
function checkObservedData(o: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §4.14';
  checkTimeOrder(o, 'first_observed', 'last_observed', false, S, r);
  checkExclusive(o, 'object_refs', 'objects', S, r);
  checkOneOf(o, ['object_refs', 'objects'], r, S);
  const objects = o['objects'];
  if (objects !== undefined) {
    r.warn('deprecated', S, 'the observable container (objects) is deprecated; use object_refs', 'objects');
    if (isRecord(objects)) {
      for (const key in objects) {
        const member = objects[key];
        if (!isRecord(member) || typeof member['type'] !== 'string') {
          r.push('objects');
          r.error('type-mismatch', 'STIX 2.1 §2.13', 'observable container values are objects with a type', key);
          r.pop();
        }
      }
    }
  }
  const refs = o['object_refs'];
  if (Array.isArray(refs) && refs.length > 0) {
    const hasSco = refs.some((ref) => typeof ref === 'string' && !/^(?:relationship|sighting)--/.test(ref));
    if (!hasSco) r.error('ref-target-type', S, 'object_refs must contain at least one SCO reference', 'object_refs');
  }
}

const OBSERVED_REFS = listOf(refTo('an SCO or SRO', [...SCO_TYPES, 'relationship', 'sighting'], true));

/** SDO definitions keyed by type. */
export const SDO_DEFS: readonly ObjectDef[] = [
  sdo(
    'attack-pattern',
    1,
    { name: STRING, description: STRING, aliases: ALIASES, kill_chain_phases: KILL_CHAIN_PHASES },
    ['name'],
    (o, r) =>
      // §4.1: "the external_id property MUST be formatted as CAPEC-[id]"
      checkExternalIds(o, 'capec', /^CAPEC-\d+$/, 'CAPEC-[id]', 'STIX 2.1 §4.1', r),
  ),
  sdo(
    'campaign',
    2,
    { name: STRING, description: STRING, aliases: ALIASES, first_seen: TIMESTAMP, last_seen: TIMESTAMP, objective: STRING },
    ['name'],
    seen('STIX 2.1 §4.2'),
  ),
  sdo('course-of-action', 3, { name: STRING, description: STRING }, ['name']),
  sdo(
    'grouping',
    4,
    { name: STRING, description: STRING, context: vocab(v.GROUPING_CONTEXT), object_refs: ANY_OBJECT_REFS },
    // The §4.4.1 table of this specification text marks name as required.
    ['name', 'context', 'object_refs'],
  ),
  sdo(
    'identity',
    5,
    {
      name: STRING,
      description: STRING,
      roles: LIST_OF_STRING,
      identity_class: vocab(v.IDENTITY_CLASS),
      sectors: listOf(vocab(v.INDUSTRY_SECTOR)),
      contact_information: STRING,
    },
    ['name'],
  ),
  sdo('incident', 6, { name: STRING, description: STRING }, ['name']),
  sdo(
    'indicator',
    7,
    {
      name: STRING,
      description: STRING,
      indicator_types: listOf(vocab(v.INDICATOR_TYPE)),
      pattern: STRING,
      pattern_type: vocab(v.PATTERN_TYPE),
      pattern_version: STRING,
      valid_from: TIMESTAMP,
      valid_until: TIMESTAMP,
      kill_chain_phases: KILL_CHAIN_PHASES,
    },
    ['pattern', 'pattern_type', 'valid_from'],
    (o, r) => {
      checkTimeOrder(o, 'valid_from', 'valid_until', true, 'STIX 2.1 §4.7', r);
      checkIndicatorPattern(o, r);
    },
  ),
  sdo(
    'infrastructure',
    8,
    {
      name: STRING,
      description: STRING,
      infrastructure_types: listOf(vocab(v.INFRASTRUCTURE_TYPE)),
      aliases: ALIASES,
      kill_chain_phases: KILL_CHAIN_PHASES,
      first_seen: TIMESTAMP,
      last_seen: TIMESTAMP,
    },
    ['name'],
    seen('STIX 2.1 §4.8'),
  ),
  sdo(
    'intrusion-set',
    9,
    {
      name: STRING,
      description: STRING,
      aliases: ALIASES,
      first_seen: TIMESTAMP,
      last_seen: TIMESTAMP,
      goals: LIST_OF_STRING,
      resource_level: RESOURCE_LEVEL,
      primary_motivation: MOTIVATION,
      secondary_motivations: listOf(MOTIVATION),
    },
    ['name'],
    seen('STIX 2.1 §4.9'),
  ),
  sdo(
    'location',
    10,
    {
      name: STRING,
      description: STRING,
      latitude: { k: 'float', min: -90, max: 90 },
      longitude: { k: 'float', min: -180, max: 180 },
      precision: s.FLOAT,
      region: vocab(v.REGION),
      country: STRING,
      administrative_area: STRING,
      city: STRING,
      street_address: STRING,
      postal_code: STRING,
    },
    [],
    checkLocation,
  ),
  sdo(
    'malware',
    11,
    {
      name: STRING,
      description: STRING,
      malware_types: listOf(vocab(v.MALWARE_TYPE)),
      is_family: BOOLEAN,
      aliases: ALIASES,
      kill_chain_phases: KILL_CHAIN_PHASES,
      first_seen: TIMESTAMP,
      last_seen: TIMESTAMP,
      operating_system_refs: listOf(SOFTWARE),
      architecture_execution_envs: listOf(vocab(v.PROCESSOR_ARCHITECTURE)),
      implementation_languages: listOf(vocab(v.IMPLEMENTATION_LANGUAGE)),
      capabilities: listOf(vocab(v.MALWARE_CAPABILITIES)),
      sample_refs: listOf(refTo('a file or artifact', ['file', 'artifact'])),
    },
    // is_family is required in the §4.11.1 table of the OASIS Standard and by the OASIS JSON schema
    // (sdos/malware.json). The Errata 01 draft text in ../shared marks it optional, yet its change
    // list (§1.3.1) touches only the malware relationships table (§4.11.2): the Standard decides.
    ['is_family'],
    (o, r) => {
      checkTimeOrder(o, 'first_seen', 'last_seen', false, 'STIX 2.1 §4.11', r);
      // §4.11.1 name: "For a malware family the name MUST be defined."
      if (o['is_family'] === true && o['name'] === undefined) {
        r.error('required-property', 'STIX 2.1 §4.11', 'a malware family (is_family: true) requires a name', 'name');
      }
    },
  ),
  sdo(
    'malware-analysis',
    12,
    {
      product: STRING,
      version: STRING,
      host_vm_ref: SOFTWARE,
      operating_system_ref: SOFTWARE,
      installed_software_refs: listOf(SOFTWARE),
      configuration_version: STRING,
      modules: LIST_OF_STRING,
      analysis_engine_version: STRING,
      analysis_definition_version: STRING,
      submitted: TIMESTAMP,
      analysis_started: TIMESTAMP,
      analysis_ended: TIMESTAMP,
      result_name: STRING,
      result: vocab(v.MALWARE_RESULT),
      analysis_sco_refs: listOf(refTo('an SCO', SCO_TYPES, true)),
      sample_ref: refTo('a file, network-traffic or artifact', ['file', 'network-traffic', 'artifact']),
    },
    ['product'],
    (o, r) => checkOneOf(o, ['result', 'analysis_sco_refs'], r, 'STIX 2.1 §4.12'),
  ),
  sdo('note', 13, { abstract: STRING, content: STRING, authors: LIST_OF_STRING, object_refs: ANY_OBJECT_REFS }, ['content', 'object_refs']),
  sdo(
    'observed-data',
    14,
    {
      first_observed: TIMESTAMP,
      last_observed: TIMESTAMP,
      number_observed: s.intRange(1, 999_999_999),
      objects: s.ANY,
      object_refs: OBSERVED_REFS,
    },
    ['first_observed', 'last_observed', 'number_observed'],
    checkObservedData,
  ),
  sdo('opinion', 15, { explanation: STRING, authors: LIST_OF_STRING, opinion: vocab(v.OPINION), object_refs: ANY_OBJECT_REFS }, [
    'opinion',
    'object_refs',
  ]),
  sdo(
    'report',
    16,
    { name: STRING, description: STRING, report_types: listOf(vocab(v.REPORT_TYPE)), published: TIMESTAMP, object_refs: ANY_OBJECT_REFS },
    ['name', 'published', 'object_refs'],
  ),
  sdo(
    'threat-actor',
    17,
    {
      name: STRING,
      description: STRING,
      threat_actor_types: listOf(vocab(v.THREAT_ACTOR_TYPE)),
      aliases: ALIASES,
      first_seen: TIMESTAMP,
      last_seen: TIMESTAMP,
      roles: listOf(vocab(v.THREAT_ACTOR_ROLE)),
      goals: LIST_OF_STRING,
      sophistication: vocab(v.THREAT_ACTOR_SOPHISTICATION),
      resource_level: RESOURCE_LEVEL,
      primary_motivation: MOTIVATION,
      secondary_motivations: listOf(MOTIVATION),
      personal_motivations: listOf(MOTIVATION),
    },
    ['name'],
    seen('STIX 2.1 §4.17'),
  ),
  sdo(
    'tool',
    18,
    {
      name: STRING,
      description: STRING,
      tool_types: listOf(vocab(v.TOOL_TYPE)),
      aliases: ALIASES,
      kill_chain_phases: KILL_CHAIN_PHASES,
      tool_version: STRING,
    },
    ['name'],
  ),
  sdo('vulnerability', 19, { name: STRING, description: STRING }, ['name'], (o, r) =>
    // §4.19: "the external_id property MUST be the exact CVE identifier"
    checkExternalIds(o, 'cve', /^CVE-\d{4}-\d{4,}$/, 'a CVE identifier (CVE-YYYY-NNNN)', 'STIX 2.1 §4.19', r),
  ),
];
