// `concord assist …` options turned into the inputs the assistance services take (the same shapes
// the REST API and the web UI send: domain/assistance/api.ts). Only what the command line must
// check is checked here (numbers, times, which options go together); the services check the rest
// and name the field, which flagFor turns back into the option.
import {
  type DecisionInput,
  MODES,
  type Needs,
  type NewRequest,
  type RequestAudience,
  type RequestUpdate,
  URGENCIES,
} from '../domain/assistance/api.ts';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '../errors.ts';
import { clearanceOf, type FlagTable, given, list, numberOf, windowOf } from './assist-options.ts';
import { GLOBAL_OPTIONS } from './context.ts';
import { integer, oneOf } from './incident-input.ts';

const str = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;
const flag = { type: 'boolean' } as const;

/** Every option of `concord assist`; each subcommand reads those its usage names. */
export const ASSIST_OPTIONS = {
  json: flag,
  org: str,
  // list, profiles
  column: str,
  limit: str,
  all: flag,
  // request add, update
  title: str,
  description: str,
  incident: str,
  'affected-entity': str,
  impact: str,
  skill: many,
  language: many,
  mode: str,
  location: str,
  country: str,
  from: str,
  until: str,
  clearance: str,
  'team-size': str,
  'utc-offset': str,
  'actions-taken': str,
  'other-support': str,
  urgency: str,
  community: str,
  'to-org': many,
  federation: flag,
  coordinator: str,
  tlp: str,
  classification: str,
  'first-offer-hours': str,
  'team-ready-hours': str,
  // offer, decide, propose
  expert: many,
  note: str,
  message: str,
  accept: flag,
  decline: flag,
  reason: str,
  own: flag,
} as const;

/** Parses `concord assist` arguments (global options included). */
export function parseAssist(args: string[]) {
  return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...ASSIST_OPTIONS }, allowPositionals: true, strict: true });
}

/** The options' values. */
export type AssistValues = ReturnType<typeof parseAssist>['values'];

/** Service fields named by another option than their kebab-case name. */
export const ASSIST_FLAGS: FlagTable = {
  audience: '--community|--to-org|--federation',
  ids: '--to-org',
  coordinatorOrg: '--coordinator',
  incidentId: '--incident',
  skills: '--skill',
  languages: '--language',
  clearance: '--clearance',
  classification: '--classification',
  teamSize: '--team-size',
  utcOffsetMinutes: '--utc-offset',
  expertId: '--expert',
  profileIds: '--expert',
  window: '--from/--until',
  status: '',
};

/** To whom the request goes: exactly one of --community, --to-org (organisation ids), --federation. */
function audienceOf(v: AssistValues, orgIds: string[] | undefined): RequestAudience | undefined {
  const community = v.community;
  const chosen = [community !== undefined, orgIds !== undefined, v.federation === true].filter(Boolean).length;
  if (chosen > 1) throw new InvalidInputError('give one of --community, --to-org and --federation', { field: '--community' });
  if (community !== undefined) return { kind: 'community', id: community };
  if (orgIds !== undefined) return { kind: 'organizations', ids: orgIds };
  return v.federation === true ? { kind: 'federation' } : undefined;
}

/** The needs given on the command line, over `base` (a request's current needs, for update). */
function needsOf(v: AssistValues, base: Needs | undefined): Needs | undefined {
  const mode = oneOf(v.mode, '--mode', MODES);
  const window = windowOf(v.from, v.until);
  const clearance = v.clearance;
  const changes = given<Partial<Needs>>({
    skills: list(v.skill),
    languages: list(v.language),
    mode,
    location: v.location,
    country: v.country?.toUpperCase(),
    window,
    clearance: clearance === undefined ? undefined : clearanceOf(clearance, '--clearance'),
    teamSize: integer(v['team-size'], '--team-size', 1, 100),
    utcOffsetMinutes: integer(v['utc-offset'], '--utc-offset', -720, 840),
  });
  if (base === undefined && Object.keys(changes).length === 0) return undefined;
  if (base !== undefined) return Object.keys(changes).length === 0 ? undefined : { ...base, ...changes };
  if (changes.window === undefined)
    throw new InvalidInputError('--from and --until are required: when the team is needed', { field: '--from' });
  return { skills: [], languages: [], mode: 'either', ...changes, window: changes.window };
}

/** What `request add` and `request update` share: the request's own fields. */
function requestFields(v: AssistValues, coordinatorOrg: string | undefined): Omit<RequestUpdate, 'needs' | 'status'> {
  const classification = v.classification;
  return given<Omit<RequestUpdate, 'needs' | 'status'>>({
    title: v.title,
    description: v.description,
    incidentId: v.incident,
    affectedEntity: v['affected-entity'],
    impact: v.impact,
    actionsTaken: v['actions-taken'],
    otherSupport: v['other-support'],
    urgency: oneOf(v.urgency, '--urgency', URGENCIES),
    coordinatorOrg,
    tlp: v.tlp,
    classification: classification === undefined ? undefined : clearanceOf(classification, '--classification'),
    firstOfferHours: numberOf(v['first-offer-hours'], '--first-offer-hours', 0, 10_000),
    teamReadyHours: numberOf(v['team-ready-hours'], '--team-ready-hours', 0, 10_000),
  });
}

/** `request add`: a new request. `orgIds` and `coordinatorOrg` are the resolved organisations. */
export function newRequest(v: AssistValues, orgIds: string[] | undefined, coordinatorOrg: string | undefined): NewRequest {
  const audience = audienceOf(v, orgIds);
  if (audience === undefined) {
    throw new InvalidInputError('to whom the request goes is required: --community ID, --to-org ORG (repeated) or --federation', {
      field: '--community',
    });
  }
  const f = requestFields(v, coordinatorOrg);
  for (const [option, value] of [
    ['--title', f.title],
    ['--description', f.description],
    ['--urgency', f.urgency],
  ] as const) {
    if (value === undefined) throw new InvalidInputError(`${option} is required`, { field: option });
  }
  const needs = needsOf(v, undefined);
  if (needs === undefined) throw new InvalidInputError('--from and --until are required: when the team is needed', { field: '--from' });
  return { ...f, title: f.title ?? '', description: f.description ?? '', urgency: f.urgency ?? 'medium', needs, audience };
}

/** `request update`: the changed fields; needs options change the request's current needs. */
export function requestUpdate(v: AssistValues, current: Needs, coordinatorOrg: string | undefined): RequestUpdate {
  if (v.community !== undefined || v['to-org'] !== undefined || v.federation === true) {
    throw new InvalidInputError("a request's audience cannot change; withdraw it and ask again", { field: '--community' });
  }
  const needs = needsOf(v, current);
  const update = { ...requestFields(v, coordinatorOrg), ...(needs === undefined ? {} : { needs }) };
  if (Object.keys(update).length === 0) throw new InvalidInputError('nothing to change; see `concord assist --help` for the options');
  return update;
}

/** `decide`: --accept (with --expert PROFILE-ID for some of the offer's experts) or --decline. */
export function decisionOf(v: AssistValues): DecisionInput {
  if ((v.accept === true) === (v.decline === true)) {
    throw new InvalidInputError('give --accept or --decline', { field: '--accept' });
  }
  const profileIds = list(v.expert);
  if (v.decline === true && profileIds !== undefined) {
    throw new InvalidInputError('--expert names accepted experts; a declined offer declines them all', { field: '--expert' });
  }
  return given<DecisionInput>({ decision: v.accept === true ? 'accepted' : 'declined', profileIds, reason: v.reason });
}
