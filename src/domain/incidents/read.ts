// Reading the incident extensions out of a stored (validated) incident, for the services and
// screens built on them (issue 16). The object has passed validation, so only shapes are checked.

import type { JsonObject, JsonValue } from '../stix/types.ts';
import { CONCORD_NIS2_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID, type IncidentDetermination, type Nis2IncidentExtension } from './types.ts';

/** The extension `id` of a STIX object, when it carries one (STIX 2.1 §7.3). */
export function extensionOf(o: JsonObject, id: string): JsonObject | undefined {
  const extensions = o['extensions'];
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return undefined;
  const ext: JsonValue | undefined = extensions[id];
  return typeof ext === 'object' && ext !== null && !Array.isArray(ext) ? ext : undefined;
}

/** The Incident Core Extension's status fields, when the incident carries it. */
export interface IncidentCore {
  determination: IncidentDetermination;
  investigation_status: string;
  criticality?: number;
  event_refs: string[];
  impact_refs: string[];
  task_refs: string[];
}

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The core extension of an incident (Incident Extension Suite §2.1), or undefined. */
export function incidentCoreOf(incident: JsonObject): IncidentCore | undefined {
  const ext = extensionOf(incident, INCIDENT_CORE_EXTENSION_ID);
  if (ext === undefined) return undefined;
  const core: IncidentCore = {
    determination: ext['determination'] as IncidentDetermination,
    investigation_status: String(ext['investigation_status']),
    event_refs: strings(ext['event_refs']),
    impact_refs: strings(ext['impact_refs']),
    task_refs: strings(ext['task_refs']),
  };
  if (typeof ext['criticality'] === 'number') core.criticality = ext['criticality'];
  return core;
}

/** Concord's NIS2 extension of an incident, or undefined. */
export function nis2Of(incident: JsonObject): Nis2IncidentExtension | undefined {
  return extensionOf(incident, CONCORD_NIS2_EXTENSION_ID) as Nis2IncidentExtension | undefined;
}
