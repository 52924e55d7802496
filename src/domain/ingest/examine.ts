// The pure part of ingestion: from one raw object text to either a PreparedObject ready to
// store or a quarantine reason. No I/O; the ingest service batches and stores.
import { versionKey } from '../stix/timestamp.ts';
import type { JsonValue, StixIssue, StixObject } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import { isStix20, upgradeFrom20 } from '../stix/upgrade.ts';
import { isIncidentSuiteObject, upgradeIncidentSuite } from '../stix/upgrade-incident.ts';
import { parsePattern } from '../patterns/parser.ts';
import { observablesFromPattern, observablesFromSco } from '../observables/extract.ts';
import type { Observable } from '../observables/types.ts';
import type { PreparedObject } from './prepared.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../markings/concord-markings.ts';
import { ownDay } from '../dashboard/own-time.ts';
import { extractRefs } from './refs.ts';
import { searchText } from './search-text.ts';

/** The outcome for one object. */
export type Examined =
  | { ok: true; prepared: PreparedObject; object: StixObject; upgrades: string[]; warnings: StixIssue[] }
  | { ok: false; reason: 'JSON_MALFORMED' | 'STIX_INVALID'; objectId: string | null; message: string; details: unknown };

function idOf(value: unknown): string | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as Record<string, unknown>)['id'];
    if (typeof id === 'string') return id;
  }
  return null;
}

/** The normalised observable values an object carries: an indicator's STIX pattern's, an SCO's own. */
export function observablesOf(obj: StixObject): Observable[] {
  if (obj.type === 'indicator') {
    if (obj['pattern_type'] !== 'stix' || typeof obj['pattern'] !== 'string') return [];
    const parsed = parsePattern(obj['pattern']);
    return parsed.ok ? observablesFromPattern(parsed.ast) : [];
  }
  return observablesFromSco(obj);
}

function stringOrNull(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

/** The distribution text of Concord's object extension (DESIGN.md, Federation), unchecked. */
function concordDistributionText(obj: StixObject): string | null {
  const extensions = obj['extensions'];
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return null;
  const ext = extensions[CONCORD_OBJECT_EXTENSION_ID];
  if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) return null;
  const d = ext['distribution'];
  return typeof d === 'string' ? d : null;
}

/** Builds the stored form of a valid object. */
export function prepare(obj: StixObject, json: string): PreparedObject {
  const modified = stringOrNull(obj['modified']);
  const created = stringOrNull(obj['created']);
  const labels = Array.isArray(obj['labels']) ? obj['labels'].filter((l): l is string => typeof l === 'string') : [];
  return {
    id: obj.id,
    type: obj.type,
    specVersion: stringOrNull(obj['spec_version']) ?? '2.1',
    version: versionKey(modified ?? created ?? '') ?? '',
    created: created === null ? null : (versionKey(created) ?? null),
    createdByRef: stringOrNull(obj['created_by_ref']),
    revoked: obj['revoked'] === true,
    labels,
    json,
    searchText: searchText(obj),
    refs: extractRefs(obj),
    observables: observablesOf(obj),
    markingRefs: Array.isArray(obj['object_marking_refs'])
      ? obj['object_marking_refs'].filter((r): r is string => typeof r === 'string')
      : [],
    distribution: concordDistributionText(obj),
    ownDay: ownDay(obj),
    relationshipType: obj.type === 'relationship' ? stringOrNull(obj['relationship_type']) : null,
  };
}

/** Parses, upgrades (STIX 2.0), validates and prepares one object given as JSON text. */
export function examine(text: string): Examined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'JSON_MALFORMED', objectId: null, message: (e as Error).message, details: null };
  }
  return examineValue(value);
}

/**
 * Upgrades (STIX 2.0), validates and prepares one parsed object. `compact`: its
 * `JSON.stringify`, when the caller has it already (a peer's page, parsed once), which is then
 * stored as it is unless an upgrade changed the object.
 */
export function examineValue(parsed: unknown, compact?: string): Examined {
  let value = parsed;
  let upgrades: string[] = [];
  if (isStix20(value)) {
    const up = upgradeFrom20(value as StixObject);
    value = up.object;
    upgrades = up.changes;
  }
  // The Incident Extension Suite draft's older names (issue 16, must 1), named like the above.
  if (isIncidentSuiteObject(value)) {
    const up = upgradeIncidentSuite(value);
    value = up.object;
    upgrades = [...upgrades, ...up.changes];
  }
  const result = validateObject(value);
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    const message = first ? `${first.path}: ${first.message} (${first.section})` : 'invalid STIX object';
    return { ok: false, reason: 'STIX_INVALID', objectId: idOf(value), message, details: { issues: errors } };
  }
  const obj = value as StixObject;
  // Stored compact, so the same object sent with other whitespace is byte-identical.
  const json = compact !== undefined && upgrades.length === 0 ? compact : JSON.stringify(obj);
  return { ok: true, prepared: prepare(obj, json), object: obj, upgrades, warnings: result.issues };
}
