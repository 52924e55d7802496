// The words of rapid response (issue 18): its STIX types and extension-definition ids, and the
// vocabularies its requests, offers and deployments use. Re-exported by api.ts, which holds the
// shapes the services accept and answer.

// ── STIX types and extension-definitions ─────────────────────────────────────────────────────

/** A request for help (must 1). New SDO. */
export const REQUEST_TYPE = 'x-concord-assistance-request';
/** An organisation's offer of experts for a request (must 4). New SDO. */
export const OFFER_TYPE = 'x-concord-assistance-offer';
/** The requester's acceptance or refusal of one offer (must 4). New SDO. */
export const DECISION_TYPE = 'x-concord-assistance-decision';
/** The team formed from accepted offers, with its dates, place and state (must 4). New SDO. */
export const DEPLOYMENT_TYPE = 'x-concord-deployment';
/** An expert's name and contact, written by the expert's organisation for a deployment's members
 *  once the expert is accepted (must 2). New SDO. */
export const MEMBER_CARD_TYPE = 'x-concord-deployment-member';
/** An expert's pseudonymous profile, what partners may match against (must 2). New SDO. */
export const PROFILE_TYPE = 'x-concord-expert-profile';

/** Every STIX type rapid response writes: its six SDOs, and the standard `note`, `report` and
 *  `task` that carry a deployment's work in an assistance extension. */
export const ASSISTANCE_TYPES: readonly string[] = [
  REQUEST_TYPE,
  OFFER_TYPE,
  DECISION_TYPE,
  DEPLOYMENT_TYPE,
  MEMBER_CARD_TYPE,
  PROFILE_TYPE,
  'note',
  'report',
  'task',
];

export const CONCORD_REQUEST_EXTENSION_ID = 'extension-definition--53d2bcc9-e150-5e5b-9de3-8481b21b7600';
export const CONCORD_OFFER_EXTENSION_ID = 'extension-definition--bb2725df-045d-5e3e-bfa2-a751e6859c55';
export const CONCORD_DECISION_EXTENSION_ID = 'extension-definition--9ba22469-8e99-516e-aff4-ac369d25c00b';
export const CONCORD_DEPLOYMENT_EXTENSION_ID = 'extension-definition--e36b0133-e002-5f75-be14-c7268a435a2a';
export const CONCORD_MEMBER_CARD_EXTENSION_ID = 'extension-definition--6cf0d8bf-65d8-59bc-bea0-d423889ce635';
export const CONCORD_PROFILE_EXTENSION_ID = 'extension-definition--7b9b2232-21e5-572e-aefc-6c0eed9d47f1';
/** Property extension on `note`: a deployment's daily status note with the time spent. */
export const CONCORD_STATUS_NOTE_EXTENSION_ID = 'extension-definition--7117fa3b-87d7-53cf-b1f8-310f3e66d2a5';
/** Property extension on `report`: a deployment's after-action report (must 6). */
export const CONCORD_AFTER_ACTION_EXTENSION_ID = 'extension-definition--7718f802-6ad0-544a-85be-6beb107bc304';
/** Property extension on the incident suite's `task`: the deployment the task belongs to. */
export const CONCORD_DEPLOYMENT_TASK_EXTENSION_ID = 'extension-definition--65fa8f9a-8323-542e-b816-ad171fc033c6';

/** `report_types` value of an after-action report (report-type-ov is open, STIX 2.1 §10.24). */
export const AFTER_ACTION_REPORT_TYPE = 'after-action-report';

// ── Vocabularies ─────────────────────────────────────────────────────────────────────────────

/** The twelve role profiles of ENISA's European Cybersecurity Skills Framework (2022), by the
 *  identifiers derived from their titles. A skill is one of these or a free tag (`tag:<text>`). */
export const ECSF_PROFILES = [
  { id: 'chief-information-security-officer', title: 'Chief Information Security Officer (CISO)' },
  { id: 'cyber-incident-responder', title: 'Cyber Incident Responder' },
  { id: 'cyber-legal-policy-and-compliance-officer', title: 'Cyber Legal, Policy and Compliance Officer' },
  { id: 'cyber-threat-intelligence-specialist', title: 'Cyber Threat Intelligence Specialist' },
  { id: 'cybersecurity-architect', title: 'Cybersecurity Architect' },
  { id: 'cybersecurity-auditor', title: 'Cybersecurity Auditor' },
  { id: 'cybersecurity-educator', title: 'Cybersecurity Educator' },
  { id: 'cybersecurity-implementer', title: 'Cybersecurity Implementer' },
  { id: 'cybersecurity-researcher', title: 'Cybersecurity Researcher' },
  { id: 'cybersecurity-risk-manager', title: 'Cybersecurity Risk Manager' },
  { id: 'digital-forensics-investigator', title: 'Digital Forensics Investigator' },
  { id: 'penetration-tester', title: 'Penetration Tester' },
] as const;
export type EcsfProfile = (typeof ECSF_PROFILES)[number]['id'];
/** Free tags name tools, sectors, techniques: `tag:volatility`, `tag:sector:energy`. */
export const FREE_TAG_PREFIX = 'tag:';

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Where the help is given. `either`: the requester accepts both. */
export const MODES = ['on-site', 'remote', 'either'] as const;
export type Mode = (typeof MODES)[number];

/** A request's own state, as the requester sets it. */
export const REQUEST_STATUSES = ['open', 'withdrawn', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The requests board's columns (must 7): derived from the request's status, its offers and its
 *  deployment. open: no accepted offer yet; matched: an offer accepted, no deployment active;
 *  deployed: a deployment planned or active; closed: closed, withdrawn or its deployment ended. */
export const BOARD_COLUMNS = ['open', 'matched', 'deployed', 'closed'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export const OFFER_STATUSES = ['offered', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const DECISIONS = ['accepted', 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DEPLOYMENT_STATUSES = ['planned', 'active', 'ended'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Who a request goes to (must 1). `organizations`: the named ones, through a sharing group the
 *  requester's organisation owns; `community` and `federation` as any distribution. */
export type RequestAudience = { kind: 'community'; id: string } | { kind: 'organizations'; ids: string[] } | { kind: 'federation' };

/** A clearance held or needed: a level of a classification scheme (markings/classification.ts). */
export interface Clearance {
  scheme: string;
  level: string;
}

/** A span of time, ISO 8601 instants; `until` is after `from`. */
export interface Window {
  from: string;
  until: string;
}
