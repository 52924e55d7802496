// Wire and entity types of incidents: the OASIS Incident Extension Suite objects Concord stores
// and the Concord NIS2 property extension on `incident` (issue 16, must 1).

import type { JsonObject } from '../stix/types.ts';

/** Incident Core Extension id (Incident Extension Suite §2.1). */
export const INCIDENT_CORE_EXTENSION_ID = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
/** New-SDO extension ids of the suite's event (§2.2), impact (§2.3) and task (§2.4). */
export const EVENT_EXTENSION_ID = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
export const IMPACT_EXTENSION_ID = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
export const TASK_EXTENSION_ID = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';

/** Concord's NIS2 property extension on `incident`: uuidv5('extension-definition:concord-nis2-incident'). */
export const CONCORD_NIS2_EXTENSION_ID = 'extension-definition--2dc58797-e985-5c6f-b08e-25b5b578160e';

/** incident-determination-enum (Incident Extension Suite §5.3). */
export type IncidentDetermination = 'blocked' | 'confirmed' | 'failed-attempt' | 'false-positive' | 'suspected';

/**
 * Concord's severity of an incident for NIS2 reporting (Article 23(4)(b) and (d) ask for the
 * severity; the Directive names no scale). Four levels, as CSIRTs usually triage:
 * low (no noticeable effect on services), medium (limited, contained disruption), high (severe
 * disruption or financial loss, NIS2 Article 23(3) "significant"), critical (national or
 * cross-border effect, loss of life or of essential services).
 */
export type Nis2Severity = 'low' | 'medium' | 'high' | 'critical';
export const NIS2_SEVERITIES: readonly Nis2Severity[] = ['low', 'medium', 'high', 'critical'];

/** The Concord NIS2 extension as it travels in `incident.extensions[CONCORD_NIS2_EXTENSION_ID]`. */
export interface Nis2IncidentExtension {
  extension_type: 'property-extension';
  /** Time the entity became aware of the incident: the start of every Article 23 clock. */
  aware_at: string;
  /** identity of the affected (essential or important) entity. */
  affected_entity_ref?: string;
  /** NIS2 Annex I/II sector key (nis2-sectors.ts) and, where the Annex has them, a subsector key. */
  sector?: string;
  subsector?: string;
  /** Member states affected, ISO 3166-1 alpha-2 (EU members only). */
  member_states_affected?: string[];
  /** Significant incident in the sense of NIS2 Article 23(3). */
  significant?: boolean;
  /** Suspected of being caused by unlawful or malicious acts (Article 23(4)(a)). */
  suspected_unlawful_or_malicious?: boolean;
  /** Could have a cross-border impact (Article 23(4)(a)). */
  cross_border_impact?: boolean;
  /** ENISA RSIT classification and incident type (rsit.ts). */
  rsit_classification?: string;
  rsit_type?: string;
  severity?: Nis2Severity;
}

/** An incident as Concord stores it: a STIX `incident` with the core and NIS2 extensions. */
export interface IncidentObject extends JsonObject {
  type: 'incident';
  id: string;
}
