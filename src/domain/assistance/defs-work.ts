// The property tables of rapid response's expert profile and member card SDOs (issue 18, must 2)
// and of its three property extensions (must 4 and 6): the daily status note on `note`, the
// after-action report on `report`, the deployment task on the incident suite's `task`. Declared
// by extension-definitions Concord publishes (concord-markings.ts, schema text in schemas.ts).
import { checkTimeOrder } from '../stix/common.ts';
import { COUNTRY_CODE, type ConcordSdoDef, concordSdoDef } from '../stix/concord-sdo.ts';
import { compareTimestamps, timestampFractionDigits } from '../stix/timestamp.ts';
import { isRecord, type JsonRecord, type Reporter } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';
import { CONCORD_MEMBER_CARD_EXTENSION_ID, CONCORD_PROFILE_EXTENSION_ID, MEMBER_CARD_TYPE, PROFILE_TYPE } from './api.ts';
import { isDay, MAX_NOTE_HOURS } from './check.ts';
import { ASSISTANCE_SECTION, DEPLOYMENT_REF, LANGUAGE, PROFILE_REF, REQUEST_REF, REQUEST_SDO_DEFS, SKILL, UTC_OFFSET } from './defs.ts';

const { STRING, BOOLEAN, NON_NEGATIVE, TIMESTAMP, props, listOf, refTo, formatted, struct } = s;

const DAY = formatted('a calendar day YYYY-MM-DD', isDay);

/** An `x-concord-deployment-member`: the only object that names an expert (must 2). */
export const MEMBER_CARD_DEF = concordSdoDef(
  { type: MEMBER_CARD_TYPE, extensionId: CONCORD_MEMBER_CARD_EXTENSION_ID, section: ASSISTANCE_SECTION },
  { deployment_ref: DEPLOYMENT_REF, profile_ref: PROFILE_REF, name: STRING, email: STRING, phone: STRING },
  ['created_by_ref', 'deployment_ref', 'profile_ref', 'name'],
);

const CLEARANCE: StructDef = {
  name: 'clearance',
  section: ASSISTANCE_SECTION,
  props: props({ scheme: STRING, level: STRING }),
  required: ['scheme', 'level'],
};

const WINDOW: StructDef = {
  name: 'availability window',
  section: ASSISTANCE_SECTION,
  props: props({ from: TIMESTAMP, until: TIMESTAMP }),
  required: ['from', 'until'],
  check: (o, r) => checkTimeOrder(o, 'from', 'until', true, ASSISTANCE_SECTION, r),
};

/** Availability windows come in time order, so readers show and match them as they come. */
function checkWindowsOrdered(o: JsonRecord, r: Reporter): void {
  const windows = o['availability'];
  if (!Array.isArray(windows)) return;
  let previous: string | undefined;
  r.push('availability');
  windows.forEach((w: unknown, i) => {
    const from = isRecord(w) ? w['from'] : undefined;
    if (typeof from !== 'string' || timestampFractionDigits(from) < 0) return;
    if (previous !== undefined && compareTimestamps(from, previous) < 0)
      r.error('timestamp-order', ASSISTANCE_SECTION, 'availability windows must be in time order of from', i);
    previous = from;
  });
  r.pop();
}

/** An `x-concord-expert-profile`: pseudonymous, no name or contact (must 2). */
export const PROFILE_DEF = concordSdoDef(
  { type: PROFILE_TYPE, extensionId: CONCORD_PROFILE_EXTENSION_ID, section: ASSISTANCE_SECTION },
  {
    pseudonym: STRING,
    skills: listOf(SKILL),
    certifications: listOf(STRING),
    languages: listOf(LANGUAGE),
    clearances: listOf(struct(CLEARANCE)),
    country: COUNTRY_CODE,
    utc_offset_minutes: UTC_OFFSET,
    on_site: BOOLEAN,
    availability: listOf(struct(WINDOW)),
    past_deployments: NON_NEGATIVE,
  },
  ['created_by_ref', 'pseudonym', 'skills', 'country', 'on_site', 'past_deployments'],
  checkWindowsOrdered,
);

/** The content of `note.extensions[CONCORD_STATUS_NOTE_EXTENSION_ID]`: a day's work on a deployment. */
export const STATUS_NOTE_EXTENSION: StructDef = {
  name: 'the Concord deployment status note extension',
  section: ASSISTANCE_SECTION,
  props: props({
    extension_type: STRING,
    deployment_ref: DEPLOYMENT_REF,
    day: DAY,
    // must 4: time spent, at most the day's 24 hours.
    hours: { k: 'float', min: 0, max: MAX_NOTE_HOURS },
  }),
  required: ['extension_type', 'deployment_ref', 'day', 'hours'],
};

/** The content of `report.extensions[CONCORD_AFTER_ACTION_EXTENSION_ID]` (must 6). */
export const AFTER_ACTION_EXTENSION: StructDef = {
  name: 'the Concord after-action report extension',
  section: ASSISTANCE_SECTION,
  props: props({
    extension_type: STRING,
    deployment_ref: DEPLOYMENT_REF,
    request_ref: REQUEST_REF,
    findings: STRING,
    actions: STRING,
    worked: STRING,
    recommendations: STRING,
    missing_skills: listOf(SKILL),
  }),
  required: ['extension_type', 'deployment_ref', 'request_ref', 'findings', 'actions', 'worked', 'recommendations'],
};

/** The content of `task.extensions[CONCORD_DEPLOYMENT_TASK_EXTENSION_ID]`: the task's deployment. */
export const DEPLOYMENT_TASK_EXTENSION: StructDef = {
  name: 'the Concord deployment task extension',
  section: ASSISTANCE_SECTION,
  props: props({ extension_type: STRING, deployment_ref: DEPLOYMENT_REF, incident_ref: refTo('an incident', ['incident']) }),
  required: ['extension_type', 'deployment_ref'],
};

/** Every rapid-response SDO definition, for validate.ts's EXTENSION_DEFS and the extension registry. */
export const ASSISTANCE_SDO_DEFS: readonly ConcordSdoDef[] = [...REQUEST_SDO_DEFS, MEMBER_CARD_DEF, PROFILE_DEF];
