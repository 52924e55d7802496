// The rule form's state and its checks (issue 17, must 4; CONVENTIONS.md, Front end: "forms
// validate with the same domain rules as the API and show each error next to its field"). The
// draft keeps what is typed (numbers as text), so that a half-typed number is shown, not lost;
// the checks name the AlertRuleInput property at fault, as the API's problem documents do.
import type { AlertRule, AlertRuleInput, RuleSubject } from '../../api/alerts.ts';
import { RULE_SUBJECTS } from '../../api/alerts.ts';
import { RULE_TLPS, ruleInputErrors } from '../../../../src/domain/alerts/rule-input.ts';

export interface RuleDraft {
  name: string;
  community: string;
  subjects: RuleSubject[];
  minOrganisations: string;
  minCountries: string;
  windowHours: string;
  tlp: string;
  enabled: boolean;
  description: string;
}

/** What each subject means to a coordinator. */
export const SUBJECT_LABELS: Record<RuleSubject, string> = {
  object: 'The same indicator or observable',
  value: 'The same observable value (whichever objects carry it)',
  malware: 'The same malware family (its indicators’ sightings)',
};

/** The TLPs a rule and its alerts may carry (they go to a whole community): the API's list. */
export { RULE_TLPS };

export const emptyDraft = (community = ''): RuleDraft => ({
  name: '',
  community,
  subjects: ['object', 'value'],
  minOrganisations: '3',
  minCountries: '2',
  windowHours: '24',
  tlp: 'amber',
  enabled: true,
  description: '',
});

export const draftOf = (r: AlertRule): RuleDraft => ({
  name: r.name,
  community: r.community,
  subjects: [...r.subjects],
  minOrganisations: String(r.minOrganisations),
  minCountries: String(r.minCountries),
  windowHours: String(r.windowHours),
  tlp: r.tlp,
  enabled: r.enabled,
  description: r.description ?? '',
});

/** A number typed as text (a decimal point, no exponent), or NaN. */
const numberOf = (text: string): number => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft as the API takes it. */
export function inputOf(d: RuleDraft): AlertRuleInput {
  const description = d.description.trim();
  return {
    name: d.name.trim(),
    community: d.community,
    subjects: RULE_SUBJECTS.filter((s) => d.subjects.includes(s)),
    minOrganisations: numberOf(d.minOrganisations),
    minCountries: numberOf(d.minCountries),
    windowHours: numberOf(d.windowHours),
    tlp: d.tlp,
    enabled: d.enabled,
    ...(description === '' ? {} : { description }),
  };
}

/** The API's message as read next to its field, which names it already: "minOrganisations must
 *  be…" → "Must be…". */
function besideField(field: string, message: string): string {
  const rest = message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
  return `${rest.charAt(0).toUpperCase()}${rest.slice(1)}.`;
}

/** Each field's fault, by AlertRuleInput property (none: the rule may be sent): the API's own
 *  checks (domain/alerts/rule-input.ts), every fault at once. */
export function ruleErrors(r: AlertRuleInput): Map<keyof AlertRuleInput, string> {
  const out = new Map<keyof AlertRuleInput, string>();
  for (const e of ruleInputErrors(r)) if (!out.has(e.field)) out.set(e.field, besideField(e.field, e.message));
  if (r.community === '') out.set('community', 'Choose the community whose alerts this rule raises.');
  return out;
}

/** The rule in a sentence: "3 organisations in 2 countries within 24 hours". */
export function ruleText(r: Pick<AlertRuleInput, 'minOrganisations' | 'minCountries' | 'windowHours'>): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `${plural(r.minOrganisations, 'organisation', 'organisations')} in ${plural(r.minCountries, 'country', 'countries')} within ${plural(r.windowHours, 'hour', 'hours')}`;
}
