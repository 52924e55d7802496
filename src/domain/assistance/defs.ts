// The property tables of rapid response's request, offer, decision and deployment SDOs (issue 18,
// musts 1 and 4), in the wire format agreed in NOTES.md. Each is a new SDO type declared by an
// extension-definition Concord publishes (STIX 2.1 §7.3; concord-markings.ts), checked by
// validate.ts like the alert SDOs. Profiles, member cards and the three property extensions are
// in defs-work.ts.
import { checkDependency, checkTimeOrder } from '../stix/common.ts';
import { COMMUNITY_ID, COUNTRY_CODE, type ConcordSdoDef, concordSdoDef } from '../stix/concord-sdo.ts';
import { isIdOfType } from '../stix/id-format.ts';
import type { JsonRecord, Reporter } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { Spec, StructDef } from '../stix/schema.ts';
import type { Vocab } from '../stix/vocab.ts';
import {
  CONCORD_DECISION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_EXTENSION_ID,
  CONCORD_OFFER_EXTENSION_ID,
  CONCORD_REQUEST_EXTENSION_ID,
  DECISION_TYPE,
  DECISIONS,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TYPE,
  MODES,
  OFFER_STATUSES,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_STATUSES,
  REQUEST_TYPE,
  URGENCIES,
} from './api.ts';
import { MAX_TARGET_HOURS, MAX_TEAM_SIZE } from './check.ts';
import { isSkill, SKILL_RULE } from './skills.ts';

const { STRING, TIMESTAMP, props, listOf, vocab, refTo, intRange, formatted, struct } = s;

/** Where a reader finds what these types mean: the extension-definitions' schema text. */
export const ASSISTANCE_SECTION = 'Concord rapid response extension';

/** A closed list of values (an enumeration, STIX 2.1 §2.4) of one of Concord's types. */
export function enumOf(name: string, values: readonly string[]): Spec {
  const v: Vocab = { name, section: ASSISTANCE_SECTION, open: false, values: new Set(values) };
  return vocab(v);
}

// Must 2: a skill is an ECSF role profile or a free tag; anything else is refused on the wire too.
export const SKILL = formatted(SKILL_RULE, isSkill);
export const LANGUAGE = formatted('an ISO 639-1 code in lower case', (v) => /^[a-z]{2}$/.test(v));
export const IDENTITY = refTo('an identity', ['identity']);
// UTC−12:00 to UTC+14:00, the offsets in use.
export const UTC_OFFSET = intRange(-720, 840);
export const MODE = enumOf('concord-assistance-mode-enum', MODES);
const TARGET_HOURS = intRange(1, MAX_TARGET_HOURS);

/** An identifier of one of Concord's types (refTo only knows the specification's types). */
export function refOf(type: string): Spec {
  return formatted(`an identifier of an ${type}`, (v) => isIdOfType(v, type));
}

export const REQUEST_REF = refOf(REQUEST_TYPE);
export const PROFILE_REF = refOf(PROFILE_TYPE);
export const DEPLOYMENT_REF = refOf(DEPLOYMENT_TYPE);
const OFFER_REF = refOf(OFFER_TYPE);

const def = (type: string, extensionId: string) => ({ type, extensionId, section: ASSISTANCE_SECTION });

/** must 1: the window the team is needed for ends after it starts. */
function checkRequest(o: JsonRecord, r: Reporter): void {
  checkTimeOrder(o, 'needed_from', 'needed_until', true, ASSISTANCE_SECTION, r);
  checkDependency(o, 'clearance_level', 'clearance_scheme', ASSISTANCE_SECTION, r);
  checkDependency(o, 'clearance_scheme', 'clearance_level', ASSISTANCE_SECTION, r);
  const kind = o['audience_kind'];
  if (kind === 'organizations' && o['audience_refs'] === undefined)
    r.error('required-property', ASSISTANCE_SECTION, "a request to named organisations requires 'audience_refs'", 'audience_refs');
  if (kind !== 'organizations' && o['audience_refs'] !== undefined)
    r.error('property-dependency', ASSISTANCE_SECTION, "audience_refs is only for audience_kind 'organizations'", 'audience_refs');
  if (kind === 'community' && o['audience_community'] === undefined)
    r.error('required-property', ASSISTANCE_SECTION, "a request to a community requires 'audience_community'", 'audience_community');
  if (kind !== 'community' && o['audience_community'] !== undefined)
    r.error('property-dependency', ASSISTANCE_SECTION, "audience_community is only for audience_kind 'community'", 'audience_community');
}

/** An `x-concord-assistance-request` (must 1). */
export const REQUEST_DEF = concordSdoDef(
  def(REQUEST_TYPE, CONCORD_REQUEST_EXTENSION_ID),
  {
    name: STRING,
    description: STRING,
    incident_ref: refTo('an incident', ['incident']),
    affected_entity: STRING,
    impact: STRING,
    skills: listOf(SKILL),
    languages: listOf(LANGUAGE),
    mode: MODE,
    location: STRING,
    country: COUNTRY_CODE,
    needed_from: TIMESTAMP,
    needed_until: TIMESTAMP,
    clearance_scheme: STRING,
    clearance_level: STRING,
    team_size: intRange(1, MAX_TEAM_SIZE),
    utc_offset_minutes: UTC_OFFSET,
    actions_taken: STRING,
    other_support: STRING,
    urgency: enumOf('concord-assistance-urgency-enum', URGENCIES),
    audience_kind: enumOf('concord-assistance-audience-enum', ['community', 'organizations', 'federation']),
    audience_refs: listOf(IDENTITY),
    audience_community: COMMUNITY_ID,
    coordinator_ref: IDENTITY,
    first_offer_hours: TARGET_HOURS,
    team_ready_hours: TARGET_HOURS,
    status: enumOf('concord-assistance-request-status-enum', REQUEST_STATUSES),
  },
  [
    'created_by_ref',
    'name',
    'description',
    'skills',
    'mode',
    'needed_from',
    'needed_until',
    'urgency',
    'audience_kind',
    'coordinator_ref',
    'first_offer_hours',
    'team_ready_hours',
    'status',
  ],
  checkRequest,
);

/** One expert offered: a profile, the request's skills it covers, and when it is available. */
const OFFERED_EXPERT: StructDef = {
  name: 'offered expert',
  section: ASSISTANCE_SECTION,
  props: props({ profile_ref: PROFILE_REF, covers: listOf(SKILL), available_from: TIMESTAMP, available_until: TIMESTAMP, note: STRING }),
  required: ['profile_ref', 'available_from', 'available_until'],
  check: (o, r) => checkTimeOrder(o, 'available_from', 'available_until', true, ASSISTANCE_SECTION, r),
};

/** An `x-concord-assistance-offer` (must 4). */
export const OFFER_DEF = concordSdoDef(
  def(OFFER_TYPE, CONCORD_OFFER_EXTENSION_ID),
  {
    request_ref: REQUEST_REF,
    requester_ref: IDENTITY,
    experts: listOf(struct(OFFERED_EXPERT)),
    message: STRING,
    status: enumOf('concord-assistance-offer-status-enum', OFFER_STATUSES),
  },
  ['created_by_ref', 'request_ref', 'requester_ref', 'experts', 'status'],
);

/** An `x-concord-assistance-decision` (must 4): an acceptance names the experts accepted. */
export const DECISION_DEF = concordSdoDef(
  def(DECISION_TYPE, CONCORD_DECISION_EXTENSION_ID),
  {
    request_ref: REQUEST_REF,
    offer_ref: OFFER_REF,
    decision: enumOf('concord-assistance-decision-enum', DECISIONS),
    profile_refs: listOf(PROFILE_REF),
    reason: STRING,
  },
  ['created_by_ref', 'request_ref', 'offer_ref', 'decision'],
  (o, r) => {
    if (o['decision'] === 'accepted' && o['profile_refs'] === undefined)
      r.error('required-property', ASSISTANCE_SECTION, "an accepted offer's decision requires 'profile_refs'", 'profile_refs');
  },
);

/** One member of a deployment: the profile, its organisation and offer, and what it covers. */
const MEMBER: StructDef = {
  name: 'deployment member',
  section: ASSISTANCE_SECTION,
  props: props({ profile_ref: PROFILE_REF, organization_ref: IDENTITY, offer_ref: OFFER_REF, covers: listOf(SKILL) }),
  required: ['profile_ref', 'organization_ref', 'offer_ref'],
};

/** An `x-concord-deployment` (must 4): dates ordered, started and ended as its status says (a
 *  planned deployment may end without starting: called off). */
export const DEPLOYMENT_DEF = concordSdoDef(
  def(DEPLOYMENT_TYPE, CONCORD_DEPLOYMENT_EXTENSION_ID),
  {
    request_ref: REQUEST_REF,
    incident_ref: refTo('an incident', ['incident']),
    name: STRING,
    status: enumOf('concord-deployment-status-enum', DEPLOYMENT_STATUSES),
    starts: TIMESTAMP,
    ends: TIMESTAMP,
    mode: MODE,
    location: STRING,
    members: listOf(struct(MEMBER)),
    started_at: TIMESTAMP,
    ended_at: TIMESTAMP,
  },
  ['created_by_ref', 'request_ref', 'name', 'status', 'starts', 'ends', 'mode'],
  (o, r) => {
    checkTimeOrder(o, 'starts', 'ends', true, ASSISTANCE_SECTION, r);
    checkTimeOrder(o, 'started_at', 'ended_at', false, ASSISTANCE_SECTION, r);
    if (o['status'] === 'planned' && o['started_at'] !== undefined)
      r.error('property-conflict', ASSISTANCE_SECTION, 'a planned deployment has not started: no started_at', 'started_at');
    if (o['status'] !== 'ended' && o['ended_at'] !== undefined)
      r.error('property-conflict', ASSISTANCE_SECTION, "only an ended deployment has 'ended_at'", 'ended_at');
  },
);

/** The request-side SDO definitions (with defs-work.ts's: validate.ts's EXTENSION_DEFS). */
export const REQUEST_SDO_DEFS: readonly ConcordSdoDef[] = [REQUEST_DEF, OFFER_DEF, DECISION_DEF, DEPLOYMENT_DEF];
