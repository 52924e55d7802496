// Sharing an incident across borders (issue 16, must 6; NIS2 Art. 23(6): the CSIRT informs the
// other affected member states' CSIRTs). STIX 2.1 §3.6 lets only an object's creator version it,
// so a CSIRT shares an entity's incident by publishing its OWN incident derived from it (whole or
// summary), and shares an incident it owns by re-marking it. Pure: the service stores.
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../errors.ts';
import type { Org } from '../identity/types.ts';
import type { JsonObject } from '../stix/types.ts';
import type { ShareView } from './api.ts';
import { EU_MEMBER_STATES } from './nis2-sectors.ts';
import { extensionOf, incidentCoreOf, nis2Of } from './read.ts';
import { CONCORD_NIS2_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID, type Nis2ReportExtension } from './types.ts';

/** A STIX object the CSIRT publishes (the write service composes the rest, STIX 2.1 §3.2). */
export type NewObject = JsonObject & { type: string; id: string };

/** What the node keeps of each share (migration 0034): the view plus the group it made. */
export interface IncidentShareRecord extends ShareView {
  incidentId: string;
  /** The sharing group the shared objects are distributed to. */
  sharingGroup: string;
  /** The sharing organisation. */
  orgId: string;
}

/** Member states to share with: the request's, else the incident's affected ones; EU codes only. */
export function shareStates(requested: readonly string[] | undefined, incident: JsonObject): string[] {
  const given = requested ?? nis2Of(incident)?.member_states_affected ?? [];
  const out: string[] = [];
  for (const [i, raw] of given.entries()) {
    const cc = raw.trim().toUpperCase();
    if (!EU_MEMBER_STATES.has(cc)) {
      throw new InvalidInputError(`memberStates[${i}] "${raw}" is not an EU member state (ISO 3166-1 alpha-2, GR for Greece)`, {
        field: `memberStates[${i}]`,
      });
    }
    if (!out.includes(cc)) out.push(cc);
  }
  if (out.length === 0) {
    throw new InvalidInputError('no member state to share with: name memberStates, or set the member states affected on the incident', {
      field: 'memberStates',
    });
  }
  return out;
}

/**
 * The CSIRTs of `states` (organisations whose NIS2 role is csirt, on this node or on peers),
 * other than the sharer. A state without a CSIRT is an error naming it: sharing with fewer
 * states than asked would be silent loss.
 */
export function csirtsOf(states: readonly string[], orgs: readonly Org[], sharer: string): Org[] {
  const out: Org[] = [];
  for (const cc of states) {
    const found = orgs.filter((o) => o.nis2Role === 'csirt' && !o.disabled && o.country === cc && o.id !== sharer);
    const own = orgs.some((o) => o.id === sharer && o.country === cc);
    if (found.length === 0 && !own) {
      throw new InvalidInputError(`no CSIRT organisation of member state ${cc} is known here or at a peer; add it with its NIS2 role`, {
        field: 'memberStates',
      });
    }
    for (const o of found) if (!out.some((x) => x.id === o.id)) out.push(o);
  }
  if (out.length === 0) throw new InvalidInputError('the only CSIRT of these member states is yours', { field: 'memberStates' });
  return out;
}

/** The name of a share's sharing group: unique, and saying what it is for. It travels with
 *  every shared object (federation GroupStatement), so it names the sharer, not the incident
 *  (whose name may name the entity). */
export function shareGroupName(kind: 'share' | 'handover', sharer: string, id: string): string {
  return `${kind === 'handover' ? 'Handover' : 'Cross-border share'} by ${sharer} (${id.slice(0, 8)})`;
}

const INCIDENT_KEYS = ['name', 'description', 'first_seen', 'last_seen'] as const;

/**
 * The CSIRT's own incident carrying an entity's incident whole (mode `whole`): its name,
 * description, Incident Core Extension status and NIS2 extension (Incident Extension Suite §2.1).
 * The core extension's references stay behind: they name the entity's objects, which do not
 * travel (the CSIRT's report carries their content).
 */
export function derivedIncident(original: JsonObject, coordinator?: string): NewObject {
  const out: NewObject = { type: 'incident', id: `incident--${randomUUID()}` };
  for (const k of INCIDENT_KEYS) if (original[k] !== undefined) out[k] = original[k];
  const extensions: JsonObject = {};
  const core = incidentCoreOf(original);
  if (core !== undefined) {
    extensions[INCIDENT_CORE_EXTENSION_ID] = {
      extension_type: 'property-extension',
      determination: core.determination,
      investigation_status: core.investigation_status,
      ...(core.criticality !== undefined ? { criticality: core.criticality } : {}),
    };
  }
  const nis2 = extensionOf(original, CONCORD_NIS2_EXTENSION_ID);
  if (nis2 !== undefined) extensions[CONCORD_NIS2_EXTENSION_ID] = withCoordinator(nis2, coordinator);
  if (Object.keys(extensions).length > 0) out['extensions'] = extensions;
  return out;
}

/** The NIS2 fields of a summary (mode `summary`): the aggregates ENISA and peers compare. */
const SUMMARY_FIELDS = [
  'aware_at',
  'sector',
  'subsector',
  'severity',
  'rsit_classification',
  'rsit_type',
  'member_states_affected',
  'cross_border_impact',
  'significant',
] as const;

/**
 * The CSIRT's own summary incident (mode `summary`): the name (or the CSIRT's `name` for it), the
 * CSIRT's summary text and the NIS2 aggregate fields; no affected_entity_ref.
 */
export function summaryIncident(original: JsonObject, summary: string, name?: string): NewObject {
  const nis2 = nis2Of(original);
  const ext: Record<string, unknown> = { extension_type: 'property-extension' };
  for (const k of SUMMARY_FIELDS) if (nis2?.[k] !== undefined) ext[k] = nis2[k];
  const core = incidentCoreOf(original);
  return {
    type: 'incident',
    id: `incident--${randomUUID()}`,
    name: name ?? String(original['name'] ?? 'Incident'),
    description: summary,
    extensions: {
      ...(core !== undefined
        ? {
            [INCIDENT_CORE_EXTENSION_ID]: {
              extension_type: 'property-extension',
              determination: core.determination,
              investigation_status: core.investigation_status,
            },
          }
        : {}),
      ...(nis2 !== undefined ? { [CONCORD_NIS2_EXTENSION_ID]: ext as JsonObject } : {}),
    },
  };
}

/** An incident's NIS2 extension with the coordinating organisation of a handover set. */
export function withCoordinator(nis2: JsonObject, coordinator: string | undefined): JsonObject {
  return coordinator === undefined ? { ...nis2 } : { ...nis2, coordinator_ref: coordinator };
}

const REPORT_LABELS: [keyof Nis2ReportExtension, string][] = [
  ['summary', 'Summary'],
  ['initial_assessment', 'Initial assessment'],
  ['severity', 'Severity'],
  ['impact', 'Impact'],
  ['suspected_malicious', 'Suspected unlawful or malicious'],
  ['cross_border_impact', 'Cross-border impact'],
  ['cross_border_description', 'Cross-border description'],
  ['status_update', 'Status update'],
  ['detailed_description', 'Detailed description'],
  ['root_cause', 'Root cause'],
  ['mitigation_applied', 'Mitigation applied'],
  ['mitigation_ongoing', 'Mitigation ongoing'],
];

/**
 * One CSIRT `report` carrying copies of the latest NIS2 report of each stage (NIS2 Art. 23(4)),
 * as text, about the CSIRT's own incident. It is not a NIS2 report of the CSIRT (no report
 * extension): the clocks are the entity's, not the CSIRT's.
 */
export function reportCopy(incidentId: string, name: string, reports: readonly Nis2ReportExtension[], now: string): NewObject | undefined {
  if (reports.length === 0) return undefined;
  const parts = reports.map((r) => {
    const lines = REPORT_LABELS.filter(([k]) => r[k] !== undefined).map(([k, label]) => `${label}: ${String(r[k])}`);
    return [`## ${r.stage}${r.request !== undefined ? ` (request ${r.request + 1})` : ''}`, ...lines].join('\n');
  });
  return {
    type: 'report',
    id: `report--${randomUUID()}`,
    name: `NIS2 reports: ${name}`.slice(0, 250),
    description: parts.join('\n\n'),
    report_types: ['threat-report'],
    published: now,
    object_refs: [incidentId],
  };
}
