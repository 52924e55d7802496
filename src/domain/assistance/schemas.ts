// What each of rapid response's extension-definitions says (STIX 2.1 §7.3: `schema` may be text
// a reader follows), published by concord-markings.ts with Concord's other definitions so that
// every node and every STIX consumer can learn the six new SDOs and three property extensions.
import {
  AFTER_ACTION_REPORT_TYPE,
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DECISION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_MEMBER_CARD_EXTENSION_ID,
  CONCORD_OFFER_EXTENSION_ID,
  CONCORD_PROFILE_EXTENSION_ID,
  CONCORD_REQUEST_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
  DECISION_TYPE,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPE,
  MEMBER_CARD_TYPE,
  MODES,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_STATUSES,
  REQUEST_TYPE,
  URGENCIES,
} from './api.ts';
import { MAX_NOTE_HOURS, MAX_TARGET_HOURS, MAX_TEAM_SIZE } from './check.ts';
import { SKILL_RULE } from './skills.ts';

/** One published extension-definition: what concord-markings.ts needs to build it. */
export interface AssistanceExtension {
  id: string;
  name: string;
  description: string;
  schema: string;
  kind: 'new-sdo' | 'property-extension';
}

const SKILLS = `A skill is ${SKILL_RULE}.`;
const SDO = 'Carries extensions[<this definition id>] = {extension_type: new-sdo} and created_by_ref, the writing organisation.';
const either = (values: readonly string[]) => values.join(', ');

const REQUEST = [
  `New SDO '${REQUEST_TYPE}': an organisation asks partners for experts (Concord issue 18, must 1). ${SDO}`,
  'name, description (required); incident_ref; affected_entity, impact, actions_taken, other_support (string).',
  `skills (list, required), languages (list of ISO 639-1 codes in lower case), mode (${either(MODES)}, required), location, country (ISO 3166-1 alpha-2).`,
  'needed_from, needed_until (timestamps, required; needed_until after needed_from); clearance_scheme and clearance_level (together);',
  `team_size (1-${MAX_TEAM_SIZE}), utc_offset_minutes (-720 to 840); urgency (${either(URGENCIES)}, required);`,
  "audience_kind (community, organizations, federation; required); audience_refs (identities, only and required for 'organizations'); audience_community (only and required for 'community');",
  `coordinator_ref (identity, required); first_offer_hours, team_ready_hours (1-${MAX_TARGET_HOURS}, required): response targets from created; status (${either(REQUEST_STATUSES)}, required).`,
  SKILLS,
].join('\n');

const OFFER = [
  `New SDO '${OFFER_TYPE}': an organisation offers experts of its roster for a request (must 4). ${SDO}`,
  "request_ref, requester_ref (identity), status ('offered' or 'withdrawn') required; message;",
  'experts (list, required): {profile_ref (an expert profile, required), covers (the skills of the request it covers), available_from, available_until (required, ordered), note}.',
].join('\n');

const DECISION = [
  `New SDO '${DECISION_TYPE}': the requester accepts or declines one offer (must 4). ${SDO}`,
  "request_ref, offer_ref, decision ('accepted' or 'declined') required; profile_refs (the experts accepted, required when accepted); reason.",
  'The latest decision on an offer is the one that holds.',
].join('\n');

const DEPLOYMENT = [
  `New SDO '${DEPLOYMENT_TYPE}': the team formed from accepted offers (must 4). ${SDO}`,
  `request_ref, name, status (${either(DEPLOYMENT_STATUSES)}), starts, ends (ordered), mode required; incident_ref, location;`,
  'members: {profile_ref, organization_ref, offer_ref (required), covers}; started_at (not while planned), ended_at (only when ended, not before started_at).',
].join('\n');

const MEMBER = [
  `New SDO '${MEMBER_CARD_TYPE}': an expert's name and contact, written by the expert's organisation once the expert is in a deployment, for the deployment's members only (must 2). ${SDO}`,
  'deployment_ref, profile_ref, name required; email, phone. The only Concord object that names an expert.',
].join('\n');

const PROFILE = [
  `New SDO '${PROFILE_TYPE}': an expert as partners see it, without name or contact (must 2). ${SDO}`,
  'The id is UUIDv5 of a secret of the node and the expert, so it is stable for the expert and cannot be linked to a name.',
  'pseudonym, skills (list), country (ISO 3166-1 alpha-2), on_site (boolean), past_deployments (integer >= 0) required;',
  'certifications, languages (ISO 639-1, lower case), clearances ({scheme, level}), utc_offset_minutes, availability ({from, until}, each ordered, the list in time order of from).',
  SKILLS,
].join('\n');

const STATUS_NOTE = [
  "Property extension of note objects: a deployment's daily status note (must 4). object_refs names the deployment, content is the text.",
  `deployment_ref (required), day (YYYY-MM-DD, required), hours (number from 0 to ${MAX_NOTE_HOURS}, required): the time spent that day.`,
].join('\n');

const AFTER_ACTION = [
  `Property extension of report objects with report_types ['${AFTER_ACTION_REPORT_TYPE}']: a deployment's after-action report (must 6), object_refs [deployment, request].`,
  'deployment_ref, request_ref, findings, actions, worked, recommendations (required); missing_skills (skills the team lacked, lessons for the roster).',
  SKILLS,
].join('\n');

const DEPLOYMENT_TASK = [
  "Property extension of the Incident Extension Suite's task objects: the deployment the task belongs to (must 4).",
  "deployment_ref (required); incident_ref (the request's incident, when it has one; the incident lists the task in its task_refs).",
].join('\n');

/** Rapid response's extension-definitions, in the order they are published. */
export const ASSISTANCE_EXTENSIONS: readonly AssistanceExtension[] = [
  {
    id: CONCORD_REQUEST_EXTENSION_ID,
    name: 'Concord assistance request',
    kind: 'new-sdo',
    schema: REQUEST,
    description: 'A request for rapid-response experts across organisations and nodes.',
  },
  {
    id: CONCORD_OFFER_EXTENSION_ID,
    name: 'Concord assistance offer',
    kind: 'new-sdo',
    schema: OFFER,
    description: "An organisation's offer of experts for an assistance request.",
  },
  {
    id: CONCORD_DECISION_EXTENSION_ID,
    name: 'Concord assistance decision',
    kind: 'new-sdo',
    schema: DECISION,
    description: "The requester's acceptance or refusal of an offer.",
  },
  {
    id: CONCORD_DEPLOYMENT_EXTENSION_ID,
    name: 'Concord deployment',
    kind: 'new-sdo',
    schema: DEPLOYMENT,
    description: 'A rapid-response team: its members, dates, place and state.',
  },
  {
    id: CONCORD_MEMBER_CARD_EXTENSION_ID,
    name: 'Concord deployment member',
    kind: 'new-sdo',
    schema: MEMBER,
    description: "A deployed expert's name and contact, for the deployment's members.",
  },
  {
    id: CONCORD_PROFILE_EXTENSION_ID,
    name: 'Concord expert profile',
    kind: 'new-sdo',
    schema: PROFILE,
    description: "An expert's pseudonymous profile: skills, languages, clearances, country, availability.",
  },
  {
    id: CONCORD_STATUS_NOTE_EXTENSION_ID,
    name: 'Concord deployment status note',
    kind: 'property-extension',
    schema: STATUS_NOTE,
    description: "A deployment's daily status note with the hours spent.",
  },
  {
    id: CONCORD_AFTER_ACTION_EXTENSION_ID,
    name: 'Concord after-action report',
    kind: 'property-extension',
    schema: AFTER_ACTION,
    description: "A deployment's after-action report: findings, actions, what worked, recommendations, missing skills.",
  },
  {
    id: CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
    name: 'Concord deployment task',
    kind: 'property-extension',
    schema: DEPLOYMENT_TASK,
    description: 'The deployment an incident task belongs to.',
  },
];
