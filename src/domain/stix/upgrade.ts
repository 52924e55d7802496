// Mechanical upgrade of STIX 2.0 objects to STIX 2.1. Only changes that follow from the 2.1
// property tables without judgement are made; anything else is left for validation to report.
//
// What changed between 2.0 and 2.1 for the objects handled here:
// - every 2.1 SDO, SRO and meta object carries spec_version '2.1' (§3.2); 2.0 objects had none;
// - 2.0 put subtypes in `labels`; 2.1 has dedicated open-vocabulary properties for them and says
//   labels "MUST NOT be used for that purpose" (§3.2): indicator_types (§4.7), malware_types
//   (§4.11), tool_types (§4.18), threat_actor_types (§4.17), report_types (§4.16). The labels are
//   copied, not moved, so that nothing of the original object is lost;
// - indicators name their pattern language in pattern_type (§4.7); 2.0 patterns were STIX patterns;
// - malware must say whether it is a family (is_family, required by §4.11.1 of the Standard). 2.0
//   Malware covered "samples and families" alike, so no mapping is mechanical; `true` is taken
//   because every 2.0 malware has the name a family requires, and the change is named in the summary;
// - the standard TLP marking definitions gained a name, e.g. TLP:GREEN (§7.2.1.4);
// - observed-data keeps its embedded `objects` (deprecated but allowed, §2.13, §4.14).

import { KNOWN_TYPES, STIX20_TYPES } from './categories.ts';
import { isTypeNameAt } from './ids.ts';
import { timestampFractionDigits } from './timestamp.ts';
import { TLP_MARKINGS } from './tlp.ts';
import type { JsonObject, JsonValue, StixObject } from './types.ts';

/** Result of upgrading one object: the 2.1 object and what was changed, as stable short strings. */
export interface Upgrade {
  object: StixObject;
  changes: string[];
}

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Custom object types (§11.2) also existed in 2.0; versioned ones then lacked spec_version. */
function isCustom20(obj: JsonObject, type: string): boolean {
  return !KNOWN_TYPES.has(type) && isTypeNameAt(type, type.length) && obj['created'] !== undefined;
}

/**
 * True for a STIX 2.0 object: no `spec_version`, an `id`, and a type that existed in 2.0 (the 2.0
 * SDOs and SROs, marking-definition, or a versioned custom object). SCOs without spec_version are
 * 2.1 SCOs (their spec_version defaults to 2.1, §3.2).
 */
export function isStix20(obj: unknown): obj is StixObject {
  if (!isJsonObject(obj) || obj['spec_version'] !== undefined) return false;
  const type = obj['type'];
  if (typeof type !== 'string' || typeof obj['id'] !== 'string' || type === 'bundle') return false;
  return STIX20_TYPES.has(type) || isCustom20(obj, type);
}

/** 2.0 label properties and the 2.1 property that now holds the subtype. */
const LABEL_TARGETS: Readonly<Record<string, string>> = {
  indicator: 'indicator_types',
  malware: 'malware_types',
  tool: 'tool_types',
  'threat-actor': 'threat_actor_types',
  report: 'report_types',
};

function copyLabels(out: JsonObject, type: string, changes: string[]): void {
  const target = LABEL_TARGETS[type];
  const labels = out['labels'];
  if (target === undefined || out[target] !== undefined || !Array.isArray(labels) || labels.length === 0) return;
  if (!labels.every((l) => typeof l === 'string')) return;
  out[target] = [...labels];
  changes.push(`${type} labels copied to ${target}`);
}

/** Pads `2016-01-01T00:00:00Z` to `2016-01-01T00:00:00.000Z`: same instant (§2.16), ms precision (§3.2). */
function padMilliseconds(out: JsonObject, key: string, changes: string[]): void {
  const value = out[key];
  if (typeof value !== 'string') return;
  const digits = timestampFractionDigits(value);
  if (digits < 0 || digits >= 3) return;
  const base = value.slice(0, 19);
  const fraction = digits === 0 ? '' : value.slice(20, 20 + digits);
  out[key] = `${base}.${fraction.padEnd(3, '0')}Z`;
  changes.push(`${key} padded to millisecond precision`);
}

function setIfAbsent(out: JsonObject, key: string, value: JsonValue, change: string, changes: string[]): void {
  if (out[key] !== undefined) return;
  out[key] = value;
  changes.push(change);
}

/** Gives a standard TLP marking definition its 2.1 name (§7.2.1.4 lists the objects verbatim). */
function nameTlpMarking(out: JsonObject, changes: string[]): void {
  const definition = out['definition'];
  if (out['definition_type'] !== 'tlp' || !isJsonObject(definition)) return;
  const level = definition['tlp'];
  const standard = typeof level === 'string' ? TLP_MARKINGS.get(level) : undefined;
  if (standard === undefined || out['id'] !== standard.id) return;
  setIfAbsent(out, 'name', standard.name, 'tlp marking name added', changes);
}

/** Applies the mechanical STIX 2.0 → 2.1 changes to a copy of `obj` (the input is not modified). */
export function upgradeFrom20(obj: StixObject): Upgrade {
  const changes: string[] = [];
  // Rebuild so that spec_version follows type, where 2.1 producers put it.
  const out: StixObject = { type: obj.type, spec_version: '2.1', id: obj.id };
  for (const key in obj) {
    const value = obj[key];
    if (key !== 'type' && key !== 'id' && key !== 'spec_version' && value !== undefined) out[key] = value;
  }
  changes.push('spec_version added');
  padMilliseconds(out, 'created', changes);
  padMilliseconds(out, 'modified', changes);
  copyLabels(out, obj.type, changes);
  if (obj.type === 'indicator') setIfAbsent(out, 'pattern_type', 'stix', 'indicator pattern_type added', changes);
  if (obj.type === 'malware') setIfAbsent(out, 'is_family', true, 'malware is_family added', changes);
  if (obj.type === 'marking-definition') nameTlpMarking(out, changes);
  return { object: out, changes };
}
