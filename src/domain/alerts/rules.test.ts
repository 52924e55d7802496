// Rules as written and their STIX form (issue 17, must 4): bad input names its field, the rule
// and alert objects validate as the new SDOs their extension-definitions declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../errors.ts';
import { CLI } from '../identity/principal.ts';
import { CONCORD_ALERT_EXTENSION_ID, CONCORD_ALERT_RULE_EXTENSION_ID, type AlertRuleInput } from './api.ts';
import { concordUuid, concordPublishedObjects } from '../markings/concord-markings.ts';
import { validateObject } from '../stix/validate.ts';
import { alertObject } from './alert-object.ts';
import { alertId } from './engine.ts';
import { checkRuleInput, mayManageRules, ruleObject, type RuleManager } from './rules.ts';

const good: AlertRuleInput = {
  name: 'Same value in three countries',
  community: 'eu',
  subjects: ['value', 'object'],
  minOrganisations: 3,
  minCountries: 3,
  windowHours: 24,
  tlp: 'amber',
  enabled: true,
};

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InvalidInputError, String(e));
    return e.details['field'];
  }
  assert.fail('no error');
}

test('a rule with N below 2, no country, no window or no subject is refused naming the field', () => {
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, minOrganisations: 1 })),
    'minOrganisations',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, minCountries: 0 })),
    'minCountries',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, windowHours: 0 })),
    'windowHours',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, subjects: [] })),
    'subjects',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, subjects: ['country'] })),
    'subjects',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, community: 'EU' })),
    'community',
  );
  assert.equal(
    fieldOf(() => checkRuleInput({ ...good, tlp: 'purple' })),
    'tlp',
  );
  assert.deepEqual(checkRuleInput(good).subjects, ['object', 'value']);
});

test('the extension-definitions have the published deterministic ids', () => {
  assert.equal(CONCORD_ALERT_RULE_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-alert-rule')}`);
  assert.equal(CONCORD_ALERT_EXTENSION_ID, `extension-definition--${concordUuid('extension-definition:concord-alert')}`);
  const ids = new Set(concordPublishedObjects().map((o) => o.id));
  assert.ok(ids.has(CONCORD_ALERT_RULE_EXTENSION_ID) && ids.has(CONCORD_ALERT_EXTENSION_ID));
  for (const o of concordPublishedObjects()) assert.equal(validateObject(o).ok, true, o.id);
});

const at = {
  id: 'x-concord-alert-rule--6f1c1f7e-3a0c-4c55-9f0a-0d1b1e2f3a4b',
  created: '2026-12-07T20:00:00.000Z',
  modified: '2026-12-07T20:00:00.000Z',
  creator: 'identity--6f1c1f7e-3a0c-4c55-9f0a-0d1b1e2f3a4c',
};

test('a rule object validates; one with N below 2 or without its extension does not', () => {
  const rule = ruleObject(checkRuleInput(good), at);
  assert.deepEqual(
    validateObject(rule).issues.filter((i) => i.severity === 'error'),
    [],
  );
  const low = validateObject({ ...rule, min_organizations: 1 });
  assert.equal(low.ok, false);
  assert.ok(low.issues.some((i) => i.path.includes('min_organizations')));
  assert.equal(validateObject({ ...rule, extensions: {} }).ok, false);
});

test('an alert object validates and carries the exercise marking when in an exercise', () => {
  const facts = {
    id: alertId(at.id, 'value' as const, 'ipv4:192.0.2.1', null),
    ruleId: at.id,
    subject: { kind: 'value' as const, key: 'ipv4:192.0.2.1', label: '192.0.2.1' },
    exercise: null,
    objectRefs: ['indicator--6f1c1f7e-3a0c-4c55-9f0a-0d1b1e2f3a4d'],
    sightingRefs: ['sighting--6f1c1f7e-3a0c-4c55-9f0a-0d1b1e2f3a4e'],
    organisations: 3,
    countries: ['DE', 'EE', 'FR'],
    sectors: [],
    sightings: 3,
    firstSeen: '2026-12-07T10:00:00.000Z',
    lastSeen: '2026-12-07T11:00:00.000Z',
  };
  const o = alertObject(facts, { created: at.created, modified: at.modified, creator: at.creator, tlp: 'amber', community: 'eu' });
  assert.deepEqual(
    validateObject(o).issues.filter((i) => i.severity === 'error'),
    [],
  );
  const drill = alertObject(
    { ...facts, exercise: 'cyber-coalition' },
    { created: at.created, modified: at.modified, creator: at.creator, tlp: 'amber', community: 'eu' },
  );
  assert.equal((drill['object_marking_refs'] as string[]).length, 2);
  assert.equal(validateObject({ ...o, last_seen: '2026-12-01T00:00:00.000Z' }).ok, false);
});

test("only coordinators of the rule's community, or node administrators, manage its rules", () => {
  const user = (roles: ('coordinator' | 'analyst' | 'admin')[], communities: string[]): RuleManager => ({
    kind: 'user',
    user: { roles },
    org: { id: 'identity--o', communities },
    scope: 'read-write',
  });
  assert.equal(mayManageRules(user(['coordinator'], ['eu']), 'eu'), true);
  assert.equal(mayManageRules(user(['coordinator'], ['nato']), 'eu'), false);
  assert.equal(mayManageRules(user(['analyst'], ['eu']), 'eu'), false);
  assert.equal(mayManageRules(user(['admin'], []), 'eu'), true);
  assert.equal(mayManageRules(CLI, 'eu'), true);
});
