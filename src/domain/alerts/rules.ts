// Alert rules as written and as stored (issue 17, must 4): the input checks (bad input names its
// field: "a rule with N below 2"), the STIX object a rule travels as (an `x-concord-alert-rule`
// shared with its community, so every node of the community evaluates the same rules), and who
// may set a community's rules.
import type { Tlp } from '../markings/tlp.ts';
import { ruleInputErrors } from './rule-input.ts';
import { concordDistribution } from '../access/label.ts';
import type { AccessLabel } from '../access/types.ts';
import { allowed } from '../access/permissions.ts';
import type { Role } from '../access/types.ts';
import type { JsonObject, StixObject } from '../stix/types.ts';
import { withMarkings } from '../writing/compose.ts';
import { ForbiddenError, InvalidInputError } from '../../errors.ts';
import {
  ALERT_RULE_TYPE,
  CONCORD_ALERT_RULE_EXTENSION_ID,
  RULE_SUBJECTS,
  type AlertRule,
  type AlertRuleInput,
  type RuleSubject,
} from './api.ts';
import type { RuleSpec } from './engine.ts';

/** Checks a whole rule as written (ruleInputErrors; the first problem is thrown, naming its
 *  field); answers it normalised: subjects in their order, TLP AMBER and enabled by default. */
export function checkRuleInput(input: Partial<Record<keyof AlertRuleInput, unknown>>): AlertRuleInput {
  const [first] = ruleInputErrors(input);
  if (first !== undefined) throw new InvalidInputError(first.message, { field: first.field });
  const subjects = input.subjects as RuleSubject[];
  const description = input.description as string | undefined;
  return {
    name: (input.name as string).trim(),
    community: input.community as string,
    subjects: RULE_SUBJECTS.filter((s) => subjects.includes(s)),
    minOrganisations: input.minOrganisations as number,
    minCountries: input.minCountries as number,
    windowHours: input.windowHours as number,
    tlp: (input.tlp as Tlp | undefined) ?? 'amber',
    enabled: (input.enabled as boolean | undefined) ?? true,
    ...(description ? { description } : {}),
  };
}

/** The STIX object of a rule: distributed to its community under its TLP. */
export function ruleObject(rule: AlertRuleInput, at: { id: string; created: string; modified: string; creator: string }): StixObject {
  const object: StixObject = {
    type: ALERT_RULE_TYPE,
    spec_version: '2.1',
    id: at.id,
    created: at.created,
    modified: at.modified,
    created_by_ref: at.creator,
    name: rule.name,
    ...(rule.description ? { description: rule.description } : {}),
    community: rule.community,
    subjects: [...rule.subjects],
    min_organizations: rule.minOrganisations,
    min_countries: rule.minCountries,
    window_hours: rule.windowHours,
    enabled: rule.enabled,
    extensions: { [CONCORD_ALERT_RULE_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
  return withMarkings(object, { tlp: rule.tlp as Tlp, distribution: `community:${rule.community}` });
}

const str = (o: JsonObject, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
const num = (o: JsonObject, k: string): number => (typeof o[k] === 'number' ? (o[k] as number) : 0);

/** The rule a stored object says, with its label; undefined when it is not a valid rule. */
export function ruleOf(o: JsonObject, label: AccessLabel, editable: boolean): AlertRule | undefined {
  if (o['type'] !== ALERT_RULE_TYPE || typeof o['id'] !== 'string') return undefined;
  const subjects = Array.isArray(o['subjects']) ? RULE_SUBJECTS.filter((s) => (o['subjects'] as unknown[]).includes(s)) : [];
  const description = str(o, 'description');
  return {
    id: o['id'],
    name: str(o, 'name'),
    community: str(o, 'community'),
    subjects,
    minOrganisations: num(o, 'min_organizations'),
    minCountries: num(o, 'min_countries'),
    windowHours: num(o, 'window_hours'),
    tlp: label.tlp,
    enabled: o['enabled'] === true && o['revoked'] !== true,
    ...(description ? { description } : {}),
    created: str(o, 'created'),
    modified: str(o, 'modified'),
    ownerOrg: label.ownerOrg,
    editable,
  };
}

/** What the engine needs of a rule. A rule whose distribution is not its own community is not
 *  evaluated: its alerts could not go where the rule says. */
export function specOf(rule: AlertRule, object: StixObject): RuleSpec | undefined {
  const d = concordDistribution(object);
  if (d?.kind !== 'community' || d.id !== rule.community || rule.minOrganisations < 2) return undefined;
  return {
    id: rule.id,
    subjects: rule.subjects,
    minOrganisations: rule.minOrganisations,
    minCountries: rule.minCountries,
    windowHours: rule.windowHours,
    enabled: rule.enabled,
  };
}

/** Who asks, as far as the rule check needs (a Principal is one). */
export type RuleManager =
  | { readonly kind: 'system' }
  | {
      readonly kind: 'user';
      readonly user: { readonly roles: readonly Role[] };
      readonly org: { readonly id: string; readonly communities: readonly string[] };
      readonly scope: 'read' | 'read-write';
    };

/**
 * Whether `p` may set the rules of `community` (must 4: "set per community by its coordinators"):
 * the permission table's alert.rule.manage, and the caller's organisation a member of the
 * community; node administrators (and the command line) manage every community's rules.
 */
export function mayManageRules(p: RuleManager, community: string): boolean {
  if (!allowed(p, 'alert.rule.manage')) return false;
  if (p.kind === 'system' || p.user.roles.includes('admin')) return true;
  return p.org.communities.includes(community);
}

/** Throws ForbiddenError unless mayManageRules. */
export function authorizeRules(p: RuleManager, community: string): void {
  if (!mayManageRules(p, community)) {
    throw new ForbiddenError(`only coordinators of community '${community}' (or node administrators) may set its alert rules`);
  }
}
