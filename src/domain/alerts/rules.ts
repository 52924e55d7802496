// Alert rules as written and as stored (issue 17, must 4): the input checks (bad input names its
// field: "a rule with N below 2"), the STIX object a rule travels as (an `x-concord-alert-rule`
// shared with its community, so every node of the community evaluates the same rules), and who
// may set a community's rules.
import { isTlp, TLP_LEVELS, type Tlp } from '../markings/tlp.ts';
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

const COMMUNITY_RE = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const MAX_WINDOW_HOURS = 24 * 366;

function bad(field: string, message: string): never {
  throw new InvalidInputError(message, { field });
}

function integerAtLeast(field: string, v: unknown, min: number, max: number, why: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    bad(field, `${field} must be a whole number from ${min} to ${max}${why}`);
  return v;
}

/** Checks a whole rule as written; answers it normalised (subjects sorted, distinct). */
export function checkRuleInput(input: Partial<Record<keyof AlertRuleInput, unknown>>): AlertRuleInput {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 200) bad('name', 'name must be 1 to 200 characters');
  const community = input.community;
  if (typeof community !== 'string' || !COMMUNITY_RE.test(community)) bad('community', 'community must be a community id (lower case)');
  const subjects = input.subjects;
  if (!Array.isArray(subjects) || subjects.length === 0) bad('subjects', `subjects must list one or more of ${RULE_SUBJECTS.join(', ')}`);
  for (const s of subjects)
    if (!RULE_SUBJECTS.includes(s as RuleSubject))
      bad('subjects', `subjects: ${JSON.stringify(s)} is not one of ${RULE_SUBJECTS.join(', ')}`);
  const minOrganisations = integerAtLeast(
    'minOrganisations',
    input.minOrganisations,
    2,
    1_000_000,
    ': one organisation alone is not a collective threat',
  );
  const minCountries = integerAtLeast('minCountries', input.minCountries, 1, 1_000, '');
  const w = input.windowHours;
  if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0 || w > MAX_WINDOW_HOURS)
    bad('windowHours', 'windowHours must be above 0 and at most 8784 (a year)');
  const tlp = input.tlp ?? 'amber';
  if (!isTlp(tlp)) bad('tlp', `tlp must be one of ${TLP_LEVELS.join(', ')}`);
  const enabled = input.enabled ?? true;
  if (typeof enabled !== 'boolean') bad('enabled', 'enabled must be true or false');
  const description = input.description;
  if (description !== undefined && (typeof description !== 'string' || description.length > 4000))
    bad('description', 'description must be text of at most 4000 characters');
  return {
    name,
    community,
    subjects: RULE_SUBJECTS.filter((s) => subjects.includes(s)),
    minOrganisations,
    minCountries,
    windowHours: w,
    tlp,
    enabled,
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
