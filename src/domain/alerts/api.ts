// What the collective-threat alert services answer and accept (issue 17, must 4): rules set per
// community by its coordinators, and the alerts they raise. Both travel as Concord STIX types
// declared by `new-sdo` extension-definitions (STIX 2.1 §7.3): a rule is shared with its community
// so that every node evaluates the same rules; an alert has a deterministic id (rule and subject),
// so every node that sees the same sightings reaches the same alert.
import type { BannerMarks } from '../markings/banner.ts';

export const ALERT_RULE_TYPE = 'x-concord-alert-rule';
export const ALERT_TYPE = 'x-concord-alert';
export const CONCORD_ALERT_RULE_EXTENSION_ID = 'extension-definition--1362f85e-8d16-53ac-a80b-a3046886c038';
export const CONCORD_ALERT_EXTENSION_ID = 'extension-definition--94389803-792f-524f-a1dd-e3f116207be7';

/** What "the same thing" is: the same object (indicator, observable), the same observable value
 *  (whichever objects carry it), or the same malware family (its indicators' sightings). */
export const RULE_SUBJECTS = ['object', 'value', 'malware'] as const;
export type RuleSubject = (typeof RULE_SUBJECTS)[number];

/** A rule as written (POST/PATCH /api/v1/alert-rules). */
export interface AlertRuleInput {
  name: string;
  /** The community whose coordinators own the rule and to which its alerts go. */
  community: string;
  subjects: RuleSubject[];
  /** N: distinct organisations (at least 2). */
  minOrganisations: number;
  /** K: distinct countries (at least 1). */
  minCountries: number;
  /** W: the window, in hours, the sightings must fall in. */
  windowHours: number;
  /** The alerts' TLP (bounded by the community distribution as everywhere). */
  tlp: string;
  enabled: boolean;
  description?: string;
}

export interface AlertRule extends AlertRuleInput {
  id: string;
  created: string;
  modified: string;
  /** The rule's organisation (the coordinator's). */
  ownerOrg: string;
  /** Whether the caller may change it. */
  editable: boolean;
}

/** What an alert is about. */
export interface AlertSubject {
  kind: RuleSubject;
  /** Object id, `kind:normalised value`, or malware id. */
  key: string;
  /** What a person reads: the indicator's or malware's name, or the value. */
  label: string;
}

/** One alert as a reader sees it. */
export interface AlertView {
  id: string;
  rule: { id: string; name: string; community: string };
  subject: AlertSubject;
  /** The objects sighted (indicators, observables) that make the subject. */
  objectRefs: string[];
  /** The sightings that made it fire, as far as the reader may read them. */
  sightingRefs: string[];
  organisations: number;
  countries: string[];
  sectors: string[];
  sightings: number;
  firstSeen: string;
  lastSeen: string;
  /** Per country, for the map. */
  places: { country: string; count: number }[];
  /** Per hour or day, for the time series. */
  series: { at: string; count: number }[];
  exercise: string | null;
  created: string;
  modified: string;
  marking: BannerMarks | null;
}
