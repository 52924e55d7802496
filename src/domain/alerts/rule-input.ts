// The checks of an alert rule as written (issue 17, must 4: "a rule with N below 2 gets a clear
// error naming the field"), with no server imports so that the web rules editor runs the very
// checks the API does. Field names are AlertRuleInput's.
import type { Tlp } from '../markings/tlp.ts';
import { type AlertRuleInput, RULE_SUBJECTS, type RuleSubject } from './api.ts';

/** One problem with a rule as written. */
export interface RuleInputError {
  field: keyof AlertRuleInput;
  message: string;
}

const COMMUNITY_RE = /^[a-z0-9][a-z0-9._-]{0,127}$/;
/** The TLP levels a rule may carry (TLP 2.0: those that may go to a community). */
export const RULE_TLPS: readonly Tlp[] = ['clear', 'green', 'amber'];
/** W is at most a year: alerts are early warnings, not history. */
export const MAX_WINDOW_HOURS = 24 * 366;

function wholeIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Every problem of `input` (empty when it is a valid rule). */
export function ruleInputErrors(input: Partial<Record<keyof AlertRuleInput, unknown>>): RuleInputError[] {
  const out: RuleInputError[] = [];
  const say = (field: keyof AlertRuleInput, message: string): void => void out.push({ field, message });
  const name = input.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) say('name', 'name must be 1 to 200 characters');
  if (typeof input.community !== 'string' || !COMMUNITY_RE.test(input.community))
    say('community', 'community must be a community id (lower-case letters, digits, ".", "_", "-")');
  const subjects = input.subjects;
  if (!Array.isArray(subjects) || subjects.length === 0) say('subjects', `subjects must list one or more of ${RULE_SUBJECTS.join(', ')}`);
  else
    for (const s of subjects)
      if (!RULE_SUBJECTS.includes(s as RuleSubject)) say('subjects', `${JSON.stringify(s)} is not one of ${RULE_SUBJECTS.join(', ')}`);
  if (!wholeIn(input.minOrganisations, 2, 1_000_000))
    say('minOrganisations', 'minOrganisations must be a whole number of at least 2: one organisation alone is not a collective threat');
  if (!wholeIn(input.minCountries, 1, 1_000)) say('minCountries', 'minCountries must be a whole number of at least 1');
  const w = input.windowHours;
  if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0 || w > MAX_WINDOW_HOURS)
    say('windowHours', `windowHours must be above 0 and at most ${MAX_WINDOW_HOURS} (a year)`);
  // A rule and its alerts go to a whole community: TLP 2.0 allows that up to AMBER (AMBER+STRICT
  // and RED stay within an organisation or named recipients).
  if (input.tlp !== undefined && !RULE_TLPS.includes(input.tlp as (typeof RULE_TLPS)[number]))
    say('tlp', `tlp must be one of ${RULE_TLPS.join(', ')}: a rule's alerts go to its whole community`);
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') say('enabled', 'enabled must be true or false');
  const d = input.description;
  if (d !== undefined && (typeof d !== 'string' || d.length > 4000))
    say('description', 'description must be text of at most 4000 characters');
  return out;
}
