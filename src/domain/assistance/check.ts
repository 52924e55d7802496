// The checks of rapid-response input (issue 18: "a window that ends before it starts, a skill not
// in the framework and not a free tag … gets a clear error naming the field; nothing stored
// changes"). Pure and free of node: imports: the service throws the issues as one
// InvalidInputError, the web forms show each next to its field (CONVENTIONS.md, Front end).
import { InvalidInputError } from '../../errors.ts';
import { isTlp, TLP_LEVELS } from '../markings/tlp.ts';
import { isStixId } from '../stix/id-format.ts';
import { isRecord } from '../stix/reporter.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import { type AfterActionInput, type ExpertInput, MODES, type NewRequest, type NewStatusNote, URGENCIES } from './api.ts';
import { MAX_EXACT_SKILLS } from './cover.ts';
import { isSkill, SKILL_RULE } from './skills.ts';

/** One problem of an input, at its JSON path (`needs.window.until`, `availability[0].until`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The ordered levels of a classification scheme, undefined for a scheme the node does not know. */
export type SchemeLevels = (scheme: string) => readonly string[] | undefined;

/** Longest a response target may be: a year, in hours. */
export const MAX_TARGET_HOURS = 24 * 366;
/** Hours a status note may record for one day. */
export const MAX_NOTE_HOURS = 24;
/** Largest team a request may ask for. */
export const MAX_TEAM_SIZE = 100;

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2}$/;
const COMMUNITY = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isOrgId = (x: unknown): boolean => isStixId(x) && x.startsWith('identity--');

/** The issues as the error the service throws (its field: the first issue's; all in `issues`). */
export function issuesError(issues: readonly FieldIssue[]): InvalidInputError {
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  return new InvalidInputError(message, { field: issues[0]?.field, issues: issues.map((i) => ({ ...i })) });
}

/** Throws the issues as one InvalidInputError, when there are any. */
export function throwIssues(issues: readonly FieldIssue[]): void {
  if (issues.length > 0) throw issuesError(issues);
}

class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  /** A required text: a non-blank string. */
  text(v: unknown, field: string, max = 10_000): void {
    if (typeof v !== 'string' || v.trim() === '') this.add(field, 'must not be blank');
    else if (v.length > max) this.add(field, `must be at most ${max} characters`);
  }
  /** An optional text: absent, or a string. */
  optText(v: unknown, field: string, max = 10_000): void {
    if (v === undefined) return;
    if (typeof v !== 'string') this.add(field, 'must be text');
    else if (v.length > max) this.add(field, `must be at most ${max} characters`);
  }
  oneOf(v: unknown, values: readonly string[], field: string): void {
    if (typeof v !== 'string' || !values.includes(v)) this.add(field, `must be one of ${values.join(', ')}`);
  }
  items(v: unknown, field: string, each: (x: unknown, at: string) => void, min = 0): void {
    if (!Array.isArray(v)) return this.add(field, 'must be a list');
    if (v.length < min) return this.add(field, `must name at least ${min}`);
    for (const [i, x] of v.entries()) each(x, `${field}[${i}]`);
  }
  /** A list whose every item passes `ok`; each one that does not is an issue at its index. */
  matching(v: unknown, field: string, ok: (x: unknown) => boolean, why: (x: unknown) => string, min = 0): void {
    this.items(
      v,
      field,
      (x, at) => {
        if (!ok(x)) this.add(at, why(x));
      },
      min,
    );
  }
  skills(v: unknown, field: string, min: number): void {
    const why = (x: unknown) => `${JSON.stringify(x)} is neither in the skills framework nor a free tag: a skill is ${SKILL_RULE}`;
    this.matching(v, field, isSkill, why, min);
  }
  languages(v: unknown, field: string): void {
    this.matching(
      v,
      field,
      (x) => typeof x === 'string' && LANGUAGE.test(x),
      () => 'must be an ISO 639-1 code in lower case, such as en',
    );
  }
  country(v: unknown, field: string): void {
    if (typeof v !== 'string' || !COUNTRY.test(v)) this.add(field, 'must be an ISO 3166-1 alpha-2 code in upper case, such as BE');
  }
  int(v: unknown, field: string, min: number, max: number): void {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.add(field, `must be a whole number from ${min} to ${max}`);
  }
  /** A window: two timestamps, `until` after `from`. */
  window(v: unknown, field: string): void {
    if (!isRecord(v)) return this.add(field, 'must have from and until');
    const [from, until] = [v['from'], v['until']];
    const bad = (t: unknown): boolean => typeof t !== 'string' || !isStixTimestamp(t);
    if (bad(from)) this.add(`${field}.from`, 'must be a timestamp such as 2026-01-31T12:00:00.000Z');
    if (bad(until)) this.add(`${field}.until`, 'must be a timestamp such as 2026-01-31T12:00:00.000Z');
    if (typeof from === 'string' && typeof until === 'string' && !bad(from) && !bad(until) && compareTimestamps(until, from) <= 0)
      this.add(`${field}.until`, 'must be after from: the window ends before it starts');
  }
  /** A clearance: a scheme the node knows and one of its levels. */
  clearance(v: unknown, field: string, levels: SchemeLevels): void {
    if (!isRecord(v)) return this.add(field, 'must have scheme and level');
    const [scheme, level] = [v['scheme'], v['level']];
    const known = typeof scheme === 'string' ? levels(scheme) : undefined;
    if (known === undefined) return this.add(`${field}.scheme`, 'is not a classification scheme this node knows');
    if (typeof level !== 'string' || !known.includes(level)) this.add(`${field}.level`, `must be one of ${known.join(', ')}`);
  }
}

function checkNeeds(n: NewRequest['needs'], is: Issues, levels: SchemeLevels): void {
  if (typeof n !== 'object' || n === null) return is.add('needs', 'must say what the request needs');
  is.skills(n.skills, 'needs.skills', 1);
  // Matching proposes the fewest experts exactly up to this many skills (cover.ts); a request
  // needing more is better split.
  if (Array.isArray(n.skills) && n.skills.length > MAX_EXACT_SKILLS)
    is.add('needs.skills', `must name at most ${MAX_EXACT_SKILLS} skills; split a larger need into several requests`);
  is.languages(n.languages, 'needs.languages');
  is.oneOf(n.mode, MODES, 'needs.mode');
  is.optText(n.location, 'needs.location', 500);
  if (n.country !== undefined) is.country(n.country, 'needs.country');
  is.window(n.window, 'needs.window');
  if (n.clearance !== undefined) is.clearance(n.clearance, 'needs.clearance', levels);
  if (n.teamSize !== undefined) is.int(n.teamSize, 'needs.teamSize', 1, MAX_TEAM_SIZE);
  if (n.utcOffsetMinutes !== undefined) is.int(n.utcOffsetMinutes, 'needs.utcOffsetMinutes', -720, 840);
}

function checkAudience(a: NewRequest['audience'], is: Issues): void {
  if (typeof a !== 'object' || a === null) return is.add('audience', 'must say whom the request goes to');
  if (a.kind === 'community') {
    if (typeof a.id !== 'string' || !COMMUNITY.test(a.id)) is.add('audience.id', 'must be a community id');
  } else if (a.kind === 'organizations') {
    is.matching(a.ids, 'audience.ids', isOrgId, () => 'must be an organisation identity id', 1);
  } else if (a.kind !== 'federation') {
    is.add('audience.kind', 'must be one of community, organizations, federation');
  }
}

/** Every issue of a new request (or of a request's next version: the same rules, must 1). */
export function requestIssues(input: NewRequest, levels: SchemeLevels): FieldIssue[] {
  const is = new Issues();
  is.text(input.title, 'title', 500);
  is.text(input.description, 'description');
  for (const k of ['affectedEntity', 'impact', 'actionsTaken', 'otherSupport'] as const) is.optText(input[k], k);
  if (input.incidentId !== undefined && !(isStixId(input.incidentId) && input.incidentId.startsWith('incident--')))
    is.add('incidentId', 'must be an incident id');
  checkNeeds(input.needs, is, levels);
  is.oneOf(input.urgency, URGENCIES, 'urgency');
  checkAudience(input.audience, is);
  if (input.coordinatorOrg !== undefined && !isOrgId(input.coordinatorOrg)) is.add('coordinatorOrg', 'must be an organisation identity id');
  if (input.tlp !== undefined && !isTlp(input.tlp)) is.add('tlp', `must be one of ${TLP_LEVELS.join(', ')}`);
  if (input.classification !== undefined) is.clearance(input.classification, 'classification', levels);
  for (const k of ['firstOfferHours', 'teamReadyHours'] as const) if (input[k] !== undefined) is.int(input[k], k, 1, MAX_TARGET_HOURS);
  return is.list;
}

/** Every issue of an expert of the roster (must 2). */
export function expertIssues(input: ExpertInput, levels: SchemeLevels): FieldIssue[] {
  const is = new Issues();
  is.text(input.name, 'name', 200);
  is.optText(input.email, 'email', 320);
  if (typeof input.email === 'string' && !/^[^\s@]+@[^\s@]+$/.test(input.email)) is.add('email', 'must be an e-mail address');
  is.optText(input.phone, 'phone', 64);
  is.skills(input.skills, 'skills', 1);
  if (input.certifications !== undefined) is.items(input.certifications, 'certifications', (x, at) => is.text(x, at, 200));
  is.languages(input.languages, 'languages');
  if (input.clearances !== undefined) is.items(input.clearances, 'clearances', (x, at) => is.clearance(x, at, levels));
  is.country(input.country, 'country');
  if (input.utcOffsetMinutes !== undefined) is.int(input.utcOffsetMinutes, 'utcOffsetMinutes', -720, 840);
  if (typeof input.onSite !== 'boolean') is.add('onSite', 'must be true or false');
  is.items(input.availability, 'availability', (x, at) => is.window(x, at));
  if (input.published !== undefined && typeof input.published !== 'boolean') is.add('published', 'must be true or false');
  return is.list;
}

/** Every issue of an after-action report (must 6). */
export function afterActionIssues(input: AfterActionInput): FieldIssue[] {
  const is = new Issues();
  for (const k of ['findings', 'actions', 'worked', 'recommendations'] as const) is.text(input[k], k, 50_000);
  is.skills(input.missingSkills, 'missingSkills', 0);
  return is.list;
}

/** Every issue of a daily status note: a real day, some text, 0 to 24 hours. */
export function noteIssues(input: NewStatusNote): FieldIssue[] {
  const is = new Issues();
  if (input.day !== undefined && !isDay(input.day)) is.add('day', 'must be a date such as 2026-01-31');
  is.text(input.text, 'text', 50_000);
  if (typeof input.hours !== 'number' || !Number.isFinite(input.hours) || input.hours < 0 || input.hours > MAX_NOTE_HOURS)
    is.add('hours', `must be a number from 0 to ${MAX_NOTE_HOURS}: the hours spent that day`);
  return is.list;
}

/** Whether `s` is a calendar day YYYY-MM-DD that exists. */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string' || !DAY.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00.000Z`);
  // Date.parse rolls 2026-02-30 over to March: a day that exists prints back as itself.
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}
