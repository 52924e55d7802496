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
  /** When the incident was handled (Art. 23(4)(e)); absent while it is ongoing. */
  handled_at?: string;
  /** identity of the organisation coordinating the incident after a handover (must 6). */
  coordinator_ref?: string;
}

/** Concord's NIS2 report extension on `report` (must 4): which Article 23 stage the report is and
 *  what it says. uuidv5('extension-definition:concord-nis2-report'). The report's `object_refs`
 *  name the incident first; `published` is when it was submitted. */
export const CONCORD_NIS2_REPORT_EXTENSION_ID = 'extension-definition--e1d4f0a7-48f0-58c8-8222-cc4ea2e20ae2';

/** The report extension's content (snake_case of ReportContent in reports.ts). */
export interface Nis2ReportExtension {
  extension_type: 'property-extension';
  stage: 'early-warning' | 'notification' | 'intermediate' | 'progress' | 'final';
  /** For an intermediate report: which of the CSIRT's requests it answers (0-based). */
  request?: number;
  summary?: string;
  suspected_malicious?: boolean;
  cross_border_impact?: boolean;
  cross_border_description?: string;
  initial_assessment?: string;
  severity?: string;
  impact?: string;
  indicator_refs?: string[];
  status_update?: string;
  detailed_description?: string;
  root_cause?: string;
  mitigation_applied?: string;
  mitigation_ongoing?: string;
}

/** Concord's CSIRT answer extension on `note` (Art. 23(5) feedback, Art. 23(4)(c) request for an
 *  intermediate report). uuidv5('extension-definition:concord-nis2-answer'). The note's
 *  `object_refs` name the incident first, then the report answered, if any. */
export const CONCORD_NIS2_ANSWER_EXTENSION_ID = 'extension-definition--97475c15-eb19-5b41-83b1-0492e76f101b';

export interface Nis2AnswerExtension {
  extension_type: 'property-extension';
  kind: 'feedback' | 'intermediate-request';
  /** For an intermediate-request: the date the CSIRT sets. */
  due_at?: string;
}

/** Concord's task assignment extension on the suite's `task`: the user it is assigned to, as
 *  `username` at the owner's node. uuidv5('extension-definition:concord-task-assignment'). */
export const CONCORD_TASK_EXTENSION_ID = 'extension-definition--ad44fb64-b32e-598f-900d-b4cafd11a656';

export interface TaskAssignmentExtension {
  extension_type: 'property-extension';
  assignee: string;
}

/** An incident as Concord stores it: a STIX `incident` with the core and NIS2 extensions. */
export interface IncidentObject extends JsonObject {
  type: 'incident';
  id: string;
}
